"""Reading a PDF the tests wrote, with poppler's pdftotext (skipped without it, failed under
CI=true: tests/requires.py)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from .requires import skip_or_fail


def pdftotext() -> str:
    """The path of pdftotext, or the test skips (fails under CI=true)."""
    found = shutil.which("pdftotext")
    if found is None:
        skip_or_fail("pdftotext (poppler-utils) is needed to read the PDF")
    return found


def pdf_text(path: Path, *options: str) -> str:
    """The PDF's text (`options` go to pdftotext, e.g. "-layout", "-f", "1")."""
    return subprocess.run(
        [pdftotext(), *options, str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
