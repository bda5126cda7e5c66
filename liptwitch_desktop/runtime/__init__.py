"""What every running service shares: the context handed down from the composition root
and the application's change signal (QtCore only, no widgets)."""
