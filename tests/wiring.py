"""Widgets built as the main window builds them, each with the controllers it is given there
(app/bootstrap.py makes the controllers), for tests that look at one widget alone."""

from __future__ import annotations

from typing import Any

from liptwitch_desktop.app.bootstrap import build_controllers
from liptwitch_desktop.runtime.context import AppContext


def settings_page(ctx: AppContext) -> Any:
    from liptwitch_desktop.ui.settings_page import SettingsPage

    c = build_controllers(ctx)
    return SettingsPage(ctx, c.settings, c.reminders, c.data)


def triage_page(ctx: AppContext, **kwargs: Any) -> Any:
    from liptwitch_desktop.ui.triage import TriagePage

    c = build_controllers(ctx)
    return TriagePage(ctx, c.triage, c.settings, **kwargs)


def triage_wizard(ctx: AppContext, **kwargs: Any) -> Any:
    from liptwitch_desktop.ui.triage.wizard import TriageWizard

    c = build_controllers(ctx)
    return TriageWizard(ctx, c.triage, c.settings, **kwargs)


def data_actions(ctx: AppContext) -> Any:
    from liptwitch_desktop.ui.data_actions import DataActions

    c = build_controllers(ctx)
    return DataActions(ctx, c.data, c.settings)


def first_run_dialog(ctx: AppContext) -> Any:
    from liptwitch_desktop.ui.first_run import FirstRunDialog

    return FirstRunDialog(ctx, build_controllers(ctx).settings)
