"""The socket protocol of the headless verbs: what is a message, what is refused (never an
exception), a stream fed in any chunks, and the old "show" line of earlier versions."""

from __future__ import annotations

import itertools
import json
import socket
import threading

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from liptwitch_desktop.platform.ipc_protocol import (
    LEGACY_SHOW,
    MAX_DEPTH,
    MAX_ERROR_CHARS,
    MAX_MESSAGE_BYTES,
    Refusal,
    Request,
    Response,
    decode_request,
    decode_response,
    encode_error,
    encode_refusal,
    encode_request,
    encode_result,
    new_id,
    request_reader,
    response_reader,
)

# What liptwitch_desktop/single_instance.py (SHOW) has sent on a second start since 0.1: spelt
# out here, since that module is moving and an old version's bytes never change.
OLD_SECOND_START = b"show\n"


def line(message: object) -> bytes:
    return json.dumps(message).encode() + b"\n"


def request(**changes: object) -> dict[str, object]:
    message: dict[str, object] = {"v": 1, "id": "abc123", "cmd": "twitch", "args": {}}
    message.update(changes)
    return message


def refused(data: bytes) -> Refusal:
    decoded = decode_request(data)
    assert isinstance(decoded, Refusal), decoded
    assert decoded.reason and "\n" not in decoded.reason
    return decoded


def test_a_request_round_trips() -> None:
    data = encode_request("log", {"what": "drink", "drink": "My flat white", "mg": 63.5}, "r1")
    assert data.endswith(b"\n") and data.count(b"\n") == 1
    assert json.loads(data) == {
        "v": 1,
        "id": "r1",
        "cmd": "log",
        "args": {"what": "drink", "drink": "My flat white", "mg": 63.5},
    }
    decoded = decode_request(data)
    assert decoded == Request("r1", "log", {"what": "drink", "drink": "My flat white", "mg": 63.5})
    assert isinstance(decoded, Request) and decoded.wants_answer


def test_each_request_gets_a_fresh_id() -> None:
    assert len({new_id() for _ in range(50)}) == 50
    first, second = (decode_request(encode_request("status")) for _ in range(2))
    assert isinstance(first, Request) and isinstance(second, Request)
    assert first.id != second.id and len(first.id) == 16


@pytest.mark.parametrize("data", [OLD_SECOND_START, LEGACY_SHOW, b"show", b"  show \r\n"])
def test_the_old_show_line_is_a_show_that_wants_no_answer(data: bytes) -> None:
    decoded = decode_request(data)
    assert decoded == Request(id="", cmd="show", legacy=True)
    assert isinstance(decoded, Request) and not decoded.wants_answer


