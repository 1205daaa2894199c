"""What redaction changed: one record per replacement, for the moderator's preview."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class ChangeKind(StrEnum):
    NAME = "name"
    EMAIL = "email"
    HANDLE = "handle"
    ADDRESS = "address"  # a link or media address naming someone: dropped


@dataclass(frozen=True)
class Change:
    """One replacement: where, what kind, and the pseudonym or placeholder put there."""

    kind: ChangeKind
    label: str  # what replaced it; "" when an address was dropped
    where: str  # "text", or the attribute it was in ("alt", "href", ...)
    start: int  # span in the reader's text of the source (or in the attribute value)
    end: int
    original: str = field(repr=False, compare=False)  # for the preview only: never log


@dataclass(frozen=True)
class Span:
    start: int  # in the source
    end: int
    label: str
    change: Change
