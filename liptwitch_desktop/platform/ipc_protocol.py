"""The messages a headless `liptwitch twitch` / `log` / `status` exchanges with the running app
over the single-instance Unix socket.

Why a versioned protocol: the verbs hand their action to the running window (so it updates at
once and Ctrl+Z undoes it there), and the running app and the command may be of different
versions after an update. One JSON object per line:

    request: {"v": 1, "id": "3f2a...", "cmd": "twitch" | "log" | "status" | "show", "args": {...}}
    answer:  {"v": 1, "id": "3f2a...", "ok": true, "result": {...}}
             {"v": 1, "id": "3f2a..." | null, "ok": false, "error": "one line"}

Why strict: only this user can reach the socket, but whatever arrives there is still input.
Anything that is not exactly a message of this version (too long, not UTF-8, not JSON, a
duplicate key, NaN or Infinity, nested too deep, a missing or extra field, a wrong type) is a
`Refusal` with a one-line reason, never an exception, so the app answers it and carries on.
A line over `MAX_MESSAGE_BYTES` is refused before it is read to its end, and the reader then
reads no further: the connection is answered and closed.

The plain line `show` that earlier versions send on a second start is read as
`Request(cmd="show", legacy=True)`; such a client reads no answer, so none is sent to it.
Pure standard library: the command line imports this without Qt or the ORM.
"""

from __future__ import annotations

import json
import math
import os
import re
from collections.abc import Callable, Mapping
from typing import Generic, TypeVar

from .ipc_messages import CommandRefused, JSONObject, JSONValue, Refusal, Request, Response

PROTOCOL_VERSION = 1
MAX_MESSAGE_BYTES = 4096  # one message, its newline included
MAX_DEPTH = 8  # objects and arrays inside one another, the message itself included
MAX_ERROR_CHARS = 300
COMMANDS = frozenset({"twitch", "log", "status", "show"})
LEGACY_SHOW = b"show\n"  # what every version's second start may send: still understood
# Integers beyond this lose precision in other JSON readers; no count or dose comes near it.
_MAX_SAFE_INT = 2**53 - 1
_ID = re.compile(r"[A-Za-z0-9._-]{1,64}")
_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)
_REQUEST_FIELDS = frozenset({"v", "id", "cmd", "args"})

# The messages themselves (and the JSON types) live in ipc_messages; named here too.
__all__ = [
    "CommandRefused",
    "JSONObject",
    "JSONValue",
    "MessageReader",
    "Refusal",
    "Request",
    "Response",
    "decode_request",
    "decode_response",
    "encode_error",
    "encode_refusal",
    "encode_request",
    "encode_result",
    "new_id",
    "request_reader",
    "response_reader",
]


class _Bad(ValueError):
    """Raised inside the parser; always turned into a Refusal before it leaves the module."""


# --- parsing --------------------------------------------------------------------------------


def _no_duplicates(pairs: list[tuple[str, JSONValue]]) -> JSONObject:
    result: JSONObject = {}
    for key, value in pairs:
        if key in result:
            raise _Bad(f"duplicate key {key[:40]!r}")
        result[key] = value
    return result


def _no_constant(name: str) -> float:
    raise _Bad(f"{name} is not a number here")


def _finite(text: str) -> float:
    number = float(text)
    if not math.isfinite(number):
        raise _Bad("a number out of range")
    return number


def _bounded_int(text: str) -> int:
    number = int(text)
    if abs(number) > _MAX_SAFE_INT:
        raise _Bad("an integer out of range")
    return number


def _depth(text: str) -> int:
    """How deeply arrays and objects nest, strings left out (checked before json.loads, whose
    recursion a deep message would otherwise exhaust)."""
    depth = deepest = 0
    for char in _STRING.sub("", text):
        if char in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif char in "]}":
            depth -= 1
    return deepest


def _check_strings(value: JSONValue) -> None:
    """No lone surrogates (JSON's \\ud800 escapes): they cannot be written back as UTF-8."""
    if isinstance(value, str):
        value.encode("utf-8")
    elif isinstance(value, list):
        for item in value:
            _check_strings(item)
    elif isinstance(value, dict):
        for key, item in value.items():
            key.encode("utf-8")
            _check_strings(item)


