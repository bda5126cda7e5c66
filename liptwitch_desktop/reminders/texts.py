"""Every sentence the reminders show, translatable, with the figures from FACTS.md.

Core decides (when, how much, which limit); this module only words it. Kept apart from the
service so the settings page, the tray and the notifications say the same thing.
"""

from __future__ import annotations

from datetime import datetime, time, tzinfo

from PySide6.QtCore import QCoreApplication

from ..core.caffeine import LateDrinkNote
from ..core.magnesium import EU_UPPER_LIMIT_MG, US_UPPER_LIMIT_MG, DoseCheck, check_magnesium_dose
from ..core.schedule.specs import ReminderKind, ReminderSpec

_CTX = "Reminders"


def tr(text: str) -> str:
    return QCoreApplication.translate(_CTX, text)


def hhmm(value: time) -> str:
    return f"{value.hour:02d}:{value.minute:02d}"


def kind_label(kind: ReminderKind) -> str:
    labels = {
        ReminderKind.CAFFEINE_LAST_CALL: tr("Caffeine last call"),
        ReminderKind.CAFFEINE_CUTOFF: tr("Caffeine cutoff"),
        ReminderKind.MAGNESIUM: tr("Magnesium"),
        ReminderKind.HYDRATION: tr("Water"),
        ReminderKind.CHECKIN: tr("Evening check-in"),
        ReminderKind.TRIAGE_WEEKLY: tr("Weekly triage check"),
        ReminderKind.RECOVERY_STEP: tr("Recovery plan"),
    }
    return labels[kind]


def recovery_step_text(step: str, cutoff: time) -> tuple[str, str]:
    """Title and body for a recovery milestone (the article's timeline, FACTS.md figures)."""
    steps = {
        "week1_caffeine": (
            tr("Recovery plan, week 1: caffeine"),
            tr(
                "This week, keep caffeine to the morning, before your {cutoff} cutoff, and "
                "under your daily limit."
            ).format(cutoff=hhmm(cutoff)),
        ),
        "week2_magnesium": (
            tr("Recovery plan, week 2: magnesium"),
            tr(
                "Magnesium-rich foods (pumpkin seeds, spinach) help. If you choose a "
                "supplement, take at most 250 mg a day (EU limit; the US limit is 350 mg), "
                "and ask a doctor first if you have kidney disease."
            ),
        ),
        "week3_potassium": (
            tr("Recovery plan, week 3: potassium"),
            tr("Add potassium-rich foods such as bananas and avocados to your meals."),
        ),
        "week6_review": (
            tr("Recovery plan, week 6: review"),
            tr(
                "Compare your twitching with six weeks ago on Trends. Twitching that has lasted "
                "more than 2 weeks is worth a routine GP visit."
            ),
        ),
        "month3_review": (
            tr("Recovery plan, month 3: review"),
            tr(
                "Three months in: look back at your trends. If the twitching is still there, "
                "book a GP visit and take the report with you."
            ),
        ),
    }
    return steps.get(step, (tr("Recovery plan"), tr("Time to look at your recovery plan.")))


def notice_text(spec: ReminderSpec, cutoff: time, step: str = "") -> tuple[str, str]:
    """Title and body of the notification for a firing of `spec`."""
    kind = spec.kind
    if kind is ReminderKind.CAFFEINE_LAST_CALL:
        return (
            tr("Last call for caffeine"),
            tr(
                "Your caffeine cutoff is at {cutoff}, in {minutes} minutes. After that, "
                "caffeine-free drinks protect tonight's sleep."
            ).format(cutoff=hhmm(cutoff), minutes=spec.lead_minutes),
        )
    if kind is ReminderKind.CAFFEINE_CUTOFF:
        return (
            tr("Caffeine cutoff"),
            tr(
                "It's {cutoff}: no more caffeine today. In a study, 400 mg of caffeine "
                "taken even 6 hours before bed measurably disturbed sleep."
            ).format(cutoff=hhmm(cutoff)),
        )
    if kind is ReminderKind.MAGNESIUM:
        body = tr("Time for your magnesium")
        if spec.dose_mg:
            body = tr("Time for your magnesium: {dose} mg").format(dose=f"{spec.dose_mg:g}")
            if spec.form:
                body += f" ({spec.form})"
            warning = dose_message(spec.dose_mg)
            if warning:
                body += "\n" + warning
        return tr("Magnesium"), body + "."
    if kind is ReminderKind.HYDRATION:
        return tr("Water"), tr("Time for a glass of water.")
    if kind is ReminderKind.CHECKIN:
        return (
            tr("Evening check-in"),
            tr("How did you sleep, and how stressed were you today? It takes 20 seconds."),
        )
    if kind is ReminderKind.TRIAGE_WEEKLY:
        return (
            tr("Weekly check"),
            tr("Run the triage again to see whether anything has changed."),
        )
    return recovery_step_text(step, cutoff)


