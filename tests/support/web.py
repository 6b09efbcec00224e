"""The app under Textual's web driver, as `cityrank-tui serve` runs it for each browser tab:
packets over pipes (b"D" + 4-byte length + terminal output; b"M" + length + JSON meta), no TTY."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import threading
import time
from pathlib import Path

WEB_DRIVER = "textual.drivers.web_driver:WebDriver"
SRC = Path(__file__).resolve().parents[2] / "src"
# Escape sequences the driver wraps text in (CSI, OSC, and two-byte ESC sequences)
ESCAPES = re.compile(
    r"\x1b\[[0-9;?<>=$ ]*[A-Za-z~]|\x1b\][^\x07\x1b]*(\x07|\x1b\\)|\x1b[()][A-Z0-9]|\x1b."
)


def packet(kind: bytes, payload: bytes) -> bytes:
    return kind + len(payload).to_bytes(4, "big") + payload


class WebSession:
    """One app process as a browser tab sees it; `wait_for` reads its frames, `keys` types."""

    def __init__(self, env: dict[str, str] | None = None, width: int = 100, height: int = 30):
        environment = {
            **os.environ,
            **(env or {}),
            "TEXTUAL_DRIVER": WEB_DRIVER,
            "COLUMNS": str(width),
            "ROWS": str(height),
            "PYTHONPATH": str(SRC),
        }
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "cityrank_tui"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=environment,
        )
        self.output = ""  # terminal output received so far, escapes removed
        self.meta: list[dict[str, object]] = []
        self.started = False
        self._lock = threading.Lock()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()
        self.send_meta({"type": "resize", "width": width, "height": height})

    def _read(self) -> None:
        stdout = self.proc.stdout
        assert stdout is not None
        for _ in range(10):  # the driver's prelude line, as textual-serve waits for it
            line = stdout.readline()
            if not line or line == b"__GANGLION__\n":
                self.started = bool(line)
                break
        while True:
            head = stdout.read(5)
            if len(head) < 5:
                return
            payload = stdout.read(int.from_bytes(head[1:], "big"))
            with self._lock:
                if head[:1] == b"D":
                    self.output += ESCAPES.sub("", payload.decode("utf-8", "replace"))
                elif head[:1] == b"M":
                    self.meta.append(json.loads(payload))

    def send_meta(self, data: dict[str, object]) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write(packet(b"M", json.dumps(data).encode()))
        self.proc.stdin.flush()

    def keys(self, text: str) -> None:
        """Bytes as the browser's terminal sends them for typed keys."""
        assert self.proc.stdin is not None
        self.proc.stdin.write(packet(b"D", text.encode()))
        self.proc.stdin.flush()

    def mark(self) -> int:
        """Where the output ends now: `wait_for(..., since=mark)` looks only at what came after."""
        with self._lock:
            return len(self.output)

    def wait_for(self, text: str, since: int = 0, timeout: float = 60.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self._lock:
                if text in self.output[since:]:
                    return
            if self.proc.poll() is not None:
                break
            time.sleep(0.05)
        err = (
            self.proc.stderr.read().decode(errors="replace") if self.proc.poll() is not None else ""
        )
        raise AssertionError(
            f"{text!r} never showed (exit code {self.proc.poll()}); stderr: {err[-2000:]!r}; "
            f"last output: {self.output[-500:]!r}"
        )

    def quit(self, timeout: float = 30.0) -> int:
        if self.proc.poll() is None:
            self.send_meta({"type": "quit"})
        try:
            return self.proc.wait(timeout=timeout)
        finally:
            if self.proc.poll() is None:
                self.proc.kill()
                self.proc.wait()
