"""One error type for every bad input, so each face can report it the same way.

A loader collects every problem it can find before raising, because a planner fixing a file
wants the whole list at once, not one complaint per run.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path


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
    """' (did you mean 'x'?)' for the closest option, or '' when nothing is close."""
    import difflib  # only when something is wrong: not worth its import for a good file

    close = difflib.get_close_matches(word, list(options), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""
