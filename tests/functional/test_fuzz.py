"""Fuzzing in the test command: a bounded number of broken inputs for every loader and random
command lines, each checked against tests/fuzzing.py's rules (exit 0 or 2, a message and no
output on 2, no traceback, no input file changed). scripts/fuzz.py runs the same for longer."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests import fuzzing
from tests.fuzzing import KINDS, TARGETS, Mutation, fuzz_argv, fuzz_file, seed_text
from tests.fuzzing_strategies import argv_lists, mutation_lists

BOUNDED = settings(
    max_examples=25,
    deadline=None,
    derandomize=True,  # the same inputs on every run: a failure here is reproducible
    database=None,
    suppress_health_check=list(HealthCheck),
)


@pytest.mark.parametrize("name", list(TARGETS))
def test_every_seed_is_valid(name: str) -> None:
    """Unbroken, each target's command succeeds: the mutations start from a valid file."""
    why, _ = fuzz_file(TARGETS[name], [])
    assert why is None


@pytest.mark.parametrize("kind", KINDS)
def test_every_mutation_breaks_the_file(kind: str) -> None:
    seed = seed_text(TARGETS["plan"]).encode()  # numbers, strings and booleans
    m = Mutation(kind, 0.4, pick=3, text="xyz" if kind == "replace_all" else "")
    assert m.apply(seed) != seed


def test_the_rules_catch_an_escaped_exception_a_changed_input_and_a_stray_output(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The checker itself can fail: each rule, broken on purpose, is reported."""
    (tmp_path / "in.txt").write_text("x")

    def crash(args: list[str]) -> int:
        raise KeyError("node")

    def overwrite(args: list[str]) -> int:
        Path("in.txt").write_text("y")
        return 0

    def half(args: list[str]) -> int:
        Path("out.txt").write_text("half")
        print("error: in.txt: bad")
        return 2

    monkeypatch.setattr(fuzzing, "main", crash)
    assert (fuzzing.check(["x"], tmp_path) or "").startswith("uncaught KeyError")
    monkeypatch.setattr(fuzzing, "main", overwrite)
    assert fuzzing.check(["x"], tmp_path) == "changed an input file: in.txt"
    (tmp_path / "in.txt").write_text("x")
    monkeypatch.setattr(fuzzing, "main", half)
    assert fuzzing.check(["x"], tmp_path) == "exit 2 without an error line"


@pytest.mark.slow
@BOUNDED
@given(st.sampled_from(list(TARGETS)), mutation_lists())
def test_broken_files_are_refused_cleanly(name: str, mutations: list[Mutation]) -> None:
    why, data = fuzz_file(TARGETS[name], mutations)
    assert why is None, f"{name}: {why}\n{data[:400]!r}"


@pytest.mark.slow
@BOUNDED
@given(argv_lists())
def test_random_command_lines_are_refused_cleanly(args: list[str]) -> None:
    why = fuzz_argv(args)
    assert why is None, f"ictscore {args}: {why}"
