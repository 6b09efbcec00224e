"""The land bitmap of the world map (`cityrank-tui map`, `g` in the app): land.parquet.

Source: the `global-land-mask` package (MIT licence, Todd Karin), which ships the land/sea mask
of NOAA's GLOBE digital elevation model (30 arc-seconds, about 1 km) as one compressed NumPy
array. Here each 0.25° cell is land when at least half of its GLOBE points are land (lakes count
as land, as in GLOBE). Build-time only (the `build` extra): the app reads the Parquet.

The package's own module loads the whole mask (933 MB) on import; this reads the array from the
package's file a band of rows at a time, so the build stays small in memory.
"""

from __future__ import annotations

import importlib.util
import zipfile
from pathlib import Path

import polars as pl

RESOLUTION = 0.25  # degrees per cell (the app reads it from the row count: 180 / rows)
MASK_FILE = "globe_combined_mask_compressed.npz"
SOURCE = "global-land-mask 1.0.0 (MIT), NOAA GLOBE land/sea mask"


def mask_path() -> Path:
    spec = importlib.util.find_spec("global_land_mask")
    if spec is None or not spec.submodule_search_locations:
        raise OSError("the global-land-mask package is not installed (pip install -e '.[build]')")
    return Path(next(iter(spec.submodule_search_locations))) / MASK_FILE


def land_rows(path: Path | None = None) -> list[bytes]:
    """One bit-packed row per band of RESOLUTION degrees, north to south; bit 7 of byte 0 is the
    cell just east of 180°W."""
    import numpy as np
    from numpy.lib import format as npformat

    with zipfile.ZipFile(path or mask_path()) as archive, archive.open("mask.npy") as handle:
        version = npformat.read_magic(handle)
        if version == (1, 0):
            shape, fortran, dtype = npformat.read_array_header_1_0(handle)
        else:
            shape, fortran, dtype = npformat.read_array_header_2_0(handle)
        height, width = shape
        step = round(height / (180 / RESOLUTION))  # GLOBE points per cell side (30)
        if fortran or dtype != np.bool_ or step * 180 / RESOLUTION != height or width != 2 * height:
            raise ValueError(f"unexpected land mask layout: {shape} {dtype} fortran={fortran}")
        rows = []
        for _ in range(height // step):
            band = np.frombuffer(handle.read(step * width), dtype=np.uint8)
            ocean = band.reshape(step, width // step, step).sum(axis=(0, 2))
            land = ocean * 2 <= step * step  # True where at least half the points are land
            rows.append(np.packbits(land).tobytes())
    return rows


def write_land(path: Path) -> None:
    rows = land_rows()
    frame = pl.DataFrame(
        {
            "north": [90 - i * RESOLUTION for i in range(len(rows))],
            "bits": rows,
        },
        schema={"north": pl.Float64, "bits": pl.Binary},
    )
    frame.write_parquet(path, compression="zstd", compression_level=19)
