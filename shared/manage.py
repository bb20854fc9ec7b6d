"""Building blocks of each service's ops CLI (`python -m <service>.manage --help`)."""
from __future__ import annotations

from pathlib import Path

from alembic import command

from shared.migrations import alembic_config, upgrade


def migrate(migrations_dir: Path, database_url: str, version_table: str) -> None:
    upgrade(migrations_dir, database_url, version_table)


def new_revision(migrations_dir: Path, database_url: str, version_table: str, message: str) -> None:
    """Autogenerate a revision from the models against an up-to-date database."""
    command.revision(alembic_config(migrations_dir, database_url, version_table), message=message,
                     autogenerate=True)
