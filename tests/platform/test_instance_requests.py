"""The single-instance socket answers the verbs' requests (issue 16): each request gets one
answer; anything malformed or over the size limit is refused and reaches no handler; a
verb never waits forever for an app that does not answer."""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from liptwitch_desktop.platform.instance_client import (
    LOCK_NAME,
    NoAnswer,
    ask,
    lock_if_free,
    socket_path,
)
from liptwitch_desktop.platform.ipc_protocol import (
    MAX_MESSAGE_BYTES,
    CommandRefused,
    JSONObject,
    Request,
    encode_request,
)
from liptwitch_desktop.platform.single_instance import SingleInstance


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    runtime = tmp_path / "run"
    runtime.mkdir(mode=0o700)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(runtime))
    data = tmp_path / "data"
    data.mkdir(mode=0o700)
    return data


class Handler:
    def __init__(self) -> None:
        self.seen: list[Request] = []

    def __call__(self, request: Request) -> JSONObject:
        self.seen.append(request)
        if request.args.get("refuse"):
            raise CommandRefused("no, because")
        if request.args.get("crash"):
            raise RuntimeError("a bug")
        return {"message": f"did {request.cmd}", "args": request.args}


@pytest.fixture
def running(folder: Path) -> Iterator[tuple[SingleInstance, Handler]]:
    instance = SingleInstance(data_dir=folder)
    handler = Handler()
    instance.set_handler(handler)
    assert instance.acquire()
    yield instance, handler
    instance.release()


def in_thread(qtbot: Any, work: Any) -> Any:
    """Run a blocking client while the Qt loop serves it; its result (or its exception)."""
    box: dict[str, Any] = {}

    def run() -> None:
        try:
            box["value"] = work()
        except BaseException as exc:  # handed to the test
            box["error"] = exc

    thread = threading.Thread(target=run)
    thread.start()
    qtbot.waitUntil(lambda: not thread.is_alive(), timeout=10000)
    if "error" in box:
        raise box["error"]
    return box["value"]


def raw(path: Path, data: bytes) -> list[dict[str, Any]]:
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as client:
        client.settimeout(5)
        client.connect(str(path))
        client.sendall(data)
        client.shutdown(socket.SHUT_WR)
        received = b""
        while chunk := client.recv(65536):
            received += chunk
    return [json.loads(line) for line in received.splitlines() if line.strip()]


def test_a_request_gets_its_answer(folder: Path, running: Any, qtbot: Any) -> None:
    _instance, handler = running
    request = encode_request("twitch", {"intensity": 6}, request_id="abc")
    answer = in_thread(qtbot, lambda: ask(folder / LOCK_NAME, socket_path(folder), request))
    assert answer.ok and answer.id == "abc"
    assert answer.result == {"message": "did twitch", "args": {"intensity": 6}}
    assert [r.cmd for r in handler.seen] == ["twitch"]


@pytest.mark.expect_log_error(r"^the 'log' command failed$")
def test_a_refusal_and_a_failure_are_answered_in_one_line(
    folder: Path, running: Any, qtbot: Any
) -> None:
    for args, error in (({"refuse": True}, "no, because"), ({"crash": True}, "see its log file")):
        request = encode_request("log", args)
        answer = in_thread(qtbot, lambda r=request: ask(folder / LOCK_NAME, socket_path(folder), r))
        assert not answer.ok and error in answer.error and "\n" not in answer.error


@pytest.mark.parametrize(
    "line",
    [
        b"not json\n",
        b'{"v": 2, "id": "x", "cmd": "twitch", "args": {}}\n',
        b'{"v": 1, "id": "x", "cmd": "rm -rf", "args": {}}\n',
        b'{"v": 1, "id": "x", "cmd": "twitch", "args": {}, "args": {}}\n',
        b'{"v": 1, "id": "x", "cmd": "twitch", "args": [] }\n',
        b"\xff\xfe\n",
        b'{"v": 1, "id": "x", "cmd": "twitch", "args": {"a": NaN}}\n',
    ],
)
def test_malformed_messages_are_refused_and_reach_no_handler(
    running: Any, qtbot: Any, line: bytes
) -> None:
    instance, handler = running
    answers = in_thread(qtbot, lambda: raw(instance.path, line))
    assert len(answers) == 1 and answers[0]["ok"] is False and answers[0]["error"]
    assert handler.seen == []


