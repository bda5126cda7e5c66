"""Shared fixtures. Every test runs offscreen unless it starts its own X server (tests/e2e)."""

from __future__ import annotations

import os

# Before any Qt import: tests never need a real screen unless they bring one (tests/e2e).
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("TZ", "Europe/London")
