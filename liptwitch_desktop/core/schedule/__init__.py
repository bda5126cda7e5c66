"""When a reminder is due, computed from the person's wall clock in a named zone.

Pure Python on purpose: every rule that decides when the app interrupts someone (days of the
week, quiet hours, a pause, daylight-saving gaps and folds, a new time zone, a laptop that
slept through a reminder) is decided here and tested with plain datetimes, without Qt or
APScheduler. The scheduler only wakes the app at the instant this module computed.

Conventions:
- Instants in and out are timezone-aware datetimes in UTC; wall-clock times are naive
  `datetime.time` values read in the zone passed in (a `zoneinfo.ZoneInfo`).
- A wall-clock time that does not exist (spring forward) fires at the same offset after the
  gap (01:30 in Europe/London on the change day fires at 02:30 BST); a time that happens
  twice (fall back) fires once, at its first occurrence.
- "Every N hours" counts from the start of waking hours, never from midnight (`*/N` cron
  anchors at midnight, so "every 3 h from 08:00" would otherwise fire at 09:00, 12:00...).

Rooms: `specs` (what a reminder is: kinds, policies, quiet hours, bounds, firings) and `due`
(when it is next due, what was missed, pauses).
"""
