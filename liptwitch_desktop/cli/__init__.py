"""The command line: the global options and the headless subcommands, registered lazily.

`__main__` parses with it and runs a subcommand here, or the GUI (`app.run_gui`) without one;
nothing here imports a widget, the window or the composition root.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from typing import NoReturn

from .. import __version__

# Subcommands register here: name -> (add_arguments, run). Each run returns an exit status.
SUBCOMMANDS: dict[
    str, tuple[Callable[[argparse.ArgumentParser], None], Callable[[argparse.Namespace], int]]
] = {}


class OneLineParser(argparse.ArgumentParser):
    """Every refusal one line on stderr, `liptwitch log: unknown kind 'tea' (...)`, exit 2
    (cli/grammar.py words it); its subcommands' parsers are of this class too."""

    def error(self, message: str) -> NoReturn:
        from .grammar import refuse_parse

        refuse_parse(self, message)


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    parser = OneLineParser(
        prog="liptwitch",
        description="LipTwitch Desktop: triage, log, trends and reminders for a twitching lip.",
    )
    parser.add_argument("--version", action="version", version=f"LipTwitch {__version__}")
    parser.add_argument("--data-dir", metavar="DIR", help="keep all data in DIR")
    parser.add_argument(
        "--demo",
        action="store_true",
        help="open a separate demo database with 120 days of synthetic data",
    )
    parser.add_argument("--hidden", action="store_true", help="start in the tray (at login)")
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="open the window offscreen with a temporary data folder, exercise it, exit 0",
    )
    _register_builtin(argv)
    if SUBCOMMANDS:
        sub = parser.add_subparsers(dest="command", metavar="COMMAND")
        for name, (add_arguments, _run) in SUBCOMMANDS.items():
            add_arguments(sub.add_parser(name))
    return parser


# Headless subcommands and the module that registers each. A module is imported only when
# its command (or --help) is asked for, so starting the GUI never pays for them.
SUBCOMMAND_MODULES = {
    "triage": "liptwitch_desktop.cli.triage",
    "report": "liptwitch_desktop.cli.report",
    "export": "liptwitch_desktop.cli.export",
    "import": "liptwitch_desktop.cli.import_",
    "check": "liptwitch_desktop.cli.check",
    "calendar": "liptwitch_desktop.cli.calendar_export",
    # Log from anywhere (issue 16): one module for the three verbs.
    "twitch": "liptwitch_desktop.cli.verbs",
    "log": "liptwitch_desktop.cli.verbs",
    "status": "liptwitch_desktop.cli.verbs",
    "experiment": "liptwitch_desktop.cli.experiment",
}


def _register_builtin(argv: Sequence[str] | None = None) -> None:
    import importlib

    words = set(argv) if argv is not None else set(sys.argv[1:])
    wanted = list(
        dict.fromkeys(
            module
            for name, module in SUBCOMMAND_MODULES.items()
            if name in words or words & {"-h", "--help"}
        )
    )
    for module in wanted:
        try:
            mod = importlib.import_module(module)
        except ModuleNotFoundError as exc:
            if exc.name != module:
                raise
            continue
        register = getattr(mod, "register", None)
        if register is not None:
            register(SUBCOMMANDS)


def parse_arguments(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """The global options, and a subcommand's own when one is named (`args.command`)."""
    parser = build_parser(argv)
    args, extra = parser.parse_known_args(list(argv) if argv is not None else None)
    if extra:  # left over after the command's own arguments: named in that command's voice
        from .grammar import refuse, unrecognized  # (only for a refusal: every start parses)

        command = getattr(args, "command", None)
        if command is None and not extra[0].startswith("-"):
            refuse("liptwitch", f"unknown command {extra[0][:40]!r} (see liptwitch --help)")
        refuse(f"liptwitch {command}" if command else "liptwitch", unrecognized(extra))
    return args


def run(args: argparse.Namespace) -> int:
    """Run the subcommand `args.command`; its exit status."""
    import gc

    gc.enable()  # off during start-up (see __main__)
    try:
        status = SUBCOMMANDS[args.command][1](args)
        if sys.stdout is not None:  # None when started with stdout closed (`>&-`)
            sys.stdout.flush()  # a short output is written here, not at exit: caught here
    except BrokenPipeError:
        return _reader_went_away()
    return status


def _reader_went_away() -> int:
    """`liptwitch status | head -1`: the reader has what it wanted and closed the pipe.
    Say nothing, and point stdout at /dev/null so the flush at exit cannot fail again."""
    import os

    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    os.close(devnull)
    return 0
