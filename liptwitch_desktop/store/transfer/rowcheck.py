"""The store's own writes checked against the table declarations (store/tables).

Every function that writes a row through a model first holds it to its table's declaration,
in the form SQLite will store it, so what the app writes and what an import writes meet one
rule. A row that fails raises `RowError` before anything is written.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from peewee import Model

from ..tables import TABLES, RowError

__all__ = ["RowError", "checked", "db_form"]


def db_form(model: type[Model], fields: Mapping[str, Any]) -> dict[str, Any]:
    """Model field values as the columns SQLite will hold."""
    meta = model._meta
    return {meta.fields[k].column_name: meta.fields[k].db_value(v) for k, v in fields.items()}


def checked(
    model: type[Model], fields: Mapping[str, Any], *, partial: bool = False
) -> Mapping[str, Any]:
    """`fields`, once the row they make meets its table's declaration (else RowError)."""
    table = TABLES[model._meta.table_name]
    table.clean(db_form(model, fields), partial=partial)
    return fields
