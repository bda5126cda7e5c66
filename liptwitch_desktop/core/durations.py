"""How long something lasted, in the words Today, the Log and the report use."""

from __future__ import annotations


def format_duration(seconds: int | None) -> str:
    if seconds is None:
        return "still going"
    if seconds < 60:
        return f"{seconds} s"
    minutes, secs = divmod(seconds, 60)
    if minutes < 60:
        return f"{minutes} min" + (f" {secs} s" if secs and minutes < 10 else "")
    hours, minutes = divmod(minutes, 60)
    return f"{hours} h {minutes} min"
