"""The trigger analysis as a picture a lay person reads at a glance: the words for it.

One row per factor (the rate ratio and its interval, drawn on a log axis around "no
difference"), each labelled in words (likely link / possible link / no link yet / need N
more days), and one plain sentence on top. The numbers stay in the findings' own sentences
(the "Details"); nothing here says "95% interval", "median" or "factors tested".

The words never say more than the verdicts (findings.py) do: a row is a "likely link" only
when its verdict is LINK (it survived the adjustment for the number of factors compared), a
borderline one is only "possible", and the sentence on top names no possible link as a cause.

Pure Python: the Trends page draws the rows with pyqtgraph, the doctor report with QPainter.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, replace
from enum import StrEnum

from ..plurals import count
from .factors import Translate, _identity
from .findings import MIN_DAYS_EACH_SIDE, AnalysisReport, FactorFinding, Verdict


class Mark(StrEnum):
    """How a row is drawn and labelled (a colour and a word each, never colour alone)."""

    LIKELY = "likely"
    POSSIBLE = "possible"
    NO_LINK_YET = "no_link_yet"
    NEED_MORE = "need_more"


MARKS = {
    Verdict.LINK: Mark.LIKELY,
    Verdict.POSSIBLE_LINK: Mark.POSSIBLE,
    Verdict.NO_CLEAR_LINK: Mark.NO_LINK_YET,
    Verdict.NOT_ENOUGH_DATA: Mark.NEED_MORE,
}

# The axis never shows less than half to twice (so "no difference" sits in the middle of a
# sensible span) and never more than 1/16 to 16 (a wider interval is cut and says so).
AXIS_MIN_SPAN = 2.0
AXIS_MAX_SPAN = 16.0


@dataclass(frozen=True, slots=True)
class PictureRow:
    factor_id: str
    label: str  # plain: "Short nights (under 7 hours)"
    mark: Mark
    words: str  # "likely link", "need 5 more days"
    ratio: float | None  # None: not compared (NEED_MORE)
    low: float | None
    high: float | None
    days_needed: int  # for NEED_MORE: days still missing (0 when only twitches are missing)
    details: str  # the finding's full sentence, numbers and all


@dataclass(frozen=True, slots=True)
class Picture:
    headline: str
    rows: tuple[PictureRow, ...]
    axis: tuple[float, float]  # ratio at the left and right edge (log scale)
    caption: str  # what the picture is, in words
    left_out: int = 0  # rows not drawn (trimmed, see `trimmed`)

    @property
    def compared(self) -> tuple[PictureRow, ...]:
        return tuple(r for r in self.rows if r.ratio is not None)


def days_needed(finding: FactorFinding) -> int:
    """Days still missing before a factor can be compared: the shortfall on each side."""
    return max(0, MIN_DAYS_EACH_SIDE - finding.days_with) + max(
        0, MIN_DAYS_EACH_SIDE - finding.days_without
    )


def mark_words(mark: Mark, needed: int = 0, tr: Translate = _identity) -> str:
    if mark is Mark.LIKELY:
        return tr("likely link")
    if mark is Mark.POSSIBLE:
        return tr("possible link")
    if mark is Mark.NO_LINK_YET:
        return tr("no link yet")
    if needed <= 0:
        return tr("need twitches logged")
    return tr("need {days}").format(days=count(needed, tr("more day"), tr("more days")))


def amount_words(ratio: float, tr: Translate = _identity) -> str:
    """A rate ratio as people say it: "about twice as many", "about half as many"."""
    if ratio >= 1.0:
        if ratio < 1.2:
            return tr("slightly more")
        if ratio < 1.75:
            return tr("about one and a half times as many")
        if ratio < 2.25:
            return tr("about twice as many")
        if ratio < 2.75:
            return tr("about two and a half times as many")
        return tr("about {n} times as many").format(n=round(ratio))
    inverse = 1.0 / ratio if ratio > 0 else math.inf
    if inverse < 1.2:
        return tr("slightly fewer")
    if inverse < 1.75:
        return tr("about a third fewer")
    if inverse < 2.5:
        return tr("about half as many")
    if inverse < 3.5:
        return tr("about a third as many")
    return tr("far fewer")


def _clause(finding: FactorFinding, tr: Translate) -> str:
    """ "short nights go with about twice as many twitches (the next day)" """
    assert finding.ratio is not None
    subject = finding.subject or finding.label
    text = tr("{subject} go with {amount} twitches").format(
        subject=subject, amount=amount_words(finding.ratio, tr)
    )
    if finding.lagged:
        text += " " + tr("the next day")
    return text


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _join(parts: Sequence[str], tr: Translate) -> str:
    if len(parts) <= 1:
        return "".join(parts)
    return tr("{first} and {last}").format(first=", ".join(parts[:-1]), last=parts[-1])


def _subjects(findings: Sequence[FactorFinding], tr: Translate, most: int = 2) -> list[str]:
    """The first `most` distinct subjects, each saying when it is the day before."""
    out: list[str] = []
    for f in findings:
        subject = f.subject or f.label
        if f.lagged:
            subject = tr("{subject} (the day before)").format(subject=subject)
        if subject not in out:
            out.append(subject)
        if len(out) == most:
            break
    return out


def headline(report: AnalysisReport, tr: Translate = _identity) -> str:
    """One plain sentence on top of the picture; no numbers a lay person must decode."""
    if report.days_used == 0:
        return tr(
            "Nothing logged yet. Log your twitches, drinks, sleep and stress for a few weeks "
            "to see what goes with them."
        )
    if report.factors_tested == 0:
        return tr(
            "Too early to tell: keep logging for a few more weeks. Each thing is compared "
            "once there are at least {k} days with it and {k} without."
        ).format(k=MIN_DAYS_EACH_SIDE)
    links = [f for f in report.findings if f.verdict is Verdict.LINK]
    possible = [f for f in report.findings if f.verdict is Verdict.POSSIBLE_LINK]
    if links:
        named = [_clause(f, tr) for f in links[:2]]
        text = _capital("; ".join(named))
        if len(links) > 2:
            text += tr("; and {n} more things").format(n=len(links) - 2)
        if possible:
            subjects = _subjects(possible, tr)
            text += tr("; too early to tell for {subjects}").format(subjects=_join(subjects, tr))
        else:
            text += tr("; nothing else stands out yet")
        return text + "."
    if possible:
        first = possible[0]
        return (
            tr("Nothing is clear yet. {clause}, but that could still be chance: keep logging.")
        ).format(clause=_capital(_clause(first, tr)))
    return tr(
        "Nothing stands out yet: on the days compared, none of these goes with clearly more "
        "or fewer twitches."
    )


def _row(finding: FactorFinding, tr: Translate) -> PictureRow:
    mark = MARKS[finding.verdict]
    needed = days_needed(finding) if mark is Mark.NEED_MORE else 0
    return PictureRow(
        factor_id=finding.factor_id,
        label=finding.plain or finding.label,
        mark=mark,
        words=mark_words(mark, needed, tr),
        ratio=finding.ratio,
        low=finding.low,
        high=finding.high,
        days_needed=needed,
        details=finding.sentence,
    )


def axis_range(rows: Sequence[PictureRow]) -> tuple[float, float]:
    """A log axis symmetric around 1 (no difference in the middle), powers of two at the
    edges, wide enough for the intervals up to AXIS_MAX_SPAN."""
    reach = AXIS_MIN_SPAN
    for r in rows:
        for value in (r.low, r.high):
            if value is None or value <= 0 or not math.isfinite(value):
                continue
            span = value if value >= 1 else 1.0 / value
            while reach < span and reach < AXIS_MAX_SPAN:
                reach *= 2.0
    return 1.0 / reach, reach


def picture(report: AnalysisReport, tr: Translate = _identity) -> Picture:
    """The rows: every factor compared, then those still waiting for days (same-day only:
    the day-before ones would only repeat what to log)."""
    rows = tuple(
        _row(f, tr)
        for f in report.findings
        if f.verdict is not Verdict.NOT_ENOUGH_DATA or not f.lagged
    )
    return Picture(
        headline=headline(report, tr),
        rows=rows,
        axis=axis_range(rows),
        caption=tr(
            "Each line shows how many twitches you logged on days with that thing, compared "
            "with days without it. Its length shows how sure the log can be: a line that "
            "crosses “no difference” is not a link yet. These are patterns in your own log, "
            "not proof of cause."
        ),
    )


def trimmed(pic: Picture, most: int) -> Picture:
    """At most `most` rows, the strongest first (rows are in verdict order): for paper, where a
    log with dozens of foods would otherwise draw a picture taller than the page."""
    if len(pic.rows) <= most:
        return pic
    rows = pic.rows[:most]
    return replace(pic, rows=rows, axis=axis_range(rows), left_out=len(pic.rows) - most)
