"""Emergency numbers by country, and what to show when the country is not known."""

from __future__ import annotations

from dataclasses import dataclass

# What {emergency} reads as in a text when the person's country is not known.
LOCAL_NUMBER_WORDS = "your local emergency number"


@dataclass(frozen=True)
class EmergencyNumber:
    """One country's emergency number, with the source it was checked against.

    `note` helps make this call (a direct ambulance line, what to say); `not_emergency` is a
    line for when it is not an emergency (NHS 111), never shown with an emergency result.
    """

    code: str
    name: str
    number: str
    sources: tuple[str, ...]
    note: str | None = None
    not_emergency: str | None = None

    @property
    def id(self) -> str:
        return self.code


@dataclass(frozen=True)
class UnknownCountry:
    """What to show when the person's country is not in the table: never a number in large
    type, the 112 hint in small type."""

    large: str
    small: str
    sources: tuple[str, ...]


@dataclass(frozen=True)
class EmergencyCall:
    """What the emergency page, a saved result, the report and the CLI show."""

    country: str | None
    number: str | None  # None when the country is unknown or not in the table
    large: str  # "Call 999", or "Call your local emergency number"
    small: str  # the note that helps make the call, or the 112 hint; may be ""
    not_emergency: str = ""  # NHS 111 and the like: the picker and doctor-soon results only

    @property
    def words(self) -> str:
        """What {emergency} reads as in a sentence: "999" or "your local emergency number"."""
        return self.number if self.number is not None else LOCAL_NUMBER_WORDS
