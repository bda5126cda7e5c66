"""Every sentence the reminders show, with the figures from FACTS.md.

Core decides (when, how much, which limit); this module only words it. Kept apart from the
service so the settings page, the tray and the notifications say the same thing. A text that
gives advice (the recovery plan's steps, the magnesium safety notice, the caffeine cutoff's
reason, the dose warnings) comes from the knowledge base with its sources, never from a
literal here; the rest is translatable.
"""

from __future__ import annotations

from datetime import datetime, time, tzinfo

from PySide6.QtCore import QCoreApplication

from ..core.caffeine import LateDrinkNote
from ..core.knowledge import load_knowledge
from ..core.magnesium import DoseCheck, check_magnesium_dose
from ..core.plurals import count
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


def recovery_step_text(step: str, cutoff: time, adult: bool | None = None) -> tuple[str, str]:
    """Title and body for a recovery milestone: the step's own text in the knowledge base
    (recovery_plan.toml, with its caveats and sources), for the person's age (`adult`: None
    reads the setting; under 18, no supplement dose)."""
    from ..store.supplements import adult as stated_age

    found = next((s for s in load_knowledge().recovery_plan if s.id == step), None)
    if found is None:
        return tr("Recovery plan"), tr("Time to look at your recovery plan.")
    age = stated_age() if adult is None else adult
    title = tr("Recovery plan, %1").replace("%1", found.title[:1].lower() + found.title[1:])
    return title, found.text_for(age).format(cutoff=hhmm(cutoff))


def notice_text(spec: ReminderSpec, cutoff: time, step: str = "") -> tuple[str, str]:
    """Title and body of the notification for a firing of `spec`."""
    kind = spec.kind
    if kind is ReminderKind.CAFFEINE_LAST_CALL:
        return (
            tr("Last call for caffeine"),
            tr(
                "Your caffeine cutoff is at {cutoff}, in {minutes}. After that, "
                "caffeine-free drinks protect tonight's sleep."
            ).format(
                cutoff=hhmm(cutoff), minutes=count(spec.lead_minutes, tr("minute"), tr("minutes"))
            ),
        )
    if kind is ReminderKind.CAFFEINE_CUTOFF:
        text = load_knowledge().reminder_texts["caffeine_cutoff_notice"]
        return tr("Caffeine cutoff"), text.format(cutoff=hhmm(cutoff))
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
    """Empty for a dose within the EU limit; else the warning naming the limits (the words
    and the limits from the knowledge base: wording.toml, limits.toml)."""
    kb = load_knowledge()
    check = check_magnesium_dose(mg)
    if check is DoseCheck.OK:
        return ""
    key = "dose_above_us" if check is DoseCheck.ABOVE_US_350 else "dose_above_eu"
    return kb.reminder_texts[key].format(
        mg=f"{mg:g}",
        eu=f"{kb.limits['magnesium_supplement_mg_day'].value:g}",
        us=f"{kb.limits['magnesium_supplement_ul_us_mg_day'].value:g}",
    )


def cutoff_hint() -> str:
    """Why a caffeine cutoff (drake-2013), under the cutoff time in Settings."""
    return load_knowledge().reminder_texts["caffeine_cutoff_hint"]


def interactions_notice() -> str:
    """Shown once, before the first magnesium is logged or a magnesium reminder is switched
    on (nih-ods-mg): wording.toml [magnesium_notice]."""
    return load_knowledge().reminder_texts["magnesium_notice"]


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


def action_labels(snooze_default: str = "10") -> dict[str, str]:
    """Notification buttons by action key; "snooze" is the default length's button."""
    labels = {
        "done": tr("Done"),
        "default": tr("Open"),
        "snooze:10": tr("Snooze 10 min"),
        "snooze:30": tr("Snooze 30 min"),
        "snooze:60": tr("Snooze 1 h"),
        "snooze:tomorrow": tr("Snooze until tomorrow"),
    }
    labels["snooze"] = labels.get("snooze:" + snooze_default, labels["snooze:10"])
    return labels


def snooze_choice_label(choice: str) -> str:
    """A snooze length in a menu (the tray, the banner, Settings)."""
    labels = {
        "10": tr("10 minutes"),
        "30": tr("30 minutes"),
        "60": tr("1 hour"),
        "tomorrow": tr("Until tomorrow"),
    }
    return labels.get(choice, labels["10"])


def magnesium_adherence_text(taken_days: int, total_days: int) -> str:
    """For Today and the trends: "Magnesium taken on 12 of the last 14 nights"."""
    return tr("Magnesium taken on {taken} of the last {nights}").format(
        taken=taken_days, nights=count(total_days, tr("night"), tr("nights"))
    )


def test_notice() -> tuple[str, str]:
    """Title and body of the "Send a test notification" button's notice."""
    return tr("LipTwitch test"), tr("This is how your reminders will look.")


def test_result(backend: str, do_not_disturb: bool) -> str:
    """What the test button says happened, for the backend that showed it."""
    said = {
        "freedesktop": tr("Sent to the desktop's notifications."),
        "tray": tr("Shown as a tray message: no notification server answered."),
        "banner": tr("No notification server and no tray: reminders appear as a banner on Today."),
    }.get(backend, tr("Sent."))
    if do_not_disturb:
        said += " " + tr("Do Not Disturb is on: reminders are held until it ends, then shown once.")
    return said
