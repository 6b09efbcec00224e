"""The app in a browser: `python -m cityrank_tui` under Textual's web driver (what `serve` runs
for each browser tab), and `cityrank-tui serve` end to end over a loopback port."""

from __future__ import annotations

import asyncio
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import aiohttp
import pytest

from cityrank_tui.cli import main
from tests.support.web import SRC, WebSession

FIRST_SCREEN = "Innovation Cities™ Index 2014 · 2thinknow"  # the first start opens ICI 2014


def test_the_app_runs_under_the_web_driver_and_answers_a_key():
    """Before, the app saw pipes instead of a terminal and exited 2 at once: the browser stayed
    on textual-serve's splash. `3` opens the third tab, GII's latest edition."""
    session = WebSession()
    try:
        session.wait_for(FIRST_SCREEN)
        assert session.started
        since = session.mark()
        session.keys("3")
        session.wait_for("Global Innovation Index 2025", since=since)
    finally:
        assert session.quit() == 0


def test_an_export_in_a_browser_session_is_a_download_not_a_server_path(tmp_path):
    """`e` then Enter (CSV): the file is offered to the browser; no path box shows the server's
    folders and nothing is written where the server runs."""
    session = WebSession(env={"HOME": str(tmp_path)})
    try:
        session.wait_for(FIRST_SCREEN)
        session.keys("e")
        session.wait_for("Export the view as")
        since = session.mark()
        session.keys("\r")
        session.wait_for("ici-2014-view.csv", since=since)  # the toast names the download
        starts = [m for m in session.meta if m.get("type") == "deliver_file_start"]
        assert len(starts) == 1 and Path(str(starts[0]["path"])).name == "ici-2014-view.csv"
        assert "Export 151 rows" not in session.output  # the path dialog never opened
    finally:
        session.quit()
    assert not list(Path.cwd().glob("ici-2014-view.*"))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


async def browse(port: int) -> tuple[str, str, bytes]:
    """As the browser page does: the index page, then the app over the websocket; `3` opens a
    tab; `e` Enter exports the view, fetched from the download URL the server names."""
    base = f"http://127.0.0.1:{port}"
    async with aiohttp.ClientSession() as http:
        deadline = time.monotonic() + 60
        while True:
            try:
                async with http.get(base + "/") as response:
                    page = await response.text()
                    break
            except aiohttp.ClientConnectionError:
                if time.monotonic() > deadline:
                    raise
                await asyncio.sleep(0.1)
        screen = ""
        download = b""
        async with http.ws_connect(base + "/ws?width=100&height=30") as ws:

            async def until(text: str) -> None:
                nonlocal screen, download
                async with asyncio.timeout(60):
                    while text not in screen:
                        message = await ws.receive()
                        if message.type == aiohttp.WSMsgType.BINARY:
                            screen += message.data.decode("utf-8", "replace")
                        elif message.type == aiohttp.WSMsgType.TEXT:
                            kind, key = message.json()[:2]
                            if kind == "deliver_file_start":
                                async with http.get(f"{base}/download/{key}") as response:
                                    download = await response.read()
                                screen += "\x00downloaded\x00"
                        else:
                            raise AssertionError(f"the websocket closed: {message!r}")

            await until("2thinknow")
            await ws.send_json(["stdin", "3"])
            await until("Global Innovation Index 2025")
            await ws.send_json(["stdin", "e"])
            await until("Export the view as")
            await ws.send_json(["stdin", "\r"])
            await until("\x00downloaded\x00")
        return page, screen, download


def test_serve_on_a_loopback_port_runs_the_app_and_delivers_an_export(tmp_path):
    port = free_port()
    env = {
        **os.environ,
        "PYTHONPATH": str(SRC),
        "CITYRANK_CONFIG_DIR": str(tmp_path / "config"),
        "CITYRANK_DATA_DIR": str(tmp_path / "data"),
        "CITYRANK_STATE_DIR": str(tmp_path / "state"),
    }
    server = subprocess.Popen(
        [sys.executable, "-m", "cityrank_tui", "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    try:
        page, screen, download = asyncio.run(asyncio.wait_for(browse(port), 180))
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
    assert "cityrank-tui" in page
    assert "Global Innovation Index 2025" in screen
    text = download.decode("utf-8")
    lines = text.splitlines()
    assert lines[0].startswith("index,rank,name,") and lines[1].startswith("gii-2025,1,")
    assert "WIPO" in text  # the attribution travels with the rows


@pytest.mark.parametrize("host", ["0.0.0.0", "192.0.2.7", "example.org"])
def test_a_host_beyond_loopback_needs_public(host, capsys):
    assert main(["serve", "--host", host]) == 2
    err = capsys.readouterr().err
    assert "not a loopback address" in err and "--public" in err and err.count("\n") == 1


def test_loopback_hosts_are_recognised():
    from cityrank_tui.serve import check_host

    for host in ("127.0.0.1", "localhost", "::1", "[::1]", "127.8.0.1"):
        assert check_host(host, public=False) is None
    warning = check_host("0.0.0.0", public=True)
    assert warning and "trusted network" in warning


def test_python_m_cityrank_tui_is_the_command():
    done = subprocess.run(
        [sys.executable, "-m", "cityrank_tui", "--version"],
        env={**os.environ, "PYTHONPATH": str(SRC)},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0 and done.stdout.startswith("cityrank-tui ")
