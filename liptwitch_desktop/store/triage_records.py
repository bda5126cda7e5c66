"""The triage_result table's model.

Today's cheap "any result yet?" is `log_reads.has_triage_history`, in plain SQL; the full
history functions in `triage_history` import the triage engine and the knowledge base.
"""

from __future__ import annotations

from peewee import TextField

from .database.fields import UtcInstantField
from .database.models import BaseModel


class TriageRecord(BaseModel):
    created_at = UtcInstantField(index=True)
    urgency = TextField()
    top_cause = TextField(null=True)
    answers_json = TextField()
    result_json = TextField()
    adopted_json = TextField(default="[]")

    class Meta:
        table_name = "triage_result"
