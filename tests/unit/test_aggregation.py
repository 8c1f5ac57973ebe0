"""Each aggregation method, cap, scale, rescaling, reported-only nodes, supplied node values,
the missing-value policies and the tie rules."""

from __future__ import annotations

import math
import random

import pytest

from ictscore.engine.compute import Engine
from ictscore.engine.ranking import rank_column, rank_of
from ictscore.formats.errors import InputError

from .builders import aggregate, column, compute, criteria, dataset, indicator

D = {"type": "direct"}
UNIT = {"range": [0, 1]}


def two(method: str, **extra: object) -> list[float | None]:
    crit = criteria(
        [
            indicator("a", {"type": "ratio", "points": 20}, range=[0, 5]),
            indicator("b", {"type": "ratio", "points": 30}, range=[0, 5]),
        ],
        [aggregate("t", method, [{"node": "a", "weight": 3}, {"node": "b", "weight": 1}], **extra)],
    )
    return column(compute(crit, {"p": {"a": 0.5, "b": 1}, "q": {"a": 1, "b": 0.2}}), "t")


def test_weighted_mean() -> None:
    # p: a = 10, b = 30 → (3·10 + 30) / 4 = 15; q: a = 20, b = 6 → 66 / 4 = 16.5
    assert two("weighted_mean") == pytest.approx([15, 16.5])


def test_sum_with_weights_as_factors() -> None:
    assert two("sum") == pytest.approx([60, 66])


def test_points_over_max() -> None:
    # each child as a share of its maximum (20 and 30), weighted 3:1
    assert two("points_over_max") == pytest.approx([(3 * 0.5 + 1) / 4, (3 * 1 + 0.2) / 4])
    assert two("points_over_max", scale=1000) == pytest.approx([625, 800])


def test_geometric_mean() -> None:
    assert two("geometric_mean") == pytest.approx([10**0.75 * 30**0.25, 20**0.75 * 6**0.25])
    crit = criteria(
        [indicator("a", D, **UNIT), indicator("b", D, **UNIT)],
        [aggregate("t", "geometric_mean", ["a", "b"])],
    )
    assert column(compute(crit, {"p": {"a": 0.25, "b": 1}, "q": {"a": 0, "b": 1}}), "t") == [
        pytest.approx(0.5),
        0.0,
    ]


def test_cap_then_scale() -> None:
    crit = criteria(
        [indicator("a", D, **UNIT), indicator("b", D, **UNIT)],
        [aggregate("t", "sum", ["a", "b"], cap=1.2, scale=10)],
    )
    got = column(compute(crit, {"p": {"a": 0.9, "b": 0.9}, "q": {"a": 0.2, "b": 0.3}}), "t")
    assert got == pytest.approx([12, 5])


def test_minmax_rescale_after_aggregating() -> None:
    crit = criteria(
        [indicator("a", {"type": "zscore"}), indicator("b", {"type": "zscore"})],
        [aggregate("t", "weighted_mean", ["a", "b"], rescale="minmax", scale=100)],
    )
    rows = {"p": {"a": 1, "b": 10}, "q": {"a": 2, "b": 30}, "r": {"a": 3, "b": 20}}
    r = compute(crit, rows)
    sd_a = math.sqrt(2 / 3)
    sd_b = math.sqrt(200 / 3)
    pre = [(-1 / sd_a - 10 / sd_b) / 2, (0 + 10 / sd_b) / 2, (1 / sd_a + 0) / 2]
    assert list(r.pre["t"]) == pytest.approx(pre)
    lo, hi = min(pre), max(pre)
    assert column(r, "t") == pytest.approx([100 * (p - lo) / (hi - lo) for p in pre])
    assert column(r, "t")[0] == 0
    assert r.peer_ids("t") == ("p", "q", "r")


