"""A triage result as a banner, as HTML (shown in the app and printed to PDF), and as a PDF.

The urgency always shows as colour AND an icon AND a word, so it reads without colour.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from html import escape
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QMarginsF, QSizeF
from PySide6.QtGui import QPageLayout, QPageSize, QPdfWriter, QTextDocument
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QStyle, QVBoxLayout, QWidget

from ...core.knowledge.model import Urgency
from ...core.triage.result import CALM, LOG, SAID, UNANSWERED, UNSURE, PlanItem, TriageResult
from ..dates import day_text, moment_text

# Background colour, text colour, standard icon, and a symbol for plain text and print.
URGENCY_STYLE: dict[Urgency, tuple[str, str, QStyle.StandardPixmap, str]] = {
    Urgency.EMERGENCY: ("#b00020", "#ffffff", QStyle.StandardPixmap.SP_MessageBoxCritical, "‼"),
    Urgency.DOCTOR_SOON: ("#e65100", "#ffffff", QStyle.StandardPixmap.SP_MessageBoxWarning, "!"),
    Urgency.DOCTOR_ROUTINE: (
        "#f9a825",
        "#000000",
        QStyle.StandardPixmap.SP_MessageBoxInformation,
        "ℹ",
    ),
    Urgency.SELF_CARE: ("#2e7d32", "#ffffff", QStyle.StandardPixmap.SP_DialogApplyButton, "✓"),
}


def _tr(text: str) -> str:
    return QCoreApplication.translate("TriageResult", text)


class UrgencyBanner(QFrame):
    """Colour, icon and word for an urgency level."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("urgency_banner")
        self.icon = QLabel()
        self.word = QLabel()
        self.word.setObjectName("urgency_word")
        font = self.word.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        self.word.setFont(font)
        self.headline = QLabel()
        self.headline.setWordWrap(True)
        text = QVBoxLayout()
        text.addWidget(self.word)
        text.addWidget(self.headline)
        row = QHBoxLayout(self)
        row.addWidget(self.icon)
        row.addLayout(text, 1)

    def show_result(self, result: TriageResult) -> None:
        background, foreground, pixmap, _symbol = URGENCY_STYLE[result.urgency]
        self.setStyleSheet(
            f"#urgency_banner {{ background: {background}; border-radius: 6px; }}"
            f"#urgency_banner QLabel {{ color: {foreground}; }}"
        )
        icon = self.style().standardIcon(pixmap)
        self.icon.setPixmap(icon.pixmap(48, 48))
        self.icon.setAccessibleName(result.word)
        self.word.setText(result.word)
        # An emergency's headline ("Call 999 now.") is the big number right under the
        # banner: said once, there.
        headline = "" if result.stop_now else result.subheadline
        self.headline.setText(headline)
        self.headline.setVisible(bool(headline))
        self.setAccessibleName(f"{result.word}. {headline}" if headline else result.word)


def _list(items: Iterable[str]) -> str:
    body = "".join(f"<li>{item}</li>" for item in items)
    return f"<ul>{body}</ul>" if body else ""


def _plan_items(items: Iterable[PlanItem], with_text: bool = True) -> str:
    return _list(
        f"<b>{escape(i.title)}</b>" + (f": {escape(i.text)}" if with_text and i.text else "")
        for i in items
    )


def short_day(day: date) -> str:
    """ "10 Mar 2026" (ui/dates.py: the app's one date format)."""
    return day_text(day)


def short_when(when: datetime) -> str:
    """ "10 Mar 2026, 15:30"."""
    return moment_text(when)


