"""The values of the verbs' protocol (platform/ipc_protocol.py): a request, an answer, a
refusal of something that was not a message, and the exception a request's handler raises
to refuse one. Pure standard library, like the protocol.
"""

from __future__ import annotations

from typing import TypeAlias

JSONValue: TypeAlias = "bool | int | float | str | list[JSONValue] | dict[str, JSONValue] | None"
JSONObject: TypeAlias = "dict[str, JSONValue]"

# The longest text a verb carries (a drink's name, a place): checked by the command before it
# is sent and by the handler that does it, so both paths refuse alike, well under the
# protocol's line limit.
MAX_TEXT_CHARS = 200


class _Message:
    """A small value: equal by its fields, shown with them. (Not a dataclass: `dataclasses`
    and the `inspect` it imports cost a verb ~15 ms, a third of its budget.)"""

    __slots__ = ()
    _fields: tuple[str, ...] = ()
    __hash__ = None  # type: ignore[assignment]  # holds dicts

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and all(
            getattr(self, name) == getattr(other, name) for name in self._fields
        )

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in self._fields)
        return f"{type(self).__name__}({shown})"


class Request(_Message):
    """A command for the running app. `legacy`: the plain "show" line, which wants no answer."""

    __slots__ = ("args", "cmd", "id", "legacy")
    _fields = ("id", "cmd", "args", "legacy")

    def __init__(
        self, id: str, cmd: str, args: JSONObject | None = None, legacy: bool = False
    ) -> None:
        self.id = id
        self.cmd = cmd
        self.args: JSONObject = {} if args is None else args
        self.legacy = legacy

    @property
    def wants_answer(self) -> bool:
        return not self.legacy


class Response(_Message):
    """The app's answer: `result` when `ok`, else a one-line `error`."""

    __slots__ = ("error", "id", "ok", "result")
    _fields = ("id", "ok", "result", "error")

    def __init__(
        self, id: str | None, ok: bool, result: JSONObject | None = None, error: str = ""
    ) -> None:
        self.id = id
        self.ok = ok
        self.result: JSONObject = {} if result is None else result
        self.error = error


class Refusal(_Message):
    """A message that was not one. `id` when it could be read (so the answer carries it);
    `final` when the connection must be answered and closed without reading further."""

    __slots__ = ("final", "id", "reason")
    _fields = ("reason", "id", "final")

    def __init__(self, reason: str, id: str | None = None, final: bool = False) -> None:
        self.reason = reason
        self.id = id
        self.final = final


class CommandRefused(Exception):
    """Raised by a request's handler: the one-line reason goes back as an error answer and
    nothing was changed (an unknown drink, a dose over the limit)."""
