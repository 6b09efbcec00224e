"""Where the user's files live: platformdirs, overridable with environment variables."""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_config_path, user_data_path, user_state_path

APP = "cityrank-tui"


def config_dir() -> Path:
    """Settings and bookmarks (CITYRANK_CONFIG_DIR overrides)."""
    override = os.environ.get("CITYRANK_CONFIG_DIR")
    return Path(override) if override else user_config_path(APP)


def data_dir() -> Path:
    """Imported indexes (CITYRANK_DATA_DIR overrides)."""
    override = os.environ.get("CITYRANK_DATA_DIR")
    return Path(override) if override else user_data_path(APP)


def state_dir() -> Path:
    """What the app remembers between runs (last tab, filters); losing it is harmless."""
    override = os.environ.get("CITYRANK_STATE_DIR")
    if override:
        return Path(override)
    if os.environ.get("CITYRANK_CONFIG_DIR"):
        return config_dir()
    return user_state_path(APP)


def bookmarks_file() -> Path:
    return config_dir() / "bookmarks.toml"


def config_file() -> Path:
    return config_dir() / "config.toml"


def state_file() -> Path:
    return state_dir() / "state.toml"


def crash_log_file() -> Path:
    """The last unexpected error's details (written only when one happens)."""
    return state_dir() / "crash.log"
