"""shared/json_body.py: what a JSON body may be, checked before any view reads it."""

from __future__ import annotations

import pytest

from shared.errors import ValidationFailed
from shared.json_body import BODY_FIELD, MAX_DEPTH, JsonTooDeep, MalformedJson, nests_deeper_than, read_json_body


def nested(depth: int, inner: str = "1") -> str:
    return "[" * depth + inner + "]" * depth


def test_an_ordinary_body_parses_as_json_would():
    assert read_json_body(b'{"a": [1, -2, 3.5, "x\\u00e9", true, null], "b": {"c": "\\ud83e\\udd84"}}') == {
        "a": [1, -2, 3.5, "x\u00e9", True, None],
        "b": {"c": "\U0001f984"},
    }  # a surrogate pair is one character


def test_nesting_up_to_the_limit_is_read_and_one_level_more_is_refused_before_parsing():
    assert read_json_body(nested(MAX_DEPTH).encode()) is not None
    with pytest.raises(JsonTooDeep) as refused:
        read_json_body(nested(MAX_DEPTH + 1).encode())
    assert (refused.value.status, refused.value.details) == (400, {"max_depth": MAX_DEPTH})
    with pytest.raises(JsonTooDeep):  # deep enough to exhaust Python's recursion limit
        read_json_body(nested(100_000).encode())


def test_brackets_inside_strings_do_not_count_as_nesting():
    text = '{"note": "' + "[{" * 500 + '\\"]]"}'
    assert not nests_deeper_than(text, MAX_DEPTH)
    assert read_json_body(text.encode())["note"].startswith("[{[{")
    assert nests_deeper_than('{"a": ' + nested(MAX_DEPTH) + "}", MAX_DEPTH)


@pytest.mark.parametrize("literal", ["9" * 5000, "-" + "9" * 5000, str(2**63), str(-(2**63)), "1e400", "-1e999"])
def test_a_number_beyond_64_bits_is_a_422_naming_its_field(literal):
    with pytest.raises(ValidationFailed) as refused:
        read_json_body((f'{{"order": {{"party_size": {literal}}}}}').encode())
    assert list(refused.value.details) == ["order"]
    assert "between" in refused.value.details["order"]["party_size"][0]


def test_the_largest_64_bit_integers_are_numbers_like_any_other():
    assert read_json_body(f"[{2**63 - 1}, {-(2**63 - 1)}]".encode()) == [2**63 - 1, -(2**63 - 1)]


@pytest.mark.parametrize(
    "escaped, where",
    [
        ('{"customer": {"first_name": "\\ud800"}}', {"customer": {"first_name": None}}),
        ('{"tags": ["ok", "x\\udfff"]}', {"tags": {1: None}}),
        ('{"note": "\\uDC00 at the start"}', {"note": None}),
        ('"\\ud800"', {BODY_FIELD: None}),
    ],
)
def test_a_lone_surrogate_is_a_422_naming_where_it_is(escaped, where):
    with pytest.raises(ValidationFailed) as refused:
        read_json_body(escaped.encode())

    def shape(details):
        return {key: shape(value) if isinstance(value, dict) else None for key, value in details.items()}

    assert shape(refused.value.details) == where


def test_a_lone_surrogate_in_a_key_is_refused_by_its_escaped_name():
    with pytest.raises(ValidationFailed) as refused:
        read_json_body(b'{"\\ud800": 1, "ok": 2}')
    assert refused.value.details == {"\\ud800": ["Not a valid field name."]}


@pytest.mark.parametrize("raw", [b'{"a": NaN}', b"[Infinity]", b"{", b'{"a": 1,}', b"\xff\xfe", b'"\xed\xa0\x80"'])
def test_what_is_not_json_is_malformed(raw):
    with pytest.raises(MalformedJson):
        read_json_body(raw)
