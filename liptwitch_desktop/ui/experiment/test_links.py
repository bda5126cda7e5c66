""" "Test this": a button beside a trend factor or a ranked cause that opens the experiment
start with that change chosen. The window does the opening (`TestsChanges`), so the pages
that show the buttons need no wiring beyond placing the bar."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Protocol, runtime_checkable

from PySide6.QtWidgets import QDialog, QGridLayout, QLabel, QPushButton, QSizePolicy, QWidget

Params = dict[str, str | int | float]
# At most this many, two to a row: the bar must never widen the page it sits on.
MAX_LINKS = 4
COLUMNS = 2


@runtime_checkable
class TestsChanges(Protocol):
    def test_change(self, change_id: str, params: Params | None = None) -> object: ...


class TestThisBar(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("test_this_bar")
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.label = QLabel(
            self.tr("Find out for sure: test one of these changes in a planned experiment.")
        )
        self.label.setWordWrap(True)
        self.grid.addWidget(self.label, 0, 0, 1, COLUMNS)
        self.buttons: dict[str, QPushButton] = {}
        self.by_factor: dict[str, tuple[str, str, Params]] = {}  # set_findings' links by factor
        self.hide()

    def set_links(self, links: Iterable[tuple[str, str, Params]]) -> None:
        """(button text, change id, params) for each change worth testing."""
        for button in self.buttons.values():
            button.deleteLater()
        self.buttons = {}
        for text, change_id, params in links:
            if change_id in self.buttons or len(self.buttons) >= MAX_LINKS:
                continue
            button = QPushButton(text)
            button.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
            button.setObjectName(f"test_this_{change_id}")
            button.setToolTip(self.tr("Plan an experiment that tests this change"))
            button.clicked.connect(lambda _=False, c=change_id, p=params: self.request(c, p))
            n = len(self.buttons)
            self.buttons[change_id] = button
            self.grid.addWidget(button, 1 + n // COLUMNS, n % COLUMNS)
        self.setVisible(bool(self.buttons))

    def request(self, change_id: str, params: Params) -> object:
        """Open the start for this change in the main window. From inside a dialog (the
        triage wizard, window-modal over the window), it opens once the dialog is closed,
        so the result on screen is not lost and the start is not hidden behind it."""
        own = self.window()
        if isinstance(own, TestsChanges):
            return own.test_change(change_id, params)
        main = _main_window(own)
        if main is None:
            return None
        if isinstance(own, QDialog):
            own.finished.connect(lambda _code: main.test_change(change_id, params))
            self.label.setText(
                self.tr(
                    "The experiment opens when you close this result (save it first if you "
                    "want to keep it)."
                )
            )
            return own
        return main.test_change(change_id, params)

    # --- what feeds it ----------------------------------------------------------------------

    def set_findings(self, findings: Iterable[Any]) -> None:
        """Trends: each factor the analysis could judge that a change would test."""
        from ...core.analysis.findings import Verdict
        from ...core.experiment.suggest import change_for_factor

        links: list[tuple[str, str, Params]] = []
        self.by_factor = {}
        for f in findings:
            if "@" in f.factor_id:
                continue  # "the day before": the same-day factor offers the same change
            mapped = change_for_factor(f.factor_id)
            if mapped is None or f.verdict is Verdict.NOT_ENOUGH_DATA:
                continue
            label = self.tr("Test this: {factor}").format(factor=f.label)
            links.append((label, mapped[0], mapped[1]))
            self.by_factor[f.factor_id] = (f.label, mapped[0], mapped[1])
        self.set_links(links)

    def set_causes(self, cause_ids: Iterable[str]) -> None:
        """Triage: each ranked cause a change would test, as the knowledge base words it."""
        from ...core.experiment.suggest import changes_for_cause
        from ...core.knowledge import load_knowledge
        from .texts import tr

        kb = load_knowledge()
        links: list[tuple[str, str, Params]] = []
        for cause_id in cause_ids:
            for change_id in changes_for_cause(cause_id, kb.experiments)[:1]:
                choice = kb.experiment(change_id)
                text = self.tr("Test: {change}").format(change=tr(choice.label))
                links.append((text, change_id, {}))
        self.set_links(links)


class BesideRows(QWidget):
    """Trends: a "Test this" button beside each factor row of the analysis picture that a
    change would test, at the row's height (the bar's links, placed by factor). Clicks go
    through the bar (`TestThisBar.request`), so opening works as from the bar."""

    WIDTH = 120

    def __init__(self, bar: TestThisBar, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("test_this_beside")
        self.bar = bar
        self.setFixedWidth(self.WIDTH)
        self.buttons: dict[str, QPushButton] = {}  # factor id -> its button
        self._links: dict[str, tuple[str, str, Params]] = {}

    def set_links(self, links: dict[str, tuple[str, str, Params]]) -> None:
        """factor id -> (the factor's words, change id, params)."""
        for button in self.buttons.values():
            button.deleteLater()
        self.buttons = {}
        self._links = dict(links)
        for factor_id, (factor, change_id, params) in self._links.items():
            button = QPushButton(self.tr("Test this…"), self)
            button.setObjectName(f"test_this_{factor_id}")
            button.setAccessibleName(self.tr("Test this: {factor}").format(factor=factor))
            button.setToolTip(
                self.tr("Plan an experiment that tests this: {factor}").format(factor=factor)
            )
            button.clicked.connect(lambda _=False, c=change_id, p=params: self.bar.request(c, p))
            self.buttons[factor_id] = button
        self.setVisible(bool(self.buttons))

    def place(self, centres: dict[str, float], height: int) -> None:
        """Move each button to its row's centre (`centres`: factor id -> y in pixels)."""
        self.setFixedHeight(max(height, 1))
        for factor_id, button in self.buttons.items():
            y = centres.get(factor_id)
            button.setVisible(y is not None)
            if y is not None:
                hint = button.sizeHint()
                button.resize(self.WIDTH - 4, hint.height())
                button.move(2, round(y - hint.height() / 2))


def _main_window(widget: QWidget | None) -> TestsChanges | None:
    """The nearest window up the parents that can open the experiment start."""
    while widget is not None:
        window = widget.window()
        if isinstance(window, TestsChanges):
            return window
        widget = window.parentWidget()
    return None
