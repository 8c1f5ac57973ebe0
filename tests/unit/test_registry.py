"""The rule registry: every rule type is one module that answers every question about it."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from ictscore.formats.criteria import Indicator
from ictscore.presentation import describe
from ictscore.scoring.methods import METHODS
from ictscore.scoring.rules import RULES

from .builders import indicator
from .test_differential import every_rule


def test_every_rule_has_words_in_both_languages(tmp_path: Path) -> None:
    crit = every_rule(tmp_path)
    seen = set()
    for ind in crit.indicators():
        key, _ = ind.rule.describe(ind)
        assert key in describe.WRITERS, key
        vi, en = describe.rule(ind, "vi"), describe.rule(ind, "en")
        assert vi and en
        seen.add(ind.rule.type)
    assert seen == set(RULES)


def test_every_method_has_a_message_key() -> None:
    assert {m.describe().key for m in METHODS.values()} == {f"method.{n}" for n in METHODS}


def _bands(**extra: object) -> Indicator:
    rule = {
        "type": "bands",
        "bands": [{"at": 0, "points": 0}, {"at": 50, "points": 10}, {"at": 100, "points": 20}],
    }
    return Indicator.model_validate(indicator("x", rule, range=[0, 100], **extra))


def test_bands_interpolate_inside_a_band_and_stay_level_outside() -> None:
    ind = _bands()
    score = ind.rule.scorer(ind)
    # hand-computed: 25 is half of the first band (0..10), 75 half of the second (10..20)
    assert [score(v) for v in (0, 25, 50, 75, 100)] == [0, 5, 10, 15, 20]
    assert ind.rule.bounds(ind) == (0, 20)
    assert ind.rule.inverse(ind, 15) == 75
    assert ind.rule.thresholds(ind) == [0, 50, 100]


def test_bands_must_rise_with_a_higher_is_better_value() -> None:
    rule = {"type": "bands", "bands": [{"at": 0, "points": 10}, {"at": 50, "points": 5}]}
    with pytest.raises(ValueError, match="must not fall"):
        Indicator.model_validate(indicator("x", rule, range=[0, 100]))
    lower = Indicator.model_validate(indicator("x", rule, range=[0, 100], direction="lower"))
    assert lower.rule.inverse(lower, 7.5) == 25


def test_inverse_reaches_the_score_and_no_less_would(tmp_path: Path) -> None:
    """For every rule with an exact inverse: the value it gives scores at least the asked score,
    and a value a little nearer the worst end scores less (the value is the least that works)."""
    crit = every_rule(tmp_path)
    checked = 0
    for ind in crit.indicators():
        rule = ind.rule
        if rule.peer_relative or rule.values != "number":
            assert rule.peer_relative == (not rule.exact_inverse) or rule.values != "number"
            continue
        score = rule.scorer(ind)
        lo, hi = rule.bounds(ind)
        for frac in (0.1, 0.35, 0.6, 0.9, 1.0):
            want = lo + (hi - lo) * frac
            v = rule.inverse(ind, want)
            assert v is not None, (ind.id, want)
            if not math.isfinite(v):
                continue
            assert score(v) >= want - 1e-9, (ind.id, want, v)
            nearer = v - 1e-6 if rule.upward(ind) else v + 1e-6
            if ind.range is None or ind.range[0] <= nearer <= ind.range[1]:
                assert score(nearer) < want or score(nearer) == score(v) == lo, (ind.id, want)
            checked += 1
        assert rule.inverse(ind, hi + 1) is None, ind.id
    assert checked >= 20
