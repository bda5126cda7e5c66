"""Raw knowledge-base tables (already checked by `schema`) into `Knowledge`."""

from __future__ import annotations

from typing import Any

from .base import REMINDER_TEXTS, Knowledge
from .emergency import EmergencyNumber, UnknownCountry
from .experiments import build_choices
from .model import (
    Action,
    Cause,
    DoctorQuestion,
    Drink,
    Faq,
    Item,
    KnowledgeError,
    Limit,
    Option,
    Question,
    RecoveryStep,
    RedFlag,
    Signal,
    Source,
    Track,
    UnansweredText,
    Urgency,
    UrgencyText,
)
from .schema import SIGNAL_SPEC, check_table


def _t(values: Any) -> tuple[str, ...]:
    return tuple(values or ())


def urgency_of(value: str, where: str, *, allow_self: bool = False) -> Urgency:
    try:
        level = Urgency(value)
    except ValueError:
        level = None
    if level is None or (level is Urgency.SELF_CARE and not allow_self):
        allowed = [u.value for u in Urgency if allow_self or u is not Urgency.SELF_CARE]
        raise KnowledgeError(f"{where}: urgency {value!r} is not one of {', '.join(allowed)}")
    return level


def _plan_items(tables: list[dict[str, Any]]) -> tuple[Item, ...]:
    return tuple(
        Item(
            i["id"],
            i["title"],
            i["text"],
            _t(i["sources"]),
            not_with=_t(i.get("not_with")),
            safe_with=_t(i.get("safe_with")),
            adult=i.get("adult"),
            under_18=i.get("under_18"),
        )
        for i in tables
    )


def _red_flag(r: dict[str, Any]) -> RedFlag:
    return RedFlag(
        id=r["id"],
        title=r["title"],
        urgency=urgency_of(r["urgency"], f"red_flags.toml [[red_flag]] id {r['id']!r}"),
        reason=r["reason"],
        advice=r["advice"],
        sources=_t(r["sources"]),
        question=r.get("question"),
        values=_t(r.get("values")),
        log_fact=r.get("log_fact"),
        above=r.get("above"),
        at_least=r.get("at_least"),
        present=r.get("present", False),
        unless_answered=r.get("unless_answered"),
        unsure_reason=r.get("unsure_reason"),
        local_advice=dict(r.get("local_advice", {})),
        today=r.get("today", False),
        stroke=r.get("stroke", False),
    )


def _cause(c: dict[str, Any]) -> Cause:
    where = f"causes.toml [[cause]] id {c['id']!r}"
    signals = []
    for index, s in enumerate(c["signals"]):
        check_table(f"{where} signal {index + 1}", s, SIGNAL_SPEC)
        signals.append(
            Signal(
                weight=s["weight"],
                evidence=s["evidence"],
                question=s.get("question"),
                log_fact=s.get("log_fact"),
                values=_t(s.get("values")),
                at_least=s.get("at_least"),
                at_most=s.get("at_most"),
                above_limit=s.get("above_limit"),
                present=s.get("present", False),
                unless_answered=s.get("unless_answered"),
            )
        )
    return Cause(
        id=c["id"],
        name=c["name"],
        how=c["how"],
        frequency=c["frequency"],
        signals=tuple(signals),
        quick_fixes=_t(c["quick_fixes"]),
        strategies=_t(c["strategies"]),
        tracking=_t(c["tracking"]),
        actions=_t(c["actions"]),
        sources=_t(c["sources"]),
        doctor_questions=_t(c.get("doctor_questions")),
        note=c.get("note"),
    )


