"""Fixtures shared by the UI tests (the reminder service fixture is in tests/conftest.py)."""
