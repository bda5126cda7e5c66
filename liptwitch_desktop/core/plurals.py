"""A number with its noun, for the texts built without Qt (core, store, the command line, the
report): "1 day", "2 days", never "1 days" or "day(s)".

The widgets use Qt's `%n` with the forms in resources/i18n/liptwitch_en.ts instead; this is
the one plain-Python counterpart, so every text outside the widgets agrees on it.
"""

from __future__ import annotations


def count(n: int, noun: str, plural: str | None = None) -> str:
    """ "1 day", "2 days", "0 days"; `plural` where adding an s is wrong ("entries")."""
    return f"{n} {noun if n == 1 else plural or noun + 's'}"
