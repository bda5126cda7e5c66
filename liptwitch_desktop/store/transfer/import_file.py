"""Reading an export file before anything in it is looked at: refused whole, in words,
when it is too big, not a plain file, not UTF-8, or not JSON a person could have made (NaN,
1e999, numbers of thirty digits, nesting a thousand deep, a key twice in one object).

The refusal types live here too: every step of an import raises them.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

MAX_IMPORT_BYTES = 50 * 1024 * 1024
_MAX_INT_DIGITS = 19  # the largest integer SQLite stores has 19 digits


class ImportRejected(Exception):
    """Nothing was imported. `rejections` says which items and why (empty: see the message)."""

    def __init__(self, message: str, rejections: list[Rejection] | None = None) -> None:
        super().__init__(message)
        self.rejections = rejections or []


class ImportCancelled(ImportRejected):
    def __init__(self) -> None:
        super().__init__("The import was cancelled. Nothing was imported.")


def nothing_imported(reason: str) -> ImportRejected:
    return ImportRejected(f"Nothing was imported: {reason}")


def safe(text: Any, limit: int = 80) -> str:
    """Text from a file, fit to show (lone surrogates and the like replaced)."""
    return str(text)[:limit].encode("utf-8", "replace").decode("utf-8")


@dataclass(frozen=True)
class Rejection:
    section: str  # "episodes", "intakes", "checkins", "settings" or a table name
    item: str  # "3" (1-based position in the file) or a setting key
    summary: str  # what the item is, so a person can find it
    reason: str

    def __str__(self) -> str:
        what = f" ({self.summary})" if self.summary else ""
        return safe(f"{self.section} #{self.item}{what}: {self.reason}", 400)


# --- the file ---------------------------------------------------------------------------------


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"the file holds {name}, which is not a number")


def _float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise ValueError(f"the number {text[:30]} is too large")
    return value


def _int(text: str) -> int:
    if len(text.lstrip("-")) > _MAX_INT_DIGITS:
        raise ValueError(f"the number {text[:30]}… is too large")
    return int(text)


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """An object whose keys are all different: with a key twice, the standard reader keeps
    the last silently (a second "episodes": [] would drop every episode)."""
    result = dict(pairs)
    if len(result) != len(pairs):
        seen: set[str] = set()
        for key, _value in pairs:
            if key in seen:
                raise ValueError(f'the file has the key "{safe(key, 60)}" twice in one object')
            seen.add(key)
    return result


def parse_export(text: str) -> Any:
    """JSON with only numbers a database can hold and no key twice in one object;
    ImportRejected with the reason otherwise."""
    try:
        return json.loads(
            text,
            object_pairs_hook=_no_duplicate_keys,
            parse_constant=_refuse_constant,
            parse_float=_float,
            parse_int=_int,
        )
    except json.JSONDecodeError as exc:
        raise nothing_imported(
            f"the file is not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})."
        ) from None
    except RecursionError:
        raise nothing_imported("the file is nested far too deeply to be an export.") from None
    except ValueError as exc:
        raise nothing_imported(f"{exc}.") from None


def read_export_file(path: Path) -> Any:
    """The file's JSON, refused before parsing when it is not a plain file or too big."""
    try:
        info = path.stat()
    except OSError as exc:
        raise nothing_imported(f"the file could not be read ({exc.strerror or exc}).") from None
    import stat

    if not stat.S_ISREG(info.st_mode):
        raise nothing_imported("this is not a file.")
    if info.st_size > MAX_IMPORT_BYTES:
        raise nothing_imported(
            f"the file is {info.st_size / 2**20:.0f} MiB; an export is at most "
            f"{MAX_IMPORT_BYTES // 2**20} MiB."
        )
    try:
        with path.open("rb") as fh:
            raw = fh.read(MAX_IMPORT_BYTES + 1)
    except OSError as exc:
        raise nothing_imported(f"the file could not be read ({exc.strerror or exc}).") from None
    if len(raw) > MAX_IMPORT_BYTES:
        raise nothing_imported(f"the file is larger than {MAX_IMPORT_BYTES // 2**20} MiB.")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise nothing_imported("the file is not a text (UTF-8) file.") from None
    return parse_export(text)
