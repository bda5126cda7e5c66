"""The peewee models of the log. No side effects beyond the database."""

from __future__ import annotations

from peewee import (
    AutoField,
    BooleanField,
    DateField,
    FloatField,
    IntegerField,
    Model,
    TextField,
)

from .db import db_proxy
from .fields import UtcInstantField


class BaseModel(Model):
    class Meta:
        database = db_proxy
        legacy_table_names = False


class Episode(BaseModel):
    id = AutoField()  # what peewee adds unasked, written out so the type checker knows it
    started_at = UtcInstantField(index=True)
    duration_s = IntegerField(null=True)  # NULL while the twitch is still going
    intensity = IntegerField()
    location = TextField()
    activity = TextField(default="")
    notes = TextField(default="")
    tags = TextField(default="")  # comma-separated, lower case

    class Meta:
        table_name = "episode"


class Intake(BaseModel):
    id = AutoField()  # what peewee adds unasked, written out so the type checker knows it
    taken_at = UtcInstantField(index=True)
    kind = TextField(index=True)
    label = TextField(default="")
    caffeine_mg = FloatField(null=True)
    magnesium_mg = FloatField(null=True)
    water_ml = FloatField(null=True)
    notes = TextField(default="")

    class Meta:
        table_name = "intake"


class CheckIn(BaseModel):
    id = AutoField()  # what peewee adds unasked, written out so the type checker knows it
    day = DateField(unique=True)
    sleep_hours = FloatField(null=True)
    stress = IntegerField(null=True)
    grinding = BooleanField(default=False)
    notes = TextField(default="")

    class Meta:
        table_name = "checkin"


class Setting(BaseModel):
    key = TextField(primary_key=True)
    value = TextField()  # JSON

    class Meta:
        table_name = "setting"
