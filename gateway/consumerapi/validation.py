"""Reading a request's form or query into a model of forms.py, and FastAPI's 422 when it does not
fit: `{"detail": [{"type", "loc", "msg", "input"[, "ctx"], "url"}]}`, one entry per bad field, in
the order the fields are declared.

As FastAPI does: a repeated field counts once (its last value); in a form an empty value is a
missing one (`missing`, `input: null`); a JSON body is not read, so all its fields are missing.
"""

from __future__ import annotations

from typing import TypeVar

from flask import request
from pydantic import ValidationError
from pydantic.version import version_short
from werkzeug.datastructures import MultiDict

from gateway.consumerapi.forms import Form
from shared.errors import ApiError

FormModel = TypeVar("FormModel", bound=Form)


class InvalidFields(ApiError):
    """A 422 whose body is FastAPI's list of field errors."""

    status, code, message = 422, "validation_failed", "The request is not valid."

    def __init__(self, errors: list[dict]) -> None:
        super().__init__()
        self.errors = errors


def field_error(kind: str, location: list[str], message: str, value=None, ctx: dict | None = None) -> dict:
    """One entry of a FastAPI 422, for errors found outside a model (e.g. by a Tessera service)."""
    entry = {"type": kind, "loc": location, "msg": message, "input": value}
    if ctx:
        entry["ctx"] = ctx
    entry["url"] = f"https://errors.pydantic.dev/{version_short()}/v/{kind}"
    return entry


def _entries(exc: ValidationError, location: str) -> list[dict]:
    entries = []
    for error in exc.errors(include_url=True):
        entry = {**error, "loc": [location, *error["loc"]]}
        if error["type"] == "missing":
            entry["input"] = None  # pydantic reports the whole form there; FastAPI says null
        entry.setdefault("url", f"https://errors.pydantic.dev/{version_short()}/v/{error['type']}")
        entries.append(entry)
    return entries


def _last_values(values: MultiDict, *, empty_is_missing: bool) -> dict[str, str]:
    last = {name: values.getlist(name)[-1] for name in values}
    return {name: value for name, value in last.items() if value != "" or not empty_is_missing}


def _read(model: type[FormModel], values: dict[str, str], location: str) -> FormModel:
    try:
        return model.model_validate(values)
    except ValidationError as exc:
        raise InvalidFields(_entries(exc, location)) from None


def read_form(model: type[FormModel]) -> FormModel:
    """The request's urlencoded or multipart form; any other body reads as an empty form."""
    return _read(model, _last_values(request.form, empty_is_missing=True), "body")


def read_query(model: type[FormModel]) -> FormModel:
    return _read(model, _last_values(request.args, empty_is_missing=False), "query")
