"""LipTwitch Desktop: triage, log, trends and reminders for a twitching lower lip."""

from importlib import metadata

try:
    __version__ = metadata.version("liptwitch-desktop")
except metadata.PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.1.0"

APP_NAME = "LipTwitch"
APP_ID = "io.github.liptwitch.LipTwitch"
ORG_NAME = "LipTwitch"
