"""Ops commands of the availability service: `python -m availability_service.manage --help`."""
from __future__ import annotations

import json
from pathlib import Path

import typer

from availability_service.config import Settings
from shared import manage
from shared.logging import configure_logging

MIGRATIONS = Path(__file__).parent / "migrations"
VERSION_TABLE = "availability_alembic_version"

cli = typer.Typer(help=__doc__, no_args_is_help=True)


def _bind(settings: Settings) -> None:
    from availability_service.extensions import db

    db.init(settings.database_url)


@cli.command()
def migrate() -> None:
    """Apply every pending migration of this service's schema."""
    manage.migrate(MIGRATIONS, Settings.from_env().database_url, VERSION_TABLE)


@cli.command()
def revision(message: str) -> None:
    """Autogenerate a migration from the models (run `migrate` first)."""
    manage.new_revision(MIGRATIONS, Settings.from_env().database_url, VERSION_TABLE, message)


@cli.command("seed-demo")
def seed_demo() -> None:
    """Create the demo venue TheHungryUnicorn with its rules and slots (idempotent)."""
    from availability_service.seed import seed_demo_venue

    settings = Settings.from_env()
    _bind(settings)
    typer.echo(json.dumps(seed_demo_venue()))


@cli.command("fill-horizon")
def fill_horizon_command() -> None:
    """Generate missing slots up to each venue's booking horizon."""
    from availability_service.slots.service import fill_horizon

    _bind(Settings.from_env())
    typer.echo(json.dumps(fill_horizon()))


if __name__ == "__main__":
    configure_logging("availability", "WARNING")
    cli()
