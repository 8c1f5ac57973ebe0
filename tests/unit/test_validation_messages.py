"""Every pydantic error a criteria, scenario, data or entity file can meet reads in Vietnamese.

One bad input per error type the file models emit (found by putting wrong values into every
key of the example files of docs/formats.md), validated by the model that reads that kind of
file; the message the CLI prints is scanned with the golden outputs' English-word scanner. In
English the message is pydantic's own wording, as before the catalogue had it.
"""

from __future__ import annotations

import copy
import datetime
import math
import re
import tomllib
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from ictscore.formats.schemas import MODELS
from ictscore.formats.tomlfile import _PYDANTIC, validation_problems
from ictscore.presentation import i18n

from ..conftest import ROOT
from ..functional.test_vietnamese_outputs import leaks

EXAMPLES = ROOT / "tests" / "data" / "formats-example"
GONE = object()

CASES: list[tuple[str, str, tuple[str | int, ...], Any]] = [
    ("bool_number", "criteria", ("framework", "decimals"), True),
    ("bool_parsing", "scenario", ("lever", 0, "estimate"), "x"),
    ("bool_type", "scenario", ("lever", 0, "estimate"), math.inf),
    ("dict_type", "data", ("entity", 0, "values"), math.inf),
    ("extra_forbidden", "criteria", ("framework", "bogus"), 1),
    ("finite_number", "criteria", ("framework", "decimals"), math.inf),
    ("float_parsing", "criteria", ("grades", 0, "min"), "x"),
    ("float_type", "criteria", ("grades", 0, "min"), datetime.date(2020, 1, 1)),
    ("greater_than", "criteria", ("indicator", 0, "step"), -1),
    ("greater_than_equal", "criteria", ("framework", "decimals"), -1),
    ("int_from_float", "criteria", ("framework", "decimals"), 1.5),
    ("int_parsing", "criteria", ("framework", "decimals"), "x"),
    ("int_parsing_size", "criteria", ("framework", "decimals"), 1e300),
    ("int_type", "criteria", ("framework", "decimals"), datetime.date(2020, 1, 1)),
    ("less_than_equal", "criteria", ("framework", "decimals"), 10**30),
    ("list_type", "criteria", ("framework", "sources"), math.inf),
    ("literal_error", "criteria", ("framework", "entities"), math.inf),
    ("missing", "criteria", ("framework",), GONE),
    ("model_attributes_type", "criteria", ("indicator", 0, "rule"), math.inf),
    ("model_type", "criteria", ("framework",), math.inf),
    ("string_pattern_mismatch", "criteria", ("indicator", 0, "id"), ""),
    ("string_too_short", "data", ("entity", 0, "id"), ""),
    ("string_type", "criteria", ("framework", "id"), math.inf),
    ("too_long", "criteria", ("indicator", 0, "range"), [1, 2, 3]),
    ("too_short", "criteria", ("indicator", 1, "rule", "steps"), []),
    ("tuple_type", "criteria", ("indicator", 0, "range"), math.inf),
    ("union_tag_invalid", "criteria", ("indicator", 0, "rule", "type"), math.inf),
    ("union_tag_not_found", "criteria", ("indicator", 0, "rule"), {}),
    ("value_error", "criteria", ("kind",), math.inf),
]


def _prose(said: str) -> str:
    """A message without what it quotes: the value it got, quoted keys and lists of keys."""
    said = re.sub(r"\(nhận được .*\)$", " ", said)
    said = re.sub(r"'[^']*'", " ", said)
    return re.sub(r"\b[a-z_]+(?:, [a-z_]+)+", " ", said)


def _messages(kind: str, where: tuple[str | int, ...], value: Any, lang: str) -> list[str]:
    path = EXAMPLES / f"{kind}.toml"
    text = path.read_text(encoding="utf-8")
    data = copy.deepcopy(tomllib.loads(text))
    node = data
    for key in where[:-1]:
        node = node[key]
    if value is GONE:
        del node[where[-1]]
    else:
        node[where[-1]] = value
    with pytest.raises(ValidationError) as caught:
        MODELS[kind].model_validate(data)
    problems = validation_problems(Path(path.name), text, MODELS[kind], caught.value)
    return [i18n.problem(p, lang) for p in problems]


@pytest.mark.parametrize(("kind_of_error", "kind", "where", "value"), CASES, ids=lambda x: x)
def test_vietnamese_for_every_error_type(
    kind_of_error: str, kind: str, where: tuple[str | int, ...], value: Any
) -> None:
    (vi,) = _messages(kind, where, value, "vi")
    (en,) = _messages(kind, where, value, "en")
    said = _prose(vi.split(": ", 1)[1])
    assert leaks(said) == [], vi
    for word in ("Input", "should", "valid", "required", "String", "unknown", "got"):
        assert word not in said, vi
    assert said != en.split(": ", 1)[1]


def test_every_type_met_is_in_the_catalogue() -> None:
    assert {c[0] for c in CASES} - {"value_error", "extra_forbidden"} <= set(_PYDANTIC)


def test_english_is_pydantics_wording() -> None:
    (en,) = _messages("criteria", ("framework", "decimals"), -1, "en")
    assert en.endswith("Input should be greater than or equal to 0 (got -1)")
    assert leaks(en) != []  # the scan finds English where there is some
    (vi,) = _messages("criteria", ("framework", "decimals"), -1, "vi")
    assert vi.endswith("phải lớn hơn hoặc bằng 0 (nhận được -1)")


def test_a_choice_of_literals_says_or_in_the_language() -> None:
    (vi,) = _messages("criteria", ("framework", "missing"), "never", "vi")
    assert vi.endswith("phải là 'error', 'zero' hoặc 'lowest' (nhận được 'never')")
    (en,) = _messages("criteria", ("framework", "missing"), "never", "en")
    assert en.endswith("Input should be 'error', 'zero' or 'lowest' (got 'never')")


def test_an_unknown_key_names_the_allowed_ones_in_the_language() -> None:
    (vi,) = _messages("criteria", ("framework", "zzzzzz"), 1, "vi")
    assert "khóa không hợp lệ 'zzzzzz'; ở đây được dùng: " in vi


def test_an_unknown_error_type_is_still_vietnamese() -> None:
    from ictscore.formats.tomlfile import pydantic_message

    said = i18n.text(pydantic_message({"type": "uuid_type", "msg": "UUID input"}), "vi")
    assert said == "giá trị không hợp lệ (uuid_type)"
