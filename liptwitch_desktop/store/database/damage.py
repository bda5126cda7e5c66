"""A damaged data file found while the app runs: told once, wherever it was found.

The start-up reads the header and the schema (cheap) and the first window's own reads; the
thorough check of every page runs after the first paint, and any later read may still meet
a damaged page. Whoever meets one calls `report`; the app registers one `handler` (the same
offer as at start: the file moved aside, the newest good backup offered), which calls
`finished` when the person has chosen. Reports made before the handler is there wait for
it; while one is being handled, the others are only logged.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from .storage_errors import is_damage

log = logging.getLogger(__name__)

Handler = Callable[[BaseException], None]


class _Watch:
    handler: Handler | None = None
    pending: BaseException | None = None
    busy = False  # reported, and not finished yet


_watch = _Watch()


def report(exc: BaseException) -> bool:
    """Tell the handler, once, that the data file is damaged. False if `exc` is no damage
    (the caller deals with it as before)."""
    if not is_damage(exc):
        return False
    if _watch.busy:
        log.info("the data file is damaged (already being handled): %s", exc)
        return True
    log.warning("the data file is damaged: %s", exc)
    _watch.busy = True
    if _watch.handler is None:
        _watch.pending = exc
    else:
        _watch.handler(exc)
    return True


def being_handled() -> bool:
    """Whether the person is being asked about a damaged file right now: the file is closed
    (moved aside) until they choose, so a view that reads it meanwhile fails, and is read
    again once they have chosen."""
    return _watch.busy


def claims(exc: BaseException) -> bool:
    """For the unexpected-error dialog: True if `exc` is this module's to tell (a damaged
    file, reported), or comes while the person is choosing what to do about one (the file
    is closed meanwhile, and every view reads it again once they have chosen)."""
    return report(exc) or being_handled()


def finished() -> None:
    """The person has chosen (a backup restored, an empty log, or quit): a later damage is
    told again."""
    _watch.busy = False


def take(exc: BaseException) -> bool:
    """For a caller that offers the way out itself, now: True if no other report is being
    handled (then `finished` must follow), False if one is."""
    if _watch.busy:
        log.info("the data file is damaged (already being handled): %s", exc)
        return False
    log.warning("the data file is damaged: %s", exc)
    _watch.busy, _watch.pending = True, None
    return True


def take_pending() -> BaseException | None:
    """A report made before any handler was set, now the caller's to handle (then
    `finished` must follow)."""
    pending, _watch.pending = _watch.pending, None
    return pending


def set_handler(handler: Handler | None) -> None:
    """Who offers the way out; a report made before it was set is handled now."""
    _watch.handler = handler
    pending, _watch.pending = _watch.pending, None
    if handler is not None and pending is not None:
        handler(pending)


def reset() -> None:
    """No handler, nothing pending (tests; a store opened afresh)."""
    _watch.handler, _watch.pending, _watch.busy = None, None, False
