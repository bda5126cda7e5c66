"""`liptwitch triage --answers FILE.json [--json] [--country CC] [--allow-unanswered]`.

So the engine can be scripted and checked without a screen. The answers file is
`{"answers": {question id: answer}, "log_facts": {...}}` (see docs/triage-ids.md, generated
from the knowledge base by `python -m liptwitch_desktop.cli.triage docs`).

Exit status 0 with the result; 2 with one line on stderr for anything it cannot use: a file
that is missing, too large, not UTF-8, not plain JSON, or does not fit the knowledge base;
a warning sign left unanswered (unless --allow-unanswered); output closed early. Never a
traceback. A sudden stroke sign is printed whatever else is missing: it ends the wizard too.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from pathlib import Path
from typing import Any, TextIO

from liptwitch_desktop.core.knowledge import load_knowledge
from liptwitch_desktop.core.knowledge.base import Knowledge
from liptwitch_desktop.core.knowledge.countries import (
    country_of_environment,
    normalise,
    resolve_country,
)
from liptwitch_desktop.core.knowledge.model import KnowledgeError, Urgency
from liptwitch_desktop.core.safe_json import JsonInputError, read_json_file
from liptwitch_desktop.core.triage.answers import AnswerError, Profile
from liptwitch_desktop.core.triage.engine import triage
from liptwitch_desktop.core.triage.files import answers_file_from_json
from liptwitch_desktop.core.triage.result import PlanItem, TriageResult

EXIT_OK = 0
EXIT_BAD_INPUT = 2
PROFILE_SETTINGS = ("emergency_country", "caffeine_limit_mg", "adult")


class TriageInputError(Exception):
    """Input the command cannot use; the message is the one line it prints."""


def run_triage(
    answers_path: str | Path,
    as_json: bool,
    out: TextIO | None,
    err: TextIO | None = None,
    *,
    country: str | None = None,
    allow_unanswered: bool = False,
    settings: dict[str, Any] | None = None,
    environ: dict[str, str] | None = None,
) -> int:
    """Print the result for an answers file; 2 with a one-line message when it cannot.

    `country` is --country; without it the `emergency_country` setting (from `settings`),
    then the locale's country (`environ`, default os.environ) decide.
    """
    err = err if err is not None else sys.stderr
    if out is None:  # started with stdout closed (`>&-`): Python has no sys.stdout at all
        return _fail(err, "the output is closed, so the result cannot be written")
    try:
        kb = load_knowledge()
        result = _result(answers_path, kb, country, allow_unanswered, settings or {}, environ)
        text = _to_json(result) if as_json else format_result(result, kb)
    except TriageInputError as exc:
        return _fail(err, str(exc))
    except KnowledgeError as exc:  # a damaged install, not the person's input
        return _fail(err, f"the knowledge base is damaged: {exc}")
    try:
        try:
            out.write(text)
        except UnicodeEncodeError:  # a terminal that cannot show every character
            encoding = getattr(out, "encoding", None) or "ascii"
            out.write(text.encode(encoding, "replace").decode(encoding))
        out.flush()
    except BrokenPipeError:
        _silence_stdout(out)
        return _fail(err, "the output was closed before the result was written")
    except OSError as exc:
        return _fail(err, f"cannot write the result: {exc.strerror or type(exc).__name__}")
    return EXIT_OK


def _result(
    answers_path: str | Path,
    kb: Knowledge,
    country: str | None,
    allow_unanswered: bool,
    settings: dict[str, Any],
    environ: dict[str, str] | None,
) -> TriageResult:
    name = Path(answers_path).name or str(answers_path)
    if country is not None and normalise(country) is None:
        raise TriageInputError(
            f"--country must be an ISO 3166 alpha-2 country code such as GB or JP, "
            f"not {country[:12]!r}"
        )
    try:
        data = read_json_file(answers_path)
    except OSError as exc:
        raise TriageInputError(
            f"cannot read {name}: {exc.strerror or type(exc).__name__}"
        ) from None
    except JsonInputError as exc:
        raise TriageInputError(f"{name} {exc}") from None
    try:
        answers, facts = answers_file_from_json(data, kb)
    except AnswerError as exc:
        raise TriageInputError(f"{name}: {exc}") from None
    locale_country = country_of_environment(environ if environ is not None else dict(os.environ))
    profile = Profile(
        country=resolve_country(country or settings.get("emergency_country"), locale_country),
        caffeine_limit_mg=_float_or_none(settings.get("caffeine_limit_mg")),
        adult={"yes": True, "no": False}.get(str(settings.get("adult", ""))),
    )
    result = triage(answers, facts, kb, profile)
    if result.unanswered and not allow_unanswered and result.urgency is not Urgency.EMERGENCY:
        raise TriageInputError(
            f"{name}: warning sign(s) not answered: {', '.join(result.unanswered)}. Answer "
            'each one ("yes", "no" or "unsure"), or pass --allow-unanswered to get a result '
            "that names them."
        )
    return result


def _float_or_none(value: Any) -> float | None:
    try:
        return float(value) if value not in (None, "") else None
    except (TypeError, ValueError):
        return None


def _fail(err: TextIO | None, message: str) -> int:
    if err is None:  # stderr closed too: the exit status is all there is
        return EXIT_BAD_INPUT
    with contextlib.suppress(OSError, ValueError):
        print(f"liptwitch triage: {message}", file=err)
    return EXIT_BAD_INPUT


def _silence_stdout(out: TextIO) -> None:
    """After EPIPE, point stdout at /dev/null so the interpreter's final flush is quiet."""
    if out is sys.stdout:
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            os.close(devnull)
        except (OSError, ValueError):
            pass


