"""A stored setting is read without the json module when it is a plain scalar
(store/settings.decode): for every text, what it reads is what json.loads reads, of the
same type, and a text json.loads refuses is refused too (then get_setting falls back to the
default)."""

from __future__ import annotations

import json
import math
from typing import Any

from hypothesis import example, given
from hypothesis import strategies as st

from liptwitch_desktop.store.settings import decode

JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=12,
)


def same(a: Any, b: Any) -> bool:
    """Equal and of the same type all the way down (1 is not 1.0, nor True)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, float):
        if math.isnan(a) or math.isnan(b):  # "NaN": json.loads reads it (get_setting refuses)
            return math.isnan(a) and math.isnan(b)
        return a == b and math.copysign(1, a) == math.copysign(1, b)
    if isinstance(a, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
    return bool(a == b)


def outcome(read: Any, text: Any) -> tuple[str, Any]:
    try:
        return "value", read(text)
    except (ValueError, TypeError, RecursionError) as exc:
        return "refused", type(exc).__mro__[-3]  # ValueError or TypeError, not the subclass


@given(JSON_VALUES)
@example(-0.0)
@example(1e16)
@example("tab\tand\nnewline")
@example("é")
def test_what_json_dumps_wrote_reads_back_as_json_loads_reads_it(value: Any) -> None:
    text = json.dumps(value)
    assert same(decode(text), json.loads(text))


@given(st.one_of(st.text(), st.from_regex(r'-?[0-9.eE+-]{1,8}|"[^"]{0,6}"|[a-z]{3,5}')))
@example("-0")
@example("01")
@example("1.")
@example(".5")
@example("1e5")
@example(" 5 ")
@example('"a\\u00e9"')
@example('"\x01"')
@example("NaN")
@example("٣")  # an Arabic-Indic digit: not a JSON number
@example("")
def test_any_text_reads_as_json_loads_reads_it_or_is_refused_as_there(text: str) -> None:
    mine, theirs = outcome(decode, text), outcome(json.loads, text)
    assert mine[0] == theirs[0]
    assert same(mine[1], theirs[1]) if mine[0] == "value" else mine[1] == theirs[1]


@given(st.one_of(st.integers(), st.floats(), st.binary(max_size=8), st.none()))
def test_a_value_that_is_not_text_is_read_as_json_loads_reads_it(stored: Any) -> None:
    """An imported file's row may hold a number or bytes in the value column."""
    mine, theirs = outcome(decode, stored), outcome(json.loads, stored)
    assert mine[0] == theirs[0]
    assert same(mine[1], theirs[1]) if mine[0] == "value" else mine[1] == theirs[1]
