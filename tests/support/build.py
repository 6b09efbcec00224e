"""Helpers shared by the test_build tests of more than one folder."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


DATA = ROOT / "data"


sys.path.insert(0, str(DATA))
