"""The language of a command, chosen before its parser is built, and argparse's words in it.

argparse formats its own words ("usage: ", "positional arguments", "the following arguments
are required: ...") through the module-level `_` and `ngettext` it imported from `gettext`, and
it does so while the parser is built (the group titles, the `-h` help) as well as when it
prints. So the language is read from the command line (`--lang`), then ICTSCORE_LANG, else
Vietnamese, before anything is built; argparse's messages are translated from our catalogue
(their msgids are marked below, so the catalogue holds them), and the help texts of our own
options are translated by walking the finished parser.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from contextvars import ContextVar

from ictscore.formats.message import N_
from ictscore.presentation import i18n

ARGPARSE = (
    N_("usage: "),
    N_("positional arguments"),
    N_("options"),
    N_("show this help message and exit"),
    N_("%(prog)s: error: %(message)s\n"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("the following arguments are required: %s"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("invalid %(type)s value: %(value)r"),
    N_("unrecognized arguments: %s"),
    N_("expected one argument"),
    N_("expected at most one argument"),
    N_("expected at least one argument"),
    N_("expected %s argument"),
    N_("expected %s arguments"),
    N_("not allowed with argument %s"),
    N_("one of the arguments %s is required"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("ignored explicit argument %r"),
    N_("unknown parser %(parser_name)r (choices: %(choices)s)"),
    N_("can't open '%(filename)s': %(error)s"),
    N_("show program's version number and exit"),
)
"""argparse's own messages a user can meet (Python 3.11's wording: a newer Python's new
messages fall back to English until they are added here)."""

_LANG: ContextVar[str] = ContextVar("ictscore_cli_lang", default=i18n.DEFAULT)


def lang_in(argv: Sequence[str]) -> str:
    """`--lang X` (or `--lang=X`) from the command line, else ICTSCORE_LANG, else Vietnamese.

    An unknown X is left to argparse to refuse (in the default language)."""
    for k, arg in enumerate(argv):
        if arg == "--":
            break
        value = None
        if arg == "--lang" and k + 1 < len(argv):
            value = argv[k + 1]
        elif arg.startswith("--lang="):
            value = arg.split("=", 1)[1]
        if value in i18n.LANGS:
            return value
    return i18n.default_lang()


def speak(lang: str) -> None:
    """Make argparse, and the option parsers of our commands, speak `lang` from now on."""
    _LANG.set(lang)
    argparse._ = lambda msgid: i18n.gettext(msgid, lang)  # type: ignore[attr-defined]
    argparse.ngettext = lambda one, many, n: i18n.ngettext(one, many, n, lang)  # type: ignore[attr-defined]


def current() -> str:
    """The language `speak` chose: for messages made while the command line is parsed."""
    return _LANG.get()


def translate_help(parser: argparse.ArgumentParser, lang: str) -> None:
    """Every description and option help of `parser` and its subcommands, in `lang`."""
    for p in _parsers(parser):
        if p.description:
            p.description = i18n.gettext(p.description, lang)
        if p.epilog:
            p.epilog = i18n.gettext(p.epilog, lang)
        for action in p._actions:
            if action.help and action.help is not argparse.SUPPRESS:
                action.help = i18n.gettext(action.help, lang)
            if isinstance(action, argparse._SubParsersAction):
                for choice in action._choices_actions:
                    if choice.help:
                        choice.help = i18n.gettext(choice.help, lang)


def _parsers(parser: argparse.ArgumentParser) -> list[argparse.ArgumentParser]:
    out = [parser]
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub in dict.fromkeys(action.choices.values()):
                out += _parsers(sub)
    return out
