"""Typed settings, read and written through the declaration in core.settings_schema.

Reads are plain SQL over the store's connection (the first window reads settings before
the ORM is imported); writes go through the model, one transaction each.
"""

from __future__ import annotations

import re
from datetime import time
from typing import Any

from ..core.settings_schema import SPECS, SettingError, parse_time
from .database.connection import connection
from .setting_rules import check_setting

# Writing one setting says another: a magnesium dose written by the app is one the person
# entered (Settings, the reminder's dose field, Ctrl+M's first question), so reminders may
# use it from then on (store/supplements; an import writes rows directly, not through here).
IMPLIED: dict[str, dict[str, Any]] = {"magnesium_dose_mg": {"magnesium_dose_confirmed": True}}


# A stored value is what json.dumps wrote, nearly always `true`, a number or a short string.
# Those are read without the json module, which the first paint would import for them alone
# (~3 ms); anything else (a list of drinks, an escaped string, a value edited by hand) is
# json.loads'. The pattern is that JSON grammar exactly, so the value is json.loads' own
# (tests/store/test_setting_values.py holds the two equal for any text).
_PLAIN = re.compile(r'"[^"\\\x00-\x1f]*"|-?(?:0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?')
_LITERALS = {"true": True, "false": False, "null": None}


def decode(stored: Any) -> Any:
    """A stored setting's JSON text as a value, exactly as json.loads reads it."""
    plain = _PLAIN.fullmatch(stored) if isinstance(stored, str) else None
    if plain is None:
        if stored in _LITERALS:
            return _LITERALS[stored]
        import json

        return json.loads(stored)
    if stored[0] == '"':
        return stored[1:-1]
    return float(stored) if plain.group(1) or plain.group(2) else int(stored)


def get_setting(key: str) -> Any:
    spec = SPECS[key]
    row = connection().execute("SELECT value FROM setting WHERE key = ?", (key,)).fetchone()
    if row is None:
        return spec.default
    try:
        return check_setting(key, decode(row[0]))
    except (SettingError, ValueError, TypeError, RecursionError):
        # A value from an older version or edited by hand: fall back, never crash.
        return spec.default


def get_time(key: str) -> time:
    return parse_time(get_setting(key))


def all_settings() -> dict[str, Any]:
    return {key: get_setting(key) for key in SPECS}


def set_setting(key: str, value: Any) -> Any:
    """Validate and store one setting in one transaction. Returns the stored value."""
    if key not in SPECS:
        raise SettingError(f"unknown setting {key!r}")
    value = check_setting(key, value)
    import json

    from .database.db import db_proxy
    from .database.models import Setting

    with db_proxy.atomic():
        for name, stored in {key: value, **IMPLIED.get(key, {})}.items():
            Setting.insert(key=name, value=json.dumps(stored)).on_conflict_replace().execute()
    return value


def set_settings(values: dict[str, Any]) -> None:
    """Several settings, all or nothing."""
    checked = {}
    for key, value in values.items():
        if key not in SPECS:
            raise SettingError(f"unknown setting {key!r}")
        checked[key] = check_setting(key, value)
    for key in list(checked):
        checked.update({k: v for k, v in IMPLIED.get(key, {}).items() if k not in values})
    import json

    from .database.db import db_proxy
    from .database.models import Setting

    with db_proxy.atomic():
        for key, value in checked.items():
            Setting.insert(key=key, value=json.dumps(value)).on_conflict_replace().execute()
