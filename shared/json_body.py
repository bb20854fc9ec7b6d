"""What a JSON request body may be, checked once for every Tessera app before any view reads it
(docs/architecture.md, "Bad input").

Python's json module turns some bodies into a crash rather than an error: nesting about a
thousand levels deep exhausts the recursion limit, an integer literal of more than 4,300 digits
exceeds CPython's conversion limit, and an escaped lone surrogate (`"\\ud800"`) parses into a
string no database driver can encode. Each is answered here as a client error:

- nesting deeper than MAX_DEPTH: `400 json_too_deep`, found by a scan before the parser runs;
- an integer outside INTEGER_RANGE, or a number literal that overflows to infinity:
  `422 validation_failed` naming the field;
- a lone surrogate in a key or a string: `422 validation_failed` naming the field;
- `NaN`/`Infinity` (not JSON), bytes that are not UTF-8, or any other syntax error:
  `400 malformed_json`.

A body that passes is safe for every parser behind it (webargs reads the same bytes again).
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable
from itertools import accumulate
from typing import Any

from flask import Flask, request

from shared.errors import ApiError, ValidationFailed

MAX_DEPTH = 64
INTEGER_RANGE = (-(2**63 - 1), 2**63 - 1)
_MAX_INTEGER_DIGITS = len(str(INTEGER_RANGE[1]))
BODY_FIELD = "_body"  # where a problem with the body as a whole (not one field) is reported

_STRING_LITERAL = re.compile(r'"(?:[^"\\]|\\.)*"', re.S)
_NOT_A_BRACKET = re.compile(r"[^\[\]{}]+")
_ESCAPED_SURROGATE = re.compile(r"\\u[dD][89a-fA-F]")


class MalformedJson(ApiError):
    status, code, message = 400, "malformed_json", "The request body is not valid JSON."


class JsonTooDeep(ApiError):
    status, code = 400, "json_too_deep"
    message = f"The request body is nested more than {MAX_DEPTH} levels deep."


class _OutOfRange:
    """Stands in for a number literal outside INTEGER_RANGE until the field holding it is known."""


_OUT_OF_RANGE = _OutOfRange()


def _integer(literal: str) -> int | _OutOfRange:
    if len(literal.lstrip("-")) > _MAX_INTEGER_DIGITS:
        return _OUT_OF_RANGE
    value = int(literal)
    return value if INTEGER_RANGE[0] <= value <= INTEGER_RANGE[1] else _OUT_OF_RANGE


def _number(literal: str) -> float | _OutOfRange:
    value = float(literal)
    return value if math.isfinite(value) else _OUT_OF_RANGE


def _not_json(constant: str):
    raise ValueError(f"{constant} is not JSON")


def nests_deeper_than(text: str, limit: int) -> bool:
    """Whether arrays and objects nest more than `limit` deep in `text` (brackets inside
    strings do not count). Most bodies open fewer brackets than that and are not walked."""
    brackets = _NOT_A_BRACKET.sub("", _STRING_LITERAL.sub("", text))
    if brackets.count("[") + brackets.count("{") <= limit:
        return False
    return max(accumulate(1 if ch in "[{" else -1 for ch in brackets)) > limit


def _has_surrogate(text: str) -> bool:
    return any("\ud800" <= ch <= "\udfff" for ch in text)


def _problems(value: Any, check_text: bool) -> dict:
    """Per-field messages for out-of-range numbers and (when `check_text`) lone surrogates,
    nested the way marshmallow nests its own (`{"customer": {"first_name": [...]}}`)."""
    if value is _OUT_OF_RANGE:
        low, high = INTEGER_RANGE
        return {"": [f"Must be a number between {low} and {high}."]}
    if isinstance(value, str):
        if check_text and _has_surrogate(value):
            return {"": ["Not valid text: it holds an unpaired UTF-16 surrogate (\\ud800-\\udfff)."]}
        return {}
    items: Iterable[tuple[Any, Any]]
    if isinstance(value, dict):
        items = value.items()
    elif isinstance(value, list):
        items = enumerate(value)
    else:
        return {}
    found: dict = {}
    for key, item in items:
        if check_text and isinstance(key, str) and _has_surrogate(key):
            found[key.encode("utf-8", "backslashreplace").decode()] = ["Not a valid field name."]
            continue
        inner = _problems(item, check_text)
        if inner:
            found[key] = inner.get("") if list(inner) == [""] else inner
    return found


def read_json_body(raw: bytes) -> Any:
    """The parsed body, or the client error that says what is wrong with it."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise MalformedJson("The request body is not UTF-8 text.") from None
    if nests_deeper_than(text, MAX_DEPTH):
        raise JsonTooDeep(details={"max_depth": MAX_DEPTH})
    try:
        parsed = json.loads(text, parse_int=_integer, parse_float=_number, parse_constant=_not_json)
    except ValueError:
        raise MalformedJson() from None
    problems = _problems(parsed, check_text=_ESCAPED_SURROGATE.search(text) is not None)
    if "" in problems:  # the body itself, not one of its fields
        problems = {BODY_FIELD: problems[""]}
    if problems:
        raise ValidationFailed(details=problems)
    return parsed


def install_json_body_checks(app: Flask, *, skip_blueprints: frozenset[str] = frozenset()) -> None:
    """Check every JSON body before the view runs (blueprints that read no JSON, such as the
    form-based ConsumerApi, may be skipped) and keep the result for `request.get_json()`."""

    @app.before_request
    def _check_json_body():
        if request.blueprint in skip_blueprints or not request.is_json:
            return
        raw = request.get_data(cache=True)
        if raw:
            parsed = read_json_body(raw)
            request._cached_json = (parsed, parsed)  # Flask's own cache: get_json() does not parse again
