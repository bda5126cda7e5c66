"""Does a dataclass built from stored JSON hold the types it declares?

`TriageResult.from_json` builds its dataclasses from whatever a file held; a "word" that is
a number or a list where text belongs would pass it and break the page that shows it later.
This walks the declared field types (str, numbers, bools, None, unions, tuples, enums,
nested dataclasses) and says where the first value does not fit.
"""

from __future__ import annotations

import dataclasses
import enum
import math
import types
import typing
from typing import Any


def mismatch(value: Any, hint: Any = None, path: str = "") -> str | None:
    """The path of the first value that does not fit its declared type, or None."""
    if hint is None:
        hint = type(value)
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        if any(mismatch(value, arg, path) is None for arg in typing.get_args(hint)):
            return None
        return path or "value"
    if origin is tuple:
        args = typing.get_args(hint)
        if not isinstance(value, tuple):
            return path or "value"
        inner = args[0] if args else Any
        for n, item in enumerate(value):
            found = mismatch(item, inner, f"{path}[{n}]")
            if found:
                return found
        return None
    if hint is Any or origin is not None:
        return None
    if hint is type(None):
        return None if value is None else (path or "value")
    if hint is bool:
        return None if isinstance(value, bool) else (path or "value")
    if hint is int:
        return None if isinstance(value, int) and not isinstance(value, bool) else path or "value"
    if hint is float:
        ok = isinstance(value, int | float) and not isinstance(value, bool)
        return None if ok and math.isfinite(value) else (path or "value")
    if hint is str:
        return None if isinstance(value, str) else (path or "value")
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        return None if isinstance(value, hint) else (path or "value")
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        if not isinstance(value, hint):
            return path or "value"
        hints = typing.get_type_hints(hint)
        for f in dataclasses.fields(hint):
            found = mismatch(getattr(value, f.name), hints.get(f.name, Any), f"{path}.{f.name}")
            if found:
                return found
        return None
    return None
