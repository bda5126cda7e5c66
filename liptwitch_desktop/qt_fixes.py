"""Work around PySide6 6.12.0's `SignalInstance.emit` refcount bug on Python < 3.12.

Each Python-side `signal.emit(...)` returns `True` without taking a reference, so every call
leaves `True` one reference short. On Python 3.11 (where `True` is not immortal) a process
that emits about a thousand times aborts with "Fatal Python error: bool_dealloc" (measured
here: `sys.getrefcount(True)` drops by exactly one per emit; ~900 references after start-up).

`install()` measures the leak once on a probe signal and, only if it is there, wraps `emit`
to give the reference back. It is a no-op on a fixed PySide6 or an immortal-bool Python, and
calling it twice is harmless. Call it once, before any signal is emitted (app start, tests).
"""

from __future__ import annotations

import ctypes
import sys
from typing import Any

_installed = False


def _leaks_true() -> bool:
    from PySide6.QtCore import QObject, Signal

    class _Probe(QObject):
        ping = Signal()

    probe = _Probe()
    before = sys.getrefcount(True)
    for _ in range(4):
        probe.ping.emit()
    leaked = sys.getrefcount(True) < before
    # give back what the probe itself took
    if leaked:
        for _ in range(before - sys.getrefcount(True)):
            ctypes.pythonapi.Py_IncRef(ctypes.py_object(True))
    return leaked


def install() -> bool:
    """Patch `SignalInstance.emit` if this PySide6 leaks; returns True when patched."""
    global _installed
    if _installed:
        return True
    if sys.version_info >= (3, 12) or not _leaks_true():
        return False
    from PySide6.QtCore import SignalInstance

    original = SignalInstance.emit
    incref = ctypes.pythonapi.Py_IncRef
    incref.argtypes = [ctypes.py_object]
    incref.restype = None

    def emit(self: Any, *args: Any) -> Any:
        result = original(self, *args)
        if result is True or result is False:
            incref(result)
        return result

    SignalInstance.emit = emit  # type: ignore[method-assign]
    _installed = True
    return True
