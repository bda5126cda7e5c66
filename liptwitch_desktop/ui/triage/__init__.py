"""The triage wizard and the Triage page (imported when the page is first opened)."""

from .page import TriagePage
from .wizard import TriageWizard

__all__ = ["TriagePage", "TriageWizard"]
