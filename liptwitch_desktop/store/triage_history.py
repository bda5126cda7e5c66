"""Saved triage results: the triage_result table's model, save one with its answers, list
the history, get one.

Answers and result are stored as the same JSON the CLI reads and writes, so a saved result
reads the same later even after the knowledge base's wording changes. Today's cheap "any
result yet?" is `log_reads.has_triage_history`, in plain SQL: this module imports the triage
engine's types and the ORM.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable
from datetime import datetime

from peewee import AutoField, TextField

from ..core.log_facts import LogFacts
from ..core.triage.answers import AnswerError, TriageAnswers
from ..core.triage.files import answers_file_from_json, answers_file_to_json
from ..core.triage.history import SavedTriage
from ..core.triage.result import TriageResult
from .database.db import db_proxy
from .database.fields import UtcInstantField
from .database.models import BaseModel


class TriageRecord(BaseModel):
    id = AutoField()  # what peewee adds unasked, written out so the type checker knows it
    created_at = UtcInstantField(index=True)
    urgency = TextField()
    top_cause = TextField(null=True)
    answers_json = TextField()
    result_json = TextField()
    adopted_json = TextField(default="[]")

    class Meta:
        table_name = "triage_result"


class NotFound(LookupError):
    pass


def save_triage(
    created_at: datetime,
    answers: TriageAnswers,
    result: TriageResult,
    log_facts: LogFacts | None = None,
    adopted: Iterable[str] = (),
) -> SavedTriage:
    """Store one result with its answers; one transaction."""
    if created_at.tzinfo is None:
        raise ValueError("created_at must be an aware datetime")
    with db_proxy.atomic():
        row = TriageRecord.create(
            created_at=created_at,
            urgency=result.urgency.value,
            top_cause=result.top_cause,
            answers_json=json.dumps(answers_file_to_json(answers, log_facts), sort_keys=True),
            result_json=json.dumps(result.to_json(), sort_keys=True),
            adopted_json=json.dumps(list(adopted)),
        )
    return _saved(row)


def set_adopted(record_id: int, adopted: Iterable[str]) -> SavedTriage:
    """Record which plan items the person adopted for a saved result."""
    with db_proxy.atomic():
        updated = (
            TriageRecord.update(adopted_json=json.dumps(list(adopted)))
            .where(TriageRecord.id == record_id)
            .execute()
        )
    if not updated:
        raise NotFound(record_id)
    return get_triage(record_id)


def get_triage(record_id: int) -> SavedTriage:
    row = TriageRecord.get_or_none(TriageRecord.id == record_id)
    if row is None:
        raise NotFound(record_id)
    return _shown(row)


def list_triage_history(limit: int | None = None) -> list[SavedTriage]:
    """Saved results, newest first. A row that cannot be read (damaged, or edited by hand) is
    logged and left out, so one bad row never breaks the history page."""
    query = TriageRecord.select().order_by(TriageRecord.created_at.desc(), TriageRecord.id.desc())
    found: list[SavedTriage] = []
    for row in query:
        try:
            found.append(_shown(row))
        except (ValueError, TypeError, KeyError, AttributeError) as exc:
            logging.getLogger(__name__).warning("triage result %s unreadable: %s", row.id, exc)
            continue
        if limit is not None and len(found) >= limit:
            break
    return found


def latest_triage() -> SavedTriage | None:
    rows = list_triage_history(limit=1)
    return rows[0] if rows else None


def _shown(row: TriageRecord) -> SavedTriage:
    """A saved result as the history shows it: never calmer than its own answers (a row
    edited by hand, or from an older version; see store/triage_sense)."""
    from dataclasses import replace

    from .triage_sense import more_urgent_result

    saved = _saved(row)
    derived = more_urgent_result(row.answers_json, saved.result)
    return saved if derived is None else replace(saved, result=derived)


def _saved(row: TriageRecord) -> SavedTriage:
    stored = json.loads(row.answers_json)
    try:
        answers, facts = answers_file_from_json(stored)
    except AnswerError:
        # The knowledge base moved on since this was saved: keep what was said, unchecked.
        raw = stored.get("answers", {})
        answers = TriageAnswers({k: tuple(v) if isinstance(v, list) else v for k, v in raw.items()})
        facts = None
    return SavedTriage(
        id=row.id,
        created_at=row.created_at,
        answers=answers,
        log_facts=facts,
        result=TriageResult.from_json(json.loads(row.result_json)),
        adopted=tuple(json.loads(row.adopted_json)),
    )
