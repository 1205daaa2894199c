"""Fault injection per web-service function, switched on and off by tests at run time.

A HOLD blocks the request thread on an Event the test releases; `reached` tells the
test that a request is parked there (before or after its write was applied), so a
test can kill a client process at exactly that moment.

A fault may be limited to some requests of its function with `when` (parameter ->
value, e.g. `{"forumid": "12"}`): only requests carrying all those values are hit
and counted against `times`, the others are answered normally. That is how a test
breaks one forum and leaves the rest of a sync alone.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import Enum

LOGIN = "login/token.php"  # the pseudo-function name for sign-in requests
ANY = "*"  # a fault for every function without its own


# What `when=` accepts: values may be given as ints for convenience ({"forumid": 12}).
Match = Mapping[str, str | int] | None


def _match(when: Match) -> dict[str, str] | None:
    """Form parameters arrive as text: compare as text."""
    return None if when is None else {k: str(v) for k, v in when.items()}


class Kind(Enum):
    LATENCY = "latency"
    HTTP_500 = "http500"
    INVALID_JSON = "invalid_json"
    EXCEPTION = "exception"
    EXPIRED_TOKEN = "expired_token"
    DROP_BEFORE = "drop_before"
    DROP_AFTER = "drop_after"
    HOLD_BEFORE = "hold_before"
    HOLD_AFTER = "hold_after"


@dataclass(eq=False)
class Fault:
    kind: Kind
    seconds: float = 0.0
    errorcode: str = ""
    exception: str = "moodle_exception"
    message: str = ""
    times: int | None = None  # how many requests it hits; None: until cleared
    when: Mapping[str, str] | None = None  # only requests with these parameter values
    reached: threading.Event = field(default_factory=threading.Event)
    released: threading.Event = field(default_factory=threading.Event)
    hits: int = 0

    @classmethod
    def latency(cls, seconds: float, times: int | None = None, when: Match = None) -> Fault:
        return cls(Kind.LATENCY, seconds=seconds, times=times, when=_match(when))

    @classmethod
    def http_500(cls, times: int | None = None, when: Match = None) -> Fault:
        return cls(Kind.HTTP_500, times=times, when=_match(when))

    @classmethod
    def invalid_json(cls, times: int | None = None, when: Match = None) -> Fault:
        return cls(Kind.INVALID_JSON, times=times, when=_match(when))

    @classmethod
    def moodle_exception(
        cls,
        errorcode: str,
        message: str = "",
        exception: str = "moodle_exception",
        times: int | None = None,
        when: Match = None,
    ) -> Fault:
        return cls(
            Kind.EXCEPTION,
            errorcode=errorcode,
            message=message or errorcode,
            exception=exception,
            times=times,
            when=_match(when),
        )

    @classmethod
    def expired_token(cls, times: int | None = None, when: Match = None) -> Fault:
        return cls(Kind.EXPIRED_TOKEN, times=times, when=_match(when))

    @classmethod
    def drop(cls, after_write: bool = False, times: int | None = None, when: Match = None) -> Fault:
        kind = Kind.DROP_AFTER if after_write else Kind.DROP_BEFORE
        return cls(kind, times=times, when=_match(when))

    @classmethod
    def hold(cls, after_write: bool = False, times: int | None = 1, when: Match = None) -> Fault:
        kind = Kind.HOLD_AFTER if after_write else Kind.HOLD_BEFORE
        return cls(kind, times=times, when=_match(when))

    def matches(self, params: Mapping[str, str]) -> bool:
        """Whether a request with these parameters is one this fault is for."""
        return self.when is None or all(params.get(k) == v for k, v in self.when.items())

    def release(self) -> None:
        self.released.set()

    def wait_reached(self, timeout: float = 10.0) -> bool:
        return self.reached.wait(timeout)


class Faults:
    """The faults in force, by function name; thread-safe."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._faults: dict[str, Fault] = {}
        self._stopping = threading.Event()

    def set(self, function: str, fault: Fault) -> Fault:
        with self._lock:
            self._faults[function] = fault
        return fault

    def hold(
        self, function: str, after_write: bool = False, times: int | None = 1, when: Match = None
    ) -> Fault:
        return self.set(function, Fault.hold(after_write=after_write, times=times, when=when))

    def clear(self, function: str | None = None) -> None:
        """Remove one function's fault (or all), releasing any request it holds."""
        with self._lock:
            removed = (
                list(self._faults.values())
                if function is None
                else [f for f in [self._faults.get(function)] if f]
            )
            if function is None:
                self._faults.clear()
            else:
                self._faults.pop(function, None)
        for fault in removed:
            fault.release()

    def take(self, function: str, params: Mapping[str, str] | None = None) -> Fault | None:
        """The fault for this request, counting it against `times`.

        A fault whose `when` does not match the request's parameters leaves it alone
        (and does not fall back to the ANY fault: one fault per function at a time).
        """
        with self._lock:
            key = function if function in self._faults else ANY
            fault = self._faults.get(key)
            if fault is None or (key == ANY and function == LOGIN):
                return None
            if not fault.matches(params or {}):
                return None
            fault.hits += 1
            if fault.times is not None and fault.hits >= fault.times:
                del self._faults[key]
            return fault

    def wait_released(self, fault: Fault) -> None:
        fault.reached.set()
        while not fault.released.wait(0.5):
            if self._stopping.is_set():
                return

    @property
    def stopping(self) -> bool:
        return self._stopping.is_set()

    def stop(self) -> None:
        """Server shutting down: let held requests go."""
        self._stopping.set()
        self.clear()

    def sleep(self, seconds: float) -> None:
        self._stopping.wait(seconds)


class RequestCounter:
    """How many requests reached each function (the sync benchmarks count calls)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._counts: Counter[str] = Counter()

    def add(self, function: str) -> None:
        with self._lock:
            self._counts[function] += 1

    def __getitem__(self, function: str) -> int:
        with self._lock:
            return self._counts[function]

    def total(self) -> int:
        with self._lock:
            return sum(self._counts.values())

    def snapshot(self) -> dict[str, int]:
        with self._lock:
            return dict(self._counts)

    def reset(self) -> None:
        with self._lock:
            self._counts.clear()
