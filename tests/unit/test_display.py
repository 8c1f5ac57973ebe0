"""Amounts typed by a planner (the plan screen's budget, `ictscore plan --budget`), read by the
one parser of typed numbers, and amounts written back the way planners say them."""

from __future__ import annotations

import pytest

from ictscore.presentation import display, numbers


@pytest.mark.parametrize(
    ("text", "vnd"),
    [
        ("1500000000", 1.5e9),
        ("1_500_000_000", 1.5e9),
        ("1.500.000.000", 1.5e9),
        ("1 500 000 000", 1.5e9),
        ("1,5e9", 1.5e9),
        ("300.000", 3e5),
        ("0", 0.0),
    ],
)
def test_parse_money(text: str, vnd: float) -> None:
    assert numbers.parse_money(text) == vnd


@pytest.mark.parametrize("text", ["abc", "-5", "nan", "inf", ""])
def test_parse_money_refuses(text: str) -> None:
    with pytest.raises(ValueError):
        numbers.parse_money(text)


def test_money_as_planners_say_it() -> None:
    assert display.money_short(1.46e9, "vi") == "1,46 tỷ đ"
    assert display.money_short(3e8, "en") == "300 m VND"
    assert display.money(1.46e9, "vi") == "1.460.000.000 đ"
