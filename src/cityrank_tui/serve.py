"""`cityrank-tui serve`: the app in a web browser, through textual-serve (the `web` extra).

Each browser tab gets its own app process, started as `python -m cityrank_tui` under Textual's
web driver; it runs as the server's user, with that user's bookmarks, state and files. That is
why the server listens on loopback unless `--public` says otherwise.
"""

from __future__ import annotations

import ipaddress
import shlex
import sys

from .core.errors import UsageError

WEB_DRIVER = "textual.drivers.web_driver:WebDriver"
PUBLIC_WARNING = (
    "cityrank-tui: serving on {host}: every visitor gets a full session running as this user, "
    "with this user's bookmarks, state and imported indexes; serve only on a trusted network."
)


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False  # a host name other than localhost may resolve anywhere


def served_command() -> str:
    """The command each browser session runs: this interpreter, this package."""
    return f"{shlex.quote(sys.executable)} -m cityrank_tui"


def check_host(host: str, public: bool) -> str | None:
    """A warning to print for a public host, None for loopback; UsageError without --public."""
    if is_loopback(host):
        return None
    if not public:
        raise UsageError(
            f"{host} is not a loopback address: add --public to serve beyond this machine "
            "(every visitor gets a full session with this user's files)"
        )
    return PUBLIC_WARNING.format(host=host)


def serve(host: str, port: int, public: bool) -> int:
    warning = check_host(host, public)
    if not 0 < port < 65536:
        raise UsageError(f"--port must be 1 to 65535, not {port}")
    try:
        from textual_serve.server import Server
    except ImportError as exc:
        raise UsageError(
            "serving to a browser needs the web extra: pip install 'cityrank-tui[web]'"
        ) from exc
    if warning:
        print(warning, file=sys.stderr)
    server = Server(served_command(), host=host, port=port, title="cityrank-tui")
    try:
        server.serve()
    except OSError as exc:  # the port is taken, or the address is not this machine's
        raise UsageError(f"cannot serve on {host}:{port}: {exc.strerror or exc}") from exc
    return 0
