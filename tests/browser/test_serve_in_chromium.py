"""Opt-in: `cityrank-tui serve` driven by a real browser (Debian's chromium + chromium-driver,
selenium from the `browser` extra). Run with `pytest -m browser -n 0`; the default suite never
selects it (tests/conftest.py) and it is skipped where the tools are missing.

The page's terminal draws on a canvas, so what the app sends is read where the browser receives
it: a script installed before the page's own wraps WebSocket and keeps every frame's text.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.support.web import ESCAPES, SRC

pytestmark = pytest.mark.browser

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
WINDOW = (1200, 760)  # about 120 × 36 cells at textual-serve's font
SCREENSHOT = Path(__file__).resolve().parents[2] / "screenshots" / "serve_chromium.png"

# Every frame the page receives, as text, in window.__frames (binary frames decoded as UTF-8).
RECORD_FRAMES = """
window.__frames = [];
const Native = window.WebSocket;
window.WebSocket = function (...args) {
  const socket = new Native(...args);
  socket.addEventListener("message", (event) => {
    if (typeof event.data === "string") { window.__frames.push(event.data); return; }
    const read = event.data instanceof Blob ? event.data.arrayBuffer() : Promise.resolve(event.data);
    read.then((buffer) => window.__frames.push(new TextDecoder().decode(buffer)));
  });
  return socket;
};
window.WebSocket.prototype = Native.prototype;
Object.assign(window.WebSocket, Native);
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def webdriver_module():
    webdriver = pytest.importorskip("selenium.webdriver", reason="pip install '.[browser]'")
    if not (os.access(CHROMIUM, os.X_OK) and os.access(CHROMEDRIVER, os.X_OK)):
        pytest.skip("needs Debian's chromium and chromium-driver (apt-get install ...)")
    return webdriver


@pytest.fixture
def server(tmp_path):
    port = free_port()
    env = {
        **os.environ,
        "PYTHONPATH": str(SRC),
        "HOME": str(tmp_path),
        "CITYRANK_CONFIG_DIR": str(tmp_path / "config"),
        "CITYRANK_DATA_DIR": str(tmp_path / "data"),
        "CITYRANK_STATE_DIR": str(tmp_path / "state"),
    }
    proc = subprocess.Popen(
        [sys.executable, "-m", "cityrank_tui", "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + 60
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                assert response.status == 200
                break
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                pytest.fail(f"serve did not start: {proc.stderr.read().decode()[-500:]}")
            time.sleep(0.1)  # polling the server's start, bounded by the deadline
    yield url
    proc.terminate()
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        proc.kill()


def test_serve_in_chromium_answers_keys_copies_and_opens_a_source_tab(
    webdriver_module, server, tmp_path
):
    webdriver = webdriver_module
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in (
        "--headless=new",
        "--no-sandbox",  # as root in a container
        "--disable-dev-shm-usage",
        f"--window-size={WINDOW[0]},{WINDOW[1]}",
    ):
        options.add_argument(argument)
    browser = webdriver.Chrome(options=options, service=Service(CHROMEDRIVER))
    try:
        browser.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": RECORD_FRAMES})
        browser.execute_cdp_cmd(
            "Browser.grantPermissions",
            {
                "origin": server.rstrip("/"),
                "permissions": ["clipboardReadWrite", "clipboardSanitizedWrite"],
            },
        )
        browser.get(server)
        wait = WebDriverWait(browser, 60, poll_frequency=0.2)

        def screen_text() -> str:
            frames = browser.execute_script("return window.__frames || []")
            return ESCAPES.sub("", "".join(frames))

        def shown(text: str, since: int = 0):
            return lambda _: text in screen_text()[since:]

        start = browser.find_elements(By.ID, "start")
        if start and start[0].is_displayed():
            start[0].click()
        wait.until(shown("Innovation Cities™ Index 2014"), "the first screen")
        terminal = browser.find_element(By.CSS_SELECTOR, ".textual-terminal")
        terminal.click()
        since = len(screen_text())
        ActionChains(browser).send_keys("3").perform()
        wait.until(shown("Global Innovation Index 2025", since), "3: the GII tab")
        since = len(screen_text())
        ActionChains(browser).send_keys("y").perform()  # the first copy asks the format
        wait.until(shown("Copy as", since), "the copy-format picker")
        ActionChains(browser).send_keys("\ue007").perform()  # Enter: CSV
        wait.until(shown("to the browser clipboard", since), "the copy's message")
        read_clipboard = (
            "const done = arguments[arguments.length - 1];"
            "navigator.clipboard.readText().then(done, (e) => done('refused: ' + e));"
        )
        clipboard = browser.execute_async_script(read_clipboard)
        assert clipboard.startswith("index,rank,name,"), clipboard[:200]
        assert "Shenzhen" in clipboard.splitlines()[1] and "WIPO" in clipboard
        # O: the row's source in a new browser tab (GII 2025's first row names several: pick one)
        since = len(screen_text())
        ActionChains(browser).send_keys("O").perform()
        wait.until(shown("Open which source of", since), "the sources picker")
        ActionChains(browser).send_keys("\ue007").perform()
        wait.until(lambda b: len(b.window_handles) == 2, "a second browser tab")
        browser.switch_to.window(browser.window_handles[1])
        wait.until(lambda b: b.current_url != "about:blank", "the tab's address")
        assert browser.current_url.startswith("https://www.wipo.int/")
        browser.close()
        browser.switch_to.window(browser.window_handles[0])
        browser.save_screenshot(str(tmp_path / "serve.png"))
        assert (tmp_path / "serve.png").stat().st_size > 10_000
        if os.environ.get("CITYRANK_BROWSER_SCREENSHOT"):  # the README's picture
            SCREENSHOT.parent.mkdir(exist_ok=True)
            shutil.copyfile(tmp_path / "serve.png", SCREENSHOT)
    finally:
        browser.quit()
