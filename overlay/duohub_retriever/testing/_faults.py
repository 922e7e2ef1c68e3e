"""Scriptable faults: what goes wrong (`Fault`), and when (`FaultPlan`, the fake's `faults` attribute)."""

from __future__ import annotations

import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from http import HTTPStatus
from typing import Any, TypedDict, Unpack

from ._reply import JSON_CONTENT_TYPE, DropMode, Reply, encode_json, error_body


class Schedule(TypedDict, total=False):
    """When a fault fires; the keyword arguments every `Fault` constructor accepts."""

    path_prefix: str
    times: int | None
    every: int


def _reason(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Error"


@dataclass(frozen=True)
class Fault:
    """One scripted misbehaviour, applied to the real reply of a matching request.

    What: `status` None keeps the real status, headers and body (so only `delay`, `drop`, `truncate`
    and extra `headers` apply). Otherwise the body is `body` (bytes/str, verbatim; b"" for none), else
    `json_body` serialised, else a spec-shaped error body `{"error": <reason>, "status": "error"}`.
    `truncate` cuts the body to half (the transfer completes, the JSON does not parse). `delay` waits
    before answering; `drop` breaks the connection instead (see `DropMode`).
    When: on requests whose raw path starts with `path_prefix`, on every `every`-th such request
    counted from when the fault was added, at most `times` times (None: forever).
    """

    status: int | None = 503
    json_body: Any = None
    body: bytes | str | None = None
    content_type: str | None = None
    headers: Mapping[str, str] = field(default_factory=dict)
    delay: float = 0.0
    drop: DropMode | None = None
    truncate: bool = False
    path_prefix: str = ""
    times: int | None = 1
    every: int = 1

    def __post_init__(self) -> None:
        if self.every < 1 or (self.times is not None and self.times < 1):
            raise ValueError("every and times must be at least 1")

    @classmethod
    def html(cls, status: int = 502, html: str = "<html>Bad Gateway</html>", **when: Unpack[Schedule]) -> Fault:
        """An HTML error page, as a proxy or load balancer sends."""
        return cls(status, body=html, content_type="text/html; charset=utf-8", **when)

    @classmethod
    def not_json(
        cls,
        status: int = 200,
        body: str = "Internal Server Error",
        content_type: str = JSON_CONTENT_TYPE,
        **when: Unpack[Schedule],
    ) -> Fault:
        """A body that is not JSON, by default claiming to be JSON on a 200."""
        return cls(status, body=body, content_type=content_type, **when)

    @classmethod
    def truncated_json(cls, **when: Unpack[Schedule]) -> Fault:
        """The real (usually 200) reply with its JSON body cut in half."""
        return cls(None, truncate=True, **when)

    @classmethod
    def missing_data(cls, **when: Unpack[Schedule]) -> Fault:
        """A 200 success envelope without `data`."""
        return cls(200, json_body={"status": "success"}, **when)

    @classmethod
    def slow(cls, seconds: float, **when: Unpack[Schedule]) -> Fault:
        """The real reply, `seconds` late (longer than the client's read timeout: a timeout)."""
        return cls(None, delay=seconds, **when)

    @classmethod
    def disconnect(cls, mode: DropMode = "before_response", **when: Unpack[Schedule]) -> Fault:
        """Break the connection instead of answering (see `DropMode`)."""
        return cls(None, drop=mode, **when)

    def apply(self, real: Reply) -> Reply:
        """The reply to send instead of `real`."""
        status, headers, body = real.status, list(real.headers), real.body
        if self.status is not None:
            status, body, content_type = self.status, *self._body()
            headers = [("Content-Type", content_type)] if content_type and body else []
        headers = [(k, v) for k, v in headers if k.lower() not in {h.lower() for h in self.headers}]
        headers.extend(self.headers.items())
        if self.truncate:
            body = body[: len(body) // 2]
        return Reply(status, tuple(headers), body, real.delay + self.delay, self.drop)

    def _body(self) -> tuple[bytes, str | None]:
        if isinstance(self.body, bytes):
            return self.body, self.content_type
        if isinstance(self.body, str):
            return self.body.encode("utf-8"), self.content_type or "text/plain; charset=utf-8"
        value = (
            self.json_body
            if self.json_body is not None
            else error_body(self.status or 500, _reason(self.status or 500))
        )
        return encode_json(value), self.content_type or JSON_CONTENT_TYPE


@dataclass
class _Armed:
    fault: Fault
    seen: int = 0
    fired: int = 0


class FaultPlan:
    """The faults a test has scripted, consulted once per request (thread-safe)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._armed: list[_Armed] = []
        self._fired: list[Fault] = []

    def add(self, fault: Fault) -> Fault:
        """Arm `fault`; the first armed fault that is due wins. Returns it."""
        with self._lock:
            self._armed.append(_Armed(fault))
        return fault

    def fail_next(
        self,
        n: int = 1,
        status: int = 503,
        *,
        json_body: Any = None,
        body: bytes | str | None = None,
        content_type: str | None = None,
        headers: Mapping[str, str] | None = None,
        path_prefix: str = "",
    ) -> Fault:
        """Answer the next `n` matching requests with `status` (and the given body/headers)."""
        fault = Fault(status, json_body, body, content_type, dict(headers or {}), path_prefix=path_prefix, times=n)
        return self.add(fault)

    def fail_every(
        self,
        k: int,
        status: int = 503,
        *,
        json_body: Any = None,
        body: bytes | str | None = None,
        content_type: str | None = None,
        headers: Mapping[str, str] | None = None,
        path_prefix: str = "",
        times: int | None = None,
    ) -> Fault:
        """Answer every `k`-th matching request (the k-th, 2k-th, ...) with `status`."""
        fault = Fault(
            status, json_body, body, content_type, dict(headers or {}), path_prefix=path_prefix, times=times, every=k
        )
        return self.add(fault)

    def clear(self) -> None:
        """Disarm every fault and forget the history."""
        with self._lock:
            self._armed.clear()
            self._fired.clear()

    @property
    def pending(self) -> list[Fault]:
        """Faults still armed, in the order they were added."""
        with self._lock:
            return [armed.fault for armed in self._armed]

    @property
    def fired(self) -> list[Fault]:
        """Every fault that fired, once per firing, oldest first."""
        with self._lock:
            return list(self._fired)

    def pick(self, raw_path: str) -> Fault | None:
        """Count this request against every matching fault; return the first one due (and spend it)."""
        chosen: Fault | None = None
        with self._lock:
            for armed in list(self._armed):
                if not raw_path.startswith(armed.fault.path_prefix):
                    continue
                armed.seen += 1
                if chosen is None and armed.seen % armed.fault.every == 0:
                    chosen = armed.fault
                    armed.fired += 1
                    self._fired.append(chosen)
                    if armed.fault.times is not None and armed.fired >= armed.fault.times:
                        self._armed.remove(armed)
        return chosen
