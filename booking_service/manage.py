"""Ops commands of the booking service: `python -m booking_service.manage --help`."""

from __future__ import annotations

import json
from pathlib import Path

import typer

from shared.config import database_url
from shared.logging import configure_logging
from shared.manage import service_cli

cli = service_cli(
    __doc__, Path(__file__).parent / "migrations", "booking_alembic_version", lambda: database_url("BOOKING", "booking")
)


@cli.command("outbox-backlog")
def outbox_backlog() -> None:
    """How many events wait for the relay and how old the oldest is."""
    from booking_service.extensions import db
    from booking_service.outbox import backlog

    db.init(database_url("BOOKING", "booking"))
    typer.echo(json.dumps(backlog()))


@cli.command("seed-demo")
def seed_demo() -> None:
    """Give the demo hotel TheHarbourHotel its rate plans and taxes (idempotent)."""
    from booking_service.extensions import db
    from booking_service.seed import seed_demo_hotel_rates

    db.init(database_url("BOOKING", "booking"))
    typer.echo(json.dumps(seed_demo_hotel_rates()))


if __name__ == "__main__":
    configure_logging("booking", "WARNING")
    cli()
