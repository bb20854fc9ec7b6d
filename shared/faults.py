"""Crash points for the test suite: where a process dies on purpose, to prove the saga survives.

`TESSERA_FAULTS=booking.after_commit` makes a process that reaches that point exit at once,
as if killed: no cleanup, no response. `consume:<event id>` kills the worker process that
handles that event: a poison message. Honoured only when TESSERA_ENV is `test`; in any
other environment the setting is refused at start-up, so it can never fire in production.
"""

from __future__ import annotations

import logging
import os

from shared.config import ConfigError, env_optional, environment

log = logging.getLogger(__name__)
EXIT_CODE = 137  # what a SIGKILL looks like to a parent

_armed: frozenset[str] = frozenset()


def arm_from_environment() -> None:
    global _armed
    points = frozenset(p.strip() for p in (env_optional("TESSERA_FAULTS") or "").split(",") if p.strip())
    if points and environment() != "test":
        raise ConfigError("TESSERA_FAULTS is for the test suite only (TESSERA_ENV=test)")
    _armed = points


def crash_point(name: str) -> None:
    if name in _armed:
        log.warning("crash point reached: exiting", extra={"crash_point": name})
        os._exit(EXIT_CODE)
