"""Numbers, money and labels the way a Vietnamese official writes them, or in English.

Shared by every face: the CLI table, Markdown, the TUI and reports format through here, so a
score reads 0,8002 in Vietnamese and 0.8002 in English everywhere.
"""

from __future__ import annotations

from ictscore.formats.criteria import Criteria

LANGS = ("vi", "en")


def number(value: float | None, decimals: int = 4, lang: str = "vi", sign: bool = False) -> str:
    if value is None:
        return "—"
    text = f"{value:{'+' if sign else ''},.{decimals}f}"
    if lang == "vi":
        text = text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    return text


def money(vnd: float | None, lang: str = "vi") -> str:
    """12.500.000 đ in Vietnamese, 12,500,000 VND in English."""
    if vnd is None:
        return "—"
    text = number(round(vnd), 0, lang)
    return f"{text} đ" if lang == "vi" else f"{text} VND"


def money_short(vnd: float, lang: str = "vi") -> str:
    """Large sums as planners say them: 1,2 tỷ đ / 350 triệu đ."""
    if abs(vnd) >= 1e9:
        return f"{number(vnd / 1e9, 2, lang)} {'tỷ đ' if lang == 'vi' else 'bn VND'}"
    if abs(vnd) >= 1e6:
        return f"{number(vnd / 1e6, 0, lang)} {'triệu đ' if lang == 'vi' else 'm VND'}"
    return money(vnd, lang)


MONEY_WORDS = {
    "tỷ": 1e9, "tỉ": 1e9, "ty": 1e9, "bn": 1e9,
    "triệu": 1e6, "trieu": 1e6, "tr": 1e6, "m": 1e6,
    "nghìn": 1e3, "ngàn": 1e3, "nghin": 1e3, "ngan": 1e3, "k": 1e3,
}  # fmt: skip
"""How a planner says the size of an amount: 500 triệu, 1,2 tỷ."""

_CURRENCY = ("đồng", "dong", "vnd", "đ")


def parse_money(text: str) -> float:
    """Amounts as people type them: 1500000000, 1_500_000_000, 1.500.000.000, 1,5e9, and the
    Vietnamese way with a word for the size: 500 triệu, 1,2 tỷ (đồng / đ / VND may follow)."""
    cleaned = text.strip().lower().replace("_", "")
    for cur in _CURRENCY:
        if cleaned.endswith(cur):
            cleaned = cleaned[: -len(cur)].strip()
            break
    scale = 1.0
    for word, size in sorted(MONEY_WORDS.items(), key=lambda kv: -len(kv[0])):
        if cleaned.endswith(word) and cleaned[: -len(word)].strip()[-1:].isdigit():
            cleaned, scale = cleaned[: -len(word)], size
            break
    cleaned = cleaned.replace(" ", "")
    if cleaned.count(".") > 1 or (cleaned.count(".") == 1 and len(cleaned.split(".")[1]) == 3):
        cleaned = cleaned.replace(".", "")
    cleaned = cleaned.replace(",", ".")
    try:
        value = float(cleaned) * scale
    except ValueError:
        raise ValueError(f"'{text}' is not an amount in VND") from None
    if value < 0 or value != value or value == float("inf"):
        raise ValueError("a budget must be a finite amount, not negative")
    return value


def percent(value: float | None, decimals: int = 1, lang: str = "vi") -> str:
    if value is None:
        return "—"
    return number(value * 100, decimals, lang) + " %"


def rank_move(gain: int | None) -> str:
    """Arrow and places gained: ▲2 is two places better, ▼1 one worse."""
    if gain is None:
        return ""
    if gain > 0:
        return f"▲{gain}"
    if gain < 0:
        return f"▼{-gain}"
    return "="


def label(criteria: Criteria, node_id: str, lang: str = "vi", both: bool = True) -> str:
    """Vietnamese name first with the English beside it, or the reverse in English."""
    n = criteria.nodes[node_id]
    first, second = (n.name_vi, n.name_en) if lang == "vi" else (n.name_en, n.name_vi)
    return f"{first} ({second})" if both and second and second != first else first


def score(criteria: Criteria, node_id: str, value: float | None, lang: str = "vi") -> str:
    return number(value, criteria.decimals(node_id), lang)
