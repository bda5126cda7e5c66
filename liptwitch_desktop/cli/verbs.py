"""`liptwitch twitch`, `liptwitch log drink|magnesium|water`, `liptwitch status`: log from
anywhere (a keyboard shortcut, a launcher's right-click menu, a script).

When LipTwitch runs on the data folder, the verb is handed to it over the single-instance
socket (platform/instance_client.py, the versioned protocol of platform/ipc_protocol.py):
the window updates at once and Ctrl+Z undoes it there, and this path imports neither Qt nor
the ORM. When it does not run, the verb holds the folder's lock and writes the store itself
with the same checks (cli/verb_actions.py). A drink with no name opens the app's drink
dialog, starting the app first if need be.

Exit status: 0 done; 2 refused (the reason in one line on stderr, nothing written); 1 the
running app could not be reached or the store could not be opened.
"""

from __future__ import annotations

import argparse
import math
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from .. import APP_NAME, ORG_NAME

if TYPE_CHECKING:
    import subprocess

    from ..platform.ipc_protocol import JSONObject
    from .data import Subcommands  # (its datetime import costs a verb ~4 ms)

EXIT_OK, EXIT_FAILED, EXIT_REFUSED = 0, 1, 2
# A first start (for the drink dialog) builds its window before it listens.
START_TIMEOUT_S = 20.0


class Refused(Exception):
    """Bad input, found before anything is sent or written."""


def _add_notify(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--notify",
        action="store_true",
        help="show the answer as a desktop notification too (for launchers and shortcuts)",
    )


def add_twitch_arguments(parser: argparse.ArgumentParser) -> None:
    parser.description = 'Start "Twitching now", or stop it (the running app updates at once).'
    _add_notify(parser)
    parser.add_argument("--intensity", metavar="1-10", help="how strong it was")
    parser.add_argument(
        "--where", metavar="PLACE", help="lower-left, lower-centre, lower-right, upper-lip, ..."
    )


def add_log_arguments(parser: argparse.ArgumentParser) -> None:
    parser.description = (
        "Log a drink (a preset id such as espresso or brewed_coffee, or one of your own by "
        "name), magnesium (mg; your usual dose if left out) or water (ml; 250 if left out)."
    )
    parser.add_argument("what", choices=("drink", "magnesium", "water"))
    parser.add_argument("value", nargs="*", help="the drink, or the amount")
    parser.add_argument(
        "--in-app",
        action="store_true",
        help="log it in the LipTwitch window instead (starting it if need be), which asks "
        "what it needs: the magnesium safety notice, your dose, the drink",
    )
    _add_notify(parser)


def add_status_arguments(parser: argparse.ArgumentParser) -> None:
    parser.description = "Today: twitches, caffeine (and at bedtime), magnesium, next reminder."
    parser.add_argument("--json", action="store_true", help="print JSON for scripts")


