"""A jeepney D-Bus connection read on the Qt event loop.

jeepney does the wire format (it marshals the uint32 `replaces_id` that QtDBus gets wrong);
its socket is watched by a `QSocketNotifier`, so replies and signals (`ActionInvoked`,
`PrepareForSleep`) arrive on the GUI thread with no extra thread. Method calls are sent
without waiting; their replies come back through `on_reply` callbacks keyed by serial.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable
from itertools import count
from typing import Any

from PySide6.QtCore import QObject, QSocketNotifier

log = logging.getLogger(__name__)

ReplyCallback = Callable[[Any], None]  # the reply's body, or an Exception on an error reply
SignalCallback = Callable[[str, str, tuple[Any, ...]], None]  # interface, member, body


class DBusLink(QObject):
    """One bus connection: async calls, subscribed signals, all on the Qt loop."""

    def __init__(self, bus: str = "SESSION", parent: QObject | None = None) -> None:
        super().__init__(parent)
        from jeepney.io.blocking import open_dbus_connection

        self._conn = open_dbus_connection(bus=bus)  # raises OSError/KeyError when absent
        self._parser = self._conn.parser  # shared, so nothing read during set-up is lost
        self._serials = count(start=1_000_000)  # clear of the blocking connection's own
        self._pending: dict[int, ReplyCallback] = {}
        self._signal_handlers: list[SignalCallback] = []
        self._closed = False
        self._notifier = QSocketNotifier(self._conn.sock.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._read)

    @property
    def open(self) -> bool:
        return not self._closed

    def call_blocking(self, message: Any, timeout: float = 2.0) -> tuple[Any, ...]:
        """For set-up only (before anything is pending): send and wait for the reply body."""
        from jeepney.wrappers import unwrap_msg

        self._notifier.setEnabled(False)
        try:
            reply = self._conn.send_and_get_reply(message, timeout=timeout)
        finally:
            self._notifier.setEnabled(True)
        return tuple(unwrap_msg(reply))

    def call(self, message: Any, on_reply: ReplyCallback | None = None) -> None:
        if self._closed:
            raise ConnectionError("D-Bus connection closed")
        serial = next(self._serials)
        if on_reply is not None:
            self._pending[serial] = on_reply
        self._conn.send(message, serial=serial)

    def subscribe(self, rule: Any, handler: SignalCallback) -> None:
        """AddMatch on the bus and route matching signals to `handler`."""
        from jeepney.bus_messages import message_bus

        self.call_blocking(message_bus.AddMatch(rule))
        self._signal_handlers.append(handler)

    def _read(self) -> None:
        from jeepney import HeaderFields, MessageType

        try:
            data = self._conn.sock.recv(65536)
        except BlockingIOError:
            return
        except OSError as exc:
            log.info("D-Bus connection lost: %s", exc)
            self.close()
            return
        if not data:
            self.close()
            return
        self._parser.add_data(data)
        while (msg := self._parser.get_next_message()) is not None:
            fields = msg.header.fields
            kind = msg.header.message_type
            if kind in (MessageType.method_return, MessageType.error):
                callback = self._pending.pop(fields.get(HeaderFields.reply_serial, -1), None)
                if callback is not None:
                    body: Any = msg.body
                    if kind == MessageType.error:
                        body = RuntimeError(f"{fields.get(HeaderFields.error_name)}: {msg.body}")
                    callback(body)
            elif kind == MessageType.signal:
                interface = fields.get(HeaderFields.interface, "")
                member = fields.get(HeaderFields.member, "")
                for handler in list(self._signal_handlers):
                    handler(interface, member, tuple(msg.body))

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        self._notifier.setEnabled(False)
        self._pending.clear()
        with contextlib.suppress(OSError):
            self._conn.close()
