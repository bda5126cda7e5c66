"""Issue 15: "Send a test notification" in the Reminders settings goes through the running
reminder service's notifier (the same path as a reminder) and says what happened."""

from __future__ import annotations

from liptwitch_desktop.reminders.dnd_gate import DoNotDisturbGate
from liptwitch_desktop.reminders.notifier import Notifier
from liptwitch_desktop.reminders.service import ReminderService
from liptwitch_desktop.ui.reminders_settings import RemindersSettings
from tests.reminders.fakes import ManualJobs, RecordingBackend


class On:
    def is_active(self) -> bool:
        return True

    def close(self) -> None:
        pass


def page_for(ctx, controllers, qtbot) -> RemindersSettings:  # type: ignore[no-untyped-def]
    page = RemindersSettings(ctx, controllers.reminders, controllers.settings)
    qtbot.addWidget(page)
    return page


def test_the_button_shows_a_notice_and_says_where(ctx, controllers, qtbot) -> None:  # type: ignore[no-untyped-def]
    shown = RecordingBackend()
    service = ReminderService(ctx, Notifier([shown]), backend=ManualJobs(), watch_logind=False)
    controllers.reminders.attach_tester(service.send_test)
    page = page_for(ctx, controllers, qtbot)
    assert page.tools.test_button.text() == "Send a test notification"
    page.tools.test_button.click()
    assert [(n.kind, n.title) for n in shown.shown] == [("test", "LipTwitch test")]
    assert page.tools.status.text() == "Sent."  # a backend that is not the desktop's
    shown.press("test", "default")  # clicking it opens nothing and breaks nothing


def test_no_server_says_banner_and_do_not_disturb_says_held(ctx, controllers, qtbot) -> None:  # type: ignore[no-untyped-def]
    gate = DoNotDisturbGate(On(), open_watch=lambda: None)
    service = ReminderService(ctx, Notifier(), backend=ManualJobs(), watch_logind=False, dnd=gate)
    controllers.reminders.attach_tester(service.send_test)
    page = page_for(ctx, controllers, qtbot)
    page.tools.test_button.click()
    text = page.tools.status.text()
    assert text.startswith("No notification server and no tray: reminders appear as a banner")
    assert "Do Not Disturb is on: reminders are held until it ends" in text
    gate.stop()


def test_without_the_reminder_service_it_says_so(ctx, controllers, qtbot) -> None:  # type: ignore[no-untyped-def]
    page = page_for(ctx, controllers, qtbot)
    page.tools.test_button.click()
    assert page.tools.status.text() == (
        "The reminders are not running, so no notification can be sent."
    )
    assert "color" in page.tools.status.styleSheet()  # an error, in the error colour
