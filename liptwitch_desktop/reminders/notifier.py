"""Showing a reminder: freedesktop notification with actions, else tray balloon, else banner.

The `Notifier` tries its backends in order and reports what the person did through two
signals, whatever showed it. Each reminder kind replaces its own previous notification
(the id the server returned for that kind), never a fixed id shared by all.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any, Protocol

from PySide6.QtCore import QObject, Signal

from .snooze import expanded_actions, room_for
from .texts import action_labels

log = logging.getLogger(__name__)

APP_NAME = "LipTwitch"
ICON_NAME = "liptwitch"

# NotificationClosed reasons (freedesktop spec)
CLOSED_EXPIRED, CLOSED_DISMISSED, CLOSED_BY_CALL, CLOSED_UNDEFINED = 1, 2, 3, 4


@dataclass(frozen=True)
class Notice:
    kind: str  # a ReminderKind value
    title: str
    body: str
    actions: tuple[str, ...] = ()  # keys: "done", "snooze"; "default" (open) is always added
    open_target: str = "today"  # what the window should open when the notice is clicked
    firing_id: int | None = None
    # The length a lone "Snooze" button stands for (a reminders/snooze.py choice); a server
    # with room for them gets the four choices instead ("snooze:10" ... "snooze:tomorrow").
    snooze_default: str = "10"


class NoticeSink(Protocol):
    def action(self, kind: str, key: str) -> None: ...
    def closed(self, kind: str, dismissed: bool) -> None: ...


class NotifierBackend(Protocol):
    name: str

    def available(self) -> bool: ...
    def show(self, notice: Notice, sink: NoticeSink) -> bool: ...
    def withdraw(self, kind: str) -> None: ...


class Notifier(QObject):
    """Routes notices to the first backend that can show them; reports the answers."""

    # kind, action key: "done" | "snooze" | "snooze:<choice>" | "default" (clicked: open
    # the right dialog)
    action_invoked = Signal(str, str)
    # kind; the person closed it without acting (expiry does not count)
    dismissed = Signal(str)
    # the Notice, when no backend could show it: the window shows an in-window banner
    banner_requested = Signal(object)
    # the Notice and the backend name, after it was shown
    shown = Signal(object, str)

    def __init__(
        self, backends: list[NotifierBackend] | None = None, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._backends: list[NotifierBackend] = list(backends or [])

    def add_backend(self, backend: NotifierBackend) -> None:
        self._backends.append(backend)

    @property
    def backends(self) -> list[NotifierBackend]:
        return list(self._backends)

    def notify(self, notice: Notice) -> str:
        """Show `notice`; returns the backend's name, or "banner"."""
        for backend in self._backends:
            try:
                if backend.available() and backend.show(notice, self):
                    self.shown.emit(notice, backend.name)
                    return backend.name
            except (OSError, RuntimeError, ConnectionError) as exc:
                log.info("notifier backend %s failed: %s", backend.name, exc)
        self.banner_requested.emit(notice)
        self.shown.emit(notice, "banner")
        return "banner"

    def withdraw(self, kind: str) -> None:
        for backend in self._backends:
            try:
                backend.withdraw(kind)
            except (OSError, RuntimeError, ConnectionError) as exc:
                log.info("withdraw on %s failed: %s", backend.name, exc)

    # NoticeSink
    def action(self, kind: str, key: str) -> None:
        self.action_invoked.emit(kind, key)

    def closed(self, kind: str, dismissed: bool) -> None:
        if dismissed:
            self.dismissed.emit(kind)


