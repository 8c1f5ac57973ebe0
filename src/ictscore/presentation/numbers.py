"""The one parser of numbers a user types: "1.000", "30,5", "2 tỷ", "500 triệu", "1,5 tỷ".

A Vietnamese user writes a dot between thousands and a comma before decimals, and says large
sums in tỷ and triệu; an English user the other way round. Every place a number is entered (the
planner's value field and budget, `--budget`, `--cost node=amount`) reads it here, so "1.000"
means one thousand everywhere in Vietnamese.

A text that reads two ways ("1.000": one thousand, or one) is read the user's way unless that
reading is not a valid value for the field and the other is: then it is `Ambiguous`, and the
face asks (the planner) or refuses naming both readings (the CLI). Never a guess.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Callable

from babel.numbers import format_decimal

from ictscore.formats.criteria import Indicator
from ictscore.formats.message import N_, Message
from ictscore.formats.numbers import NotANumber, decimal_evidence, parse_number
from ictscore.presentation import i18n

SCALES: dict[str, float] = {
    "tỷ": 1e9,
    "tỉ": 1e9,
    "ty": 1e9,
    "ti": 1e9,
    "triệu": 1e6,
    "trieu": 1e6,
    "tr": 1e6,
    "nghìn": 1e3,
    "ngàn": 1e3,
    "nghin": 1e3,
    "ngan": 1e3,
    "k": 1e3,
    "bn": 1e9,
    "billion": 1e9,
    "m": 1e6,
    "million": 1e6,
    "thousand": 1e3,
}
"""Words of size, in Vietnamese (with and without diacritics) and English."""

CURRENCY = ("đồng", "dong", "vnđ", "vnd", "đ")

_EXPONENT = re.compile(r"^[+-]?\d+([.,]\d+)?e[+-]?\d+$")
_WORD = re.compile(r"^(?P<num>.*?)\s*(?P<word>[^\d\s.,%+-]+)?\.?$")


class NotUnderstood(ValueError):
    """The text is no number in any convention."""


class Ambiguous(ValueError):
    """The text reads two ways and the field cannot tell which was meant."""

    def __init__(self, text: str, readings: tuple[float, float], message: Message) -> None:
        super().__init__(message)
        self.text = text
        self.readings = readings
        self.message = message


def _fold(word: str) -> str:
    return unicodedata.normalize("NFC", word.strip().lower())


def _split(text: str) -> tuple[str, float, bool]:
    """(the digits, the scale its word says, whether it had a percent sign)."""
    s = _fold(text).replace("\u00a0", " ").replace("\u202f", " ")
    percent = "%" in s
    s = s.replace("%", "").strip()
    for cur in CURRENCY:
        if s.endswith(cur):
            s = s[: -len(cur)].strip()
            break
    scale = 1.0
    m = _WORD.match(s)
    if m and m["word"]:
        word = m["word"]
        if word not in SCALES:
            raise NotUnderstood(N_("'{text}' is not a number", text=text.strip()))
        scale, s = SCALES[word], m["num"].strip()
    return s.replace(" ", "").replace("_", ""), scale, percent


def readings(text: str, lang: str = "vi") -> tuple[float, ...]:
    """Every value the text can mean, the user's convention first (one value when it is clear)."""
    digits, scale, _ = _split(text)
    if _EXPONENT.match(digits):  # 1,5e9 or 1.5e9: the mark before the exponent is a decimal
        return (float(digits.replace(",", ".")) * scale,)
    if not digits:
        raise NotUnderstood(N_("'{text}' is not a number", text=text.strip()))
    own, other = (",", ".") if lang == "vi" else (".", ",")
    marks = [decimal_evidence(digits)] if decimal_evidence(digits) else [own, other]
    if "," not in digits and "." not in digits:
        marks = [own]
    out: list[float] = []
    for mark in marks:
        try:
            value, _ = parse_number(digits, mark)
        except NotANumber:
            continue
        value *= scale
        if math.isfinite(value) and value not in out:
            out.append(value)
    if not out:
        raise NotUnderstood(N_("'{text}' is not a number", text=text.strip()))
    return tuple(out)


def parse(
    text: str,
    lang: str = "vi",
    valid: Callable[[float], bool] | None = None,
    unit: str = "",
) -> float:
    """The value the user means; `Ambiguous` when only the other reading is `valid`."""
    found = readings(text, lang)
    first = found[0]
    if len(found) == 1 or valid is None or valid(first):
        return first
    second = found[1]
    if not valid(second):
        return first  # the field's own check says what is wrong with the user's reading
    raise Ambiguous(
        text.strip(),
        (first, second),
        N_(
            "'{text}' can be read as {first} or as {second}: type {first_typed} for the "
            "first, {second_typed} for the second",
            text=text.strip(),
            first=_show(first, lang, unit),
            second=_show(second, lang, unit),
            first_typed=_show(first, lang, ""),
            second_typed=_show(second, lang, ""),
        ),
    )


def _show(value: float, lang: str, unit: str) -> str:
    """Without thousands separators: "1000 or 1", not "1.000 or 1"."""
    text = format_decimal(value, format="0.######", locale=lang if lang in i18n.LANGS else "vi")
    return f"{text} {unit}" if unit else text


def parse_money(text: str, lang: str = "vi") -> float:
    """An amount in đồng: "2 tỷ", "500 triệu", "1,5 tỷ", "2.000.000.000", "1_500_000"."""
    try:
        value = parse(text, lang, valid=lambda v: v >= 0)
    except NotUnderstood:
        raise NotUnderstood(N_("'{text}' is not an amount in VND", text=text.strip())) from None
    if value < 0:
        raise ValueError(N_("a budget must be a finite amount, not negative"))
    return value


def message(exc: Exception, lang: str) -> str:
    """The error of a parse in `lang` (for the faces)."""
    return i18n.text(exc.args[0] if exc.args else str(exc), lang)


def fold(text: str) -> str:
    """Lower case without diacritics, đ as d: how search compares ("tuyen truyen" finds
    "Tuyên truyền")."""
    decomposed = unicodedata.normalize("NFD", text.lower().replace("đ", "d"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def indicator_value(ind: Indicator, text: str, lang: str = "vi") -> object:
    """What a user typed for an indicator, as the value `formats.values.coerce` checks.

    A number is read the user's way (and "45 %" as 0,45 for a 0..1 indicator); a category or
    yes/no answer is passed on as typed. `Ambiguous` when the range decides between readings.
    """
    if ind.rule.values in ("category", "yes_no"):
        return text
    rng = ind.range

    def valid(v: float) -> bool:
        return rng is None or rng[0] <= v <= rng[1]

    _, _, percent = _split(text)
    value = parse(text, lang, valid if not percent else None, ind.unit)
    if percent and "%" not in ind.unit and rng is not None and rng[1] <= 1:
        value /= 100
    return value
