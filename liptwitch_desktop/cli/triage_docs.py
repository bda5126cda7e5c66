"""docs/triage-ids.md, generated from the knowledge base (a test checks the file is current).

python -m liptwitch_desktop.cli.triage docs > docs/triage-ids.md
"""

from __future__ import annotations

import ast
import inspect

from liptwitch_desktop.core.knowledge import load_knowledge
from liptwitch_desktop.core.knowledge.base import Knowledge
from liptwitch_desktop.core.log_facts import MAX_CAFFEINE_MG_DAY, MIN_LOGGED_DAYS_7D, LogFacts

PAGES = {
    "stroke": "Sudden stroke signs (any `yes` or `unsure` gives `emergency`)",
    "red_flags": "Other warning signs",
    "onset": "Onset and duration",
    "causes": "Cause questions",
}
KINDS = {
    "yes_no": '`"yes"` or `"no"` (JSON `true`/`false` also accepted)',
    "warning": '`"yes"`, `"no"` or `"unsure"` (not sure counts as yes; `true`/`false` accepted)',
    "choice": "one of the option ids",
    "multi": "a list of option ids (may be empty)",
}
RESULT_FIELDS = [
    ("urgency", "`emergency`, `doctor_soon`, `doctor_routine` or `self_care`"),
    ("today", "`true` when a `doctor_soon` result means today"),
    ("word, headline, advice", "what to do, in words"),
    ("emergency_country", "the ISO code used for the number, or `null`"),
    (
        "emergency_number",
        "the emergency number of that country, or `null` when the country is unknown or has "
        'no number in the app (then the text says "Call your local emergency number")',
    ),
    (
        "emergency_note",
        "a note that helps make the call (a direct ambulance line, what to say), or the 112 "
        "hint for an unknown country; never a line for when it is not an emergency",
    ),
    (
        "non_emergency_note",
        "for `doctor_soon` only: the country's line for when it is not an emergency (NHS 111 "
        'in the UK), unless the headline names it; else `""`. Never on an emergency',
    ),
    ("red_flags", "ids of the warning signs that fired (for `emergency`: only the stroke signs)"),
    (
        "reasons",
        "why, one object per sentence: `text`, `red_flag`, `advice`, `kind` (`said`, "
        "`unsure`, `log`, `unanswered`, `calm`) and `question` (for `unanswered`)",
    ),
    ("said", 'what the answers say ("You said ...", "You were not sure whether ...")'),
    ("log_shows", 'what the log facts show ("Your log shows ..."), kept apart from `said`'),
    (
        "unanswered",
        "ids of warning-sign questions that were not answered; for `emergency` too (the "
        "wizard stops at the first stroke sign, so the rest are never asked), as ids only",
    ),
    ("causes", "likely causes, most likely first, each with `evidence` and `log_evidence`"),
    ("plan", "`quick_fixes`, `strategies`, `tracking`, `actions`, `doctor_questions`, ..."),
    ("disclaimer", "the wellness disclaimer; `null` for `emergency` (nothing softens it)"),
    ("no_clear_cause", "the text when no cause stands out, else `null`"),
]


