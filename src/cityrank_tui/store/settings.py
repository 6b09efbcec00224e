"""config.toml: theme, key remappings and defaults. Invalid values are reported and ignored."""

from __future__ import annotations

from dataclasses import dataclass, field

from . import paths, tomlfile

DEFAULT_THEME = "textual-dark"
KNOWN_KEYS = ("schema_version", "theme", "keys", "start_tab")


@dataclass
class Settings:
    theme: str = DEFAULT_THEME
    keys: dict[str, str] = field(
        default_factory=dict
    )  # binding id -> key(s), e.g. {"search": "slash,f", "bookmarks.note": "N"}
    start_tab: str | None = None
    warnings: list[str] = field(default_factory=list)


def _key_text(key: str) -> bool:
    """Key names are printable ASCII ("ctrl+f,slash"): no control character reaches the footer."""
    return key.isascii() and key.isprintable()


def _flat(keys: dict[str, object]) -> list[tuple[str, object]]:
    """`bookmarks.note = "N"` under [keys] (or a [keys.bookmarks] table) is the id "bookmarks.note"."""
    out: list[tuple[str, object]] = []
    for name, value in keys.items():
        if isinstance(value, dict):
            out += [(f"{name}.{inner}", key) for inner, key in _flat(value)]
        else:
            out.append((name, value))
    return out


def load(
    known_binding_ids: set[str] | None = None,
    themes: set[str] | None = None,
    index_ids: set[str] | None = None,
) -> Settings:
    result = tomlfile.read(paths.config_file())
    settings = Settings()
    if result.warning:
        settings.warnings.append(result.warning)
    data = result.data
    for key in data:
        if key not in KNOWN_KEYS:
            settings.warnings.append(
                f"config.toml: unknown setting {key!r} ignored; the settings are: "
                f"{', '.join(KNOWN_KEYS[1:])}."
            )
    theme = data.get("theme")
    if theme is not None:
        if not isinstance(theme, str) or (themes is not None and theme not in themes):
            # One line: the choices are in the palette ("Change theme"), not in a toast.
            settings.warnings.append(
                f"config.toml: unknown theme {theme!r}; using {DEFAULT_THEME} "
                "(themes: palette, Change theme)."
            )
        else:
            settings.theme = theme
    keys = data.get("keys", {})
    if not isinstance(keys, dict):
        settings.warnings.append(
            'config.toml: [keys] must be a table of binding id = "key"; ignored.'
        )
        keys = {}
    for binding_id, value in _flat(keys):
        if not isinstance(value, str) or not value.strip() or not _key_text(value):
            settings.warnings.append(
                f'config.toml: keys.{binding_id} must be a key name such as "f"; ignored.'
            )
        elif known_binding_ids is not None and binding_id not in known_binding_ids:
            settings.warnings.append(
                f"config.toml: keys.{binding_id} is not a command id; ignored."
            )
        else:
            settings.keys[binding_id] = value
    start_tab = data.get("start_tab")
    if start_tab is not None and not isinstance(start_tab, str):
        settings.warnings.append(
            "config.toml: start_tab must be a family or an edition id; ignored."
        )
    elif start_tab is not None and index_ids is not None and start_tab not in index_ids:
        settings.warnings.append(
            f"config.toml: start_tab {start_tab!r} is not a family or an edition; choose one of: "
            f"{', '.join(sorted(index_ids))}. Ignored."
        )
    else:
        settings.start_tab = start_tab
    return settings
