"""The triage engine, its answers, its results, the answers file and the history."""
