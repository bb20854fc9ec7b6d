"""Ops commands of the availability service: `python -m availability_service.manage --help`."""

from __future__ import annotations

import json
from pathlib import Path

import typer

from shared.config import database_url
from shared.logging import configure_logging
from shared.manage import service_cli

cli = service_cli(
    __doc__,
    Path(__file__).parent / "migrations",
    "availability_alembic_version",
    lambda: database_url("AVAILABILITY", "availability"),
)


def _bind() -> None:
    """The database, and the search cache the commands' changes invalidate (with the service's settings)."""
    from availability_service.config import Settings
    from availability_service.extensions import bind_extensions

    bind_extensions(Settings.from_env())


@cli.command("seed-demo")
def seed_demo() -> None:
    """Create the demo venues (idempotent): TheHungryUnicorn with its rules and slots,
    TheHarbourHotel with its room types and rooms, TheMeadowClinic with its staff and services, and
    TheMakerLab with its equipment and hours."""
    from availability_service.seed import seed_demo_clinic, seed_demo_hotel, seed_demo_lab, seed_demo_venue

    _bind()
    typer.echo(json.dumps(seed_demo_venue()))
    typer.echo(json.dumps(seed_demo_hotel()))
    typer.echo(json.dumps(seed_demo_clinic()))
    typer.echo(json.dumps(seed_demo_lab()))


@cli.command("fill-horizon")
def fill_horizon() -> None:
    """Bring every venue's slots in step with its rules, up to its booking horizon."""
    from availability_service.slots.service import fill_horizon as fill

    _bind()
    typer.echo(json.dumps(fill()))


@cli.command("check-ledger")
def check_ledger() -> None:
    """Check the capacity ledger: exit 1 and list the violations if any slot, resource or class session is off."""
    from availability_service.ledger import check_ledger as check
    from availability_service.ledger import ledger_is_sound

    _bind()
    report = check()
    typer.echo(json.dumps(report, indent=2))
    raise typer.Exit(0 if ledger_is_sound(report) else 1)


if __name__ == "__main__":
    configure_logging("availability", "WARNING")
    cli()