def test_a_message_over_the_limit_is_refused_unread(running: Any, qtbot: Any) -> None:
    instance, handler = running
    huge = b'{"v": 1, "id": "x", "cmd": "twitch", "args": {"a": "' + b"x" * MAX_MESSAGE_BYTES * 4
    answers = in_thread(qtbot, lambda: raw(instance.path, huge + b'"}}\n'))
    assert [a["error"] for a in answers] == ["message too long"]
    assert handler.seen == []


def test_each_request_on_one_connection_is_answered(running: Any, qtbot: Any) -> None:
    instance, _handler = running
    lines = encode_request("status", {}, "one") + b"garbage\n" + encode_request("twitch", {}, "two")
    answers = in_thread(qtbot, lambda: raw(instance.path, lines))
    assert [(a["id"], a["ok"]) for a in answers] == [("one", True), (None, False), ("two", True)]


def test_the_old_show_line_still_brings_the_window_forward(running: Any, qtbot: Any) -> None:
    instance, _handler = running
    with qtbot.waitSignal(instance.show_requested, timeout=3000):
        assert in_thread(qtbot, lambda: raw(instance.path, b"show\n")) == []  # it reads none


def test_a_verb_never_waits_forever(folder: Path, qtbot: Any) -> None:
    """An app that holds the lock but never listens, and one that listens but never
    answers: the verb gives up at its timeout, saying why."""
    request = encode_request("twitch", {})
    with lock_if_free(folder / LOCK_NAME) as free:  # "the app is starting"
        assert free
        began = time.monotonic()
        with pytest.raises(NoAnswer, match=r"did not answer within 0\.3 s"):
            ask(folder / LOCK_NAME, socket_path(folder), request, timeout_s=0.3)
        assert time.monotonic() - began < 2
        path = socket_path(folder)
        mute = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        mute.bind(str(path))
        mute.listen(1)  # accepts (the kernel does), reads nothing, answers nothing
        try:
            began = time.monotonic()
            with pytest.raises(NoAnswer, match="did not answer"):
                ask(folder / LOCK_NAME, path, request, timeout_s=0.3)
            assert time.monotonic() - began < 2
        finally:
            mute.close()


def test_the_lock_says_whether_an_app_runs(folder: Path) -> None:
    with lock_if_free(folder / LOCK_NAME) as free:
        assert free
        with lock_if_free(folder / LOCK_NAME) as again:  # another process would see it held
            assert not again
    app = SingleInstance(data_dir=folder)
    assert app.claim()
    with lock_if_free(folder / LOCK_NAME) as free:
        assert not free
    app.release()


def test_silent_connections_do_not_keep_a_verb_out(folder: Path, running: Any, qtbot: Any) -> None:
    # Review 16/17, finding 10: 9 idle connections filled the queue (the 10th connect failed
    # with EAGAIN) and each held the app for 0.2 s, so a verb waited or failed.
    idle: list[socket.socket] = []
    try:
        for _ in range(20):
            s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            s.setblocking(False)
            idle.append(s)
            s.connect(str(socket_path(folder)))  # BlockingIOError: the queue is full
        request = encode_request("twitch", {}, request_id="through")
        began = time.monotonic()
        answer = in_thread(qtbot, lambda: ask(folder / LOCK_NAME, socket_path(folder), request))
        assert answer.ok and answer.id == "through"
        assert time.monotonic() - began < 1.5  # 0.2 s shared, then 0.05 s for each silent one
    finally:
        for s in idle:
            s.close()
