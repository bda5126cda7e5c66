"""`--notify`: a verb run from a launcher or a keyboard shortcut has no terminal to print to,
so its answer (or its refusal) is shown as a desktop notification as well.

The freedesktop notification service over jeepney, blocking and brief (the Qt-free path of
the verbs; reminders/notifier.py is the app's own, on its Qt loop). A session without a
notification server is told nothing more: the command has printed its line already.
"""

from __future__ import annotations

from .. import APP_ID, APP_NAME

NOTIFY_TIMEOUT_S = 2.0
SHOWN_MS = 5000


def notify(summary: str, body: str = "") -> bool:
    """Show one notification; False (quietly) when there is no bus or server to show it."""
    try:
        from jeepney import DBusAddress, new_method_call
        from jeepney.io.blocking import open_dbus_connection
        from jeepney.wrappers import DBusErrorResponse, unwrap_msg
    except ImportError:
        return False
    address = DBusAddress(
        "/org/freedesktop/Notifications",
        bus_name="org.freedesktop.Notifications",
        interface="org.freedesktop.Notifications",
    )
    hints = {"desktop-entry": ("s", APP_ID), "category": ("s", "x-liptwitch.verb")}
    message = new_method_call(
        address,
        "Notify",
        "susssasa{sv}i",
        (APP_NAME, 0, APP_ID, summary, body, [], hints, SHOWN_MS),
    )
    try:
        with open_dbus_connection(bus="SESSION") as conn:
            unwrap_msg(conn.send_and_get_reply(message, timeout=NOTIFY_TIMEOUT_S))
    except (OSError, KeyError, ValueError, TimeoutError, DBusErrorResponse):
        return False
    return True
