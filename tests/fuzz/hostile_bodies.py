"""Schemathesis hooks (loaded by tests/fuzz/harness.py) that make about half the generated JSON
bodies hostile in the ways issue 14's review found crashes: a lone UTF-16 surrogate in a string
or a key, unusual but valid Unicode, an integer far outside 64 bits, or a value nested deeper
than any parser should follow. Every such request must get a documented 4xx, never a 5xx
(docs/architecture.md, "Bad input")."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from typing import Any

import schemathesis
from hypothesis import strategies as st

sys.set_int_max_str_digits(0)  # this client must be able to write the integers it sends

LONE_SURROGATES = ("\ud800", "\udfff", "name\udbff", "\udc00tail")
ODD_TEXT = ("\u202eevil", "\ufeffbom", "\U0001f984", "Zo\u0301e", "\uffff", "line\u2028break", "\u00a0")
HUGE_NUMBERS = (10**5000, -(10**5000), 2**63, -(2**63) - 1, 2**64)
TOO_DEEP = 80

Path = tuple[Any, ...]


def _leaves(value: Any, path: Path = ()) -> Iterator[tuple[Path, Any]]:
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _leaves(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _leaves(item, (*path, index))
    else:
        yield path, value


def _replaced(value: Any, path: Path, new: Any) -> Any:
    if not path:
        return new
    head, rest = path[0], path[1:]
    if isinstance(value, dict):
        return {**value, head: _replaced(value[head], rest, new)}
    return [_replaced(item, rest, new) if index == head else item for index, item in enumerate(value)]


def _nested(value: Any, depth: int) -> Any:
    for _ in range(depth):
        value = [value]
    return value


@st.composite
def hostile(draw, body: Any) -> Any:
    leaves = list(_leaves(body))
    path, leaf = draw(st.sampled_from(leaves))
    kind = draw(st.sampled_from(("surrogate", "odd text", "huge number", "too deep", "surrogate key")))
    if kind == "surrogate":
        return _replaced(body, path, draw(st.sampled_from(LONE_SURROGATES)))
    if kind == "odd text":
        return _replaced(body, path, draw(st.sampled_from(ODD_TEXT)))
    if kind == "huge number":
        return _replaced(body, path, draw(st.sampled_from(HUGE_NUMBERS)))
    if kind == "too deep":
        return _replaced(body, path, _nested(leaf, TOO_DEEP))
    if isinstance(body, dict):
        return {**body, draw(st.sampled_from(LONE_SURROGATES)): leaf}
    return _nested(body, TOO_DEEP)


def _reads_json_only(operation) -> bool:
    """Forms (the ConsumerApi's) cannot carry a lone surrogate: only JSON bodies are made hostile."""
    media_types = [payload.media_type for payload in operation.body] if operation is not None else []
    return bool(media_types) and all(media_type.endswith("json") for media_type in media_types)


@schemathesis.hook
def flatmap_body(context, body):
    if not isinstance(body, (dict, list)) or not list(_leaves(body)) or not _reads_json_only(context.operation):
        return st.just(body)
    return st.one_of(st.just(body), hostile(body))
