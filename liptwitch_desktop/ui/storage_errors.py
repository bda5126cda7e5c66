"""Storage problems in the person's language: what the disk refused, and what is safe."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from ..store.database.storage_errors import MESSAGES, classify
from ..store.database.storage_errors import describe as plain


def describe(exc: BaseException) -> str:
    """The reason, translated where it is one of the known storage problems."""
    problem = classify(exc)
    if problem is not None:
        return QApplication.translate("storage", MESSAGES[problem])
    return plain(exc)


def refused_message(exc: BaseException) -> str:
    """For a dialog whose entry could not be saved: the entry is still in the dialog."""
    return QApplication.translate(
        "storage",
        "This was not saved: %1. What you typed is still here; free some space or fix "
        "the folder's permissions, then press Save again (or Cancel). Entries saved "
        "before are not affected.",
    ).replace("%1", describe(exc))
