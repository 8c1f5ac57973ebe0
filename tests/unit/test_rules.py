"""Each scoring rule type, in both directions, with hand-computed scores."""

from __future__ import annotations

import math
from typing import Any

import pytest
from pydantic import ValidationError

from ictscore.formats.criteria import Indicator
from ictscore.scoring.base import Value

from .builders import column, compute, criteria, indicator


def score_value(ind: Indicator, v: Value) -> float:
    return ind.rule.scorer(ind)(v)


def score_column(ind: Indicator, raw: list[Value | None]) -> list[float | None]:
    return ind.rule.score_column(ind, raw)


def ind(rule: dict[str, Any], **extra: Any) -> Indicator:
    return Indicator.model_validate(indicator("x", rule, **extra))


def one(rule: dict[str, Any], value: float | str, **extra: Any) -> float:
    return score_value(ind(rule, **extra), value)


def test_direct() -> None:
    assert one({"type": "direct"}, 0.7301, range=[0, 1]) == 0.7301


@pytest.mark.parametrize(
    ("rule", "value", "expected"),
    [
        ({"type": "ratio", "points": 20}, 0.5, 10.0),
        ({"type": "ratio", "points": 20}, 1.5, 20.0),  # capped at 1 × points
        ({"type": "ratio", "points": 25, "target": 24}, 12, 12.5),
        ({"type": "ratio", "points": 10, "target": 2, "cap": 1.2}, 3, 12.0),
        ({"type": "ratio", "points": 10, "target": 2, "cap": 1.2}, 2.2, 11.0),
    ],
)
def test_ratio_higher(rule: dict[str, Any], value: float, expected: float) -> None:
    assert one(rule, value) == pytest.approx(expected, abs=1e-12)


def test_ratio_lower_is_better() -> None:
    rule = {"type": "ratio", "points": 10, "target": 2}
    assert one(rule, 4, direction="lower") == pytest.approx(5.0)
    assert one(rule, 1, direction="lower") == pytest.approx(10.0)  # capped
    assert one(rule, 0, direction="lower") == pytest.approx(10.0)


STEPS = [
    {"at": 4, "points": 20},
    {"at": 3, "points": 15},
    {"at": 2, "points": 10},
    {"at": 1, "points": 5},
]


@pytest.mark.parametrize(("value", "expected"), [(0, 0), (1, 5), (3, 15), (3.5, 15), (12, 20)])
def test_steps_higher(value: float, expected: float) -> None:
    assert one({"type": "steps", "steps": STEPS}, value) == expected


@pytest.mark.parametrize(("value", "expected"), [(1, 10), (2, 10), (3, 5), (9, 1)])
def test_steps_lower(value: float, expected: float) -> None:
    rule = {"type": "steps", "steps": [{"at": 2, "points": 10}, {"at": 5, "points": 5}]}
    assert one(rule | {"otherwise": 1}, value, direction="lower") == expected


def test_category() -> None:
    rule = {
        "type": "category",
        "points": 20,
        "categories": [
            {"key": "a", "label_vi": "A", "label_en": "A", "fraction": 1},
            {"key": "b", "label_vi": "B", "label_en": "B", "fraction": 0.5},
            {"key": "c", "label_vi": "C", "label_en": "C", "fraction": 0},
        ],
    }
    assert [one(rule, k) for k in "abc"] == [20, 10, 0]
    with pytest.raises(ValueError, match="unknown category"):
        one(rule, "z")


def test_yes_no() -> None:
    assert one({"type": "yes_no", "points": 35}, 1.0) == 35
    assert one({"type": "yes_no", "points": 35}, 0.0) == 0


@pytest.mark.parametrize(
    ("direction", "value", "expected"),
    [("higher", 20, 0.5), ("higher", 40, 1), ("higher", 0, 0), ("lower", 15, 0.75)],
)
def test_goalposts(direction: str, value: float, expected: float) -> None:
    rule = {"type": "goalposts", "lower": 10, "upper": 30}
    assert one(rule, value, direction=direction) == pytest.approx(expected)
    assert one(rule | {"points": 40}, value, direction=direction) == pytest.approx(40 * expected)


