"""A missing tool skips a test on a developer's machine and fails it under CI=true."""

from __future__ import annotations

import pytest

from tests import pdf_text
from tests.requires import skip_or_fail


def test_a_missing_tool_fails_under_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="CI=true"):
        skip_or_fail("frobnicator is not installed")


def test_a_missing_tool_skips_elsewhere(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="frobnicator"):
        skip_or_fail("frobnicator is not installed")


def test_reading_a_pdf_without_pdftotext_fails_under_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CI", "true")
    monkeypatch.setattr(pdf_text.shutil, "which", lambda _name: None)
    with pytest.raises(pytest.fail.Exception, match="pdftotext"):
        pdf_text.pdf_text(__file__)  # type: ignore[arg-type]
