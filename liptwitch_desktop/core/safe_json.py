"""Reading a JSON file that comes from outside, refusing in words what is not plain data.

The standard `json` module accepts things a careful reader should not: NaN and Infinity,
integers thousands of digits long (or raises a bare ValueError past 4,300 digits), nesting
deep enough to raise RecursionError, duplicate keys (a later "no" silently overriding a
"yes"), lone surrogates that cannot be printed. Here each is a `JsonInputError` with a short
message that never echoes the input back at length. Files over `MAX_BYTES` are refused
before they are read in full; a UTF-8 byte-order mark is accepted, any other encoding is not.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

MAX_BYTES = 1024 * 1024  # 1 MiB: an answers file is a few hundred bytes
MAX_DEPTH = 32
MAX_INT_DIGITS = 18
UTF8_BOM = b"\xef\xbb\xbf"
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


class JsonInputError(ValueError):
    """The file is not small, plain JSON data; the message says why in one line."""


def read_json_file(path: str | Path, max_bytes: int = MAX_BYTES) -> Any:
    """The parsed content of `path`, or JsonInputError (OSError for an unreadable file)."""
    path = Path(path)
    with path.open("rb") as handle:
        raw = handle.read(max_bytes + 1)
    if len(raw) > max_bytes:
        raise JsonInputError(f"is larger than {max_bytes // 1024} KiB; an answers file is tiny")
    return parse_json_bytes(raw)


def _utf16_without_bom(raw: bytes) -> bool:
    """JSON starts with ASCII, which UTF-16 writes with a zero byte before (big-endian) or
    after (little-endian) each character: zeros in one of the two columns and not the
    other mean UTF-16 without a byte-order mark."""
    head = raw[:64]
    if len(head) < 2:
        return False
    even = head[0::2].count(0)
    odd = head[1::2].count(0)
    return max(even, odd) >= len(head) // 4 and min(even, odd) == 0


def parse_json_bytes(raw: bytes) -> Any:
    if raw.startswith(UTF16_BOMS) or _utf16_without_bom(raw):
        raise JsonInputError("is UTF-16 text; save it as UTF-8")
    if raw.startswith(UTF8_BOM):
        raw = raw[len(UTF8_BOM) :]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise JsonInputError(f"is not UTF-8 text (bad byte at position {exc.start})") from None
    return parse_json_text(text)


def parse_json_text(text: str) -> Any:
    _check_depth(text)
    try:
        data = json.loads(
            text,
            object_pairs_hook=_no_duplicates,
            parse_constant=_no_constant,
            parse_int=_small_int,
            parse_float=_finite_float,
        )
    except JsonInputError:
        raise
    except json.JSONDecodeError as exc:
        raise JsonInputError(
            f"is not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})"
        ) from None
    except (RecursionError, ValueError) as exc:  # belt and braces: the checks above catch these
        raise JsonInputError(f"is not plain JSON data ({type(exc).__name__})") from None
    _check_text(data, 0)
    return data


def _check_depth(text: str) -> None:
    """Refuse nesting deeper than MAX_DEPTH before the parser recurses into it."""
    depth = 0
    in_string = escaped = False
    for char in text:
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                raise JsonInputError(f"is nested more than {MAX_DEPTH} levels deep")
        elif char in "]}":
            depth -= 1


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise JsonInputError(f"has the key {_short(key)} twice in one object")
        result[key] = value
    return result


def _no_constant(name: str) -> Any:
    raise JsonInputError(f"holds {name}, which is not a number JSON allows")


def _small_int(text: str) -> int:
    digits = text.lstrip("-")
    if len(digits) > MAX_INT_DIGITS:
        raise JsonInputError(f"holds an integer with {len(digits)} digits; that is not a count")
    return int(text)


def _finite_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise JsonInputError("holds a number too large to be real")
    return value


def _check_text(value: Any, depth: int) -> None:
    """Every string is printable Unicode (a lone surrogate would crash the output later)."""
    if isinstance(value, str):
        _check_string(value)
    elif isinstance(value, dict):
        for key, item in value.items():
            _check_string(key)
            _check_text(item, depth + 1)
    elif isinstance(value, list):
        for item in value:
            _check_text(item, depth + 1)


def _check_string(text: str) -> None:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise JsonInputError("holds text that is not valid Unicode (a lone surrogate)") from None


def _short(text: object, limit: int = 40) -> str:
    shown = repr(text)
    return shown if len(shown) <= limit else shown[: limit - 1] + "…"