def _parse(line: bytes) -> JSONObject:
    """The JSON object on one line, or _Bad with the reason."""
    if len(line) >= MAX_MESSAGE_BYTES:
        raise _Bad("message too long")
    try:
        text = line.decode("utf-8")
        if _depth(text) > MAX_DEPTH:
            raise _Bad("nested too deep")
        value = json.loads(
            text,
            object_pairs_hook=_no_duplicates,
            parse_constant=_no_constant,
            parse_float=_finite,
            parse_int=_bounded_int,
        )
        _check_strings(value)
    except UnicodeError:
        raise _Bad("not UTF-8 text") from None
    except RecursionError:
        raise _Bad("nested too deep") from None
    except _Bad:
        raise
    except ValueError as exc:
        raise _Bad(f"not JSON ({str(exc).split(':')[0]})") from None
    if not isinstance(value, dict):
        raise _Bad("not a JSON object")
    return value


def _readable_id(message: JSONObject) -> str | None:
    value = message.get("id")
    return value if isinstance(value, str) and _ID.fullmatch(value) else None


def _check_version(message: JSONObject) -> None:
    version = message.get("v")
    if "v" not in message:
        raise _Bad("missing field 'v'")
    if type(version) is not int or version != PROTOCOL_VERSION:
        raise _Bad(f"unsupported protocol version {json.dumps(version)[:20]}")


def _strip_newline(line: bytes) -> bytes:
    line = line.removesuffix(b"\n")
    return line.removesuffix(b"\r")


def decode_request(line: bytes) -> Request | Refusal:
    """One request line (its newline optional): a Request, or a Refusal saying why not."""
    line = _strip_newline(line)
    if b"\n" in line:
        return Refusal("more than one line")
    if line.strip() == LEGACY_SHOW.strip():
        return Request(id="", cmd="show", legacy=True)
    message: JSONObject = {}
    try:
        message = _parse(line)
        _check_version(message)
        for name in ("id", "cmd", "args"):
            if name not in message:
                raise _Bad(f"missing field {name!r}")
        extra = sorted(set(message) - _REQUEST_FIELDS)
        if extra:
            raise _Bad(f"unknown field {extra[0][:40]!r}")
        request_id, cmd, args = message["id"], message["cmd"], message["args"]
        if not isinstance(request_id, str) or not _ID.fullmatch(request_id):
            raise _Bad("'id' must be 1-64 letters, digits, '.', '_' or '-'")
        if not isinstance(cmd, str) or cmd not in COMMANDS:
            raise _Bad(f"unknown command {str(cmd)[:40]!r}")
        if not isinstance(args, dict):
            raise _Bad("'args' must be an object")
    except _Bad as exc:
        return Refusal(str(exc), _readable_id(message))
    return Request(request_id, cmd, args)


def decode_response(line: bytes) -> Response | Refusal:
    """One answer line: a Response, or a Refusal (the app sent something this version cannot
    read: the caller says so in one line and writes nothing)."""
    message: JSONObject = {}
    try:
        line = _strip_newline(line)
        if b"\n" in line:
            raise _Bad("more than one line")
        message = _parse(line)
        _check_version(message)
        ok = message.get("ok")
        if not isinstance(ok, bool):
            raise _Bad("'ok' must be true or false")
        if "id" not in message:
            raise _Bad("missing field 'id'")
        request_id = message["id"]
        if request_id is not None and _readable_id(message) is None:
            raise _Bad("'id' must be an id or null")
        wanted = "result" if ok else "error"
        extra = sorted(set(message) - {"v", "id", "ok", wanted})
        if extra:
            raise _Bad(f"unknown field {extra[0][:40]!r}")
        payload = message.get(wanted)
        if ok and not isinstance(payload, dict):
            raise _Bad("'result' must be an object")
        if not ok and (
            not isinstance(payload, str)
            or not payload.strip()
            or "\n" in payload
            or "\r" in payload
            or len(payload) > MAX_ERROR_CHARS
        ):
            raise _Bad("'error' must be one line of text")
    except _Bad as exc:
        return Refusal(str(exc), _readable_id(message))
    assert request_id is None or isinstance(request_id, str)
    if ok:
        assert isinstance(payload, dict)
        return Response(request_id, True, result=payload)
    assert isinstance(payload, str)
    return Response(request_id, False, error=payload)


