"""The domain never imports Textual, and --version/--help stay light."""

from __future__ import annotations

from tests.support.import_hygiene import _modules_after


def test_version_and_help_do_not_import_textual_or_polars():
    code = (
        "import sys\nfrom cityrank_tui.cli import main\n"
        "for args in (['--version'], ['--help']):\n"
        "    try:\n        main(args)\n    except SystemExit:\n        pass"
    )
    modules = _modules_after(code)
    assert "textual" not in modules and "polars" not in modules
