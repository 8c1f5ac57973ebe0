"""Hypothesis strategies for tests/fuzzing.py: the mutations of a file and random command lines."""

from __future__ import annotations

from hypothesis import strategies as st

from tests.fuzzing import COMMANDS, KINDS, OPTIONS, VALUES, Mutation


def mutations() -> st.SearchStrategy[Mutation]:
    return st.builds(
        Mutation,
        kind=st.sampled_from(KINDS),
        at=st.floats(0, 1, allow_nan=False),
        pick=st.integers(0, 2000),
        text=st.one_of(st.just(""), st.text(max_size=60)),
    )


def mutation_lists() -> st.SearchStrategy[list[Mutation]]:
    """One to four breaks of the same file, applied in order."""
    return st.lists(mutations(), min_size=1, max_size=4)


def argv_lists() -> st.SearchStrategy[list[str]]:
    """A command (mostly a real one) followed by options, values and random words."""
    word = st.one_of(st.sampled_from(OPTIONS), st.sampled_from(VALUES), st.text(max_size=12))
    return st.builds(
        lambda cmd, rest: [cmd, *rest],
        st.sampled_from(COMMANDS),
        st.lists(word, max_size=8),
    )
