"""A searchable list of countries for "Emergency number for" (Settings and the first run).

Countries only (ISO 3166), by the name Qt gives them, each with the number the app would show
or a plain "no number in the app" for a country not in the table, so a person picks their
country and sees what the emergency page will say. Type any part of a name to find it.
"""

from __future__ import annotations

from PySide6.QtCore import QLocale, Qt, Signal
from PySide6.QtWidgets import QComboBox, QCompleter, QWidget

from ..core.knowledge import load_knowledge
from ..core.knowledge.base import Knowledge
from ..core.knowledge.countries import ISO_COUNTRIES, normalise


def locale_country_code(locale: QLocale | None = None) -> str:
    """The ISO country of the (default) locale, or "" when Qt does not know one."""
    locale = locale if locale is not None else QLocale()
    return normalise(QLocale.territoryToCode(locale.territory()) or "") or ""


def country_name(code: str) -> str:
    """The country's name as Qt knows it ("Japan"), or the code itself."""
    territory = QLocale.codeToTerritory(code)
    name = QLocale.territoryToString(territory) if territory != QLocale.Country.AnyCountry else ""
    return name or code


class CountryChoice(QComboBox):
    """An editable combo box with every country; `country()` is the code ("" for automatic
    when `automatic` is on). `country_chosen(str)` fires when the person picks one."""

    country_chosen = Signal(str)

    def __init__(
        self,
        automatic: bool = True,
        kb: Knowledge | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.kb = kb or load_knowledge()
        self.setObjectName("country_choice")
        self.setAccessibleName(self.tr("Country for the emergency number"))
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        if automatic:
            here = locale_country_code()
            shown = self._label(here) if here else self.tr("unknown")
            self.addItem(self.tr("Automatic (system locale: %1)").replace("%1", shown), "")
        for name, code in sorted((country_name(c), c) for c in ISO_COUNTRIES):
            self.addItem(self._label(code, name), code)
        completer = QCompleter(self.model(), self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.setCompleter(completer)
        self.activated.connect(lambda _i: self._chosen())
        completer.activated.connect(lambda _t: self._chosen())
        self.lineEdit().editingFinished.connect(self._restore_text)

    def _label(self, code: str, name: str | None = None) -> str:
        name = name or country_name(code)
        row = self.kb.emergency_number(code)
        if row is None:
            return self.tr("%1 — no number in the app").replace("%1", name)
        return f"{name} — {row.number}"

    def country(self) -> str:
        data = self.currentData()
        return str(data) if data is not None else ""

    def set_country(self, code: str) -> None:
        index = self.findData(normalise(code) or "" if code else "")
        self.setCurrentIndex(max(0, index))

    def _chosen(self) -> None:
        index = self.match(self.currentText())
        if index >= 0:
            self.setCurrentIndex(index)
        self.country_chosen.emit(self.country())

    def match(self, typed: str) -> int:
        """The row the typed text means: the exact label, else the one country whose name
        starts with it, else the one label that contains it; -1 when none or several do."""
        typed = typed.strip().casefold()
        if not typed:
            return -1
        labels = [self.itemText(i).casefold() for i in range(self.count())]
        for candidates in (
            [i for i, label in enumerate(labels) if label == typed],
            [i for i, label in enumerate(labels) if label.startswith(typed)],
            [i for i, label in enumerate(labels) if typed in label],
        ):
            if len(candidates) == 1:
                return candidates[0]
        return -1

    def _restore_text(self) -> None:
        """Enter after typing picks the one country the text means; text that means none
        (or several) goes back to the current choice."""
        index = self.match(self.currentText())
        if index < 0:
            self.setEditText(self.itemText(self.currentIndex()))
            return
        changed = index != self.currentIndex()
        self.setCurrentIndex(index)
        self.setEditText(self.itemText(index))
        if changed:
            self.country_chosen.emit(self.country())
