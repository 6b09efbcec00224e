"""The data build script (data/build.py) loaded by its path, for the tests of more than one folder.

Loaded by path, not `import build`: the test environment also holds the PyPA `build` package
(tests/cli/test_packaging.py uses it), and which of the two a bare import finds depends on order.
"""

from __future__ import annotations

import functools
import importlib.util
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "data"

sys.path.insert(0, str(DATA))  # build.py imports its neighbours (geo, gazetteer) by name


def _load_build():
    spec = importlib.util.spec_from_file_location("cityrank_data_build", DATA / "build.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


build = _load_build()


@functools.cache
def gazetteer_world() -> tuple[Any, Any]:
    """The build's gazetteer and its GeoNames places, loaded once per test process.

    Loading them takes seconds; tests/unit/test_build.py and test_admin_links.py only read them,
    so a worker that runs tests of both loads them once.
    """
    from gazetteer import Countries, Gazetteer
    from geo import GeoNames, country_table

    countries = Countries.from_table(country_table())
    geonames = GeoNames.load()
    return Gazetteer.load(countries, geonames, DATA / "cities.csv"), geonames
