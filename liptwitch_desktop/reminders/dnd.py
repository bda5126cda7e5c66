"""Is the desktop's Do Not Disturb on? Asked before a reminder is shown, so that reminders are
held (not shown, not lost) while the person asked for quiet, and shown once it ends.

Linux desktops have no single answer, so the sources are tried in turn:

1. the notification server's `Inhibited` property (org.freedesktop.Notifications, spec 1.3;
   KDE Plasma 6 has it);
2. dunst's own `paused` property (interface org.dunstproject.cmd0 on the same object), or
   `dunstctl is-paused` when the property cannot be read;
3. GNOME's `org.gnome.desktop.notifications show-banners` setting (`gsettings get`; false
   means Do Not Disturb), read only when GNOME Shell is the server: the setting is installed
   on many desktops that do not use it.

Every call to the server carries NO_AUTO_START, and nothing is asked when no server owns the
name: asking would make D-Bus start one (and a second dunst started that way replaces the
person's own). Nothing here raises: anything that fails is logged at debug level and the
answer is None ("cannot tell"), which the caller treats as "not disturbed". One probe keeps
one blocking jeepney connection and remembers the server it found, so asking every minute
costs two short round trips. `DoNotDisturbWatch` adds the server's PropertiesChanged on a
connection of its own, for a caller that wants to hear at once when Do Not Disturb ends.
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import subprocess
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from jeepney.io.blocking import DBusConnection

log = logging.getLogger("liptwitch.reminders.dnd")

NOTIFICATIONS = "org.freedesktop.Notifications"
NOTIFICATIONS_PATH = "/org/freedesktop/Notifications"
DUNST_INTERFACE = "org.dunstproject.cmd0"
PROPERTIES_INTERFACE = "org.freedesktop.DBus.Properties"
GNOME_SCHEMA, GNOME_KEY = "org.gnome.desktop.notifications", "show-banners"
CALL_TIMEOUT_S = 0.5  # a server that is this slow is as good as absent for this question
TOOL_TIMEOUT_S = 2.0
# Which property of which interface says "Do Not Disturb" (true means on).
_PROPERTIES = ((NOTIFICATIONS, "Inhibited"), (DUNST_INTERFACE, "paused"))


def _call(
    conn: DBusConnection, interface: str, member: str, signature: str, body: tuple[Any, ...]
) -> tuple[Any, ...]:
    """A method call on the notification server that never starts one; raises on failure."""
    from jeepney import DBusAddress, MessageFlag, new_method_call
    from jeepney.wrappers import unwrap_msg

    address = DBusAddress(NOTIFICATIONS_PATH, bus_name=NOTIFICATIONS, interface=interface)
    message = new_method_call(address, member, signature, body)
    message.header.flags |= MessageFlag.no_auto_start
    reply = conn.send_and_get_reply(message, timeout=CALL_TIMEOUT_S)
    return tuple(unwrap_msg(reply))


def _get_bool(conn: DBusConnection, interface: str, name: str) -> bool | None:
    """A boolean property of the server; None when it has no such property or it fails."""
    try:
        ((signature, value),) = _call(conn, PROPERTIES_INTERFACE, "Get", "ss", (interface, name))
    except Exception as exc:  # an error reply (no such property), a timeout, a lost bus
        log.debug("%s.%s unavailable: %s", interface, name, exc)
        return None
    return value if signature == "b" and isinstance(value, bool) else None


def _run_tool(argv: list[str], bus: str) -> str | None:
    """The trimmed output of a settings tool, or None when it is missing or fails. With a
    bus address of its own the probe hands it on, so the tool asks the same bus."""
    if shutil.which(argv[0]) is None:
        return None
    env = None if bus == "SESSION" else {**os.environ, "DBUS_SESSION_BUS_ADDRESS": bus}
    try:
        done = subprocess.run(
            argv, capture_output=True, text=True, timeout=TOOL_TIMEOUT_S, check=False, env=env
        )
    except (OSError, subprocess.SubprocessError) as exc:
        log.debug("%s failed: %s", argv[0], exc)
        return None
    if done.returncode != 0:
        log.debug("%s exited %s: %s", argv[0], done.returncode, done.stderr.strip()[:200])
        return None
    return done.stdout.strip()


def _tool_bool(output: str | None) -> bool | None:
    return {"true": True, "false": False}.get(output or "")


class DoNotDisturbProbe:
    """`is_active()`: True (Do Not Disturb is on), False (it is off), None (cannot tell: no
    session bus, no notification server, or one that says nothing about it).

    `bus` is "SESSION" or a D-Bus address. `source` names what gave the last answer
    ("Inhibited", "dunst", "dunstctl", "gnome" or None), for the log and the tests."""

    def __init__(self, bus: str = "SESSION") -> None:
        self._bus = bus
        self._conn: DBusConnection | None = None
        self._owner: str | None = None  # the unique name of the server the facts below are of
        self._server_name: str | None = None
        self.source: str | None = None

    def is_active(self) -> bool | None:
        self.source = None
        try:
            return self._ask()
        except Exception as exc:  # never let a desktop quirk stop a reminder
            log.debug("Do Not Disturb probe failed: %s", exc)
            self.close()
            return None

    def _ask(self) -> bool | None:
        conn = self._connection()
        if conn is None:
            return None
        owner = self._current_owner(conn)
        if owner is None:
            return None
        if owner != self._owner:  # a new server (or the first look): learn its name again
            self._owner, self._server_name = owner, self._read_server_name(conn)
        for (interface, name), source in zip(_PROPERTIES, ("Inhibited", "dunst"), strict=True):
            value = _get_bool(conn, interface, name)
            if value is not None:
                self.source = source
                return value
        if self._server_name == "dunst":
            value = _tool_bool(_run_tool(["dunstctl", "is-paused"], self._bus))
            self.source = "dunstctl" if value is not None else None
            return value
        if self._server_name == "gnome-shell":
            banners = _tool_bool(
                _run_tool(["gsettings", "get", GNOME_SCHEMA, GNOME_KEY], self._bus)
            )
            self.source = "gnome" if banners is not None else None
            return None if banners is None else not banners
        return None

    def _connection(self) -> DBusConnection | None:
        if self._conn is None:
            from jeepney.io.blocking import open_dbus_connection

            try:
                self._conn = open_dbus_connection(bus=self._bus)
            except Exception as exc:  # no session bus: KeyError, OSError, ValueError
                log.debug("no session bus for the Do Not Disturb probe: %s", exc)
                return None
        return self._conn

    def _current_owner(self, conn: DBusConnection) -> str | None:
        """The server's unique name, or None when no one serves notifications (asking the
        bus, which never starts a service)."""
        from jeepney.bus_messages import message_bus
        from jeepney.wrappers import DBusErrorResponse, unwrap_msg

        reply = conn.send_and_get_reply(
            message_bus.GetNameOwner(NOTIFICATIONS), timeout=CALL_TIMEOUT_S
        )
        try:
            (owner,) = unwrap_msg(reply)
        except DBusErrorResponse:  # NameHasNoOwner
            return None
        return str(owner)

    def _read_server_name(self, conn: DBusConnection) -> str | None:
        try:
            name, *_rest = _call(conn, NOTIFICATIONS, "GetServerInformation", "", ())
        except Exception as exc:
            log.debug("GetServerInformation failed: %s", exc)
            return None
        return str(name)

    @property
    def server_name(self) -> str | None:
        """What the server calls itself ("dunst", "gnome-shell", "Plasma"...), once asked."""
        return self._server_name

    def close(self) -> None:
        if self._conn is not None:
            with contextlib.suppress(Exception):
                self._conn.close()
        self._conn, self._owner, self._server_name = None, None, None

    def __enter__(self) -> DoNotDisturbProbe:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


class DoNotDisturbWatch:
    """The notification server's PropertiesChanged (Inhibited, dunst's paused) and its coming
    and going, on a connection of its own that the caller polls: watch `fileno()` for
    reading (a QSocketNotifier) and call `poll()`, or call `poll()` now and then. A True from
    `poll()` means "ask the probe again". GNOME's setting is not watched (the probe reads it).
    """

    def __init__(self, conn: DBusConnection) -> None:
        self._conn: DBusConnection | None = conn

    @property
    def alive(self) -> bool:
        """False once the bus is lost or the watch closed: open a new one to hear more."""
        return self._conn is not None

    @classmethod
    def open(cls, bus: str = "SESSION") -> DoNotDisturbWatch | None:
        """A watch subscribed on `bus`, or None (logged) when there is no bus."""
        from jeepney import MatchRule
        from jeepney.bus_messages import message_bus
        from jeepney.io.blocking import open_dbus_connection
        from jeepney.wrappers import unwrap_msg

        changed = MatchRule(
            type="signal",
            sender=NOTIFICATIONS,
            interface=PROPERTIES_INTERFACE,
            member="PropertiesChanged",
            path=NOTIFICATIONS_PATH,
        )
        owner = MatchRule(type="signal", sender="org.freedesktop.DBus", member="NameOwnerChanged")
        owner.add_arg_condition(0, NOTIFICATIONS)
        conn = None
        try:
            conn = open_dbus_connection(bus=bus)
            for rule in (changed, owner):
                unwrap_msg(
                    conn.send_and_get_reply(message_bus.AddMatch(rule), timeout=CALL_TIMEOUT_S)
                )
        except Exception as exc:
            log.debug("cannot watch Do Not Disturb: %s", exc)
            if conn is not None:
                with contextlib.suppress(Exception):
                    conn.close()
            return None
        return cls(conn)

    def fileno(self) -> int:
        return -1 if self._conn is None else self._conn.sock.fileno()

    def poll(self) -> bool:
        """Read what has arrived, without waiting: True when Do Not Disturb may have changed
        (a watched property changed, or the server came or went). A lost bus is a change too:
        the probe will then say None."""
        from jeepney import HeaderFields, MessageType

        changed = False
        while self._conn is not None:
            try:
                message = self._conn.receive(timeout=0)
            except TimeoutError:
                return changed
            except Exception as exc:
                log.debug("Do Not Disturb watch lost its bus: %s", exc)
                self.close()
                return True
            header = message.header
            if header.message_type is not MessageType.signal:
                continue
            member = header.fields.get(HeaderFields.member)
            if member == "NameOwnerChanged":
                changed = True
            elif member == "PropertiesChanged" and len(message.body) == 3:
                interface, values, invalidated = message.body
                names = {name for i, name in _PROPERTIES if i == interface}
                changed = changed or bool(names & (set(values) | set(invalidated)))
        return False

    def close(self) -> None:
        if self._conn is not None:
            with contextlib.suppress(Exception):
                self._conn.close()
        self._conn = None

    def __enter__(self) -> DoNotDisturbWatch:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()