# --- writing --------------------------------------------------------------------------------


def new_id() -> str:
    """A fresh request id: random, so answers from an earlier connection never match."""
    return os.urandom(8).hex()  # (`secrets` would import hashlib and hmac: ~8 ms)


def _dump(message: JSONObject) -> bytes:
    text = json.dumps(message, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
    return text.encode("utf-8") + b"\n"


def _one_line(text: str) -> str:
    line = " ".join(text.split())
    return line if len(line) <= MAX_ERROR_CHARS else line[: MAX_ERROR_CHARS - 1] + "…"


def encode_request(
    cmd: str, args: Mapping[str, JSONValue] | None = None, request_id: str | None = None
) -> bytes:
    """The line to send. ValueError (one line) when it is no message the app would accept:
    the encoder and the decoder agree, because every request is decoded before it goes."""
    message: JSONObject = {
        "v": PROTOCOL_VERSION,
        "id": new_id() if request_id is None else request_id,
        "cmd": cmd,
        "args": dict(args or {}),
    }
    try:
        data = _dump(message)
    except (TypeError, ValueError) as exc:  # not JSON, NaN, a lone surrogate
        raise ValueError(f"cannot send that: {_one_line(str(exc))}") from None
    decoded = decode_request(data)
    if isinstance(decoded, Refusal):
        raise ValueError(f"cannot send that: {decoded.reason}")
    return data


def encode_error(request_id: str | None, message: str) -> bytes:
    """A refusal or failure, in one line; `request_id` None when the request had none."""
    safe_id = request_id if request_id is not None and _ID.fullmatch(request_id) else None
    text = _one_line(message) or "failed"
    return _dump({"v": PROTOCOL_VERSION, "id": safe_id, "ok": False, "error": text})


def encode_result(request_id: str, result: Mapping[str, JSONValue]) -> bytes:
    """A success. A result that cannot be sent (too long, not JSON) becomes an error answer:
    the client always hears back, and never half a message."""
    try:
        data = _dump({"v": PROTOCOL_VERSION, "id": request_id, "ok": True, "result": dict(result)})
    except (TypeError, ValueError):
        return encode_error(request_id, "the app could not write its answer")
    if isinstance(decode_response(data), Refusal):
        return encode_error(request_id, "the answer is too long to send")
    return data


def encode_refusal(refusal: Refusal) -> bytes:
    return encode_error(refusal.id, refusal.reason)


# --- reading a stream -----------------------------------------------------------------------

T = TypeVar("T", Request, Response)


class MessageReader(Generic[T]):
    """Cuts a byte stream fed in chunks into messages: `feed` what `recv` gave, `finish` at
    the end of the stream. Blank lines are skipped. After a line over the limit it returns a
    final Refusal and `done` turns True: read no further, answer it and close."""

    def __init__(self, decode: Callable[[bytes], T | Refusal]) -> None:
        self._decode: Callable[[bytes], T | Refusal] = decode
        self._buffer = bytearray()
        self._done = False

    @property
    def done(self) -> bool:
        return self._done

    def feed(self, data: bytes) -> list[T | Refusal]:
        if self._done:
            return []
        found: list[T | Refusal] = []
        start = len(self._buffer)
        self._buffer += data
        while True:
            end = self._buffer.find(b"\n", start)
            if end < 0 or end + 1 > MAX_MESSAGE_BYTES:
                break
            line = bytes(self._buffer[:end])
            del self._buffer[: end + 1]
            start = 0
            if line.strip():
                found.append(self._decode(line))
        if len(self._buffer) >= MAX_MESSAGE_BYTES:
            found.append(self._too_long())
        return found

    def finish(self) -> list[T | Refusal]:
        """The end of the stream: a last line without its newline is still a message."""
        if self._done:
            return []
        line, self._buffer = bytes(self._buffer), bytearray()
        self._done = True
        return [self._decode(line)] if line.strip() else []

    def _too_long(self) -> Refusal:
        self._done = True
        self._buffer = bytearray()
        return Refusal("message too long", final=True)


def request_reader() -> MessageReader[Request]:
    """For the app: the requests on one connection."""
    return MessageReader(decode_request)


def response_reader() -> MessageReader[Response]:
    """For the command: the answers on its connection."""
    return MessageReader(decode_response)