def render_ids_markdown(kb: Knowledge | None = None) -> str:
    kb = kb or load_knowledge()
    out = [
        "# Triage answer ids",
        "",
        "<!-- Generated from resources/knowledge by "
        "`python -m liptwitch_desktop.cli.triage docs > docs/triage-ids.md`. Do not edit. -->",
        "",
        "```",
        "liptwitch [--data-dir DIR] triage --answers FILE.json [--json] [--country CC]",
        "                                  [--allow-unanswered]",
        "```",
        "",
        "reads a JSON object (UTF-8, at most 1 MiB):",
        "",
        "```json",
        "{",
        '  "version": 1,',
        '  "answers": {"stroke_face_droop": "no", "swallowing_new": "unsure",',
        '              "duration": "under_week", "caffeine_mg_per_day": 190,',
        '              "medicine_recent": ["asthma_inhaler"]},',
        '  "log_facts": {"caffeine_mg_per_day_7d": 410, "sleep_hours_7d": 6.5,',
        '                "episode_days": 4, "episode_span_days": 9, "night_share": 0.25,',
        '                "recent_medicine_names": [], "episode_months_6m": 1,',
        '                "caffeine_logged_days_7d": 6, "sleep_logged_days_7d": 5,',
        '                "caffeine_max_mg_7d": 520}',
        "}",
        "```",
        "",
        "- `version` and `log_facts` are optional. Unknown ids or answers, duplicate keys, "
        "NaN or Infinity, a `true` or `2.7` day count, a medicine list given as a string or an "
        "empty medicine name stop the command with exit status 2 and one line on stderr.",
        '- Every **warning sign** (the first two tables) takes `"unsure"`, which counts as '
        'yes for the urgency and reads "You were not sure whether ...".',
        "- A warning sign left out (or `null`) is **unknown, never no**: the command exits "
        "with status 2 naming the unanswered ids, unless `--allow-unanswered` is given; then "
        "the result is never `self_care`, lists them in `unanswered` and says what to do if "
        "one applies. A sudden stroke sign (`yes` or `unsure`) always prints the emergency "
        "result, as the wizard stops there too.",
        "- `--country CC` (ISO 3166 alpha-2, such as `GB` or `JP`) picks the emergency "
        "number. Without it, the `emergency_country` setting in the data folder (read-only) "
        "decides, then the locale (`LC_ALL`, `LC_MESSAGES`, `LANG`). A country without a "
        'number below gets "Call your local emergency number" and `emergency_number: null`.',
        '- The settings\' daily caffeine limit and "18 or over" are used too, as in the app.',
        "- What the log shows is kept apart from what was said. `recent_medicine_names` counts "
        "as a suspected medicine unless `medicine_recent` is answered (the person's answer "
        "wins, as when they untick the pre-fill in the wizard); a caffeine or sleep answer "
        "likewise replaces the log's average as a likely cause, but a logged day of 1,200 mg "
        "or more (`caffeine_max_mg_7d`, or the average when the maximum is not given) still "
        "counts, however few days were logged.",
        "",
    ]
    for page, title in PAGES.items():
        out += [f"## {title}", "", "| id | answer | question |", "| --- | --- | --- |"]
        for q in kb.questions_on(page):
            if q.kind == "number":
                answer = f"a number, {q.min:g} to {q.max:g} {q.unit}"
            elif q.options:
                answer = KINDS[q.kind] + ": " + ", ".join(f"`{o.id}`" for o in q.options)
            else:
                answer = KINDS["warning" if q.warning else q.kind]
            text = f"{q.text} *{q.hint}*" if q.hint else q.text
            out.append(f"| `{q.id}` | {answer} | {text} |")
        out.append("")
    out += [
        "## Log facts",
        "",
        "All optional as a whole; given, `caffeine_mg_per_day_7d`, `sleep_hours_7d`, "
        "`night_share` (each may be `null`), `episode_days` and `episode_span_days` are "
        f"required. A 7-day average is used as a weekly figure only when at least "
        f"{MIN_LOGGED_DAYS_7D} of the 7 days were logged. Caffeine figures are at most "
        f"{MAX_CAFFEINE_MG_DAY:,} mg a day and are compared in whole mg, as they are shown.",
        "",
        "| field | meaning |",
        "| --- | --- |",
    ]
    for name, doc in log_fact_docs().items():
        out.append(f"| `{name}` | {doc} |")
    out += ["", "## The result (`--json`)", "", "| field | meaning |", "| --- | --- |"]
    out += [f"| `{name}` | {meaning} |" for name, meaning in RESULT_FIELDS]
    out += ["", "## Quick fixes and strategies", ""]
    out += [
        'Each plan item names the warning signs it is never shown with (FACTS.md, "What an '
        'urgent result may carry").',
        "",
        "| id | kind | title | never with |",
        "| --- | --- | --- | --- |",
    ]
    for kind, items in (("quick fix", kb.quick_fixes), ("strategy", kb.strategies)):
        for item in items:
            never = ", ".join(f"`{f}`" for f in item.not_with) or "-"
            out.append(f"| `{item.id}` | {kind} | {item.title} | {never} |")
    out += [
        "",
        "## Emergency numbers",
        "",
        "The note helps make the call and is shown with the number; a line for when it is "
        "not an emergency is never shown with an emergency result, only in the country "
        "picker and on `doctor_soon` results.",
        "",
        "| country | number | note | when it is not an emergency |",
        "| --- | --- | --- | --- |",
    ]
    for code, row in sorted(kb.emergency_numbers.items()):
        out.append(
            f"| `{code}` {row.name} | {row.number} | {row.note or ''} | {row.not_emergency or ''} |"
        )
    out += [
        "",
        f'Any other country: "{kb.unknown_country.large}" ({kb.unknown_country.small}).',
        "",
        "## Urgency levels",
        "",
    ]
    for level, urgency in kb.urgency_texts.items():
        out.append(f"- `{level.value}`: {urgency.word}")
    out += [
        "",
        "## Exit status",
        "",
        "- 0: the result was printed.",
        "- 2: the input could not be used (one line on stderr says why), or the output "
        "was closed early.",
        "",
    ]
    return "\n".join(out)


def log_fact_docs() -> dict[str, str]:
    tree = ast.parse(inspect.getsource(LogFacts))
    docs: dict[str, str] = {}
    cls = tree.body[0]
    assert isinstance(cls, ast.ClassDef)
    body = cls.body
    for node, following in zip(body, [*body[1:], None], strict=True):
        if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            doc = ""
            if isinstance(following, ast.Expr) and isinstance(following.value, ast.Constant):
                doc = " ".join(str(following.value.value).split())
            docs[node.target.id] = doc or "list of medicine names"
    return docs
