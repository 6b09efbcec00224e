"""polars, imported on first use: the first frame is drawn before polars' import (issue 25).

`install()` puts a stand-in module under the name "polars" in sys.modules: every module's own
`import polars as pl` line binds it, and its first attribute read (`pl.DataFrame`, `pl.col`)
imports the real polars (under its own name in sys.modules from then on), whose names the
stand-in then holds as its own. tui/run.py calls `install()` before importing the app's
modules. A module on the first screen's path must not read `pl.` when it is imported (a dtype
as a default or a constant): polars would be imported there (tests/unit/test_first_screen.py
checks that the first frame is drawn without it). Nor may any module import a polars submodule
at run time (`import polars.selectors`): on one thread while another's first `pl.` read imports
polars, the two import locks can wait on each other and the app hang
(tests/unit/test_import_hygiene.py refuses such a line).
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
import threading
import types
from typing import Any

_lock = threading.Lock()


class _Stand(types.ModuleType):
    """The stand-in: imports polars when a name it does not hold yet is read."""

    def __getattr__(self, name: str) -> Any:
        return getattr(load(), name)


def install() -> None:
    """Make `import polars` lazy in this process, unless polars is imported already."""
    if "polars" in sys.modules:
        return
    spec = importlib.util.find_spec("polars")
    if spec is None:  # not installed: the first use fails as an import would
        return
    stand = _Stand("polars")
    stand.__spec__ = spec  # what `import polars` reads of a module already in sys.modules
    stand.__file__ = spec.origin
    sys.modules["polars"] = stand


def loaded() -> bool:
    """Whether the real polars has been imported in this process."""
    module = sys.modules.get("polars")
    return module is not None and not isinstance(module, _Stand)


def load() -> types.ModuleType:
    """The real polars, imported now if it is not yet. The stand-in, which the modules imported
    before now hold, takes on its names; sys.modules holds polars itself from then on."""
    with _lock:
        stand = sys.modules.get("polars")
        if not isinstance(stand, _Stand):
            return importlib.import_module("polars")
        del sys.modules["polars"]
        try:
            real = importlib.import_module("polars")
        except BaseException:
            sys.modules["polars"] = stand
            raise
        vars(stand).update(vars(real))
        return real
