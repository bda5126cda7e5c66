"""A drink that takes the day over the caffeine limit asks first.

"This takes today to 1,094 mg, above your 400 mg limit. Log it anyway?" The limit is the
person's setting (400 mg, or 200 mg in pregnancy: resources/knowledge/limits.toml, FACTS.md);
the answer "Log it anyway" logs it, the default does not. The app never tells anyone to exceed
the limit, and never hides that a drink does.
"""

from __future__ import annotations

from datetime import date, time, tzinfo

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from ..core.caffeine_limit import total_if_over
from ..core.days import local_day
from ..core.entries import Intake, IntakeKind
from ..store.log_reads import today_summary
from ..store.settings import get_setting
from .dates import day_month_text


def _tr(text: str) -> str:
    return QCoreApplication.translate("CaffeineLimit", text)


def over_limit_question(intake: Intake, today: date, zone: tzinfo, day_start: time) -> str | None:
    """The question to ask before logging `intake`, or None when it keeps the day in limits."""
    if intake.kind is not IntakeKind.CAFFEINE or not intake.caffeine_mg:
        return None
    day = local_day(intake.taken_at, zone, day_start)
    logged = today_summary(day, zone, day_start).caffeine_mg
    limit = float(get_setting("caffeine_limit_mg"))
    total = total_if_over(logged, intake.caffeine_mg, limit)
    if total is None:
        return None
    text = (
        _tr("This takes today to %1 mg, above your %2 mg limit. Log it anyway?")
        if day == today
        else _tr("This takes %3 to %1 mg, above your %2 mg limit. Log it anyway?")
    )
    return (
        text.replace("%1", f"{total:,.0f}")
        .replace("%2", f"{limit:,.0f}")
        .replace("%3", day_month_text(day))
    )


def confirm_caffeine(
    parent: QWidget, intake: Intake, today: date, zone: tzinfo, day_start: time
) -> bool:
    """True to log: no question was needed, or the person chose "Log it anyway"."""
    question = over_limit_question(intake, today, zone, day_start)
    if question is None:
        return True
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(_tr("Caffeine limit"))
    box.setText(question)
    log = box.addButton(_tr("&Log it anyway"), QMessageBox.ButtonRole.AcceptRole)
    skip = box.addButton(_tr("&Don't log it"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(skip)
    box.setEscapeButton(skip)
    box.exec()
    return box.clickedButton() is log
