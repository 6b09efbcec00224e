"""The CLI under a non-UTF-8 stdout: one real process per encoding runs every command of the test.

Each command runs in that process as `cityrank-tui ARGS` would: `main(ARGS)` with stdout and
stderr on pipes of their own, encoded as the process's own streams are (PYTHONIOENCODING sets
the encoding: strict on stdout, backslashreplace on stderr). What each command wrote, its exit
code and any exception that escaped main() (as the traceback Python would print) come back to
the test. A process start costs a second of CPU; one per encoding instead of one per command.
"""

from __future__ import annotations

import base64
import json
import os
import subprocess
import sys
from pathlib import Path

from tests.support.hostile_terminal import TIMEOUT

CHILD = r"""
import base64, io, json, os, sys, threading, traceback
from cityrank_tui.cli import main

def drain(fd, into):
    with os.fdopen(fd, "rb") as pipe:
        into.append(pipe.read())

results = []
for args in json.loads(sys.argv[1]):
    real = sys.stdout, sys.stderr
    streams, readers, got = [], [], []
    for like, line_buffering in ((real[0], False), (real[1], True)):
        read_end, write_end = os.pipe()
        into = []
        reader = threading.Thread(target=drain, args=(read_end, into))
        reader.start()
        got.append(into)
        readers.append(reader)
        streams.append(io.TextIOWrapper(
            os.fdopen(write_end, "wb"), encoding=like.encoding, errors=like.errors,
            line_buffering=line_buffering,
        ))
    sys.stdout, sys.stderr = streams
    try:
        try:
            code = main(args)
        finally:
            sys.stdout.flush()  # as at exit: an unencodable character left in the buffer fails here
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 1
    except BaseException:
        traceback.print_exc(file=streams[1])
        code = 1
    finally:
        sys.stdout, sys.stderr = real
        for stream in streams:
            try:
                stream.close()
            except Exception:  # shown on the process's stderr, which the test requires empty
                traceback.print_exc()
        for reader in readers:
            reader.join()
    results.append({
        "code": code,
        "stdout": base64.b64encode(got[0][0]).decode("ascii"),
        "stderr": base64.b64encode(got[1][0]).decode("ascii"),
    })
sys.stdout.buffer.write(json.dumps(results).encode("ascii"))
"""

_DONE: dict[tuple[str, tuple[tuple[str, ...], ...]], list[subprocess.CompletedProcess]] = {}


def outputs_under(
    encoding: str, commands: list[tuple[str, ...]], folder: Path
) -> list[subprocess.CompletedProcess]:
    """Every command's (exit code, stdout bytes, stderr bytes) under PYTHONIOENCODING=encoding,
    from one process per encoding and test process (the commands only read, in empty user
    folders of their own under `folder`)."""
    key = (encoding, tuple(commands))
    if key not in _DONE:
        env = {**os.environ, "PYTHONIOENCODING": encoding}
        for name in ("CONFIG", "DATA", "STATE"):
            env[f"CITYRANK_{name}_DIR"] = str(folder / name.lower())
        proc = subprocess.run(
            [sys.executable, "-c", CHILD, json.dumps(commands)],
            capture_output=True,
            env=env,
            timeout=TIMEOUT,
            check=False,
        )
        assert proc.returncode == 0 and proc.stderr == b"", proc.stderr.decode(errors="replace")
        _DONE[key] = [
            subprocess.CompletedProcess(
                args, r["code"], base64.b64decode(r["stdout"]), base64.b64decode(r["stderr"])
            )
            for args, r in zip(commands, json.loads(proc.stdout), strict=True)
        ]
    return _DONE[key]
