"""Ranks compare the number a reader sees: the displayed value, rounded half up as an official
rounds it. Python's `round` rounds the binary value half to even (77.25 → 77.2), which left a
table showing 77,3 and 77,3 ranked apart, and 77,3 tied with 77,2."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from ictscore.engine.ranking import displayed, rank_column, rank_key, rank_of
from ictscore.planning.batch import round_scores
from ictscore.presentation import display

HALVES = [(77.25, 1), (0.125, 2), (2.675, 2), (-0.125, 2), (823.05, 1), (2.5, 0), (0.00005, 4)]


@pytest.mark.parametrize(("score", "decimals"), HALVES)
def test_the_rank_compares_what_the_table_shows(score: float, decimals: int) -> None:
    shown = display.number(score, decimals, "en").replace(",", "")
    assert rank_key(score, decimals) == float(shown)
    assert display.number(rank_key(score, decimals), decimals, "vi") == display.number(
        score, decimals, "vi"
    )


def test_equal_numbers_share_a_rank_and_different_ones_do_not() -> None:
    scores = [77.25, 77.3, 77.2, 77.34]  # shown 77,3  77,3  77,2  77,3
    assert [display.number(s, 1, "vi") for s in scores] == ["77,3", "77,3", "77,2", "77,3"]
    assert rank_column(scores, "competition", 1) == (1, 1, 4, 1)
    assert rank_column(scores, "dense", 1) == (1, 1, 2, 1)
    for i in range(len(scores)):
        for ties in ("competition", "dense", "ordinal"):
            assert rank_of(scores, i, ties, 1) == rank_column(scores, ties, 1)[i]


def test_the_monte_carlo_rounds_as_the_engine_does() -> None:
    scores = np.array([[s for s, _ in HALVES if _ == 2] + [0.13, 0.12]])
    got = round_scores(scores, 2)
    assert got.tolist() == [[rank_key(float(s), 2) for s in scores[0]]]


@given(
    st.integers(-(10**7), 10**7),
    st.integers(0, 4),
    st.sampled_from([0, 5]),
)
def test_a_score_on_a_half_reads_and_ranks_alike(k: int, decimals: int, last: int) -> None:
    """Scores written with one digit more than shown, ending in 5 (a half) or 0."""
    score = float(f"{k}{last}e-{decimals + 1}")
    key = displayed(score, decimals)
    assert display.number(score, decimals, "vi") == display.number(key, decimals, "vi")
    neighbour = float(f"{k}e-{decimals}")  # the same digits, without the last one
    same_shown = display.number(score, decimals, "vi") == display.number(neighbour, decimals, "vi")
    assert same_shown == (key == displayed(neighbour, decimals))
