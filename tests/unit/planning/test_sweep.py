"""Steps from the criteria, and the rank across an indicator's range."""

from __future__ import annotations

import pytest

from ictscore.formats.criteria import Indicator, load_criteria
from ictscore.formats.scenario import load_scenario
from ictscore.planning.session import Session
from ictscore.planning.sweep import categories_in_order, step_of, stepped, sweep_values

from ...conftest import CRITERIA, SCENARIOS

CRIT = load_criteria(CRITERIA / "bac-giang-department-dti.toml")


def ind(node: str) -> Indicator:
    n = CRIT.nodes[node]
    assert isinstance(n, Indicator)
    return n


def test_step_comes_from_the_criteria() -> None:
    assert step_of(ind("ht_may_tinh_dat_chuan")) == 5
    assert step_of(ind("ht_may_tinh")) == 0.05


def test_step_without_one_in_the_criteria() -> None:
    pct = ind("hd_ty_le_nop_truc_tuyen").model_copy(update={"step": None})
    assert step_of(pct) == 1.0
    wide = ind("nt_tin_bai_cds").model_copy(update={"step": None, "unit": "tin"})
    assert step_of(wide) == 5.0  # a round hundredth of 0..500


@pytest.mark.parametrize(
    ("value", "direction", "expected"),
    [(30, 1, 35.0), (32, 1, 35.0), (32, -1, 30.0), (100, 1, 100.0), (0, -1, 0.0), (2.5, -1, 0.0)],
)
def test_stepping_lands_on_the_grid_within_range(
    value: float, direction: int, expected: float
) -> None:
    assert stepped(ind("ht_may_tinh_dat_chuan"), value, direction) == expected


def test_stepping_small_steps_has_no_float_noise() -> None:
    assert stepped(ind("ht_may_tinh"), 1.0, 1) == 1.05
    assert stepped(ind("ht_may_tinh"), 0.1, -1) == 0.05


def test_categories_and_yes_no_step_towards_better() -> None:
    chu = ind("nt_truong_ban_chi_dao")
    assert categories_in_order(chu) == ["chua_co", "pho_giam_doc", "giam_doc"]
    assert stepped(chu, "chua_co", 1) == "pho_giam_doc"
    assert stepped(chu, "giam_doc", 1) == "giam_doc"
    assert stepped(ind("nt_ke_hoach_cds"), 0.0, 1) == 1.0
    assert stepped(ind("nt_ke_hoach_cds"), 1.0, -1) == 0.0


def test_sweep_values_include_the_step_thresholds() -> None:
    values = sweep_values(ind("nt_tin_bai_cds"), 12.0)
    assert values[0] == 0.0 and values[-1] == 500.0
    assert len(values) <= 205
    assert 24.0 in values  # the ratio's target, where the score stops growing


def test_rank_jumps_across_online_applications() -> None:
    """Sở Nội vụ from its baseline: 20 % online gains two places, 30 % three (rank 10)."""
    s = Session(load_scenario(SCENARIOS / "bac-giang-so-noi-vu-2021.toml"))
    s.reset_all()
    sw = s.sweep("hd_ty_le_nop_truc_tuyen")
    assert sw.current == 0.0
    assert [(p.value, p.rank) for p in sw.jumps()] == [(0.0, 13), (20.0, 11), (30.0, 10)]
    assert sw.best_rank() == 10
    at30 = next(p for p in sw.points if p.value == 30.0)
    assert at30.score == pytest.approx(711.0)
    assert at30.node_score == pytest.approx(45.0)