def away_line(kind: ReminderKind, due_at: datetime, zone: tzinfo, step: str = "") -> str:
    """One line of "While you were away"."""
    when = due_at.astimezone(zone)
    at = when.strftime("%a %H:%M")
    if kind is ReminderKind.MAGNESIUM:
        return tr("Magnesium not logged yet (due {at})").format(at=at)
    if kind is ReminderKind.CHECKIN:
        return tr("Evening check-in not done yet (due {at})").format(at=at)
    if kind is ReminderKind.TRIAGE_WEEKLY:
        return tr("Weekly triage check was due {at}").format(at=at)
    if kind is ReminderKind.RECOVERY_STEP:
        title, _ = recovery_step_text(step, time(12, 0))
        return tr("{title} was due {at}").format(title=title, at=at)
    return tr("{what} was due {at}").format(what=kind_label(kind), at=at)


def dose_message(mg: float) -> str:
    """Empty for a dose within the EU limit; else the warning naming the limits."""
    check = check_magnesium_dose(mg)
    if check is DoseCheck.ABOVE_US_350:
        return tr(
            "{mg} mg is above both upper limits for magnesium from supplements (EU {eu} mg, "
            "US {us} mg a day). Take this much only on a doctor's advice."
        ).format(mg=f"{mg:g}", eu=f"{EU_UPPER_LIMIT_MG:g}", us=f"{US_UPPER_LIMIT_MG:g}")
    if check is DoseCheck.ABOVE_EU_250:
        return tr(
            "{mg} mg is above the EU upper limit of {eu} mg a day from supplements (the US "
            "limit is {us} mg). LipTwitch never suggests more than {eu} mg."
        ).format(mg=f"{mg:g}", eu=f"{EU_UPPER_LIMIT_MG:g}", us=f"{US_UPPER_LIMIT_MG:g}")
    return ""


def interactions_notice() -> str:
    """Shown once, when the magnesium reminder is first switched on (nih-ods-mg)."""
    return tr(
        "Before you take magnesium:\n"
        "• If you have kidney disease, do not take magnesium supplements without your "
        "doctor's advice.\n"
        "• Some antibiotics bind to magnesium: take tetracyclines or quinolones (such as "
        "ciprofloxacin) at least 2 hours before or 4 to 6 hours after magnesium.\n"
        "• Keep bisphosphonates (bone medicines such as alendronate) and magnesium at least "
        "2 hours apart.\n"
        "• Too much causes diarrhoea, nausea and cramps.\n"
        "Doses are elemental magnesium, as on the label. Source: NIH Office of Dietary "
        "Supplements."
    )


def late_drink_text(note: LateDrinkNote) -> str:
    """The gentle note for a drink logged after the cutoff."""
    if note.past_bedtime:
        return tr(
            "That drink came after your {cutoff} cutoff and your usual bedtime ({bedtime}). "
            "About {own} mg of its caffeine will still be in your body {hl} hours from now "
            "(a cautious half-life). A caffeine-free drink at night protects your sleep."
        ).format(
            cutoff=hhmm(note.cutoff),
            bedtime=hhmm(note.bedtime),
            own=f"{note.from_this_drink_mg:.0f}",
            hl=f"{note.half_life_h:g}",
        )
    return tr(
        "That drink came after your {cutoff} cutoff. About {mg} mg of caffeine is still "
        "expected at bedtime ({bedtime}), {own} mg of it from this drink (using a cautious "
        "half-life of {hl} h). A caffeine-free drink next time protects your sleep."
    ).format(
        cutoff=hhmm(note.cutoff),
        mg=f"{note.mg_at_bedtime:.0f}",
        bedtime=hhmm(note.bedtime),
        own=f"{note.from_this_drink_mg:.0f}",
        hl=f"{note.half_life_h:g}",
    )


def action_labels() -> dict[str, str]:
    return {"done": tr("Done"), "snooze": tr("Snooze 10 min"), "default": tr("Open")}


def magnesium_adherence_text(taken_days: int, total_days: int) -> str:
    """For Today and the trends: "Magnesium taken on 12 of the last 14 nights"."""
    return tr("Magnesium taken on {taken} of the last {total} nights").format(
        taken=taken_days, total=total_days
    )
