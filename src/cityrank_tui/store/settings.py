"""config.toml: theme, key remappings and defaults. Invalid values are reported and ignored."""

from __future__ import annotations

import shlex
from dataclasses import dataclass, field

from . import paths, tomlfile

DEFAULT_THEME = "textual-dark"
KNOWN_KEYS = ("schema_version", "theme", "keys", "start_tab", "copy_format", "copy_command")
# What y / Y copy as (core.render.COPY_FORMATS; named here so that settings import no polars).
COPY_FORMAT_NAMES = ("csv", "tsv", "md")
COPY_COMMAND_LIMIT = 1_000  # characters: a command line, not a file


@dataclass
class Settings:
    theme: str = DEFAULT_THEME
    keys: dict[str, str] = field(
        default_factory=dict
    )  # binding id -> key(s), e.g. {"search": "slash,f", "bookmarks.note": "N"}
    start_tab: str | None = None
    # y / Y's format when none was picked in the app; None: the first copy asks.
    copy_format: str | None = None
    # A program that takes the copied text on its stdin (["wl-copy"]), run without a shell,
    # instead of the terminal's clipboard (OSC 52). Empty: the terminal's clipboard.
    copy_command: tuple[str, ...] = ()
    warnings: list[str] = field(default_factory=list)


def copy_command_problem(value: object) -> tuple[tuple[str, ...], str | None]:
    """copy_command split as a shell would (shlex, never run by one), or why it cannot be used."""
    if not isinstance(value, str) or not value.strip():
        return (), 'must be a command line such as "wl-copy" or "xclip -selection clipboard"'
    if len(value) > COPY_COMMAND_LIMIT or not value.isprintable():
        return (), f"must be one printable line of at most {COPY_COMMAND_LIMIT:,} characters"
    try:
        return tuple(shlex.split(value)), None
    except ValueError as exc:  # an unclosed quote
        return (), f"cannot be split into words ({exc})"


def _key_text(key: str) -> bool:
    """Key names are printable ASCII ("ctrl+f,slash"): no control character reaches the footer."""
    return key.isascii() and key.isprintable()


# `[keys]` ids are at most `screen.command` deep; a deeper table is refused, not walked
# (a 1,500-level dotted id made the walk exceed Python's recursion limit).
MAX_KEY_DEPTH = 3
# Warnings about unknown ids: a few named, the rest counted (10,000 of them were 10,000 toasts).
MAX_NAMED = 3


def _flat(keys: dict[str, object]) -> tuple[list[tuple[str, object]], list[str]]:
    """`bookmarks.note = "N"` under [keys] (or a [keys.bookmarks] table) is the id "bookmarks.note".
    Also the ids of tables nested deeper than MAX_KEY_DEPTH (skipped)."""
    out: list[tuple[str, object]] = []
    too_deep: list[str] = []
    todo: list[tuple[str, dict[str, object], int]] = [("", keys, 1)]
    while todo:
        prefix, table, depth = todo.pop(0)
        for name, value in table.items():
            full = f"{prefix}{name}"
            if isinstance(value, dict):
                if depth >= MAX_KEY_DEPTH - 1 and value:
                    too_deep.append(full)
                else:
                    todo.append((f"{full}.", value, depth + 1))
            else:
                out.append((full, value))
    return out, too_deep


def key_problem(value: object) -> bool:
    """True unless `value` is a key, or keys separated by commas ("ctrl+f,slash"), none empty."""
    if not isinstance(value, str) or not value.strip() or not _key_text(value):
        return True
    return not all(part.strip() for part in value.split(","))


def _named(ids: list[str]) -> str:
    shown = ", ".join(f"keys.{i[:40]}" for i in ids[:MAX_NAMED])
    return shown + (f" and {len(ids) - MAX_NAMED:,} more" if len(ids) > MAX_NAMED else "")


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
    flat, too_deep = _flat(keys)
    malformed: list[str] = []
    unknown: list[str] = list(too_deep)
    for binding_id, value in flat:
        if key_problem(value):
            malformed.append(binding_id)
        elif known_binding_ids is not None and binding_id not in known_binding_ids:
            unknown.append(binding_id)
        else:
            settings.keys[binding_id] = str(value)
    if malformed:
        settings.warnings.append(
            f'config.toml: {_named(malformed)} must be a key name such as "f" (several: '
            '"f,slash"); ignored, the default kept.'
        )
    if unknown:
        settings.warnings.append(
            f"config.toml: {_named(unknown)} {'is' if len(unknown) == 1 else 'are'} not a "
            "command id; ignored."
        )
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
    copy_format = data.get("copy_format")
    if copy_format is not None:
        if copy_format in COPY_FORMAT_NAMES:
            settings.copy_format = copy_format
        else:
            settings.warnings.append(
                f"config.toml: copy_format must be one of {', '.join(COPY_FORMAT_NAMES)}; "
                "ignored (the first copy asks)."
            )
    if "copy_command" in data:
        argv, problem = copy_command_problem(data["copy_command"])
        if problem:
            settings.warnings.append(
                f"config.toml: copy_command {problem}; ignored (copies go through the terminal)."
            )
        else:
            settings.copy_command = argv
    return settings
