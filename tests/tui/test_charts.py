"""Charts that explain: Vietnamese ticks, every threshold of the rule on the sweep's axis, the
legend off the plot, and a sentence instead of a plot too small to read."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest

from ictscore.formats.scenario import load_scenario
from ictscore.planning.session import Session
from ictscore.resources import bundled_scenarios
from ictscore.tui.widgets.chart_frame import nice_ticks, spread, tick_labels
from ictscore.tui.widgets.sweep_chart import SweepChart, _interesting

from .test_flows import SIZE, MakeApp, find, painted


def test_ticks_are_round_and_written_the_vietnamese_way() -> None:
    assert nice_ticks(0, 1, 5) == [0.0, 0.2, 0.4, 0.6, 0.8, 1.0]
    assert nice_ticks(666, 726, 4) == [680.0, 700.0, 720.0]
    assert tick_labels([0.0, 0.5, 1.0, 0.925], "vi") == ["0", "0,5", "1", "0,925"]
    assert tick_labels([0.0, 0.5, 1.0], "en") == ["0", "0.5", "1"]
    assert tick_labels([0.0, 2500.0, 12.5], "vi") == ["0", "2.500", "12,5"]


def test_tick_labels_that_would_touch_are_dropped() -> None:
    values = [0.0, 100.0, 1.0, 50.0, 51.0]
    labels = tick_labels(values, "vi")
    kept = spread(values, 0.0, 100.0, 40, labels)
    assert kept == [0, 1, 3]  # 1 sits on 0, 51 on 50: the ends and the first wanted stay
    spans = sorted((values[k] / 100 * 40 - 2, values[k] / 100 * 40 + 2) for k in kept)
    assert all(a[1] <= b[0] for a, b in itertools.pairwise(spans))


@pytest.mark.parametrize("path", bundled_scenarios(), ids=lambda p: p.name)
def test_the_sweep_shows_every_threshold_of_the_rule(path: Path) -> None:
    """The range cut to the interesting part still reaches the rule's last threshold (the 50 %
    step of the online application rate used to fall off the axis at 42 %)."""
    s = Session(load_scenario(path))
    for ind in s.scenario.criteria.indicators():
        if ind.reported_only or ind.rule.values != "number":
            continue
        thresholds = sorted(set(ind.rule.thresholds(ind)))
        if not thresholds:
            continue
        sw = s.sweep(ind.id)
        lo, hi = float(sw.points[0].value), float(sw.points[-1].value)
        inside = [t for t in thresholds if lo <= t <= hi]
        shown = _interesting(sw.points, sw.current, thresholds)
        assert not inside or float(shown[-1].value) >= max(inside), ind.id


async def test_a_fraction_axis_reads_with_commas(make_app: MakeApp, scenario_copy: Path) -> None:
    app = make_app(scenario_copy.parent / "dti-2022-bac-giang.toml")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await find(pilot, "nhan_thuc_so")
        await pilot.press("g")
        await pilot.pause()
        await pilot.pause()
        sweep = app.screen.query_one(SweepChart)
        lines = painted(sweep)
        x_axis = lines[-2].split()
        assert {"0", "0,2", "0,4"} <= set(x_axis), x_axis
        assert not any(re.fullmatch(r"\d+\.\d+", t) for t in x_axis), x_axis
        right = [m[1] for ln in lines if (m := re.search(r"├(\S+)\s*$", ln))]
        assert right and any("," in t for t in right), right
        assert not any(re.fullmatch(r"\d+\.\d+", t) for t in right), right
        assert "Hạng" in lines[-1] and "Điểm" in lines[-1]
        await pilot.press("l")  # English: the same ticks with points
        await pilot.pause()
        await pilot.pause()
        assert any(re.fullmatch(r"0\.\d", t) for t in painted(sweep)[-2].split())
