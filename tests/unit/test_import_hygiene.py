"""The domain never imports Textual, and --version/--help stay light."""

from __future__ import annotations

import pytest

from tests.support.import_hygiene import _modules_after


@pytest.mark.parametrize("package", ["cityrank_tui.core", "cityrank_tui.store"])
def test_domain_layers_never_import_textual(package):
    import importlib
    import pkgutil

    pkg = importlib.import_module(package)
    names = [f"{package}.{m.name}" for m in pkgutil.iter_modules(pkg.__path__)]
    modules = _modules_after("\n".join(f"import {n}" for n in names))
    assert not any(m == "textual" or m.startswith("textual.") for m in modules)
    assert all(n in modules for n in names)