def test_an_old_second_start_that_closes_at_once_is_still_heard() -> None:
    reader = request_reader()
    assert reader.feed(OLD_SECOND_START) == [Request(id="", cmd="show", legacy=True)]
    assert reader.finish() == []
    unterminated = request_reader()
    assert unterminated.feed(b"show") == []
    assert unterminated.finish() == [Request(id="", cmd="show", legacy=True)]


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (line(request(v=2)), "unsupported protocol version 2"),
        (line(request(v="1")), "unsupported protocol version"),
        (line(request(v=True)), "unsupported protocol version true"),
        (line(request(v=1.0)), "unsupported protocol version"),
        (line({"id": "a", "cmd": "show", "args": {}}), "missing field 'v'"),
        (line({"v": 1, "cmd": "show", "args": {}}), "missing field 'id'"),
        (line({"v": 1, "id": "a", "args": {}}), "missing field 'cmd'"),
        (line({"v": 1, "id": "a", "cmd": "show"}), "missing field 'args'"),
        (line(request(extra=1)), "unknown field 'extra'"),
        (line(request(id=7)), "'id'"),
        (line(request(id="")), "'id'"),
        (line(request(id="a b")), "'id'"),
        (line(request(id="x" * 65)), "'id'"),
        (line(request(cmd="rm")), "unknown command 'rm'"),
        (line(request(cmd=["twitch"])), "unknown command"),
        (line(request(args=[])), "'args' must be an object"),
        (line(request(args=None)), "'args' must be an object"),
        (b'{"v":1,"v":1,"id":"a","cmd":"show","args":{}}\n', "duplicate key 'v'"),
        (b'{"v":1,"id":"a","cmd":"log","args":{"mg":1,"mg":2}}\n', "duplicate key 'mg'"),
        (b'{"v":1,"id":"a","cmd":"log","args":{"mg":NaN}}\n', "NaN"),
        (b'{"v":1,"id":"a","cmd":"log","args":{"mg":Infinity}}\n', "Infinity"),
        (b'{"v":1,"id":"a","cmd":"log","args":{"mg":-Infinity}}\n', "-Infinity"),
        (b'{"v":1,"id":"a","cmd":"log","args":{"mg":1e400}}\n', "out of range"),
        (b'{"v":1,"id":"a","cmd":"log","args":{"mg":' + b"9" * 40 + b"}}\n", "out of range"),
        (b'{"v":1,"id":"a","cmd":"log","args":{"d":"\\ud800"}}\n', "UTF-8"),
        (b'{"v":1,"id":"a","cmd":"log","args":{"d":"\xff"}}\n', "UTF-8"),
        (b"\xef\xbb\xbf" + line(request()), "not JSON"),  # a byte-order mark
        (b'{"v":1,"id":"a","cmd":"show","args":{}', "not JSON"),
        (b"[1, 2]\n", "not a JSON object"),
        (b'"show"\n', "not a JSON object"),
        (b"{}\n", "missing field 'v'"),
        (b'{"v":1}\n{"v":1}', "more than one line"),
    ],
)
def test_what_is_not_a_request_is_refused_with_a_one_line_reason(data: bytes, reason: str) -> None:
    assert reason in refused(data).reason


def test_a_refusal_carries_the_id_when_it_could_be_read() -> None:
    assert refused(line(request(v=2, id="q7"))).id == "q7"
    assert refused(line(request(cmd="nope", id="q8"))).id == "q8"
    assert refused(line(request(id=["q9"]))).id is None
    answer = decode_response(encode_refusal(refused(line(request(v=2, id="q7")))))
    assert answer == Response("q7", False, error="unsupported protocol version 2")


def nested(depth: int) -> bytes:
    inner = "[" * (depth - 2) + "]" * (depth - 2)
    return b'{"v":1,"id":"a","cmd":"log","args":{"x":' + inner.encode() + b"}}\n"


def test_nesting_is_allowed_to_the_limit_and_refused_beyond() -> None:
    assert isinstance(decode_request(nested(MAX_DEPTH)), Request)
    assert "nested too deep" in refused(nested(MAX_DEPTH + 1)).reason
    # Deep enough to exhaust json's recursion: still a clean refusal.
    assert refused(b"[" * 2000 + b"]" * 2000).reason == "nested too deep"
    assert isinstance(decode_request(b"{" * 2000 + b"\n"), Refusal)
    # Brackets inside strings are text, not nesting.
    text = json.dumps({"note": "[[[[[[[[[[{{{{{{{{{{"})
    assert isinstance(decode_request(line(request(cmd="log", args=json.loads(text)))), Request)


def padded(size: int) -> bytes:
    """A valid request line of exactly `size` bytes, its newline included."""
    base = line(request(cmd="log", args={"note": ""}))
    return base.replace(b'"note": ""', b'"note": "' + b"x" * (size - len(base)) + b'"')


def test_the_size_limit_counts_the_newline() -> None:
    assert len(padded(MAX_MESSAGE_BYTES)) == MAX_MESSAGE_BYTES
    assert isinstance(decode_request(padded(MAX_MESSAGE_BYTES)), Request)
    assert request_reader().feed(padded(MAX_MESSAGE_BYTES))[0].__class__ is Request
    assert refused(padded(MAX_MESSAGE_BYTES + 1)).reason == "message too long"
    (item,) = request_reader().feed(padded(MAX_MESSAGE_BYTES + 1))
    assert isinstance(item, Refusal) and item.final


def test_a_line_over_the_limit_is_refused_before_its_end_and_nothing_more_is_read() -> None:
    reader = request_reader()
    assert reader.feed(b'{"v":1,"id":"a","cmd":"log","args":{"x":"') == []
    assert reader.feed(b"y" * 2000) == []
    (item,) = reader.feed(b"y" * 3000)  # no newline yet: refused at once
    assert item == Refusal("message too long", final=True)
    assert reader.done
    assert reader.feed(b'"}}\n' + encode_request("show")) == []
    assert reader.finish() == []
    assert encode_refusal(item) == b'{"v":1,"id":null,"ok":false,"error":"message too long"}\n'


