"""Shell completion scripts (`cityrank-tui completion bash|zsh|fish`), written from the parser.

The scripts are made from the same argparse parser the commands use, so a new subcommand,
option or format choice completes without editing them. Index ids complete from
`cityrank-tui indexes --format csv` at the moment of completion (imports included); file
arguments complete as files. City names are not completed: there are thousands, most with
spaces.
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass, field

SHELLS = ("bash", "zsh", "fish")
PROG = "cityrank-tui"

# Positional arguments by what they name: index ids are listed at completion time, files
# complete as files; anything else (a city, a watchlist) is left to the user.
INDEX_ARGS = frozenset({"index", "index_a", "index_b"})
FILE_ARGS = frozenset({"file"})
FILE_OPTIONS = frozenset({"--output", "--report"})


@dataclass
class Command:
    """What completes after one (sub)command: its options, their choices, its positionals."""

    path: tuple[str, ...]
    help: str = ""
    options: list[str] = field(default_factory=list)
    option_help: dict[str, str] = field(default_factory=dict)
    choices: dict[str, tuple[str, ...]] = field(default_factory=dict)
    takes_value: set[str] = field(default_factory=set)
    positional: str = ""  # "index", "file" or ""
    positional_choices: tuple[str, ...] = ()
    subcommands: list[Command] = field(default_factory=list)


def _subparsers(
    parser: argparse.ArgumentParser,
) -> argparse._SubParsersAction[argparse.ArgumentParser] | None:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return action
    return None


def describe(
    parser: argparse.ArgumentParser, path: tuple[str, ...] = (), help: str = ""
) -> Command:
    """The parser as a tree of commands (argparse's own records; nothing listed by hand)."""
    command = Command(path, help)
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            continue
        if action.option_strings:
            for flag in action.option_strings:
                if flag.startswith("--"):
                    command.options.append(flag)
                    command.option_help[flag] = _first_line(action.help)
                    if action.nargs != 0:
                        command.takes_value.add(flag)
                    if action.choices:
                        command.choices[flag] = tuple(str(c) for c in action.choices)
        elif action.dest in INDEX_ARGS:
            command.positional = "index"
        elif action.dest in FILE_ARGS:
            command.positional = "file"
        elif action.choices:
            command.positional_choices = tuple(str(c) for c in action.choices)
    sub = _subparsers(parser)
    if sub is not None:
        helps = {a.dest: a.help or "" for a in sub._choices_actions}
        for name, child in sub.choices.items():
            command.subcommands.append(describe(child, (*path, name), _first_line(helps.get(name))))
    return command


def _first_line(text: str | None) -> str:
    return (text or "").split("\n")[0].replace("%%", "%")


def _walk(command: Command) -> list[Command]:
    return [command, *(c for sub in command.subcommands for c in _walk(sub))]


def _words(words: list[str] | tuple[str, ...]) -> str:
    return " ".join(words)


def bash_script(root: Command) -> str:
    """A bash function (zsh loads it through bashcompinit)."""
    cases = []
    for command in _walk(root):
        key = _words(command.path) or "-"
        lines = [f'        "{key}")']
        value_cases = []
        for flag in command.options:
            if flag in command.choices:
                value_cases.append(
                    f"                {flag}) "
                    f'COMPREPLY=($(compgen -W "{_words(command.choices[flag])}" -- "$cur")); return ;;'
                )
            elif flag in FILE_OPTIONS:
                value_cases.append(
                    f'                {flag}) COMPREPLY=($(compgen -f -- "$cur")); return ;;'
                )
        free = sorted(
            f for f in command.takes_value if f not in command.choices and f not in FILE_OPTIONS
        )
        if free:  # a value of the user's own (a region, a number): nothing to offer
            value_cases.append(f"                {'|'.join(free)}) return ;;")
        if value_cases:
            lines.append('            case "$prev" in')
            lines.extend(value_cases)
            lines.append("            esac")
        words = [c.path[-1] for c in command.subcommands] + sorted(command.options)
        offer = f'COMPREPLY=($(compgen -W "{_words(words)}" -- "$cur"))'
        if command.positional == "index":
            ids = "$(command cityrank-tui indexes --format csv 2>/dev/null | tail -n +2 | cut -d, -f1)"
            lines.append(f'            if [[ "$cur" == -* ]]; then {offer}; return; fi')
            lines.append(f'            COMPREPLY=($(compgen -W "{ids}" -- "$cur")) ;;')
        elif command.positional == "file":
            lines.append(f'            if [[ "$cur" == -* ]]; then {offer}; return; fi')
            lines.append('            COMPREPLY=($(compgen -f -- "$cur")) ;;')
        else:
            words += list(command.positional_choices)
            lines.append(f'            COMPREPLY=($(compgen -W "{_words(words)}" -- "$cur")) ;;')
        cases.append("\n".join(lines))
    steps = [
        f'        if [ -z "$path" ]; then\n'
        f'            case " {_words([c.path[-1] for c in root.subcommands])} " in *" $word "*) '
        f'path="$word" ;; esac'
    ]
    for command in _walk(root)[1:]:
        if command.subcommands:
            steps.append(
                f'        elif [ "$path" = "{_words(command.path)}" ]; then\n'
                f'            case " {_words([c.path[-1] for c in command.subcommands])} " in '
                f'*" $word "*) path="$path $word" ;; esac'
            )
    return f"""# bash completion for {PROG} (made by `{PROG} completion bash`)
_cityrank_tui() {{
    local cur="${{COMP_WORDS[COMP_CWORD]}}" prev="${{COMP_WORDS[COMP_CWORD-1]}}"
    local path="" word i
    # The (sub)command typed so far: the words naming a command, options and values skipped.
    for ((i = 1; i < COMP_CWORD; i++)); do
        word="${{COMP_WORDS[i]}}"
        case "$word" in -*) continue ;; esac
{chr(10).join(steps)}
        fi
    done
    case "${{path:--}}" in
{chr(10).join(cases)}
    esac
}}
complete -o filenames -F _cityrank_tui {PROG}
"""


def zsh_script(root: Command) -> str:
    return (
        f"# zsh completion for {PROG} (made by `{PROG} completion zsh`): bash's, through "
        "bashcompinit\nautoload -U +X bashcompinit && bashcompinit\n" + bash_script(root)
    )


def _fish_text(text: str) -> str:
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"


def fish_script(root: Command) -> str:
    lines = [f"# fish completion for {PROG} (made by `{PROG} completion fish`)"]
    lines.append(f"complete -c {PROG} -f")
    ids = f"(command {PROG} indexes --format csv 2>/dev/null | tail -n +2 | cut -d, -f1)"
    for command in _walk(root):
        if not command.path:
            condition = "__fish_use_subcommand"
        else:
            seen = " ".join(f"; and __fish_seen_subcommand_from {w}" for w in command.path)
            condition = seen.removeprefix("; and ")
            if command.subcommands:
                names = " ".join(c.path[-1] for c in command.subcommands)
                condition += f"; and not __fish_seen_subcommand_from {names}"
        cond = _fish_text(condition)
        for child in command.subcommands:
            lines.append(
                f"complete -c {PROG} -n {cond} -a {child.path[-1]} -d {_fish_text(child.help)}"
            )
        for flag in command.options:
            parts = [f"complete -c {PROG} -n {cond} -l {flag[2:]}"]
            if flag in command.choices:
                parts.append(f"-xa {_fish_text(_words(command.choices[flag]))}")
            elif flag in FILE_OPTIONS:
                parts.append("-rF")
            elif flag in command.takes_value:
                parts.append("-x")
            if command.option_help.get(flag):
                parts.append(f"-d {_fish_text(command.option_help[flag][:80])}")
            lines.append(" ".join(parts))
        if command.positional == "index":
            lines.append(f"complete -c {PROG} -n {cond} -a {_fish_text(ids)}")
        elif command.positional == "file":
            lines.append(f"complete -c {PROG} -n {cond} -F")
        elif command.positional_choices:
            lines.append(
                f"complete -c {PROG} -n {cond} -a {_fish_text(_words(command.positional_choices))}"
            )
    return "\n".join(lines) + "\n"


def script(shell: str, parser: argparse.ArgumentParser) -> str:
    root = describe(parser)
    return {"bash": bash_script, "zsh": zsh_script, "fish": fish_script}[shell](root)
