"""Unbound singletons, bound by create_app or by an ops command."""

from __future__ import annotations

from shared.db import Database

db = Database()
