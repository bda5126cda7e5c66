"""`liptwitch triage --answers FILE.json [--json]`: the engine from the command line.

So the engine can be scripted and checked without a screen. The answers file is
`{"answers": {question id: answer}, "log_facts": {...}}` (see docs/triage-ids.md, generated
from the knowledge base by `python -m liptwitch_desktop.cli_triage docs`).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any, TextIO

from liptwitch_desktop.core.knowledge import Knowledge, KnowledgeError, load_knowledge
from liptwitch_desktop.core.log_facts import LogFacts
from liptwitch_desktop.core.triage import (
    AnswerError,
    PlanItem,
    TriageResult,
    answers_file_from_json,
    triage,
)

EXIT_OK = 0
EXIT_BAD_INPUT = 2


def run_triage(
    answers_path: str | Path, as_json: bool, out: TextIO, err: TextIO | None = None
) -> int:
    """Print the result for an answers file; 2 with a one-line message when the input is bad."""
    err = err if err is not None else sys.stderr
    try:
        text = Path(answers_path).read_text(encoding="utf-8")
    except OSError as exc:
        print(f"liptwitch triage: cannot read {answers_path}: {exc.strerror or exc}", file=err)
        return EXIT_BAD_INPUT
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        print(f"liptwitch triage: {answers_path} is not valid JSON: {exc}", file=err)
        return EXIT_BAD_INPUT
    try:
        kb = load_knowledge()
        answers, facts = answers_file_from_json(data, kb)
    except (AnswerError, KnowledgeError) as exc:
        print(f"liptwitch triage: {answers_path}: {exc}", file=err)
        return EXIT_BAD_INPUT
    result = triage(answers, facts, kb)
    if as_json:
        json.dump(result.to_json(), out, indent=2, ensure_ascii=False)
        out.write("\n")
    else:
        out.write(format_result(result, kb))
    return EXIT_OK


def register(subcommands: dict[str, Any]) -> None:
    """Add `triage` to cli.py's subcommands (cli.py imports this module on demand)."""

    def add_arguments(parser: argparse.ArgumentParser) -> None:
        parser.description = "Run the triage engine on a file of answers and print the result."
        parser.add_argument(
            "--answers",
            required=True,
            metavar="FILE.json",
            help="answers keyed by question id (see docs/triage-ids.md)",
        )
        parser.add_argument("--json", action="store_true", help="print the result as JSON")

    def run(args: argparse.Namespace) -> int:
        return run_triage(args.answers, args.json, sys.stdout)

    subcommands["triage"] = (add_arguments, run)


def format_result(result: TriageResult, kb: Knowledge | None = None) -> str:
    """The result as plain text, in the order a person should read it."""
    lines = [f"{result.word.upper()}: {result.headline}", result.advice, ""]
    if result.stop_now:
        fallback = (kb or load_knowledge()).emergency_fallback
        lines += [f"Emergency number: your local one ({fallback.number} on most mobiles).", ""]
    lines.append("Why:")
    for reason in result.reasons:
        lines.append(f"  - {reason.text}")
        if reason.advice:
            lines.append(f"    {reason.advice}")
    if result.causes:
        lines += ["", "Likely causes:"]
        for rank, cause in enumerate(result.causes, start=1):
            lines.append(f"  {rank}. {cause.name} - {cause.how}")
            lines += [f"     - {line}" for line in cause.evidence]
    elif result.no_clear_cause:
        lines += ["", result.no_clear_cause]
    plan = result.plan

    def section(title: str, items: tuple[PlanItem, ...], with_text: bool = True) -> None:
        if items:
            lines.extend(["", title])
            for item in items:
                detail = f": {item.text}" if with_text and item.text else ""
                lines.append(f"  - {item.title}{detail}")

    section("Try now:", plan.quick_fixes)
    section("For the long run:", plan.strategies)
    section("Keep track of:", plan.tracking, with_text=False)
    section("You can adopt (in the app):", plan.actions, with_text=False)
    section("Questions for your doctor:", plan.doctor_questions, with_text=False)
    if plan.notes:
        lines += ["", "Important:"] + [f"  - {note}" for note in plan.notes]
    if plan.recheck_text:
        lines += ["", plan.recheck_text]
    lines += ["", result.disclaimer, ""]
    return "\n".join(lines)


