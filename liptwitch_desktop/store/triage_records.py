"""The triage_result table, apart from the engine, so a cheap "any result yet?" stays cheap.

Today asks `has_triage_history()` before the first paint; the full history functions in
`triage_history` import the triage engine and the knowledge base, which Today does not need.
"""

from __future__ import annotations

from peewee import TextField

from .fields import UtcInstantField
from .models import BaseModel


class TriageRecord(BaseModel):
    created_at = UtcInstantField(index=True)
    urgency = TextField()
    top_cause = TextField(null=True)
    answers_json = TextField()
    result_json = TextField()
    adopted_json = TextField(default="[]")

    class Meta:
        table_name = "triage_result"


def has_triage_history() -> bool:
    return TriageRecord.select().exists()
