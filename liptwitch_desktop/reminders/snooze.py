"""How long a snooze lasts: the choices a person is offered (10 min, 30 min, 1 h, tomorrow),
the one "Snooze" that a notification server without room for four buttons gets (the length
set in Settings), and the instant each choice ends.

"Tomorrow" is the same wall-clock time tomorrow (a weekly check snoozed on Sunday at 10:00
comes back on Monday at 10:00). A reminder whose next regular firing comes first (every
daily one) needs no second look: the snooze then ends with today's firing.
"""

from __future__ import annotations

from datetime import datetime, timedelta, tzinfo

from ..core.days import to_utc

# The choice keys, in menu order; a notification action is "snooze:<choice>".
CHOICES: tuple[str, ...] = ("10", "30", "60", "tomorrow")
DEFAULT_CHOICE = "10"
ACTION_PREFIX = "snooze:"
# Notification buttons a server shows at most, by the name it gives (GetServerInformation).
# dunst and mako list actions in a menu, xfce4-notifyd shows a row: no real limit. GNOME
# Shell shows three, Plasma three in its popup; an unknown server is assumed as small.
_ROOM: dict[str, int] = {"dunst": 16, "mako": 16, "xfce4-notifyd": 8, "gnome-shell": 3}
_DEFAULT_ROOM = 3


def room_for(server_name: str | None) -> int:
    """How many buttons (actions besides the default click) the server shows."""
    return _ROOM.get((server_name or "").strip().lower(), _DEFAULT_ROOM)


def valid_choice(value: object) -> str:
    """A stored or received choice, or the default for anything else."""
    text = str(value)
    return text if text in CHOICES else DEFAULT_CHOICE


def choice_of_action(key: str, default: str) -> str | None:
    """The snooze choice a notification action asks for ("snooze" is the default length);
    None when `key` is not a snooze action or names an unknown choice."""
    if key == "snooze":
        return valid_choice(default)
    if key.startswith(ACTION_PREFIX):
        choice = key[len(ACTION_PREFIX) :]
        return choice if choice in CHOICES else None
    return None


def snooze_end(choice: str, now: datetime, zone: tzinfo) -> datetime:
    """When a snooze chosen at `now` ends (UTC)."""
    if choice == "tomorrow":
        local = now.astimezone(zone).replace(tzinfo=None)
        return to_utc(local + timedelta(days=1), zone)
    return now + timedelta(minutes=int(valid_choice(choice)))


def expanded_actions(actions: tuple[str, ...], room: int) -> tuple[str, ...]:
    """The notification's action keys: "snooze" becomes the four choices when the server
    has room for all of them next to the others, else stays one "Snooze" (the default)."""
    if "snooze" not in actions:
        return actions
    others = [key for key in actions if key != "snooze"]
    if len(others) + len(CHOICES) > room:
        return actions
    return (*others, *(ACTION_PREFIX + choice for choice in CHOICES))
