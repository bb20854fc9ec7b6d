"""The ops CLI every service starts from (`python -m <service>.manage --help`).

Gives `migrate` and `revision` for the service's own Alembic history; each service adds
its own commands to the returned Typer app.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import typer
from alembic import command

from shared.migrations import alembic_config, upgrade


def service_cli(
    help_text: str, migrations_dir: Path, version_table: str, database_url: Callable[[], str]
) -> typer.Typer:
    cli = typer.Typer(help=help_text, no_args_is_help=True)

    @cli.command()
    def migrate() -> None:
        """Apply every pending migration of this service's schema."""
        upgrade(migrations_dir, database_url(), version_table)

    @cli.command()
    def revision(message: str) -> None:
        """Autogenerate a migration from the models (run `migrate` first)."""
        command.revision(
            alembic_config(migrations_dir, database_url(), version_table), message=message, autogenerate=True
        )

    return cli
