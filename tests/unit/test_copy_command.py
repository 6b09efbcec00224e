"""copy_command runs in bounded time: a program that never ends is stopped, and said so."""

from __future__ import annotations

import sys
import time

from cityrank_tui.tui.clipboard import run_command


def test_a_copy_command_that_hangs_is_stopped_in_bounded_time():
    started = time.monotonic()
    problem = run_command((sys.executable, "-c", "import time; time.sleep(60)"), "x", timeout=0.5)
    assert problem == "did not finish in 0.5 s and was stopped"
    assert time.monotonic() - started < 10


def test_a_command_whose_child_keeps_the_clipboard_is_not_waited_for():
    # xclip and wl-copy fork a child that holds the selection (and any inherited pipe) open
    child = "import subprocess, sys; subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(30)']); sys.stdin.read()"
    started = time.monotonic()
    assert run_command((sys.executable, "-c", child), "text", timeout=10) is None
    assert time.monotonic() - started < 8