def test_minmax_rescale_all_equal_gives_full_scale() -> None:
    crit = criteria([indicator("a", D, **UNIT)], [aggregate("t", "sum", ["a"], rescale="minmax")])
    assert column(compute(crit, {"p": {"a": 0.3}, "q": {"a": 0.3}}), "t") == [1.0, 1.0]


def test_reported_only_is_scored_but_not_counted() -> None:
    crit = criteria(
        [
            indicator("a", D, **UNIT),
            indicator("smart", D, reported_only=True, **UNIT),
        ],
        [aggregate("t", "points_over_max", [{"node": "a", "points": 100}, "smart"])],
    )
    r = compute(crit, {"p": {"a": 0.6, "smart": 0.9}, "q": {"a": 0.8}})
    assert column(r, "t") == pytest.approx([0.6, 0.8])
    assert column(r, "smart") == [0.9, None]  # missing is fine: it is never scored
    assert r.rank("p", "smart") == 1


def test_supplied_node_value_replaces_the_computation() -> None:
    crit = criteria(
        [indicator("a", D, **UNIT), indicator("b", D, **UNIT), indicator("c", D, **UNIT)],
        [
            aggregate("pillar", "weighted_mean", ["a", "b"]),
            aggregate("t", "weighted_mean", ["pillar", "c"]),
        ],
    )
    # 'q' knows only its pillar score (as a peer's published figure); its a and b are not needed
    r = compute(crit, {"p": {"a": 0.2, "b": 0.4, "c": 1}, "q": {"pillar": 0.9, "c": 0.5}})
    assert column(r, "pillar") == pytest.approx([0.3, 0.9])
    assert column(r, "t") == pytest.approx([0.65, 0.7])
    assert r.supplied("q", "pillar") and not r.supplied("p", "pillar")
    assert r.scores["a"][1] is None
    # a supplied value wins over components that are also given
    r2 = compute(crit, {"p": {"a": 0.2, "b": 0.4, "pillar": 0.0, "c": 1}})
    assert column(r2, "t") == pytest.approx([0.5])
    # a supplied headline needs nothing below it
    r3 = compute(crit, {"p": {"t": 0.42}, "q": {"a": 1, "b": 1, "c": 1}})
    assert column(r3, "t") == pytest.approx([0.42, 1.0])
    assert r3.rank("q") == 1


MISSING_FW = [
    indicator("hi", D, range=[0.1, 1]),
    indicator(
        "lo", {"type": "goalposts", "lower": 0, "upper": 10}, range=[0, 10], direction="lower"
    ),
    indicator(
        "cat",
        {
            "type": "category",
            "points": 1,
            "categories": [
                {"key": "full", "label_vi": "đủ", "label_en": "full", "fraction": 1},
                {"key": "none", "label_vi": "không", "label_en": "none", "fraction": 0.2},
            ],
        },
    ),
]
MISSING_AGG = [aggregate("t", "sum", ["hi", "lo", "cat"])]
MISSING_ROWS = {"full": {"hi": 1, "lo": 0, "cat": "full"}, "empty": {}}


def test_missing_error_names_the_entity_and_node() -> None:
    crit = criteria(MISSING_FW, MISSING_AGG, missing="error")
    with pytest.raises(InputError) as exc:
        compute(crit, MISSING_ROWS)
    text = str(exc.value)
    assert "[empty.hi]" in text and "[empty.lo]" in text and "[empty.cat]" in text
    assert len(exc.value.problems) == 3


def test_missing_zero() -> None:
    crit = criteria(MISSING_FW, MISSING_AGG, missing="zero")
    r = compute(crit, MISSING_ROWS)
    # hi: 0 → 0; lo: 0 is the best for lower-is-better → 1; cat: the worst category → 0.2
    assert r.raw_value("empty", "hi") == 0.0
    assert column(r, "t") == pytest.approx([3, 1.2])


def test_missing_lowest() -> None:
    crit = criteria(MISSING_FW, MISSING_AGG, missing="lowest")
    r = compute(crit, MISSING_ROWS)
    # the worst value of each range: hi → 0.1, lo (lower is better) → 10, cat → 'none'
    assert [r.raw_value("empty", n) for n in ("hi", "lo", "cat")] == [0.1, 10, "none"]
    assert column(r, "t") == pytest.approx([3, 0.3])


