"""Running one service's Alembic history against its own database and version table."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config


def alembic_config(migrations_dir: Path, database_url: str, version_table: str) -> Config:
    if database_url.startswith("sqlite:///"):
        Path(database_url.split("///", 1)[1]).parent.mkdir(parents=True, exist_ok=True)
    config = Config()
    config.set_main_option("script_location", str(migrations_dir))
    config.set_main_option("sqlalchemy.url", database_url.replace("%", "%%"))
    config.attributes["version_table"] = version_table
    return config


def upgrade(migrations_dir: Path, database_url: str, version_table: str, revision: str = "head") -> None:
    command.upgrade(alembic_config(migrations_dir, database_url, version_table), revision)


def run_env(context, target_metadata, default_version_table: str) -> None:
    """Body of every service's migrations/env.py: online migrations in one transaction."""
    from sqlalchemy import engine_from_config, pool

    config = context.config
    version_table = config.attributes.get("version_table", default_version_table)
    connectable = engine_from_config(
        config.get_section(config.config_ini_section, {}), prefix="sqlalchemy.", poolclass=pool.NullPool
    )
    with connectable.connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            version_table=version_table,
            render_as_batch=connection.dialect.name == "sqlite",
            compare_type=True,
        )
        with context.begin_transaction():
            context.run_migrations()
    connectable.dispose()