def result_html(
    result: TriageResult,
    *,
    when: datetime | None = None,
    adopted: Iterable[str] = (),
    include_headline: bool = False,
    after_emergency: str = "",
) -> str:
    """The whole result in reading order; `include_headline` for print (no banner there).

    The same HTML is the history's detail, the printout and the PDF, so an emergency reads
    the same everywhere: the number, the emergency reasons, what to do now, nothing else.
    `after_emergency` is the TIA sentence a check after an emergency carries first.
    """
    parts: list[str] = []
    if include_headline:
        _bg, _fg, _pixmap, symbol = URGENCY_STYLE[result.urgency]
        parts.append(f"<h1>{escape(symbol)} {escape(result.word)}</h1>")
        if when is not None:
            parts.append(f"<p>{escape(_tr('Checked on %1').replace('%1', short_when(when)))}</p>")
    if after_emergency:
        parts.append(f"<p><b>⚠ {escape(after_emergency)}</b></p>")
        if not result.stop_now:  # an emergency's headline is its big "Call 999"
            parts.append(f"<h2>{escape(result.subheadline)}</h2>")
    if result.stop_now:
        return "\n".join([*parts, *_emergency_parts(result)])
    parts.append(f"<p>{escape(result.advice)}</p>")
    if result.non_emergency_note:  # NHS 111 and the like: never on an emergency
        parts.append(f"<p>{escape(result.non_emergency_note)}</p>")
    groups = [
        (_tr("What you said"), [r for r in result.reasons if r.kind in (SAID, UNSURE, CALM)]),
        (_tr("What your log shows"), [r for r in result.reasons if r.kind == LOG]),
        (_tr("Not answered"), [r for r in result.reasons if r.kind == UNANSWERED]),
    ]
    parts.append(f"<h3>{escape(_tr('Why'))}</h3>")
    for title, reasons in groups:
        if reasons:
            parts.append(f"<p><b>{escape(title)}</b></p>")
            parts.append(
                _list(
                    escape(r.text) + (f"<br><i>{escape(r.advice)}</i>" if r.advice else "")
                    for r in reasons
                )
            )
    if result.causes:
        parts.append(f"<h3>{escape(_tr('Likely causes, most likely first'))}</h3><ol>")
        said = {r.text for r in result.reasons}  # evidence given as a reason: said once
        for cause in result.causes:
            evidence = _list(escape(e) for e in cause.all_evidence if e not in said)
            parts.append(f"<li><b>{escape(cause.name)}</b>: {escape(cause.how)}{evidence}</li>")
        parts.append("</ol>")
    elif result.no_clear_cause:
        parts.append(f"<p>{escape(result.no_clear_cause)}</p>")
    plan = result.plan
    if plan.notes:
        parts.append(f"<h3>{escape(_tr('Important'))}</h3>")
        parts.append(_list(f"<b>{escape(n)}</b>" for n in plan.notes))
    sections = [
        (_tr("Try now"), plan.quick_fixes, True),
        (_tr("For the long run"), plan.strategies, True),
        (_tr("Keep track of"), plan.tracking, False),
        (_tr("Questions for your doctor"), plan.doctor_questions, False),
    ]
    for title, items, with_text in sections:
        if items:
            parts.append(f"<h3>{escape(title)}</h3>{_plan_items(items, with_text)}")
    chosen = [a for a in plan.actions if a.id in set(adopted)]
    if chosen:
        parts.append(f"<h3>{escape(_tr('Reminders you chose'))}</h3>")
        parts.append(_plan_items(chosen, with_text=False))
    if plan.recheck_text:
        parts.append(f"<p>{escape(plan.recheck_text)}</p>")
    if result.disclaimer:
        parts.append(f"<p>{escape(result.disclaimer)}</p>")
    return "\n".join(parts)


def emergency_call_text(result: TriageResult) -> str:
    """The line in large type: the number for a known country, never one for another."""
    if result.emergency_number is None:
        return _tr("Call your local emergency number")
    return _tr("Call %1").replace("%1", result.emergency_number)


def _emergency_parts(result: TriageResult) -> list[str]:
    parts = [f"<h1>{escape(emergency_call_text(result))}</h1>"]
    if result.emergency_note:
        parts.append(f"<p><small>{escape(result.emergency_note)}</small></p>")
    parts.append(f"<p><b>{escape(result.advice)}</b></p>")
    parts.append(f"<h3>{escape(_tr('Why'))}</h3>")
    parts.append(_list(escape(r.text) for r in result.reasons))
    return parts


def write_pdf(path: Path, html: str, title: str) -> None:
    """Lay the HTML out on A4 pages with QPdfWriter (no QtPrintSupport needed).

    Raises OSError when the file cannot be written (QPdfWriter itself would only log).
    """
    with path.open("wb"):
        pass  # fails here, loudly, on a missing folder or a read-only one
    writer = QPdfWriter(str(path))
    writer.setTitle(title)
    writer.setCreator("LipTwitch")
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setPageMargins(QMarginsF(15, 15, 15, 15), QPageLayout.Unit.Millimeter)
    document = QTextDocument()
    document.setHtml(html)
    rect = writer.pageLayout().paintRectPixels(writer.resolution())
    document.setPageSize(QSizeF(rect.width(), rect.height()))
    document.print_(writer)
    del writer  # closes the file
    if not path.is_file() or path.stat().st_size == 0:
        raise OSError(f"could not write {path}")
