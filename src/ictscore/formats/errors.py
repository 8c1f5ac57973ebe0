"""One error type for every bad input, so each face can report it the same way.

A loader collects every problem it can find before raising, because a planner fixing a file
wants the whole list at once, not one complaint per run.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from ictscore.formats.message import N_


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one input, located as precisely as the loader could."""

    file: str
    message: str
    where: str = ""
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        place = self.file
        if self.line is not None:
            place += f":{self.line}"
            if self.column is not None:
                place += f":{self.column}"
        if self.where:
            place += f" [{self.where}]"
        return f"{place}: {self.message}"


class InputError(Exception):
    """Raised with every problem found in an input; the CLI turns it into exit code 2."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))

    @classmethod
    def one(
        cls, file: str | Path, message: str, where: str = "", line: int | None = None
    ) -> InputError:
        return cls([Problem(str(file), message, where, line)])


class ProblemCollector:
    """Accumulates problems so that validation can report all of them together."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def add(
        self,
        file: str | Path,
        message: str,
        where: str = "",
        line: int | None = None,
        column: int | None = None,
    ) -> None:
        self.problems.append(Problem(str(file), message, where, line, column))

    def extend(self, problems: list[Problem]) -> None:
        self.problems.extend(problems)

    def raise_if_any(self) -> None:
        if self.problems:
            raise InputError(self.problems)


def did_you_mean(word: str, options: Iterable[str]) -> str:
    """' (did you mean 'x'?)' for the closest option, or '' when nothing is close: a `Message`,
    given to the message it ends as a parameter (`{hint}`) so that both are translated."""
    import difflib  # only when something is wrong: not worth its import for a good file

    close = difflib.get_close_matches(word, list(options), n=1, cutoff=0.6)
    return N_(" (did you mean '{name}'?)", name=close[0]) if close else ""


_QUOTED = re.compile(r"'[^']*'|\"[^\"]*\"")
_NUMBER = re.compile(r"-?\d+(?:[.,]\d+)*(?:e[-+]?\d+)?")


def _shape(p: Problem) -> tuple[str, str, str]:
    """What problems of one kind at one place share: the file, the key without the entity or
    the index, and the message without its values."""
    where = p.where.split(".", 1)[-1] if "." in p.where else p.where
    where = re.sub(r"\[\d+\]", "[…]", where)
    message = _NUMBER.sub("#", _QUOTED.sub("'…'", p.message))
    return (p.file, where, message)


def _english(msgid: str, **params: object) -> str:
    return msgid.format(**params)


def summarise(
    problems: list[Problem],
    first: int = 3,
    kinds: int = 20,
    show: Callable[[Problem], str] = str,
    say: Callable[..., str] = _english,
) -> list[str]:
    """The lines to show for a list of problems: every one while they are few; grouped by kind
    and place, with a count and the first examples, when a file has thousands (a missing column
    is one line, not one per row); at most `kinds` groups, then the total. `show` writes one
    problem and `say` the summary lines, in the reader's language (their words are messages of
    the catalogue, marked here)."""
    if len(problems) <= first * 3:
        return [show(p) for p in problems]
    groups: dict[tuple[str, str, str], list[Problem]] = {}
    for p in problems:
        groups.setdefault(_shape(p), []).append(p)
    out: list[str] = []
    for k, members in enumerate(groups.values()):
        if k == kinds:
            rest = sum(len(m) for m in list(groups.values())[kinds:])
            out.append(
                say(N_("… and {n} more problems of {k} other kinds"), n=rest, k=len(groups) - kinds)
            )
            break
        out += [show(p) for p in members[:first]]
        if len(members) > first:
            out.append(
                "  "
                + say(
                    N_("… and {n} more like this ({total} in all)"),
                    n=len(members) - first,
                    total=len(members),
                )
            )
    out.append(say(N_("{n} problems in all"), n=len(problems)))
    return out