class FreedesktopBackend(QObject):
    """org.freedesktop.Notifications over jeepney, replies and signals on the Qt loop."""

    name = "freedesktop"
    _PATH = "/org/freedesktop/Notifications"
    _IFACE = "org.freedesktop.Notifications"

    def __init__(self, link: Any = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        from jeepney import DBusAddress, MatchRule

        from .dbus_link import DBusLink

        self._link = link if link is not None else DBusLink("SESSION", self)
        self._addr = DBusAddress(self._PATH, bus_name=self._IFACE, interface=self._IFACE)
        self._ids: dict[str, int] = {}  # kind -> id the server gave its latest notification
        self._kinds: dict[int, str] = {}  # id -> kind
        self._sink: NoticeSink | None = None
        self.server_name: str | None = None
        self.capabilities = self._capabilities()
        rule = MatchRule(type="signal", interface=self._IFACE, path=self._PATH)
        self._link.subscribe(rule, self._on_signal)

    @classmethod
    def try_create(cls, parent: QObject | None = None) -> FreedesktopBackend | None:
        """The backend, or None when there is no session bus or no notification server."""
        try:
            backend = cls(parent=parent)
        except Exception as exc:  # jeepney raises many kinds; any means "not here"
            log.info("no freedesktop notifications: %s", exc)
            return None
        return backend if backend.capabilities is not None else None

    def _capabilities(self) -> frozenset[str] | None:
        from jeepney import new_method_call

        try:
            (caps,) = self._link.call_blocking(
                new_method_call(self._addr, "GetCapabilities"), timeout=3.0
            )
        except Exception as exc:
            log.info("notification server not answering: %s", exc)
            return None
        try:  # its name says how many buttons it shows (reminders/snooze.py)
            name, *_rest = self._link.call_blocking(
                new_method_call(self._addr, "GetServerInformation"), timeout=3.0
            )
            self.server_name = str(name)
        except Exception as exc:
            log.info("notification server has no name: %s", exc)
        return frozenset(caps)

    def available(self) -> bool:
        return self._link.open and self.capabilities is not None

    def show(self, notice: Notice, sink: NoticeSink) -> bool:
        from jeepney import new_method_call

        self._sink = sink
        labels = action_labels(notice.snooze_default)
        actions: list[str] = []
        if "actions" in (self.capabilities or ()):
            keys = expanded_actions(notice.actions, room_for(self.server_name))
            for key in ("default", *keys):
                actions += [key, labels.get(key, key)]
        hints = {
            "desktop-entry": ("s", "liptwitch"),
            "category": ("s", "x-liptwitch.reminder"),
        }
        replaces = self._ids.get(notice.kind, 0)
        message = new_method_call(
            self._addr,
            "Notify",
            "susssasa{sv}i",
            (APP_NAME, replaces, ICON_NAME, notice.title, notice.body, actions, hints, -1),
        )

        def on_reply(body: Any) -> None:
            if isinstance(body, Exception):
                log.info("Notify failed: %s", body)
                return
            (new_id,) = body
            old = self._ids.get(notice.kind)
            if old is not None and old != new_id:
                self._kinds.pop(old, None)
            self._ids[notice.kind] = int(new_id)
            self._kinds[int(new_id)] = notice.kind

        self._link.call(message, on_reply)
        return True

    def withdraw(self, kind: str) -> None:
        from jeepney import new_method_call

        nid = self._ids.get(kind)
        if nid is not None and self._link.open:
            self._link.call(new_method_call(self._addr, "CloseNotification", "u", (nid,)))

    def notification_id(self, kind: str) -> int | None:
        return self._ids.get(kind)

    def _on_signal(self, interface: str, member: str, body: tuple[Any, ...]) -> None:
        if interface != self._IFACE or self._sink is None:
            return
        if member == "ActionInvoked" and len(body) >= 2:
            kind = self._kinds.get(int(body[0]))
            if kind is not None:
                self._sink.action(kind, str(body[1]))
        elif member == "NotificationClosed" and len(body) >= 2:
            nid, reason = int(body[0]), int(body[1])
            kind = self._kinds.pop(nid, None)
            if kind is not None:
                if self._ids.get(kind) == nid:
                    del self._ids[kind]
                self._sink.closed(kind, reason == CLOSED_DISMISSED)