def render_ids_markdown(kb: Knowledge | None = None) -> str:
    """docs/triage-ids.md, from the knowledge base (a test checks the file is current)."""
    kb = kb or load_knowledge()
    pages = {
        "stroke": "Sudden stroke signs (any `yes` gives `emergency`)",
        "red_flags": "Other warning signs",
        "onset": "Onset and duration",
        "causes": "Cause questions",
    }
    kinds = {
        "yes_no": '`"yes"` or `"no"` (JSON `true`/`false` also accepted)',
        "choice": "one of the option ids",
        "multi": "a list of option ids (may be empty)",
    }
    out = [
        "# Triage answer ids",
        "",
        "<!-- Generated from resources/knowledge by "
        "`python -m liptwitch_desktop.cli_triage docs > docs/triage-ids.md`. Do not edit. -->",
        "",
        "`liptwitch triage --answers FILE.json [--json]` reads a JSON object:",
        "",
        "```json",
        "{",
        '  "version": 1,',
        '  "answers": {"stroke_face_droop": "no", "duration": "under_week",',
        '              "caffeine_mg_per_day": 190, "medicine_recent": ["asthma_inhaler"]},',
        '  "log_facts": {"caffeine_mg_per_day_7d": 410, "sleep_hours_7d": 6.5,',
        '                "episode_days": 4, "episode_span_days": 9, "night_share": 0.25,',
        '                "recent_medicine_names": []}',
        "}",
        "```",
        "",
        "`version` and `log_facts` are optional; a question left out counts as not answered "
        "(for a warning sign: not reported). An unknown id or answer stops the command with "
        "exit status 2.",
        "",
    ]
    for page, title in pages.items():
        out += [f"## {title}", "", "| id | answer | question |", "| --- | --- | --- |"]
        for q in kb.questions_on(page):
            if q.kind == "number":
                answer = f"a number, {q.min:g} to {q.max:g} {q.unit}"
            elif q.options:
                answer = kinds[q.kind] + ": " + ", ".join(f"`{o.id}`" for o in q.options)
            else:
                answer = kinds[q.kind]
            out.append(f"| `{q.id}` | {answer} | {q.text} |")
        out.append("")
    out += ["## Log facts", "", "| field | meaning |", "| --- | --- |"]
    for name, doc in _log_fact_docs().items():
        out.append(f"| `{name}` | {doc} |")
    out += ["", "## Urgency levels", ""]
    for level, text in kb.urgency_texts.items():
        out.append(f"- `{level.value}`: {text.headline}")
    out.append("")
    return "\n".join(out)


def _log_fact_docs() -> dict[str, str]:
    import ast
    import inspect

    tree = ast.parse(inspect.getsource(LogFacts))
    docs: dict[str, str] = {}
    body = tree.body[0].body  # type: ignore[attr-defined]
    for node, following in zip(body, [*body[1:], None], strict=True):
        if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            doc = ""
            if isinstance(following, ast.Expr) and isinstance(following.value, ast.Constant):
                doc = " ".join(str(following.value.value).split())
            docs[node.target.id] = doc or "list of medicine names"
    return docs


if __name__ == "__main__":  # pragma: no cover - a developer's convenience
    if sys.argv[1:] == ["docs"]:
        sys.stdout.write(render_ids_markdown())
        raise SystemExit(0)
    if len(sys.argv) >= 2:
        raise SystemExit(run_triage(sys.argv[1], "--json" in sys.argv[2:], sys.stdout))
    print("usage: python -m liptwitch_desktop.cli_triage (docs | FILE.json [--json])")
    raise SystemExit(2)
