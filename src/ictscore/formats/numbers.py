"""Numbers as Vietnamese and English spreadsheets write them: "1.234,5", "1,234.5", "45 %".

Whether "1.234" is one thousand two hundred and thirty-four or one point two three four depends
on the file's convention, which one cell cannot tell. `decimal_evidence` says what a cell proves
about the convention; the importer decides for the whole file and refuses to guess when no cell
proves it and some cell depends on it.
"""

from __future__ import annotations

import re

from ictscore.formats.message import N_

MISSING = {"", "-", "–", "—", "n/a", "na", "#n/a"}

_NUMBER = re.compile(r"^[+-]?(\d[\d.,]*|[.,]\d+)$")


class NotANumber(ValueError):
    pass


class AmbiguousNumber(ValueError):
    """The text reads differently with a decimal comma and a decimal point."""


def _clean(text: str) -> tuple[str, bool]:
    s = text.strip().replace("\u00a0", "").replace("\u202f", "").replace(" ", "")
    percent = s.endswith("%") or s.startswith("%")
    s = s.strip("%")
    if s.startswith("(") and s.endswith(")"):  # accounting negative
        s = "-" + s[1:-1]
    s = s.replace("\u2212", "-")
    return s, percent


def is_missing(text: str) -> bool:
    return text.strip().lower() in MISSING


def looks_numeric(text: str) -> bool:
    s, _ = _clean(text)
    return bool(_NUMBER.match(s))


def decimal_evidence(text: str) -> str | None:
    """',' or '.' when the cell can only be read with that decimal mark, else None."""
    s, _ = _clean(text)
    if not _NUMBER.match(s):
        return None
    s = s.lstrip("+-")
    has_c, has_d = "," in s, "." in s
    if has_c and has_d:
        return "," if s.rfind(",") > s.rfind(".") else "."
    for mark, other in ((",", "."), (".", ",")):
        if (has_c if mark == "," else has_d) and s.count(mark) == 1:
            head, tail = s.split(mark)
            if len(tail) != 3 or head in ("", "0"):
                return mark
        if (has_c if mark == "," else has_d) and s.count(mark) > 1:
            return other
    return None


def ambiguous(text: str) -> bool:
    """True when the reading depends on the decimal mark ("1.234", "12,500")."""
    s, _ = _clean(text)
    if not _NUMBER.match(s):
        return False
    s = s.lstrip("+-")
    return decimal_evidence(text) is None and ("," in s or "." in s)


def parse_number(text: str, decimal: str | None) -> tuple[float, bool]:
    """The value and whether it carried a percent sign; `decimal` is ',' or '.' or unknown."""
    s, percent = _clean(text)
    if not _NUMBER.match(s):
        raise NotANumber(N_("'{text}' is not a number", text=text.strip()))
    mark = decimal_evidence(text) or decimal
    sign = -1.0 if s.startswith("-") else 1.0
    s = s.lstrip("+-")
    if "," in s or "." in s:
        if mark is None:
            raise AmbiguousNumber(
                N_(
                    "'{text}' reads differently with a decimal comma and a decimal "
                    "point, and no other cell shows which this file uses (give --decimal)",
                    text=text.strip(),
                )
            )
        thousands = "." if mark == "," else ","
        parts = s.split(thousands)
        if len(parts) > 1 and (
            not 1 <= len(parts[0]) <= 3 or any(len(p.split(mark)[0]) != 3 for p in parts[1:])
        ):
            raise NotANumber(N_("'{text}' has misplaced thousands separators", text=text.strip()))
        s = s.replace(thousands, "")
        if s.count(mark) > 1:
            raise NotANumber(N_("'{text}' has more than one decimal mark", text=text.strip()))
        s = s.replace(mark, ".")
    return sign * float(s), percent
