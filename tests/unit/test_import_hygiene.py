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


def test_the_imported_index_format_has_one_home_that_needs_no_reader_of_it():
    """store/userindexes.py owns the format; the catalogue and the importer use it, never the
    other way round, so loading the format module loads neither (no import cycle). The
    catalogue loads it where imported indexes are read: not on the first screen's path, which
    is drawn before polars is imported (the format module reads polars' types when loaded)."""
    modules = _modules_after("import cityrank_tui.store.userindexes")
    assert "cityrank_tui.core.catalog" not in modules
    assert "cityrank_tui.core.importer" not in modules
    assert "cityrank_tui.store.userindexes" not in _modules_after(
        "import cityrank_tui.core.catalog"
    )
