"""LipTwitch Desktop: triage, log, trends and reminders for a twitching lower lip."""

# The one place the version is written (pyproject.toml reads it from here): no
# importlib.metadata at start-up, which costs more than the rest of this package's imports.
__version__ = "0.1.0"

APP_NAME = "LipTwitch"
APP_ID = "io.github.liptwitch.LipTwitch"
ORG_NAME = "LipTwitch"
