"""QtCore objects the widgets call to change anything: each writes through the store in one
transaction, then emits one change. Never a widget."""
