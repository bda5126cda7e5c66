"""Tests of runtime/: the shared context, the change signal and the zone watcher."""
