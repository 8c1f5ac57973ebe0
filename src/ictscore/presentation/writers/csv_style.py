"""CSV the way Excel opens it on a Vietnamese computer: `;` between fields, decimal commas, BOM.

Excel splits a CSV on the list separator of the regional settings, which is `;` wherever the
decimal mark is a comma, as in Vietnam; it reads "0,6865" as a number there and "0.6865" as text
or a date; and it takes a file without a byte-order mark for the local code page, which mangles
every diacritic. So a planner who double-clicks the plain CSV sees one column of garbled text.
The `vi` style is the same table written for that Excel; `plain` (`,`, decimal points, no BOM) is
for programs. `ictscore import` reads both back.
"""

from __future__ import annotations

import csv
import io
import re
from typing import Literal

CsvStyle = Literal["vi", "plain"]
STYLES: tuple[CsvStyle, ...] = ("vi", "plain")
BOM = "\ufeff"
_NUMBER = re.compile(r"-?\d+\.\d+(?:[eE][-+]?\d+)?")
"""A number with a decimal point as the writers print them (`repr` of a float): the only
cells whose point becomes a comma. Ids, names, dates and integers are left as they are."""


def default_for(lang: str) -> CsvStyle:
    """What a file for a person gets when nobody chose: the Vietnamese style in Vietnamese."""
    return "vi" if lang == "vi" else "plain"


def restyle(text: str, style: CsvStyle) -> str:
    """Plain CSV (as the writers make it) in the chosen style."""
    if style == "plain":
        return text
    out = io.StringIO()
    w = csv.writer(out, delimiter=";", lineterminator="\n")
    for row in csv.reader(io.StringIO(text, newline="")):
        w.writerow([cell.replace(".", ",") if _NUMBER.fullmatch(cell) else cell for cell in row])
    return BOM + out.getvalue()