def test_messages_split_anywhere_are_read_the_same() -> None:
    stream = encode_request("twitch", {"intensity": 6, "where": "lower-left"}, "a1")
    stream += b"\n" + OLD_SECOND_START + encode_request("status", {}, "a2") + b"garbage\n"
    whole = request_reader().feed(stream)
    assert [type(item) for item in whole] == [Request, Request, Request, Refusal]
    for cut in range(len(stream) + 1):
        reader = request_reader()
        assert reader.feed(stream[:cut]) + reader.feed(stream[cut:]) == whole
    one_by_one = request_reader()
    assert [item for b in stream for item in one_by_one.feed(bytes([b]))] == whole


def test_answers_round_trip_and_errors_are_one_short_line() -> None:
    ok = encode_result("r1", {"started": "14:02", "episodes": [1, 2], "caffeine_mg": 95.0})
    assert decode_response(ok) == Response(
        "r1", True, result={"started": "14:02", "episodes": [1, 2], "caffeine_mg": 95.0}
    )
    assert decode_response(encode_error("r2", "unknown drink\n'flat  white'")) == Response(
        "r2", False, error="unknown drink 'flat white'"
    )
    long_error = decode_response(encode_error(None, "x " * 1000))
    assert isinstance(long_error, Response) and len(long_error.error) == MAX_ERROR_CHARS
    assert long_error.id is None
    assert decode_response(encode_error("bad id!", "")) == Response(None, False, error="failed")


def test_a_result_that_cannot_be_sent_becomes_an_error_answer() -> None:
    too_long = decode_response(encode_result("r1", {"log": "x" * MAX_MESSAGE_BYTES}))
    assert too_long == Response("r1", False, error="the answer is too long to send")
    not_json = decode_response(encode_result("r1", {"mg": float("nan")}))
    assert isinstance(not_json, Response) and not not_json.ok and not_json.id == "r1"
    assert decode_response(encode_result("r1", {"when": object()})).ok is False  # type: ignore[dict-item, union-attr]


@pytest.mark.parametrize(
    "data",
    [
        b'{"v":1,"id":"a","result":{}}\n',
        b'{"v":1,"id":"a","ok":"yes","result":{}}\n',
        b'{"v":1,"ok":true,"result":{}}\n',
        b'{"v":1,"id":"a","ok":true,"result":[]}\n',
        b'{"v":1,"id":"a","ok":true,"result":{},"error":"x"}\n',
        b'{"v":1,"id":"a","ok":false,"error":"two\\nlines"}\n',
        b'{"v":1,"id":"a","ok":false,"error":""}\n',
        b'{"v":1,"id":"a","ok":false}\n',
        b'{"v":2,"id":"a","ok":true,"result":{}}\n',
        b'{"v":1,"id":5,"ok":true,"result":{}}\n',
        b"",
    ],
)
def test_an_answer_this_version_cannot_read_is_refused(data: bytes) -> None:
    assert isinstance(decode_response(data), Refusal)


@pytest.mark.parametrize(
    ("cmd", "args", "request_id"),
    [
        ("delete", {}, None),
        ("log", {"mg": float("nan")}, None),
        ("log", {"drink": "x" * MAX_MESSAGE_BYTES}, None),
        ("log", {"drink": "\ud800"}, None),
        ("log", {"when": object()}, None),
        ("status", {}, "not an id"),
    ],
)
def test_a_request_the_app_would_refuse_is_never_sent(
    cmd: str, args: dict[str, object], request_id: str | None
) -> None:
    with pytest.raises(ValueError, match="cannot send that") as caught:
        encode_request(cmd, args, request_id)  # type: ignore[arg-type]
    assert "\n" not in str(caught.value)


