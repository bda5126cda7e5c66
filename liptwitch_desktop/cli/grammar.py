"""The command line's own refusals: one line naming what is wrong, exit 2, nothing written.

argparse answers a bad invocation with two lines (the usage, then "error: argument what:
invalid choice: 'tea' (choose from 'drink', 'magnesium', 'water')"). The verbs are typed in
launchers, shortcuts and scripts, where that second line is all a person sees, so every
refusal here is one line in the verbs' own voice, as their other refusals are (cli/verbs.py):

    liptwitch log: unknown kind 'tea' (choose drink, magnesium or water)

`--help` still prints the whole usage. The parser class itself is cli.OneLineParser (the
GUI's start parses with it and never imports this module unless an argument is refused).
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Sequence
from typing import NoReturn

EXIT_REFUSED = 2

# What a positional is called in a refusal ("unknown kind 'tea'", not "argument what").
NOUNS = {"what": "kind", "command": "command", "experiment_command": "command"}

_CHOICE = re.compile(
    r"argument (?P<arg>.+?): invalid choice: (?P<value>.*) \(choose from (?P<of>.*)\)$"
)
_REQUIRED = re.compile(r"the following arguments are required: (?P<names>.+)$")
_ONE_VALUE = re.compile(r"argument (?P<arg>.+?): expected (?P<n>.+?) arguments?$")
_NO_VALUE = re.compile(r"argument (?P<arg>.+?): ignored explicit argument (?P<value>.+)$")
_AMBIGUOUS = re.compile(r"ambiguous option: (?P<opt>\S+) could match (?P<matches>.+)$")
_BAD_TYPE = re.compile(r"argument (?P<arg>.+?): invalid (?P<type>\S+) value: (?P<value>.+)$")


def one_of(items: Sequence[str]) -> str:
    """ "drink, magnesium or water"."""
    words = [str(i) for i in items]
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " or " + words[-1]


def _short(text: str, limit: int = 40) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def _action(parser: argparse.ArgumentParser, name: str) -> argparse.Action | None:
    for action in parser._actions:
        if name in action.option_strings or name in (action.dest, action.metavar):
            return action
    return None


def _noun(parser: argparse.ArgumentParser, name: str) -> str:
    action = _action(parser, name)
    if action is not None and not action.option_strings:
        return NOUNS.get(action.dest, name.lower())
    return name


def _named(parser: argparse.ArgumentParser, name: str) -> str:
    """ "the kind" for a positional with a noun, else its name as --help shows it."""
    action = _action(parser, name)
    if action is not None and not action.option_strings and action.dest in NOUNS:
        return f"the {NOUNS[action.dest]}"
    return name


def _choices(parser: argparse.ArgumentParser, name: str) -> str:
    action = _action(parser, name)
    if action is None or not action.choices:
        return ""
    return f" (choose {one_of(list(action.choices))})"


def reason(parser: argparse.ArgumentParser, message: str) -> str:
    """argparse's message in the verbs' words, on one line."""
    message = " ".join(message.split())
    if m := _CHOICE.match(message):
        arg = m["arg"]
        return f"unknown {_noun(parser, arg)} {_short(m['value'])}{_choices(parser, arg)}"
    if m := _REQUIRED.match(message):
        names = [n.strip() for n in m["names"].split(",")]
        # A "value ..." that may be left out is not what is missing (argparse lists it).
        needed = [n for n in names if getattr(_action(parser, n), "nargs", None) != "*"]
        missing = [_named(parser, n) + _choices(parser, n) for n in needed or names]
        return "missing " + " and ".join(missing)
    if m := _ONE_VALUE.match(message):
        return f"{m['arg'].split('/')[0]} needs a value"
    if m := _NO_VALUE.match(message):
        return f"{m['arg'].split('/')[0]} takes no value (not {_short(m['value'])})"
    if m := _AMBIGUOUS.match(message):
        return f"{m['opt']} could be {one_of(m['matches'].split(', '))}: spell it out"
    if m := _BAD_TYPE.match(message):
        return f"{m['arg'].split('/')[0]} must be a {m['type']}, not {_short(m['value'])}"
    return _short(message, 200)


def refuse_parse(parser: argparse.ArgumentParser, message: str) -> NoReturn:
    """The parser's error (cli.OneLineParser.error): `prog: reason`, exit 2."""
    refuse(parser.prog, reason(parser, message))


def unrecognized(extra: Sequence[str]) -> str:
    """What is left over after a command's own arguments, named."""
    first = extra[0]
    if first.startswith("-") and len(first) > 1:
        return f"unknown option {_short(first.split('=', 1)[0])!r}"
    return f"unexpected {_short(first)!r}" + (f" (and {len(extra) - 1} more)" if extra[1:] else "")


def refuse(prog: str, reason: str) -> NoReturn:
    print(f"{prog}: {reason}", file=sys.stderr)
    raise SystemExit(EXIT_REFUSED)
