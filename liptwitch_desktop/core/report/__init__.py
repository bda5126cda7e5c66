"""The doctor-visit report as plain data: the few figures a doctor asks for, for one period.

Built from plain inputs (day records, entries, saved triage snapshots, the trigger analysis,
medicines, adopted plan items, the knowledge base's questions), so every figure is tested
without Qt or a database. The PDF and the preview only lay out what is here: a number that
is not in `ReportData` is not on the page.

Rooms: `data` (what goes in and what comes out), `sections` (each part of the report:
headline, factors, findings, red flags, what was tried, questions, weeks), `build`
(`build_report`, which puts them together and bounds the details).
"""
