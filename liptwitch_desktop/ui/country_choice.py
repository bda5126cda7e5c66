"""A searchable list of countries for "Emergency number for" (Settings and the first run).

Countries only (ISO 3166), by the name Qt gives them, each with the number the app would show
or a plain "no number in the app" for a country not in the table, so a person picks their
country and sees what the emergency page will say. Typing searches as people name countries
(core.knowledge.countries: the ISO code and names such as "UK", "England" or "Holland" first,
then names that start with the text, then any that contain it); the suggestions come in that
order. Enter takes the one country the text means and does nothing else (it never also
presses the dialog's default button); text that means no country, or several, leaves no
country chosen, and says so, rather than quietly keeping the earlier choice.
"""

from __future__ import annotations

from PySide6.QtCore import QLocale, QStringListModel, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QComboBox, QCompleter, QWidget

from ..core.knowledge import load_knowledge
from ..core.knowledge.base import Knowledge
from ..core.knowledge.countries import ISO_COUNTRIES, best_country, normalise, rank_countries

SUGGESTIONS = 12


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
    when `automatic` is on, or when no country is chosen). `country_chosen(str)` fires when
    the person settles on one (or on none); `choice_changed()` on every change, typing too."""

    country_chosen = Signal(str)
    choice_changed = Signal()

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
        # Not as wide as the longest country name: the field must fit a narrow window.
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(26)
        self.names = {code: country_name(code) for code in ISO_COUNTRIES}
        if automatic:
            here = locale_country_code()
            shown = self._label(here) if here else self.tr("unknown")
            self.addItem(self.tr("Automatic (system locale: %1)").replace("%1", shown), "")
        for name, code in sorted((name, code) for code, name in self.names.items()):
            self.addItem(self._label(code, name), code)
            row = self.kb.emergency_number(code)
            if row is not None and row.not_emergency:  # the picker may say it, never the call
                self.setItemData(self.count() - 1, row.not_emergency, Qt.ItemDataRole.ToolTipRole)
        self._typed: str | None = None  # text typed and not yet settled
        self._unsettled = ""  # text that was settled on but meant no single country
        self.suggestions = QStringListModel(self)
        self.search = QCompleter(self.suggestions, self)
        self.search.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.search.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.setCompleter(self.search)
        self.search.activated.connect(self._suggestion_taken)
        self.activated.connect(lambda _i: self._picked())
        edit = self.lineEdit()
        assert edit is not None  # editable: it has one
        edit.textEdited.connect(self._edited)
        edit.editingFinished.connect(self.commit)

    def _label(self, code: str, name: str | None = None) -> str:
        name = name or country_name(code)
        row = self.kb.emergency_number(code)
        if row is None:
            return self.tr("%1 — no number in the app").replace("%1", name)
        return f"{name} — {row.number}"

    # --- what is chosen ----------------------------------------------------------------------

    def country(self) -> str:
        """The chosen code; while the person types, the country the text means ("" none)."""
        if self._typed is not None:
            index = self.match(self._typed)
            return str(self.itemData(index)) if index >= 0 else ""
        data = self.currentData() if self.currentIndex() >= 0 else None
        return str(data) if data is not None else ""

    def nothing_chosen(self) -> str:
        """Why no country is chosen, in words ("" when one is, or automatic is)."""
        typed = self._typed if self._typed is not None else self._unsettled
        if typed.strip() and self.match(typed) < 0:
            if rank_countries(typed, self.names):
                return self.tr(
                    "“%1” fits several countries, so none is chosen: pick yours from the list."
                ).replace("%1", typed.strip())
            return self.tr("No country matches “%1”, so none is chosen.").replace(
                "%1", typed.strip()
            )
        if self._typed is None and self.currentIndex() < 0:
            return self.tr("No country is chosen yet.")
        return ""

    def set_country(self, code: str) -> None:
        """Show `code` as chosen; "" is automatic, or no country at all without automatic."""
        self._typed, self._unsettled = None, ""
        self.setCurrentIndex(self.findData(normalise(code) or "" if code else ""))
        if self.currentIndex() < 0:
            self.setEditText("")
        self.choice_changed.emit()

    def match(self, typed: str) -> int:
        """The row the typed text means: an item's exact label, else the one country the
        search puts first on its own (`best_country`); -1 when none or several do."""
        wanted = typed.strip().casefold()
        if not wanted:
            return -1
        for index in range(self.count()):
            if self.itemText(index).casefold() == wanted:
                return index
        code = best_country(typed, self.names)
        return self.findData(code) if code is not None else -1

    # --- typing, Enter and picking -----------------------------------------------------------

    def _edited(self, text: str) -> None:
        self._typed = text
        codes = rank_countries(text, self.names)[:SUGGESTIONS]
        self.suggestions.setStringList([self.itemText(self.findData(c)) for c in codes])
        if codes:
            self.search.complete()
        else:
            self._hide_suggestions()
        self.choice_changed.emit()

    def commit(self) -> None:
        """Settle on what the text means: the one country, or none (never the old choice)."""
        if self._typed is None:
            return
        typed, self._typed = self._typed, None
        index = self.match(typed)
        self._unsettled = "" if index >= 0 else typed
        self.setCurrentIndex(index)
        self.setEditText(self.itemText(index) if index >= 0 else typed)
        self.country_chosen.emit(self.country())
        self.choice_changed.emit()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Enter takes the match and stops there: it never also presses Next or OK."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._hide_suggestions()
            self.commit()
            event.accept()
            return
        super().keyPressEvent(event)

    def _hide_suggestions(self) -> None:
        popup = self.search.popup()
        if popup is not None:
            popup.hide()

    def _suggestion_taken(self, label: str) -> None:
        index = self.findText(label)
        if index >= 0:
            self._typed, self._unsettled = None, ""
            self.setCurrentIndex(index)
            self.setEditText(label)
            self.country_chosen.emit(self.country())
            self.choice_changed.emit()

    def _picked(self) -> None:
        """Chosen from the drop-down list."""
        self._typed, self._unsettled = None, ""
        self.country_chosen.emit(self.country())
        self.choice_changed.emit()
