"""Moodle's form encoding of parameters and its strict validation.

`a[0][name]=x` becomes nested dicts, then a spec (the function's parameter
description) checks types the way core_external\\external_api does: ints and bools
strict, missing required keys and unknown keys rejected with `invalidparameter`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from moderator_app.sandbox.errors import invalid_parameter

RESERVED = frozenset(
    {
        "wstoken",
        "wsfunction",
        "moodlewsrestformat",
        "moodlewssettingraw",
        "moodlewssettingfileurl",
        "moodlewssettingfilter",
        "moodlewssettinglang",
        "moodlewssettingtimezone",
    }
)

_KEY = re.compile(r"^([^\[\]]+)((?:\[[^\[\]]*\])*)$")
_INT = re.compile(r"^-?\d+$")


def decode_form(pairs: list[tuple[str, str]]) -> dict[str, Any]:
    """Turn `name[0][key]=v` pairs into nested dicts (lists are dicts keyed by index)."""
    root: dict[str, Any] = {}
    for raw_key, value in pairs:
        if raw_key in RESERVED:
            continue
        match = _KEY.match(raw_key)
        if not match:
            raise invalid_parameter()
        parts = [match.group(1)] + re.findall(r"\[([^\[\]]*)\]", match.group(2))
        node = root
        for part in parts[:-1]:
            child = node.setdefault(part, {})
            if not isinstance(child, dict):
                raise invalid_parameter()
            node = child
        if isinstance(node.get(parts[-1]), dict):
            raise invalid_parameter()
        node[parts[-1]] = value
    return root


class Spec:
    def clean(self, value: Any) -> Any:
        raise NotImplementedError


class Int(Spec):
    def clean(self, value: Any) -> int:
        if isinstance(value, str) and _INT.match(value):
            return int(value)
        raise invalid_parameter()


class Bool(Spec):
    def clean(self, value: Any) -> bool:
        if value in ("0", "1"):
            return bool(value == "1")
        raise invalid_parameter()


class Text(Spec):
    def clean(self, value: Any) -> str:
        if isinstance(value, str):
            return value
        raise invalid_parameter()


@dataclass
class Opt:
    """An optional parameter with a default (VALUE_DEFAULT)."""

    spec: Spec
    default: Any


class List(Spec):
    def __init__(self, item: Spec) -> None:
        self.item = item

    def clean(self, value: Any) -> list[Any]:
        if not isinstance(value, dict):
            raise invalid_parameter()
        return [self.item.clean(v) for v in value.values()]  # indices ignored, order kept


class Struct(Spec):
    def __init__(self, fields: dict[str, Spec | Opt]) -> None:
        self.fields = fields

    def clean(self, value: Any) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise invalid_parameter()
        if set(value) - set(self.fields):
            raise invalid_parameter()  # "Unexpected keys detected in parameter array"
        out: dict[str, Any] = {}
        for name, spec in self.fields.items():
            if name in value:
                inner = spec.spec if isinstance(spec, Opt) else spec
                out[name] = inner.clean(value[name])
            elif isinstance(spec, Opt):
                out[name] = spec.default
            else:
                raise invalid_parameter()  # "Missing required key in single structure"
        return out


OPTIONS = List(Struct({"name": Text(), "value": Text()}))


def validate(spec: dict[str, Spec | Opt], raw: dict[str, Any]) -> dict[str, Any]:
    return Struct(spec).clean(raw)


def options_dict(options: list[dict[str, str]], allowed: set[str]) -> dict[str, str]:
    """Moodle's name/value option lists; an unknown name is `errorinvalidparam`."""
    from moderator_app.sandbox.errors import WsError

    out: dict[str, str] = {}
    for option in options:
        if option["name"] not in allowed:
            raise WsError("errorinvalidparam", f'The param "{option["name"]}" is invalid.')
        out[option["name"]] = option["value"]
    return out


def loose_bool(value: str) -> bool:
    """clean_param(PARAM_BOOL) as used for option values: lenient, unlike parameters."""
    return value.strip().lower() in {"1", "true", "yes", "on"}
