"""Work around PySide6 6.12.0's `SignalInstance.emit` refcount bug on Python < 3.12.

Each Python-side `signal.emit(...)` returns `True` without taking a reference, so every call
leaves `True` one reference short. On Python 3.11 (where `True` is not immortal) a process
that emits about a thousand times aborts with "Fatal Python error: bool_dealloc" (measured
here: `sys.getrefcount(True)` drops by exactly one per emit; ~900 references after start-up).

Wrapping `emit` in Python would break `connect(signal.emit)`, so instead `install()` makes
`True` and `False` effectively immortal, as Python 3.12 does: it adds 2**40 references to
each, which a leak of one per emit cannot use up. It measures the leak first and does
nothing on a fixed PySide6 or on Python 3.12+; calling it twice is harmless. Call it once at
start (app and tests), before signals are emitted in bulk.
"""

from __future__ import annotations

import ctypes
import sys

_EXTRA = 1 << 40
_installed = False


def emit_leaks_true() -> bool:
    from PySide6.QtCore import QObject, Signal

    class _Probe(QObject):
        ping = Signal()

    probe = _Probe()
    before = sys.getrefcount(True)
    for _ in range(4):
        probe.ping.emit()
    after = sys.getrefcount(True)
    for _ in range(max(0, before - after)):  # give back what the probe took
        ctypes.pythonapi.Py_IncRef(ctypes.py_object(True))
    return after < before


def install() -> bool:
    """Make the bools immortal if this PySide6 leaks them; True when applied."""
    global _installed
    if _installed:
        return True
    if sys.version_info >= (3, 12) or not emit_leaks_true():
        return False
    for value in (True, False):
        # CPython: ob_refcnt is the first field of every object.
        ctypes.c_ssize_t.from_address(id(value)).value += _EXTRA
    _installed = True
    return True
