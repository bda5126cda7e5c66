"""What a triage gives back, as plain dataclasses, and its JSON (saved results, the CLI).

A result keeps what the person said apart from what their log shows (`Reason.kind`, the
JSON's `said` and `log_shows`), names the warning signs that were not answered
(`unanswered`), and carries the emergency number of the person's country (`emergency_number`,
null when the country is not known). A saved emergency result read back is reduced to what
an emergency result may carry, whatever an older version stored.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from liptwitch_desktop.core.knowledge.model import Urgency

AnswerValue = str | float | tuple[str, ...]

# Where a reason comes from.
SAID = "said"  # an answer: "You said ..."
UNSURE = "unsure"  # a warning sign answered "not sure": "You were not sure whether ..."
LOG = "log"  # a log fact: "Your log shows ..."
UNANSWERED = "unanswered"  # a warning sign not answered: unknown, never "no"
CALM = "calm"  # "You said none of the warning signs apply to you."
REASON_KINDS = (SAID, UNSURE, LOG, UNANSWERED, CALM)


@dataclass(frozen=True)
class Reason:
    """One sentence saying which answer or log fact led to the urgency."""

    text: str
    red_flag: str | None = None
    advice: str | None = None
    kind: str = SAID
    question: str | None = None  # the unanswered question's id


@dataclass(frozen=True)
class CauseFinding:
    id: str
    name: str
    how: str
    score: int
    evidence: tuple[str, ...]  # from the answers ("You said ...")
    note: str | None = None
    log_evidence: tuple[str, ...] = ()  # from the log ("Your log shows ...")

    @property
    def all_evidence(self) -> tuple[str, ...]:
        return (*self.evidence, *self.log_evidence)


@dataclass(frozen=True)
class PlanItem:
    id: str
    title: str
    text: str = ""


@dataclass(frozen=True)
class Plan:
    quick_fixes: tuple[PlanItem, ...] = ()
    strategies: tuple[PlanItem, ...] = ()
    tracking: tuple[PlanItem, ...] = ()
    actions: tuple[PlanItem, ...] = ()
    doctor_questions: tuple[PlanItem, ...] = ()
    recheck_days: int | None = None
    recheck_text: str = ""
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class TriageResult:
    urgency: Urgency
    today: bool
    word: str
    headline: str
    advice: str
    red_flags: tuple[str, ...]
    reasons: tuple[Reason, ...]
    causes: tuple[CauseFinding, ...]
    plan: Plan
    disclaimer: str | None  # None for an emergency: nothing may soften "call now"
    no_clear_cause: str | None = None
    unanswered: tuple[str, ...] = ()
    country: str | None = None
    emergency_number: str | None = None
    emergency_note: str = ""  # helps make the call (never a non-emergency line)
    non_emergency_note: str = ""  # NHS 111 and the like: doctor-soon results only

    @property
    def stop_now(self) -> bool:
        """A sudden stroke sign: the wizard ends at once on the emergency page."""
        return self.urgency is Urgency.EMERGENCY

    @property
    def subheadline(self) -> str:
        """The headline to show under the word, without the word again: under "See a doctor
        today", "See a doctor today: ask your GP ..." reads "Ask your GP ..."."""
        word, headline = self.word, self.headline
        if not headline.casefold().startswith(word.casefold()):
            return headline
        rest = headline[len(word) :].lstrip(" :,;")
        return rest[:1].upper() + rest[1:]

    @property
    def top_cause(self) -> str | None:
        return self.causes[0].id if self.causes else None

    @property
    def said(self) -> tuple[str, ...]:
        """What the answers say, reasons first, then the causes' evidence."""
        texts = [r.text for r in self.reasons if r.kind in (SAID, UNSURE, CALM)]
        texts += [e for c in self.causes for e in c.evidence]
        return tuple(dict.fromkeys(texts))

    @property
    def log_shows(self) -> tuple[str, ...]:
        """What the log shows, reasons first, then the causes' evidence from the log."""
        texts = [r.text for r in self.reasons if r.kind == LOG]
        texts += [e for c in self.causes for e in c.log_evidence]
        return tuple(dict.fromkeys(texts))

    @property
    def emergency_large(self) -> str:
        """The line in large type: the number for a known country, else no number."""
        if self.emergency_number is None:
            return "Call your local emergency number"
        return f"Call {self.emergency_number}"

    def to_json(self) -> dict[str, Any]:
        return {
            "urgency": self.urgency.value,
            "today": self.today,
            "word": self.word,
            "headline": self.headline,
            "advice": self.advice,
            "emergency_country": self.country,
            "emergency_number": self.emergency_number,
            "emergency_note": self.emergency_note,
            "non_emergency_note": self.non_emergency_note,
            "red_flags": list(self.red_flags),
            "reasons": [_plain(r) for r in self.reasons],
            "said": list(self.said),
            "log_shows": list(self.log_shows),
            "unanswered": list(self.unanswered),
            "causes": [
                {**_plain(c), "evidence": list(c.evidence), "log_evidence": list(c.log_evidence)}
                for c in self.causes
            ],
            "plan": {
                "quick_fixes": [_plain(i) for i in self.plan.quick_fixes],
                "strategies": [_plain(i) for i in self.plan.strategies],
                "tracking": [_plain(i) for i in self.plan.tracking],
                "actions": [_plain(i) for i in self.plan.actions],
                "doctor_questions": [_plain(i) for i in self.plan.doctor_questions],
                "recheck_days": self.plan.recheck_days,
                "recheck_text": self.plan.recheck_text,
                "notes": list(self.plan.notes),
            },
            "disclaimer": self.disclaimer,
            "no_clear_cause": self.no_clear_cause,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> TriageResult:
        """A saved result (this version's or an older one's); ValueError if it is not one."""
        try:
            plan = data["plan"]

            def items(key: str) -> tuple[PlanItem, ...]:
                return tuple(PlanItem(**i) for i in plan[key])

            result = cls(
                urgency=Urgency(data["urgency"]),
                today=bool(data["today"]),
                word=data["word"],
                headline=data["headline"],
                advice=data["advice"],
                red_flags=tuple(data["red_flags"]),
                reasons=tuple(_reason(r) for r in data["reasons"]),
                causes=tuple(_cause(c) for c in data["causes"]),
                plan=Plan(
                    quick_fixes=items("quick_fixes"),
                    strategies=items("strategies"),
                    tracking=items("tracking"),
                    actions=items("actions"),
                    doctor_questions=items("doctor_questions"),
                    recheck_days=plan["recheck_days"],
                    recheck_text=plan["recheck_text"],
                    notes=tuple(plan["notes"]),
                ),
                disclaimer=data.get("disclaimer"),
                no_clear_cause=data.get("no_clear_cause"),
                unanswered=tuple(data.get("unanswered", ())),
                country=data.get("emergency_country"),
                emergency_number=data.get("emergency_number"),
                emergency_note=data.get("emergency_note") or "",
                non_emergency_note=data.get("non_emergency_note") or "",
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise ValueError(f"not a saved triage result: {exc}") from exc
        return emergency_only(result) if result.urgency is Urgency.EMERGENCY else result


def emergency_only(result: TriageResult) -> TriageResult:
    """An emergency result reduced to what FACTS.md allows: the number, the emergency
    reasons, what to do now. Results saved before version 0.13 also carried lower flags'
    advice, causes, a plan and the disclaimer, and a GB result "NHS 111, not an emergency"
    under the number; none of that is shown again. The note under the number is today's
    note for that country and number, never the stored text."""
    from liptwitch_desktop.core.knowledge import load_knowledge

    kb = load_knowledge()
    urgent = {flag.id for flag in kb.red_flags if flag.urgency is Urgency.EMERGENCY}
    reasons = tuple(
        Reason(r.text, r.red_flag, None, r.kind) for r in result.reasons if r.red_flag in urgent
    )
    texts = kb.urgency_texts[Urgency.EMERGENCY]
    call = kb.emergency_call(result.country)
    number = result.emergency_number if result.emergency_number else None
    words = number or call.words
    return TriageResult(
        urgency=Urgency.EMERGENCY,
        today=False,
        word=texts.word,
        headline=texts.headline.format(emergency=words),
        advice=texts.advice.format(emergency=words),
        red_flags=tuple(f for f in result.red_flags if f in urgent),
        reasons=reasons,
        causes=(),
        plan=Plan(),
        disclaimer=None,
        no_clear_cause=None,
        unanswered=result.unanswered,
        country=result.country,
        emergency_number=number,
        emergency_note=(call.small if number == call.number else "")
        if number
        else kb.unknown_country.small,
    )


def _plain(obj: Any) -> dict[str, Any]:
    return dict(obj.__dict__)


def _reason(raw: Mapping[str, Any]) -> Reason:
    kind = raw.get("kind")
    if kind not in REASON_KINDS:  # saved before reasons said where they came from
        text = str(raw["text"])
        kind = (
            UNSURE
            if text.startswith("You were not sure")
            else LOG
            if text.startswith(("Your log", "You logged"))
            else CALM
            if text.startswith("You said none")
            else SAID
        )
    return Reason(raw["text"], raw.get("red_flag"), raw.get("advice"), kind, raw.get("question"))


def _cause(raw: Mapping[str, Any]) -> CauseFinding:
    return CauseFinding(
        id=raw["id"],
        name=raw["name"],
        how=raw["how"],
        score=raw["score"],
        evidence=tuple(raw["evidence"]),
        note=raw.get("note"),
        log_evidence=tuple(raw.get("log_evidence", ())),
    )
