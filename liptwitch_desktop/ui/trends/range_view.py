"""Which range button matches what the plots show: after Ctrl+wheel or a drag none does,
and the days actually in view are named instead ("Showing 3 Jan to 20 Mar")."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from ..dates import day_text
from .data import DAY_SECONDS, EPOCH, day_x

if TYPE_CHECKING:
    from .page import TrendsPage


def visible_range_key(page: TrendsPage) -> str | None:
    from .page import RANGES

    if page.data is None or not page.data.days:
        return page.range_key
    x0, x1 = page.plots.x_range()
    for key, _days in RANGES:
        first, last = page.range_days(key)
        want0, want1 = day_x(first), day_x(last) + DAY_SECONDS
        slack = max(0.03 * (want1 - want0), DAY_SECONDS / 2)  # the view's own padding
        if abs(x0 - want0) <= slack and abs(x1 - want1) <= slack:
            return key
    return None


def sync_range_buttons(page: TrendsPage) -> None:
    key = visible_range_key(page)
    if key is not None:
        page.range_buttons[key].setChecked(True)
        page.visible_label.hide()
        return
    page.range_group.setExclusive(False)
    for button in page.range_buttons.values():
        button.setChecked(False)
    page.range_group.setExclusive(True)
    x0, x1 = page.plots.x_range()
    first = EPOCH + timedelta(days=int(x0 // DAY_SECONDS))
    last = EPOCH + timedelta(days=int((x1 - 1) // DAY_SECONDS))
    page.visible_label.setText(
        page.tr("Showing %1 to %2").replace("%1", day_text(first)).replace("%2", day_text(last))
    )
    page.visible_label.show()
