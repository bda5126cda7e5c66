"""The plan of a result: quick fixes, strategies, what to track, actions and questions for
the doctor, only what is safe with the urgency found.
"""

from __future__ import annotations

from collections.abc import Iterable

from liptwitch_desktop.core.knowledge.base import Knowledge
from liptwitch_desktop.core.knowledge.model import Urgency
from liptwitch_desktop.core.triage.result import (
    CauseFinding,
    Plan,
    PlanItem,
)

from .answers import Profile

TOP_CAUSES_IN_PLAN = 3


def _unique(ids: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(ids))


def _plan(
    kb: Knowledge,
    urgency: Urgency,
    causes: list[CauseFinding],
    fired: list[str],
    profile: Profile,
    notes_from: list[CauseFinding],
) -> Plan:
    top = [kb.cause(c.id) for c in causes[:TOP_CAUSES_IN_PLAN]]
    fix_ids = _unique(i for c in top for i in c.quick_fixes) or [i.id for i in kb.quick_fixes]
    # With no clear cause, the article's four core strategies.
    strategy_ids = _unique(i for c in top for i in c.strategies) or [
        i.id for i in kb.strategies[:4]
    ]
    # Never an item a fired or unanswered flag forbids (FACTS.md "What an urgent result may
    # carry"; "When an answer is missing": unknown is never "no").
    fixes = [kb.quick_fix(i) for i in fix_ids if not set(kb.quick_fix(i).not_with) & set(fired)]
    strategies = [
        kb.strategy(i) for i in strategy_ids if not set(kb.strategy(i).not_with) & set(fired)
    ]
    track_ids = _unique(["episodes", *(i for c in top for i in c.tracking)])
    action_ids = _unique(i for c in top for i in c.actions)
    if urgency is Urgency.SELF_CARE:
        action_ids = _unique([*action_ids, "remind_recheck"])
    else:
        action_ids = [a for a in action_ids if a != "remind_recheck"]
    if profile.adult is False:
        action_ids = [a for a in action_ids if not kb.action(a).adult_only]
    question_ids = [d.id for d in kb.doctor_questions if d.always]
    question_ids += [i for c in causes for i in kb.cause(c.id).doctor_questions]
    if urgency is not Urgency.SELF_CARE:
        question_ids += ["ask_exam", "ask_treatment"]
    # A cause's safety note (a medicine: never stop it alone) goes with the plan, even when
    # the causes themselves are not shown; a red flag's own advice travels with its reason.
    notes = _unique(c.note for c in notes_from if c.note)
    self_care = urgency is Urgency.SELF_CARE
    return Plan(
        quick_fixes=tuple(PlanItem(i.id, i.title, i.text_for(profile.adult)) for i in fixes),
        strategies=tuple(PlanItem(i.id, i.title, i.text_for(profile.adult)) for i in strategies),
        tracking=tuple(PlanItem(t.id, t.text) for t in map(kb.track, track_ids)),
        actions=tuple(PlanItem(a.id, a.label) for a in map(kb.action, action_ids)),
        doctor_questions=tuple(
            PlanItem(d.id, d.text) for d in map(kb.doctor_question, _unique(question_ids))
        ),
        recheck_days=int(kb.limits["recheck_days"].value) if self_care else None,
        recheck_text=kb.recheck_self_care if self_care else kb.recheck_doctor,
        notes=tuple(notes),
    )
