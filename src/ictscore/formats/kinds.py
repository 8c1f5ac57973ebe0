"""What a file says it is: the top-level `kind` and `version` keys that every file format shares.

Both are optional, so files written before they existed still load, and `ictscore validate`
guesses the kind of a file without one from its content. A file that names another kind, or a
version this ictscore does not know, is refused before its other keys are read: checked against
the wrong model, a scenario would get a dozen complaints about keys that are right where they
belong, and the one complaint that matters would be lost among them.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, Final

from pydantic import BeforeValidator

from ictscore import __version__
from ictscore.formats.errors import InputError, ProblemCollector, did_you_mean
from ictscore.formats.message import N_
from ictscore.formats.tomlfile import format_loc, locate

KINDS = {
    "criteria": N_("a criteria file"),
    "scenario": N_("a scenario"),
    "data": N_("a data file"),
    "entities": N_("an entity list"),
}
"""Each kind a file may declare, with how messages name a file of that kind."""

VERSION: Final = 1
"""The format version this ictscore writes and reads; a format change that old files cannot
follow raises it, so that an old ictscore refuses a new file instead of misreading it."""

VERSIONS = (VERSION,)

VERSION_DESCRIPTION = (
    f"Version of the file format; this ictscore reads version {VERSION}. Optional: a file "
    "without it is read as the current version."
)


def kind_description(kind: str) -> str:
    """The schema description of the `kind` key of a file of `kind`."""
    return (
        f'What this file is: "{kind}". Optional; when present, a file of another kind is '
        "refused with one clear message, and `ictscore validate` uses it instead of guessing."
    )


def kind_problem(value: object, expected: str | None = None) -> str | None:
    """What is wrong with a `kind` value, or None; `expected` None accepts every known kind."""
    if not isinstance(value, str):
        return N_(
            "kind must be one of {kinds}, in quotes (got {value!r})", kinds=_listed(), value=value
        )
    if value not in KINDS:
        return N_(
            "unknown kind '{value}'{hint}: a file's kind is one of {kinds}",
            value=value,
            hint=did_you_mean(value, KINDS),
            kinds=_listed(),
        )
    if expected is not None and value != expected:
        return N_(
            'kind = "{value}" says this is {said}, but {expected} is expected here',
            value=value,
            said=KINDS[value],
            expected=KINDS[expected],
        )
    return None


def version_problem(value: object) -> str | None:
    """What is wrong with a `version` value, or None."""
    if isinstance(value, bool) or not isinstance(value, int):
        return N_(
            "version must be a whole number ({version}), got {value!r}",
            version=VERSION,
            value=value,
        )
    if value not in VERSIONS:
        return N_(
            "unknown version {value}: ictscore {ours} reads version {versions} (a newer "
            "ictscore may read this file)",
            value=value,
            ours=__version__,
            versions=", ".join(map(str, VERSIONS)),
        )
    return None


def _listed() -> str:
    return ", ".join(KINDS)


def kind_check(expected: str) -> BeforeValidator:
    """The validator of a model's `kind` field: the same words as `check_header`."""

    def check(value: object) -> object:
        problem = kind_problem(value, expected)
        if problem:
            raise ValueError(problem)
        return value

    return BeforeValidator(check)


def _version(value: object) -> object:
    problem = version_problem(value)
    if problem:
        raise ValueError(problem)
    return value


version_check = BeforeValidator(_version)
"""The validator of a model's `version` field (a bool is not 1, an unknown version is named)."""


def check_header(
    path: Path,
    data: Mapping[str, Any],
    text: str,
    expected: str,
    prefix: tuple[str, ...] = (),
) -> None:
    """Refuse a file (or an inline table at `prefix`) that is of another kind or version."""
    pc = ProblemCollector()
    checks: tuple[tuple[str, Callable[[object], str | None]], ...] = (
        ("kind", lambda v: kind_problem(v, expected)),
        ("version", version_problem),
    )
    for key, problem_of in checks:
        if key in data:
            problem = problem_of(data[key])
            if problem:
                loc = (*prefix, key)
                pc.add(path, problem, format_loc(loc), locate(text, loc))
    pc.raise_if_any()


def declared_kind(path: Path, data: Mapping[str, Any], text: str) -> str | None:
    """The kind a file declares, None when it declares none; InputError for an unknown kind."""
    if "kind" not in data:
        return None
    value = data["kind"]
    problem = kind_problem(value)
    if problem:
        raise InputError.one(path, problem, "kind", locate(text, ("kind",)))
    assert isinstance(value, str)
    return value