def test_over_a_real_socket_the_request_in_pieces_gets_its_answer() -> None:
    app_end, command_end = socket.socketpair()
    app_end.settimeout(5)
    command_end.settimeout(5)
    with app_end, command_end:

        def app() -> None:
            reader = request_reader()
            while not reader.done:
                chunk = app_end.recv(7)  # small reads: lines arrive in pieces
                items = reader.feed(chunk) if chunk else reader.finish()
                for item in items:
                    if isinstance(item, Refusal):
                        app_end.sendall(encode_refusal(item))
                    elif item.wants_answer:
                        app_end.sendall(encode_result(item.id, {"cmd": item.cmd, **item.args}))
                if not chunk:
                    break
            app_end.shutdown(socket.SHUT_WR)  # answered everything: the command sees the end

        thread = threading.Thread(target=app)
        thread.start()
        command_end.sendall(encode_request("twitch", {"intensity": 6}, "t1"))
        command_end.sendall(OLD_SECOND_START + b'{"v":9}\n')
        command_end.shutdown(socket.SHUT_WR)
        answers = response_reader()
        received: list[Response | Refusal] = []
        while chunk := command_end.recv(5):
            received += answers.feed(chunk)
        received += answers.finish()
        thread.join(5)
    assert received == [
        Response("t1", True, result={"cmd": "twitch", "intensity": 6}),
        Response(None, False, error="unsupported protocol version 9"),
    ]


# --- properties -----------------------------------------------------------------------------

json_scalars = (
    st.none()
    | st.booleans()
    | st.integers(-(2**53) + 1, 2**53 - 1)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=20)
)
json_values = st.recursive(
    json_scalars,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)


@settings(max_examples=300, deadline=None)
@given(data=st.binary(max_size=MAX_MESSAGE_BYTES + 200))
def test_any_bytes_are_a_request_or_a_refusal_never_an_exception(data: bytes) -> None:
    assert isinstance(decode_request(data), Request | Refusal)
    assert isinstance(decode_response(data), Response | Refusal)


@settings(max_examples=200, deadline=None)
@given(
    data=st.lists(
        st.binary(max_size=300) | st.sampled_from([b"\n", OLD_SECOND_START, b'{"v":1,', b"}\n"]),
        max_size=20,
    ).map(b"".join)
    | st.binary(max_size=3 * MAX_MESSAGE_BYTES),
    cuts=st.lists(st.integers(0, 3 * MAX_MESSAGE_BYTES), max_size=8),
)
def test_any_stream_in_any_chunks_gives_the_same_requests_or_refusals(
    data: bytes, cuts: list[int]
) -> None:
    whole = request_reader()
    expected = whole.feed(data) + whole.finish()
    reader = request_reader()
    got: list[Request | Refusal] = []
    points = sorted({c for c in cuts if c <= len(data)} | {0, len(data)})
    for start, end in itertools.pairwise(points):
        got += reader.feed(data[start:end])
    got += reader.finish()
    assert got == expected
    assert all(isinstance(item, Request | Refusal) for item in got)


@settings(max_examples=200, deadline=None)
@given(
    message=st.dictionaries(
        st.sampled_from(["v", "id", "cmd", "args", "ok", "x"]), json_values, max_size=5
    )
)
def test_any_json_object_is_a_request_or_a_refusal(message: dict[str, object]) -> None:
    data = json.dumps(message).encode()
    assert isinstance(decode_request(data), Request | Refusal)
    assert isinstance(decode_response(data), Response | Refusal)


@settings(max_examples=200, deadline=None)
@given(
    cmd=st.sampled_from(["twitch", "log", "status", "show"]),
    args=st.dictionaries(st.text(max_size=12), json_values, max_size=6),
    result=st.dictionaries(st.text(max_size=12), json_values, max_size=6),
)
def test_whatever_can_be_sent_is_read_back_unchanged(
    cmd: str, args: dict[str, object], result: dict[str, object]
) -> None:
    try:
        data = encode_request(cmd, args)  # type: ignore[arg-type]
    except ValueError:
        return  # refused before sending (a lone surrogate in the text, say)
    decoded = decode_request(data)
    assert isinstance(decoded, Request)
    assert (decoded.cmd, decoded.args) == (cmd, args)
    answer = decode_response(encode_result(decoded.id, result))  # type: ignore[arg-type]
    assert isinstance(answer, Response) and answer.id == decoded.id
    assert answer.result == result or (not answer.ok and answer.error)