def build(raw: dict[str, dict[str, Any]]) -> Knowledge:
    sources = {
        s["id"]: Source(s["id"], s["title"], s["publisher"], s.get("url"), s.get("note"))
        for s in raw["sources"]["source"]
    }
    questions = tuple(
        Question(
            id=q["id"],
            page=q["page"],
            kind=q["kind"],
            text=q["text"],
            sources=_t(q["sources"]),
            options=tuple(Option(o["id"], o["label"], o["said"]) for o in q.get("options", [])),
            unit=q.get("unit"),
            min=q.get("min"),
            max=q.get("max"),
            hint=q.get("hint"),
        )
        for q in raw["questions"]["question"]
    )

    def items(stem: str, key: str) -> tuple[Item, ...]:
        return tuple(Item(i["id"], i["title"], i["text"], _t(i["sources"])) for i in raw[stem][key])

    wording = raw["wording"]
    urgency_texts: dict[Urgency, UrgencyText] = {}
    for u in wording["urgency"]:
        level = urgency_of(u["id"], f"wording.toml [[urgency]] id {u['id']!r}", allow_self=True)
        urgency_texts[level] = UrgencyText(
            level, u["word"], u["headline"], u["advice"], _t(u["sources"])
        )
    today = wording["doctor_soon_today"]
    unknown = raw["emergency_numbers"]["unknown"]
    unanswered = wording["unanswered"]
    return Knowledge(
        sources=sources,
        questions=questions,
        red_flags=tuple(_red_flag(r) for r in raw["red_flags"]["red_flag"]),
        causes=tuple(_cause(c) for c in raw["causes"]["cause"]),
        quick_fixes=_plan_items(raw["quick_fixes"]["quick_fix"]),
        strategies=_plan_items(raw["strategies"]["strategy"]),
        diagnostics=items("diagnostics", "diagnostic"),
        treatments=items("treatments", "treatment"),
        tracking=tuple(
            Track(t["id"], t["text"], _t(t["sources"])) for t in raw["tracking"]["track"]
        ),
        actions=tuple(
            Action(
                a["id"],
                a["label"],
                a["reminder"],
                _t(a["sources"]),
                a.get("time"),
                a.get("after_days"),
                a.get("adult_only", False),
            )
            for a in raw["actions"]["action"]
        ),
        doctor_questions=tuple(
            DoctorQuestion(d["id"], d["text"], _t(d["sources"]), d.get("always", False))
            for d in raw["doctor_questions"]["doctor_question"]
        ),
        faq=tuple(
            Faq(f["id"], f["question"], f["answer"], _t(f["sources"])) for f in raw["faq"]["faq"]
        ),
        recovery_plan=tuple(
            RecoveryStep(
                s["id"],
                s["day_offset"],
                s["title"],
                s["text"],
                _t(s["sources"]),
                s.get("adult"),
                s.get("under_18"),
            )
            for s in raw["recovery_plan"]["step"]
        ),
        drinks=tuple(
            Drink(d["id"], d["label"], d["volume_ml"], d["caffeine_mg"], _t(d["sources"]))
            for d in raw["drinks"]["drink"]
        ),
        experiments=build_choices(raw["experiments"]["experiment"]),
        limits={
            lim["id"]: Limit(lim["id"], lim["value"], lim["text"], _t(lim["sources"]))
            for lim in raw["limits"]["limit"]
        },
        emergency_numbers={
            c["code"]: EmergencyNumber(
                c["code"],
                c["name"],
                c["number"],
                _t(c["sources"]),
                c.get("note"),
                c.get("not_emergency"),
            )
            for c in raw["emergency_numbers"]["country"]
        },
        unknown_country=UnknownCountry(unknown["large"], unknown["small"], _t(unknown["sources"])),
        urgency_texts=urgency_texts,
        today_text=UrgencyText(
            Urgency.DOCTOR_SOON,
            today["word"],
            today["headline"],
            today["advice"],
            _t(today["sources"]),
            local_headline=dict(today.get("local_headline", {})),
            local_advice=dict(today.get("local_advice", {})),
        ),
        disclaimer=wording["disclaimer"]["text"],
        no_clear_cause=wording["no_clear_cause"]["text"],
        recheck_self_care=wording["recheck"]["self_care"],
        recheck_doctor=wording["recheck"]["doctor"],
        unanswered=UnansweredText(
            unanswered["headline"],
            unanswered["advice_general"],
            unanswered["reason"],
            unanswered["advice"],
            _t(unanswered["sources"]),
        ),
        after_emergency=wording["after_emergency"]["text"],
        reminder_texts={key: wording[key]["text"] for key in REMINDER_TEXTS},
        text_sources={
            key: _t(wording[key]["sources"])
            for key in (
                "disclaimer",
                "no_clear_cause",
                "recheck",
                "after_emergency",
                *REMINDER_TEXTS,
            )
        },
    )
