"""Ops commands of the booking service: `python -m booking_service.manage --help`."""
from __future__ import annotations

import json
from pathlib import Path

import typer

from booking_service.config import Settings
from shared.logging import configure_logging
from shared.manage import service_cli

cli = service_cli(__doc__, Path(__file__).parent / "migrations", "booking_alembic_version",
                  lambda: Settings.from_env().database_url)


@cli.command("outbox-backlog")
def outbox_backlog() -> None:
    """How many events wait for the relay and how old the oldest is."""
    from booking_service.extensions import db
    from booking_service.outbox import backlog

    db.init(Settings.from_env().database_url)
    typer.echo(json.dumps(backlog()))


if __name__ == "__main__":
    configure_logging("booking", "WARNING")
    cli()