def _amount(text: str, what: str, unit: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise Refused(f"{what} must be a number of {unit}, not {text[:40]!r}") from None
    if not math.isfinite(value):
        raise Refused(f"{what} must be a number of {unit}, not {text[:40]!r}")
    if value <= 0:
        raise Refused(f"{what} must be more than 0 {unit}")
    return value


def request_of(args: argparse.Namespace) -> tuple[str, JSONObject]:
    """The command and its arguments, checked for what needs no store (the rest is checked
    where it is done, by the same code on either path)."""
    if args.command == "twitch":
        payload: JSONObject = {}
        if args.intensity is not None:
            try:
                payload["intensity"] = int(args.intensity)
            except ValueError:
                raise Refused(
                    "the intensity goes from 1 (barely noticeable) to 10 (worst)"
                ) from None
        if args.where is not None:
            payload["where"] = _short(args.where, "where")
        return "twitch", payload
    if args.command == "status":
        return "status", {}
    value = " ".join(args.value).strip()
    if args.in_app:
        if value:
            raise Refused(f"--in-app asks in the window: leave out {value[:40]!r}")
        return "log", {"what": args.what, "in_app": True}
    if args.what == "drink":
        return "log", {"what": "drink", "drink": _short(value, "drink")} if value else {
            "what": "drink"
        }
    if len(args.value) > 1:
        raise Refused(f"give one amount for {args.what}, not {value[:40]!r}")
    if args.what == "magnesium":
        return "log", {
            "what": "magnesium",
            **({"mg": _amount(value, "magnesium", "mg")} if value else {}),
        }
    return "log", {"what": "water", **({"ml": _amount(value, "water", "ml")} if value else {})}


def _short(text: str, name: str) -> str:
    """The same refusal as the handler's (cli/verb_actions._text), before anything is sent:
    a text the protocol could not carry never reaches the socket."""
    from ..platform.ipc_messages import MAX_TEXT_CHARS

    if len(text) > MAX_TEXT_CHARS:
        raise Refused(f"{name} must be a short text")
    return text


def data_dir(args: argparse.Namespace) -> Path:
    """The data folder as the app finds it, without Qt: QStandardPaths' AppDataLocation on
    Linux is $XDG_DATA_HOME (when absolute) or ~/.local/share, then the organisation and
    app names (tests/cli/test_verbs.py holds the two together)."""
    if args.data_dir:
        base = Path(args.data_dir).expanduser().resolve()
    elif sys.platform.startswith("linux"):
        xdg = os.environ.get("XDG_DATA_HOME", "")
        root = Path(xdg) if xdg and os.path.isabs(xdg) else Path.home() / ".local" / "share"
        base = root / ORG_NAME / APP_NAME
    else:
        from ..platform.datadir import default_data_dir

        base = default_data_dir()
    return base / "demo" if getattr(args, "demo", False) else base


def _done(args: argparse.Namespace, result: JSONObject) -> int:
    """Print the answer (JSON for `status --json`), and show it with `--notify`."""
    message = str(result.get("message", "Done"))
    if getattr(args, "json", False):
        import json

        print(json.dumps({k: v for k, v in result.items() if k != "message"}, indent=2))
    else:
        print(message)
    if getattr(args, "notify", False):
        from .verb_notify import notify

        first, _, rest = message.partition("\n")
        notify(first, rest)
    return EXIT_OK


def _fail(args: argparse.Namespace, reason: str, status: int) -> int:
    """The reason in one line on stderr (and, with `--notify`, on the desktop)."""
    print(f"liptwitch {args.command}: {reason}", file=sys.stderr)
    if getattr(args, "notify", False):
        from .verb_notify import notify

        notify("Not logged" if status == EXIT_REFUSED else "LipTwitch did not answer", reason)
    return status


def run_verb(args: argparse.Namespace) -> int:
    # The data folder, the store and its backups are this user's only (as the app makes them).
    old_umask = os.umask(0o077)
    try:
        return _run_verb(args)
    finally:
        os.umask(old_umask)


def _run_verb(args: argparse.Namespace) -> int:
    from ..platform.instance_client import (
        LOCK_NAME,
        Foreign,
        NoAnswer,
        ask,
        lock_if_free,
        socket_path,
    )
    from ..platform.ipc_protocol import encode_request

    try:
        cmd, payload = request_of(args)
    except Refused as exc:
        return _fail(args, str(exc), EXIT_REFUSED)
    folder = data_dir(args)
    timeout = None
    try:
        if folder.exists() and not folder.is_dir():
            return _fail(args, f"{folder} is not a folder; give --data-dir a folder", EXIT_REFUSED)
        if not folder.is_dir():
            if cmd == "status":
                return _fail(args, f"no LipTwitch data in {folder} yet", EXIT_REFUSED)
            folder.mkdir(parents=True, mode=0o700)
        with lock_if_free(folder / LOCK_NAME) as free:
            if free and not _needs_window(cmd, payload):
                return _run_here(args, cmd, payload, folder)
        if free:  # --in-app, or a drink with no name: the window of an app started for it
            if not _wait_for_start(_start_app(args), folder):
                log = _log_file(args)
                text = f"could not start LipTwitch (see {log}); nothing written"
                return _fail(args, text, EXIT_FAILED)
            timeout = START_TIMEOUT_S
        try:
            line = encode_request(cmd, payload)
        except ValueError as exc:  # (one line) nothing the app would accept: refused here
            return _fail(args, str(exc), EXIT_REFUSED)
        answer = ask(
            folder / LOCK_NAME,
            socket_path(folder),
            line,
            **({"timeout_s": timeout} if timeout else {}),
        )
    except Foreign as exc:
        text = f"not talking to a LipTwitch that is not yours ({exc}); nothing written"
        return _fail(args, text, EXIT_FAILED)
    except NoAnswer as exc:
        return _fail(args, f"{exc}; nothing written", EXIT_FAILED)
    except BrokenPipeError:
        raise  # stdout's reader left (`| head`), not the folder: cli.run ends quietly
    except OSError as exc:
        return _fail(args, f"cannot use {folder}: {exc.strerror or exc}", EXIT_FAILED)
    if not answer.ok:
        return _fail(args, answer.error, EXIT_REFUSED)
    return _done(args, answer.result)


def _needs_window(cmd: str, payload: JSONObject) -> bool:
    """Only the window can do it: `--in-app`, or a drink with no name (its dialog)."""
    if cmd != "log":
        return False
    return payload.get("in_app") is True or (
        payload.get("what") == "drink" and "drink" not in payload
    )


def app_command(args: argparse.Namespace) -> list[str]:
    """How to start this LipTwitch's window on the verb's data folder (the same options):
    the bundle's own program when frozen (PyInstaller), else this interpreter's module."""
    if getattr(sys, "frozen", False):
        argv = [sys.executable]
    else:
        argv = [sys.executable, "-m", "liptwitch_desktop"]
    if args.data_dir:
        argv += ["--data-dir", str(Path(args.data_dir).expanduser().resolve())]
    if getattr(args, "demo", False):
        argv.append("--demo")
    return argv


def _wait_for_start(child: subprocess.Popen[bytes], folder: Path) -> bool:
    """Until the started app listens (True), or it has ended without doing so (False: no
    display, a damaged file...), at most START_TIMEOUT_S; then `ask` waits for the answer."""
    import time

    from ..platform.instance_client import LOCK_NAME, published_path, socket_path

    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if published_path(folder / LOCK_NAME, socket_path(folder)).exists():
            return True
        if child.poll() is not None:
            # It may have handed over to an app that started meanwhile: then that one listens.
            return published_path(folder / LOCK_NAME, socket_path(folder)).exists()
        time.sleep(0.05)
    return True  # still starting: `ask` says it did not answer in time


def _log_file(args: argparse.Namespace) -> Path:
    from ..platform.logging_setup import LOG_FILENAME, log_dir_for

    return log_dir_for(getattr(args, "data_dir", None)) / LOG_FILENAME


def _start_app(args: argparse.Namespace) -> subprocess.Popen[bytes]:
    """Start LipTwitch on the folder, detached (it outlives this command), for its dialog."""
    import subprocess

    argv = app_command(args)
    return subprocess.Popen(
        argv,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )


def _run_here(args: argparse.Namespace, cmd: str, payload: JSONObject, folder: Path) -> int:
    """No app runs: the store, opened here (migrated if need be), with the same checks."""
    from ..core.clock import SystemClock
    from ..core.days import local_zone
    from ..store.database.storage_errors import describe, is_storage_error
    from .data import Refused as StoreRefused
    from .data import opened_store
    from .verb_actions import StoreWriter, VerbContext, VerbRefused, serve

    clock = SystemClock()
    try:
        with opened_store(folder, create=cmd != "status"):
            from ..store.settings import get_time

            ctx = VerbContext(clock.now, local_zone(), lambda: get_time("day_start"))
            result = serve(cmd, payload, StoreWriter(clock.now), ctx)
    except (VerbRefused, StoreRefused) as exc:
        return _fail(args, str(exc), EXIT_REFUSED)
    except Exception as exc:
        if not (isinstance(exc, OSError) or is_storage_error(exc)):
            raise
        return _fail(args, f"could not write {folder}: {describe(exc)}; nothing written", 1)
    return _done(args, result)


def register(subcommands: Subcommands) -> None:
    subcommands["twitch"] = (add_twitch_arguments, run_verb)
    subcommands["log"] = (add_log_arguments, run_verb)
    subcommands["status"] = (add_status_arguments, run_verb)
