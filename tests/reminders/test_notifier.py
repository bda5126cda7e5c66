"""The freedesktop backend's D-Bus traffic (through a recording link): the uint32
replaces_id per kind, the actions, and ActionInvoked / NotificationClosed routing. The
real bus and dunst are exercised in tests/e2e."""

from __future__ import annotations

from typing import Any

from liptwitch_desktop.reminders.notifier import (
    CLOSED_DISMISSED,
    CLOSED_EXPIRED,
    FreedesktopBackend,
    Notice,
    Notifier,
)

IFACE = "org.freedesktop.Notifications"


class RecordingLink:
    """Stands in for DBusLink: keeps the messages, lets the test answer them."""

    def __init__(self, capabilities: tuple[str, ...] = ("actions", "body")) -> None:
        self.open = True
        self.sent: list[tuple[Any, Any]] = []
        self.handlers: list[Any] = []
        self.capabilities = capabilities
        self.next_id = 41

    def call_blocking(self, message: Any, timeout: float = 2.0) -> tuple[Any, ...]:
        assert message.header.fields[3] == "GetCapabilities"  # HeaderFields.member
        return (list(self.capabilities),)

    def subscribe(self, rule: Any, handler: Any) -> None:
        self.handlers.append(handler)

    def call(self, message: Any, on_reply: Any = None) -> None:
        self.sent.append((message, on_reply))

    def reply_all(self) -> None:
        for message, on_reply in self.sent:
            if on_reply is not None and message.header.fields[3] == "Notify":
                replaces = message.body[1]
                if not replaces:
                    self.next_id += 1
                on_reply((replaces or self.next_id,))
        self.sent = [(m, None) for m, _ in self.sent]

    def signal(self, member: str, *body: Any) -> None:
        for handler in self.handlers:
            handler(IFACE, member, body)


def notice(kind: str = "magnesium", body: str = "200 mg") -> Notice:
    return Notice(kind, "Magnesium", body, ("done", "snooze"), "magnesium", 7)


def notify_messages(link: RecordingLink) -> list[Any]:
    return [m for m, _ in link.sent if m.header.fields[3] == "Notify"]


def test_notify_signature_actions_and_replaces_id_per_kind(qapp) -> None:  # type: ignore[no-untyped-def]
    link = RecordingLink()
    backend = FreedesktopBackend(link=link)
    notifier = Notifier([backend])
    assert notifier.notify(notice()) == "freedesktop"
    first = notify_messages(link)[0]
    assert first.header.fields[8] == "susssasa{sv}i"  # HeaderFields.signature: uint32 id
    app, replaces, _icon, summary, body, actions, hints, timeout = first.body
    assert (app, replaces, summary, body, timeout) == ("LipTwitch", 0, "Magnesium", "200 mg", -1)
    assert actions == ["default", "Open", "done", "Done", "snooze", "Snooze 10 min"]
    assert hints["desktop-entry"] == ("s", "liptwitch")
    link.reply_all()
    assert backend.notification_id("magnesium") == 42
    notifier.notify(notice(body="again"))
    notifier.notify(Notice("hydration", "Water", "A glass?", ("done",), "water"))
    again, water = notify_messages(link)[1:]
    assert again.body[1] == 42  # replaces its own previous notification
    assert water.body[1] == 0  # another kind never replaces magnesium's
    link.reply_all()
    assert backend.notification_id("hydration") == 43


def test_without_action_support_no_buttons_are_sent(qapp) -> None:  # type: ignore[no-untyped-def]
    link = RecordingLink(capabilities=("body",))
    backend = FreedesktopBackend(link=link)
    backend.show(notice(), Notifier())
    assert notify_messages(link)[0].body[5] == []


def test_action_invoked_and_closed_reach_the_notifier(qapp, qtbot) -> None:  # type: ignore[no-untyped-def]
    link = RecordingLink()
    backend = FreedesktopBackend(link=link)
    notifier = Notifier([backend])
    notifier.notify(notice())
    link.reply_all()
    with qtbot.waitSignal(notifier.action_invoked) as invoked:
        link.signal("ActionInvoked", 42, "snooze")
    assert invoked.args == ["magnesium", "snooze"]
    dismissed: list[str] = []
    notifier.dismissed.connect(dismissed.append)
    link.signal("ActionInvoked", 999, "done")  # someone else's notification: ignored
    link.signal("NotificationClosed", 42, CLOSED_EXPIRED)
    assert dismissed == []  # expiry is not the person dismissing it
    assert backend.notification_id("magnesium") is None
    notifier.notify(notice())
    link.reply_all()
    link.signal("NotificationClosed", 43, CLOSED_DISMISSED)
    assert dismissed == ["magnesium"]


def test_withdraw_closes_the_kinds_notification(qapp) -> None:  # type: ignore[no-untyped-def]
    link = RecordingLink()
    backend = FreedesktopBackend(link=link)
    backend.show(notice(), Notifier())
    link.reply_all()
    backend.withdraw("magnesium")
    close = link.sent[-1][0]
    assert close.header.fields[3] == "CloseNotification" and close.body == (42,)
    backend.withdraw("hydration")  # nothing shown for it: nothing sent
    assert link.sent[-1][0] is close


def test_no_server_means_no_backend(qapp, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/bus")
    assert FreedesktopBackend.try_create() is None


def test_logind_resume_triggers_a_recheck(ctx, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from liptwitch_desktop.reminders.service import ReminderService
    from tests.reminders.fakes import ManualJobs

    service = ReminderService(ctx, Notifier(), backend=ManualJobs(), watch_logind=False)
    calls: list[str] = []
    monkeypatch.setattr(service, "recheck", lambda: calls.append("recheck"))
    manager = "org.freedesktop.login1.Manager"
    service.clock_watch.on_logind_signal(manager, "PrepareForSleep", (True,))
    assert calls == []  # going to sleep: nothing to do yet
    service.clock_watch.on_logind_signal(manager, "PrepareForSleep", (False,))
    assert calls == ["recheck"]
