"""Page 1 of the doctor report: the summary, as HTML for a QTextDocument."""

from __future__ import annotations

from datetime import date

from ..core.durations import format_duration
from ..core.plurals import count
from ..core.report.data import ReportData
from .words import (
    _day,
    _days,
    _e,
    _location,
    _moment,
    _num,
    _row,
    _section,
    _sentences,
    _short,
    _trend_words,
    tr,
)

# --- page 1: the summary -----------------------------------------------------------------------


def _factors(n: int) -> str:
    return count(n, tr("factor"), tr("factors"))


def _nights(n: int) -> str:
    return count(n, tr("night"), tr("nights"))


def summary_html(data: ReportData, max_items: int = 12) -> str:
    """Page 1. `max_items` caps each list, so the page can always be made to fit."""
    h = data.headline
    f = data.factors
    out: list[str] = [f"<h1>{_e(tr('Lip twitching: summary for the doctor'))}</h1>"]
    who = []
    if data.person_name:
        who.append(_e(data.person_name))
    if data.birth_date:
        # Checked as an ISO date by the dialog and the command line; shown as every date is.
        born = _day(date.fromisoformat(data.birth_date))
        who.append(_e(tr("born %1").replace("%1", born)))
    period = (
        tr("Period: %1 to %2 (%3)")
        .replace("%1", _day(data.first))
        .replace("%2", _day(data.last))
        .replace("%3", _days(h.days_in_period))
    )
    who.append(_e(period))
    who.append(_e(tr("made %1 from the person's own log").replace("%1", _day(data.generated_on))))
    out.append(f'<p class="small">{" · ".join(who)}</p>')

    # Red flags first, in bold: they override everything else on the page.
    if data.red_flags:
        items = "".join(
            f"<li><b>{_e(_day(flag.when))}: {_e(flag.title)}</b>"
            + (f" — {_e(flag.said)}" if flag.said else "")
            + "</li>"
            for flag in data.red_flags[:max_items]
        )
        more = len(data.red_flags) - max_items
        if more > 0:
            rest = tr("… and %1 more (see the triage history)").replace("%1", str(more))
            items += f"<li>{_e(rest)}</li>"
        out.append(
            '<table class="flag" width="100%" cellpadding="4"><tr><td>'
            f"<b>⚠ {_e(tr('WARNING SIGNS reported in the symptom check'))}</b>"
            f"<ul style='margin-top:0; margin-bottom:0'>{items}</ul></td></tr></table>"
        )
    latest = data.latest_triage
    if latest is not None:
        line = (
            tr("Latest symptom check (%1): %2.")
            .replace("%1", _day(latest.created_at.date()))
            .replace("%2", latest.word)
        )
        if latest.urgency == "emergency":  # what it told the person to do, with the number
            line += " " + latest.headline
        reasons = _sentences(latest.reasons[:3])
        bold = latest.urgency in ("emergency", "doctor_soon")
        text = _e(line) + (" " + _e(reasons) if reasons else "")
        out.append(f"<p>{'<b>' + text + '</b>' if bold else text}</p>")
        if latest.after_emergency:  # a calm latest check never reads as "it was nothing"
            out.append(f"<p><b>⚠ {_e(latest.after_emergency)}</b></p>")
    elif not data.red_flags:
        out.append(f"<p>{_e(tr('No symptom check (triage) saved yet.'))}</p>")

    out.append(_section(tr("Twitching")))
    rows = [
        _row(
            tr("Days with twitching"),
            _e(
                tr("%1 per week (%2 of %3); %4")
                .replace("%1", _num(h.days_per_week))
                .replace("%2", str(h.twitch_days))
                .replace("%3", _days(h.days_in_period))
                .replace("%4", _trend_words(data))
            ),
        ),
        _row(
            tr("Longest run"),
            _e(
                tr("%1 in a row from %2")
                .replace("%1", _days(h.longest_run_days))
                .replace("%2", _day(h.longest_run_first))
                if h.longest_run_first
                else tr("no twitching logged")
            ),
        ),
    ]
    if h.first_episode and h.last_episode:
        rows.append(
            _row(
                tr("Episodes"),
                _e(
                    tr("%1 logged; first %2, last %3")
                    .replace("%1", str(h.episodes))
                    .replace("%2", _moment(h.first_episode))
                    .replace("%3", _moment(h.last_episode))
                ),
            )
        )
    if h.first_episode_ever:
        rows.append(_row(tr("First logged ever"), _e(_day(h.first_episode_ever.date()))))
    if h.episodes:
        rows.append(
            _row(
                tr("Typical episode"),
                _e(
                    tr("lasts %1, intensity %2 of 10 (medians)")
                    .replace(
                        "%1",
                        format_duration(round(h.median_duration_s))
                        if h.median_duration_s is not None
                        else "—",
                    )
                    .replace("%2", _num(h.median_intensity))
                ),
            )
        )
        where = ", ".join(f"{_location(loc)} {n}" for loc, n in h.locations)
        rows.append(_row(tr("Where"), _e(where)))
        if h.spread:
            spread = ", ".join(f"{_location(loc)} ({n})" for loc, n in h.spread)
            rows.append(_row(tr("Beyond the lower lip"), f"<b>{_e(tr('yes: ') + spread)}</b>"))
        else:
            rows.append(_row(tr("Beyond the lower lip"), _e(tr("none logged"))))
    out.append(f'<table width="100%">{"".join(rows)}</table>')

    out.append(
        _section(tr("Daily factors (days with entries: %1)").replace("%1", str(f.logged_days)))
    )
    rows = [
        _row(
            tr("Caffeine"),
            _e(
                tr("%1 mg a day on average; over %2 mg on %3")
                .replace("%1", _num(f.caffeine_mean_mg, 0))
                .replace("%2", _num(f.caffeine_limit_mg, 0))
                .replace("%3", _days(f.caffeine_days_over_limit))
            ),
        ),
        _row(
            tr("Last caffeine of the day"),
            _e(
                tr("usually at %1 (median); after the cutoff on %2")
                .replace(
                    "%1",
                    f.last_caffeine_median.strftime("%H:%M") if f.last_caffeine_median else "—",
                )
                .replace("%2", _days(f.caffeine_days_after_cutoff))
            ),
        ),
        _row(
            tr("Sleep"),
            _e(
                tr("%1 h a night on average; under 7 h on %2 of %3")
                .replace("%1", _num(f.sleep_mean_h))
                .replace("%2", str(f.nights_under_7h))
                .replace("%3", _nights(f.sleep_nights))
            )
            if f.sleep_nights
            else _e(tr("not logged")),
        ),
        _row(
            tr("Stress"),
            _e(tr("%1 of 10 on average").replace("%1", _num(f.stress_mean)))
            if f.stress_days
            else _e(tr("not logged")),
        ),
        _row(
            tr("Magnesium supplement"),
            _e(
                tr("%1 mg elemental a night; taken %2 of %3 planned")
                .replace("%1", _num(f.magnesium_median_mg, 0))
                .replace("%2", str(f.magnesium_nights_taken))
                .replace("%3", _nights(f.magnesium_nights_planned))
            )
            if f.magnesium_nights_planned
            else _e(tr("not taken")),
        ),
    ]
    if f.grinding_nights:
        rows.append(
            _row(
                tr("Teeth grinding"),
                _e(tr("noticed on %1").replace("%1", _days(f.grinding_nights))),
            )
        )
    out.append(f'<table width="100%">{"".join(rows)}</table>')

    out.append(_section(tr("What the log links to more twitching")))
    if data.findings:
        items = "".join(
            "<li>"
            + _e(
                tr("%1: %2× as many twitches (95% interval %3–%4; %5 with, %6 without)")
                .replace("%1", finding.label)
                .replace("%2", _num(finding.ratio))
                .replace("%3", _num(finding.low))
                .replace("%4", _num(finding.high))
                .replace("%5", _days(finding.days_with))
                .replace("%6", str(finding.days_without))
            )
            + "</li>"
            for finding in data.findings[:max_items]
        )
        out.append(f"<ul style='margin-top:0'>{items}</ul>")
        note = (
            tr("%1 tested over %2; an association, not proof of cause.")
            .replace("%1", _factors(data.factors_tested))
            .replace("%2", _days(data.analysis_days))
        )
        if data.picture is not None:
            note += " " + tr("Every factor compared is drawn after the week-by-week chart.")
        out.append(f'<p class="small">{_e(note)}</p>')
    else:
        out.append(
            "<p>"
            + _e(
                tr("No clear link found yet (%1 tested over %2).")
                .replace("%1", _factors(data.factors_tested))
                .replace("%2", _days(data.analysis_days))
            )
            + (
                " " + _e(tr("Every factor compared is drawn after the week-by-week chart."))
                if data.picture
                else ""
            )
            + "</p>"
        )

    out.append(_section(tr("Medicines during the period")))
    if data.medicines:
        medicine_items: list[str] = []
        for entry in data.medicines[:max_items]:
            m = entry.medicine
            detail = ", ".join(p for p in (m.dose, m.frequency) if p)
            text = f"<b>{_e(m.name)}</b>" + (f" {_e(detail)}" if detail else "")
            text += _e(tr(", since %1").replace("%1", _day(m.started)))
            if m.stopped:
                text += _e(tr(", stopped %1").replace("%1", _day(m.stopped)))
            if m.reason:
                text += _e(tr(" (for %1)").replace("%1", m.reason))
            if entry.new:
                text = f"<b>{_e(tr('NEW'))}</b> " + text
            if m.notes:
                text += f' <span class="small">— {_e(_short(m.notes))}</span>'
            medicine_items.append(f"<li>{text}</li>")
        out.append(f"<ul style='margin-top:0'>{''.join(medicine_items)}</ul>")
    else:
        out.append(f"<p>{_e(tr('None listed.'))}</p>")

    out.append(_section(tr("Already tried")))
    if data.tried:
        items = "".join(
            f"<li>{_e(t.label)}"
            + _e(tr(", since %1").replace("%1", _day(t.since)))
            + (f": {_e(t.kept)}" if t.kept else "")
            + "</li>"
            for t in data.tried[:max_items]
        )
        out.append(f"<ul style='margin-top:0'>{items}</ul>")
    else:
        out.append(f"<p>{_e(tr('No plan steps recorded in the app.'))}</p>")

    if data.questions:
        out.append(_section(tr("Questions to ask")))
        items = "".join(
            f"<li>{_e(q.text)} <span class='small'>({_e(q.because)})</span></li>"
            for q in data.questions[:max_items]
        )
        out.append(f"<ol style='margin-top:0'>{items}</ol>")

    disclaimer = tr(
        "LipTwitch gives general wellness information from what the person logged; it is not "
        "a diagnosis. Details on the following pages."
    )
    out.append(f'<p class="small">{_e(disclaimer)}</p>')
    return "".join(out)