def _to_json(result: TriageResult) -> str:
    import json

    return json.dumps(result.to_json(), indent=2, ensure_ascii=False) + "\n"


def read_settings(data_dir: str | None, demo: bool = False) -> dict[str, Any]:
    """The settings the triage uses, read-only from the data folder's database if it exists
    (nothing is created or migrated for a triage run); {} when there is none."""
    import sqlite3

    from liptwitch_desktop.core.settings_schema import SPECS, SettingError, coerce
    from liptwitch_desktop.platform.datadir import resolve_data_dir

    try:
        path = resolve_data_dir(data_dir, demo) / "liptwitch.sqlite3"
    except OSError:
        return {}
    if not path.is_file():
        return {}
    values: dict[str, Any] = {}
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            rows = conn.execute(
                "SELECT key, value FROM setting WHERE key IN (?, ?, ?)", PROFILE_SETTINGS
            ).fetchall()
        finally:
            conn.close()
    except sqlite3.Error:
        return {}  # a damaged or locked file: the command still works, from the locale
    import json

    for key, value in rows:
        try:
            values[key] = coerce(SPECS[key], json.loads(value))
        except (SettingError, ValueError, KeyError):
            continue
    return values


def register(subcommands: dict[str, Any]) -> None:
    """Add `triage` to the cli package's subcommands (imported on demand)."""

    def add_arguments(parser: argparse.ArgumentParser) -> None:
        parser.description = "Run the triage engine on a file of answers and print the result."
        parser.add_argument(
            "--answers",
            required=True,
            metavar="FILE.json",
            help="answers keyed by question id (see docs/triage-ids.md)",
        )
        parser.add_argument("--json", action="store_true", help="print the result as JSON")
        parser.add_argument(
            "--country",
            metavar="CC",
            help="ISO 3166 country code for the emergency number (default: the setting, "
            "then the locale)",
        )
        parser.add_argument(
            "--allow-unanswered",
            action="store_true",
            help="give a result even if warning signs are unanswered (it names them)",
        )

    def run(args: argparse.Namespace) -> int:
        settings = read_settings(getattr(args, "data_dir", None), getattr(args, "demo", False))
        return run_triage(
            args.answers,
            args.json,
            sys.stdout,
            country=args.country,
            allow_unanswered=args.allow_unanswered,
            settings=settings,
        )

    subcommands["triage"] = (add_arguments, run)


def format_result(result: TriageResult, kb: Knowledge | None = None) -> str:
    """The result as plain text, in the order a person should read it."""
    if result.stop_now:
        return _format_emergency(result)
    lines = [title_line(result), result.advice]
    if result.non_emergency_note:
        lines.append(result.non_emergency_note)
    lines += ["", "Why:"]
    for reason in result.reasons:
        lines.append(f"  - {reason.text}")
        if reason.advice:
            lines.append(f"    {reason.advice}")
    if result.causes:
        lines += ["", "Likely causes:"]
        said = {reason.text for reason in result.reasons}
        for rank, cause in enumerate(result.causes, start=1):
            lines.append(f"  {rank}. {cause.name} - {cause.how}")
            # Evidence already given as a reason above is not said again.
            lines += [f"     - {line}" for line in cause.all_evidence if line not in said]
    elif result.no_clear_cause:
        lines += ["", result.no_clear_cause]
    plan = result.plan

    def section(title: str, items: tuple[PlanItem, ...], with_text: bool = True) -> None:
        if items:
            lines.extend(["", title])
            for item in items:
                detail = f": {item.text}" if with_text and item.text else ""
                lines.append(f"  - {item.title}{detail}")

    if plan.notes:
        lines += ["", "Important:"] + [f"  - {note}" for note in plan.notes]
    section("Try now:", plan.quick_fixes)
    section("For the long run:", plan.strategies)
    section("Keep track of:", plan.tracking, with_text=False)
    section("You can adopt (in the app):", plan.actions, with_text=False)
    section("Questions for your doctor:", plan.doctor_questions, with_text=False)
    if plan.recheck_text:
        lines += ["", plan.recheck_text]
    if result.disclaimer:
        lines += ["", result.disclaimer]
    lines.append("")
    return "\n".join(lines)


def title_line(result: TriageResult) -> str:
    """ "WORD: headline", the word said once when the headline starts with it ("SEE A
    DOCTOR TODAY: ask your GP ...", not "SEE A DOCTOR TODAY: See a doctor today: ...")."""
    word, headline = result.word, result.headline
    if headline.casefold().startswith(word.casefold()):
        rest = headline[len(word) :]
        return word.upper() + (rest if rest[:1] in (",", ";") else ":" + rest.lstrip(":"))
    return f"{word.upper()}: {headline}"


def _format_emergency(result: TriageResult) -> str:
    """Only what FACTS.md allows: the number, the emergency reasons, what to do now. The
    number in capitals is the headline ("Call 999 now" is not said twice)."""
    lines = [result.word.upper(), "", f"  {result.emergency_large.upper()} NOW"]
    if result.emergency_note:
        lines.append(f"  {result.emergency_note}")
    lines += ["", result.advice, "", "Why:"]
    lines += [f"  - {reason.text}" for reason in result.reasons]
    lines.append("")
    return "\n".join(lines)


def main(argv: list[str]) -> int:  # pragma: no cover - a developer's convenience
    if argv == ["docs"]:
        from liptwitch_desktop.cli.triage_docs import render_ids_markdown

        sys.stdout.write(render_ids_markdown())
        return 0
    if argv:
        return run_triage(argv[0], "--json" in argv[1:], sys.stdout, allow_unanswered=True)
    print("usage: python -m liptwitch_desktop.cli.triage (docs | FILE.json [--json])")
    return 2


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main(sys.argv[1:]))