def test_tie_rules_on_1_2_2_4() -> None:
    scores = [0.9, 0.8, 0.8, 0.7]
    assert rank_column(scores, "competition") == (1, 2, 2, 4)
    assert rank_column(scores, "dense") == (1, 2, 2, 3)
    assert rank_column(scores, "ordinal") == (1, 2, 3, 4)
    assert rank_column([0.8, None, 0.9], "competition") == (2, None, 1)


@pytest.mark.parametrize(
    ("ties", "expected"),
    [("competition", [1, 2, 2, 4]), ("dense", [1, 2, 2, 3]), ("ordinal", [1, 2, 3, 4])],
)
def test_tie_rule_from_framework_on_unrounded_sum(ties: str, expected: list[int]) -> None:
    crit = criteria(
        [indicator("a", D, **UNIT), indicator("b", D, **UNIT)],
        [aggregate("t", "sum", ["a", "b"])],
        ties=ties,
    )
    # 0.1 + 0.2 != 0.3 in floating point: the tie must still hold
    rows = {
        "w": {"a": 0.5, "b": 0.5},
        "x": {"a": 0.1, "b": 0.2},
        "y": {"a": 0.3, "b": 0.0},
        "z": {"a": 0.1, "b": 0.1},
    }
    r = Engine(crit).compute(dataset(rows))
    assert list(r.ranks["t"]) == expected


def test_ranks_follow_the_published_rounding() -> None:
    # both show 0,8 with one decimal: a reader sees a tie, so the ranks are a tie
    crit = criteria([indicator("a", D, **UNIT)], decimals=1)
    r = compute(crit, {"p": {"a": 0.81}, "q": {"a": 0.84}, "s": {"a": 0.86}})
    assert list(r.ranks["a"]) == [2, 2, 1]


def test_exact_ranks_when_the_framework_says_so() -> None:
    crit = criteria([indicator("a", D, **UNIT)], decimals=1, rank_on="exact")
    r = compute(crit, {"p": {"a": 0.81}, "q": {"a": 0.84}})
    assert list(r.ranks["a"]) == [2, 1]


def test_minmax_rescale_treats_float_noise_as_a_tie() -> None:
    crit = criteria(
        [indicator("a", D, **UNIT), indicator("b", D, **UNIT)],
        [aggregate("t", "sum", ["a", "b"], rescale="minmax", scale=100)],
    )
    # 0.1 + 0.2 and 0.3 + 0.0 differ by 5.6e-17: a tie, not a 0-to-100 spread
    r = compute(crit, {"p": {"a": 0.1, "b": 0.2}, "q": {"a": 0.3, "b": 0.0}})
    assert column(r, "t") == [100.0, 100.0]
    assert list(r.ranks["t"]) == [1, 1]


@pytest.mark.parametrize("ties", ["competition", "dense", "ordinal"])
@pytest.mark.parametrize("decimals", [0, 1, 2])
def test_one_rank_counted_is_the_rank_of_the_sorted_column(ties: str, decimals: int) -> None:
    """rank_of (what the planner reads for one entity) agrees with rank_column everywhere:
    ties made by the rounding, missing scores, and the ordinal rule's data order."""
    rng = random.Random(f"{ties}{decimals}")
    for _ in range(40):
        n = rng.randint(1, 30)
        scores = [None if rng.random() < 0.15 else round(rng.uniform(0, 5), 3) for _ in range(n)]
        column = rank_column(scores, ties, decimals)
        assert [rank_of(scores, i, ties, decimals) for i in range(n)] == list(column), scores


def test_one_rank_needs_rounded_scores() -> None:
    with pytest.raises(TypeError, match="rounded"):
        rank_of([0.5, 0.6], 0, "competition", None)
