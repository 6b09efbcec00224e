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
    is drawn before polars is imported."""
    modules = _modules_after("import cityrank_tui.store.userindexes")
    assert "cityrank_tui.core.catalog" not in modules
    assert "cityrank_tui.core.importer" not in modules
    assert "cityrank_tui.store.userindexes" not in _modules_after(
        "import cityrank_tui.core.catalog"
    )


def _runtime_polars_submodule_imports(source: str) -> list[int]:
    """Lines of `import polars.x` / `from polars.x import y` run when the module runs (not
    under `if TYPE_CHECKING:`)."""
    import ast

    tree = ast.parse(source)
    typing_only: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            typing_only.update(id(n) for inner in node.body for n in ast.walk(inner))
    found = []
    for node in ast.walk(tree):
        if id(node) in typing_only:
            continue
        if isinstance(node, ast.Import) and any(a.name.startswith("polars.") for a in node.names):
            found.append(node.lineno)
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("polars."):
            found.append(node.lineno)
    return found


def test_the_seeker_finds_runtime_polars_submodule_imports_only():
    source = (
        "from typing import TYPE_CHECKING\n"
        "import polars as pl\n"
        "if TYPE_CHECKING:\n"
        "    from polars.datatypes import DataTypeClass\n"
        "def f():\n"
        "    import polars.selectors as cs\n"
        "    from polars.exceptions import PolarsError\n"
        "    from polars import col\n"
    )
    assert _runtime_polars_submodule_imports(source) == [6, 7]


def test_no_module_imports_a_polars_submodule_at_run_time():
    """The app binds a stand-in for polars until first use (core/lazypolars.py). A submodule
    import (`import polars.selectors`) on one thread while another thread's first `pl.` read
    imports polars can deadlock on the two import locks: the app would hang. Every use goes
    through `import polars as pl` (or `from polars import name`) instead."""
    from pathlib import Path

    import cityrank_tui

    root = Path(cityrank_tui.__file__).parent
    found = {
        str(path.relative_to(root)): lines
        for path in sorted(root.rglob("*.py"))
        if (lines := _runtime_polars_submodule_imports(path.read_text(encoding="utf-8")))
    }
    assert found == {}
