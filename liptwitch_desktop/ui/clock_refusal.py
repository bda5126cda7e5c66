"""A form's write the clock refused (1970 after a flat CMOS battery, 2150): the form goes back
to what is stored, so no box stays ticked that was not saved, and the refusal goes on to the
app's error hook, which says in words that the computer's clock looks wrong (never the crash
dialog; ui/unexpected_error.py)."""

from __future__ import annotations

from collections.abc import Callable

from ..core.clock_sense import ClockLooksWrong


def reload_if_refused(
    reload: Callable[[], None], write: Callable[..., object], *args: object
) -> None:
    """`write(*args)`; if the clock refused it, `reload()` the form and raise on."""
    try:
        write(*args)
    except ClockLooksWrong:
        reload()
        raise