def test_bonus_and_penalty() -> None:
    penalty = {"type": "bonus", "per_unit": -5, "min": -20, "max": 0}
    assert [one(penalty, v, direction="lower") for v in (0, 1, 3, 10)] == [0, -5, -15, -20]
    bonus = {"type": "bonus", "per_unit": 4, "min": 0, "max": 10}
    assert [one(bonus, v) for v in (0, 2, 5)] == [0, 8, 10]


def test_penalty_must_say_lower_is_better() -> None:
    # the direction decides the worst value under missing = "lowest", so it must be right
    with pytest.raises(ValidationError, match="penalty"):
        ind({"type": "bonus", "per_unit": -5, "min": -20, "max": 0})
    with pytest.raises(ValidationError, match="penalty"):
        ind({"type": "bonus", "per_unit": 5, "min": 0, "max": 20}, direction="lower")


def test_peer_rules_refuse_a_single_value() -> None:
    with pytest.raises(TypeError, match="whole column"):
        one({"type": "minmax"}, 3)


def test_relative_to_best() -> None:
    hi = ind({"type": "relative_to_best", "points": 40}, range=[0, 100])
    assert score_column(hi, [2, 4, None, 8]) == [10, 20, None, 40]
    lo = ind({"type": "relative_to_best", "points": 40}, range=[0, 100], direction="lower")
    assert score_column(lo, [2, 4, 8]) == [40, 20, 10]
    assert score_column(lo, [0, 4]) == [40, 0]
    assert score_column(hi, [0, 0]) == [0, 0]


def test_minmax() -> None:
    hi = ind({"type": "minmax", "points": 10})
    assert score_column(hi, [1, 3, 5, None]) == [0, 5, 10, None]
    lo = ind({"type": "minmax", "points": 10}, direction="lower")
    assert score_column(lo, [1, 3, 5]) == [10, 5, 0]
    assert score_column(hi, [2, 2]) == [10, 10]  # all equal: every peer is the best
    assert score_column(hi, [None, None]) == [None, None]


def test_zscore_population_sd() -> None:
    z = ind({"type": "zscore"})
    sd = math.sqrt(2 / 3)
    got = score_column(z, [1, 2, 3])
    assert got == pytest.approx([-1 / sd, 0, 1 / sd])
    assert got[2] == pytest.approx(1.224744871, abs=1e-9)
    lo = ind({"type": "zscore"}, direction="lower")
    assert score_column(lo, [1, 2, 3]) == pytest.approx([1 / sd, 0, -1 / sd])
    assert score_column(z, [4, 4, 4]) == [0, 0, 0]


def test_peer_rule_lists_who_took_part() -> None:
    crit = criteria(
        [
            indicator("a", {"type": "minmax"}),
            indicator("b", {"type": "direct"}, range=[0, 1]),
        ],
        [
            {
                "id": "t",
                "name_vi": "t",
                "name_en": "t",
                "method": "weighted_mean",
                "children": [{"node": "a"}, {"node": "b"}],
            }
        ],
        missing="zero",
    )
    r = compute(crit, {"p": {"a": 1, "b": 0.5}, "q": {"a": 3, "b": 0.5}, "s": {"t": 0.9}})
    # s supplied the total: its missing 'a' is not needed and takes no part among the peers
    assert r.peer_ids("a") == ("p", "q")
    assert column(r, "a") == [0, 1, None]
    assert column(r, "t") == [0.25, 0.75, 0.9]


@pytest.mark.parametrize("value", [0.1, 0.7, 12.34])
def test_zscore_of_equal_values_is_zero_not_noise(value: float) -> None:
    # the mean of three 0.1 is 0.10000000000000002: the spread must not come out as 1e-17
    assert score_column(ind({"type": "zscore"}), [value] * 3) == [0.0, 0.0, 0.0]


def test_zscore_of_tiny_values_does_not_divide_by_zero() -> None:
    # found by hypothesis: (1.3e-258 − mean)² underflows to 0 without rescaling first
    # values within the tie tolerance are equal: no spread, every z-score 0
    assert score_column(ind({"type": "zscore"}), [0.0, 1.3421984917843585e-258]) == [0.0, 0.0]
    # a real spread of tiny values: rescaled before squaring, so the squares do not underflow
    assert score_column(ind({"type": "zscore"}), [1e-5, 3e-5]) == pytest.approx([-1.0, 1.0])
    assert score_column(ind({"type": "zscore"}), [1e300, -1e300]) == [1.0, -1.0]
