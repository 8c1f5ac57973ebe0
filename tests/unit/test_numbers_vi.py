"""Numbers the Vietnamese way: shown through Babel, read back from what a user types."""

from __future__ import annotations

import pytest

from ictscore.cli.main import main
from ictscore.formats.criteria import Indicator
from ictscore.formats.scenario import load_scenario
from ictscore.presentation import display, numbers

from ..conftest import DEFAULT_SCENARIO, SCENARIOS


@pytest.mark.parametrize(
    ("value", "decimals", "lang", "text"),
    [
        (1234.5, 1, "vi", "1.234,5"),
        (1234.5, 1, "en", "1,234.5"),
        (655.85, 1, "vi", "655,9"),  # half up, as officials round (Babel's default: to even)
        (-0.5, 2, "vi", "-0,50"),
        (0.0, 2, "vi", "0,00"),
    ],
)
def test_number(value: float, decimals: int, lang: str, text: str) -> None:
    assert display.number(value, decimals, lang) == text


def test_sign_percent_and_money() -> None:
    assert display.number(1.5, 1, "vi", sign=True) == "+1,5"
    assert display.percent(0.305, 1, "vi") == "30,5 %"
    assert display.money_short(1.5e9, "vi") == "1,5 tỷ đ"
    assert display.money_short(3.5e8, "vi") == "350 triệu đ"
    assert display.money_short(1.5e9, "en") == "1.5 bn VND"
    assert display.short(1000.0, 2, "vi") == "1.000"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1.000", 1000.0),
        ("30,5", 30.5),
        ("2 tỷ", 2e9),
        ("2 ty", 2e9),
        ("500 triệu", 5e8),
        ("1,5 tỷ", 1.5e9),
        ("350tr", 3.5e8),
        ("1.500.000.000 đ", 1.5e9),
        ("1.234,5", 1234.5),
        ("1.5", 1.5),  # one dot and one decimal digit: no thousands
    ],
)
def test_vietnamese_typing(text: str, value: float) -> None:
    assert numbers.parse(text, "vi") == value


def test_english_typing_reads_the_other_way() -> None:
    assert numbers.parse("1.000", "en") == 1.0
    assert numbers.parse("1,000", "en") == 1000.0


def test_a_text_read_two_ways_is_asked_about_never_guessed() -> None:
    with pytest.raises(numbers.Ambiguous) as info:
        numbers.parse("1.000", "vi", valid=lambda v: 0 <= v <= 1)
    assert info.value.readings == (1000.0, 1.0)
    said = numbers.message(info.value, "vi")
    assert "1000" in said and " 1" in said and "1.000" in said
    # a count takes the Vietnamese reading without asking
    assert numbers.parse("1.000", "vi", valid=lambda v: v >= 0) == 1000.0


def test_an_indicator_value_uses_its_range() -> None:
    crit = load_scenario(SCENARIOS / "dti-2022-bac-giang.toml").criteria
    ratio = next(i for i in crit.indicators() if i.range == (0.0, 1.0))
    assert isinstance(ratio, Indicator)
    with pytest.raises(numbers.Ambiguous):
        numbers.indicator_value(ratio, "1.000", "vi")
    assert numbers.indicator_value(ratio, "0,5", "vi") == 0.5
    assert numbers.indicator_value(ratio, "45 %", "vi") == pytest.approx(0.45)


@pytest.mark.parametrize("text", ["abc", "-5", "", "5 cái"])
def test_money_refuses(text: str) -> None:
    with pytest.raises(ValueError):
        numbers.parse_money(text)


def test_search_ignores_diacritics_and_case() -> None:
    assert numbers.fold("Tuyên truyền ĐỔI MỚI") == "tuyen truyen doi moi"


def test_the_cli_takes_amounts_as_said(capsys: pytest.CaptureFixture[str]) -> None:
    """`--budget "2 tỷ"` is the same plan as --budget 2000000000; `--cost x="500 triệu"`."""
    args = ["plan", str(DEFAULT_SCENARIO), "-f", "json", "--draws", "0"]
    assert main([*args, "--budget", "2 tỷ"]) == 0
    said = capsys.readouterr().out
    assert main([*args, "--budget", "2000000000"]) == 0
    assert capsys.readouterr().out == said
    assert '"budget": 2000000000.0' in said
    seek = ["seek", str(DEFAULT_SCENARIO), "--rank", "5", "-f", "json"]
    assert (
        main([*seek, "--cost", "ht_bang_thong=2 triệu", "--cost", "hd_ty_le_nop_truc_tuyen=5e6"])
        == 0
    )
    by_words = capsys.readouterr().out
    assert (
        main([*seek, "--cost", "ht_bang_thong=2000000", "--cost", "hd_ty_le_nop_truc_tuyen=5e6"])
        == 0
    )
    assert capsys.readouterr().out == by_words


def test_the_cli_refuses_a_bad_budget_in_vietnamese(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["plan", str(DEFAULT_SCENARIO), "--budget", "hai tỷ"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("lỗi: ") and "không phải số tiền" in err and "[--budget]" in err
