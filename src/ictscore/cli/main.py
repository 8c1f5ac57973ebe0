"""The `ictscore` command: argument parsing and the one place that turns bad input into exit 2.

Subcommands live in their own modules; each exposes `register(subparsers)` and sets `func` on
its parser. Nothing here imports Textual or the planner: the program (`ictscore.__main__`) hands
`main` a `planner` that opens it, for `ictscore open` and a bare `ictscore` in a terminal.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import sys
from collections.abc import Sequence
from types import ModuleType
from typing import TYPE_CHECKING

from ictscore import __version__
from ictscore.cli.language import current, lang_in, speak, translate_help
from ictscore.formats.errors import InputError, summarise
from ictscore.formats.inputs import forget
from ictscore.presentation import i18n

if TYPE_CHECKING:
    from ictscore.cli.common import Planner

COMMANDS = [
    "compute",
    "change",
    "validate",
    "compare",
    "import",
    "export",
    "report",
    "seek",
    "next",
    "plan",
    "open",
    "history",
    "schema",
]
"""Each is the module ictscore.cli.cmd_<name>, imported only when its command runs (or for
`--help`): planning and reports load numpy and friends, which `compute` does not need."""

EXIT_BAD_INPUT = 2


def _command_module(name: str) -> ModuleType:
    return importlib.import_module(f"ictscore.cli.cmd_{name}")


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The parser; with `argv` naming a command, only that command's module is imported."""
    parser = argparse.ArgumentParser(
        prog="ictscore",
        description="Score an agency against a Vietnamese government ranking (DTI, Vietnam ICT "
        "Index, provincial scorecards) and plan what to improve. With no command, opens the "
        "interactive planner on the bundled example.",
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"ictscore {__version__}",
        help="show program's version number and exit",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    first = next((a for a in argv or () if not a.startswith("-")), None)
    names = [first] if first in COMMANDS else COMMANDS
    for name in names:
        _command_module(name).register(sub)
    from ictscore.cli.common import add_lang

    for command in sub.choices.values():  # --lang on every command, errors included
        if not any("--lang" in a.option_strings for a in command._actions):
            add_lang(command)
    translate_help(parser, current())
    return parser


def _given_twice(parser: argparse.ArgumentParser, argv: Sequence[str]) -> str | None:
    """The first single-valued option that appears twice on the command line, if any."""
    first = next((a for a in argv if not a.startswith("-")), None)
    actions = list(parser._actions)
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction) and first in action.choices:
            actions += action.choices[first]._actions
    seen: dict[str, str] = {}
    for arg in argv:
        if arg == "--":
            break
        flag = arg.split("=", 1)[0]
        # one action per argument: `import -h` names the subcommand's help, not also the
        # top-level one (counting both made every `COMMAND -h` "given twice")
        found = next((a for a in reversed(actions) if flag in a.option_strings), None)
        if found is None or isinstance(
            found,
            argparse._AppendAction | argparse._CountAction | argparse._HelpAction,
        ):
            continue
        key = found.dest
        if key in seen:
            return "/".join(found.option_strings)
        seen[key] = flag
    return None


def main(argv: Sequence[str] | None = None, planner: Planner | None = None) -> int:
    """Run one command; `planner` opens the interactive planner (without it, `open` is refused)."""
    args_in = sys.argv[1:] if argv is None else list(argv)
    forget()  # what an earlier command in this process read is not this one's input
    with contextlib.suppress(AttributeError, ValueError):
        # a message naming a Vietnamese file must not itself fail on a narrow terminal
        sys.stderr.reconfigure(errors="backslashreplace")  # type: ignore[union-attr]
    lang = lang_in(args_in)
    speak(lang)  # argparse's words and our option help, before the parser is built
    parser = build_parser(args_in)
    twice = _given_twice(parser, args_in)
    if twice:
        parser.error(
            i18n.gettext(
                "{option} is given twice: say it once (the second would silently win)",
                lang,
                option=twice,
            )
        )
    args = parser.parse_args(args_in)
    args.planner = planner
    args.lang = getattr(args, "lang", None) or lang
    try:
        if args.command is None:
            return _default(args)
        code: int = args.func(args)
        return code
    except InputError as exc:
        lines = summarise(
            exc.problems,
            show=lambda p: i18n.problem(p, lang),
            say=lambda msgid, **kw: i18n.gettext(msgid, lang, **kw),
        )
        for line in lines:
            print(
                f"{i18n.gettext('error', lang)}: {line}" if not line.startswith(" ") else line,
                file=sys.stderr,
            )
        return EXIT_BAD_INPUT
    except RuntimeError as exc:
        # Path.resolve on Python 3.11 reports a symbolic link loop so, not as an OSError
        if not str(exc).startswith("Symlink loop"):
            raise
        where = str(exc).split(" from ", 1)[-1]
        loop = i18n.gettext("a symbolic link that leads back to itself", lang)
        print(f"{i18n.gettext('error', lang)}: {where}: {loop}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except RecursionError:
        print(
            f"{i18n.gettext('error', lang)}: "
            + i18n.gettext("an input is nested too deeply to be read", lang),
            file=sys.stderr,
        )
        return EXIT_BAD_INPUT
    except OSError as exc:
        if isinstance(exc, BrokenPipeError):
            return 0
        where = exc.filename or "<output>"
        print(f"{i18n.gettext('error', lang)}: {where}: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        print(i18n.gettext("interrupted", lang), file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


def _default(args: argparse.Namespace) -> int:
    from ictscore.cli.cmd_open import run_default

    return run_default(args)
