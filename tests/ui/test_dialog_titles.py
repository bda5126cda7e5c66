"""Issue 15, polish: every dialog's title shows whole in its title bar and names the app
once. The windows themselves are held to their title bars at 1x and 2x in
tests/ui/screen_fit_cases.py; here the titles as the source gives them."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from .dialog_titles import APP_NAME, message_box_problem, scan_titles, shown_title


def test_the_scan_finds_the_titles() -> None:
    """The scan reads what it should (else the checks below would pass on nothing)."""
    titles = {t.title for t in scan_titles()}
    for known in ("Report for my doctor", "Restore backup", "Daily check-in", "Check my twitch"):
        assert known in titles
    assert len(titles) > 30


def test_no_title_names_the_app_twice() -> None:
    """No "LipTwitch - demo data - LipTwitch": the app's name at most once, counting the
    " — LipTwitch" the title bar adds to a title without it."""
    twice = [t for t in scan_titles() if shown_title(t.title).count(APP_NAME) > 1]
    assert not twice


def test_every_message_box_title_fits(qapp: QApplication) -> None:
    """A message box is as wide as its words (or Qt's guess at its title, +50 px): a title
    that repeats the whole question ("Above your caffeine limit") was cut."""
    problems = [p for t in scan_titles() if t.message_box for p in [message_box_problem(t)] if p]
    assert not problems, "\n".join(problems)
