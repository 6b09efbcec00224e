"""The domain never imports Textual, and --version/--help stay light."""

from __future__ import annotations

import subprocess
import sys

import pytest


def _modules_after(code: str) -> set[str]:
    script = f"{code}\nimport sys\nprint('\\n'.join(sys.modules))"
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    return set(result.stdout.split())


@pytest.mark.parametrize("package", ["cityrank_tui.core", "cityrank_tui.store"])
def test_domain_layers_never_import_textual(package):
    import importlib
    import pkgutil

    pkg = importlib.import_module(package)
    names = [f"{package}.{m.name}" for m in pkgutil.iter_modules(pkg.__path__)]
    modules = _modules_after("\n".join(f"import {n}" for n in names))
    assert not any(m == "textual" or m.startswith("textual.") for m in modules)
    assert all(n in modules for n in names)


def test_version_and_help_do_not_import_textual_or_polars():
    code = (
        "import sys\nfrom cityrank_tui.cli import main\n"
        "for args in (['--version'], ['--help']):\n"
        "    try:\n        main(args)\n    except SystemExit:\n        pass"
    )
    modules = _modules_after(code)
    assert "textual" not in modules and "polars" not in modules
