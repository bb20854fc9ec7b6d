"""Ops commands of the notification service: `python -m notification_service.manage --help`."""
from __future__ import annotations

from pathlib import Path

from shared.config import database_url
from shared.logging import configure_logging
from shared.manage import service_cli

cli = service_cli(__doc__, Path(__file__).parent / "migrations", "notification_alembic_version",
                  lambda: database_url("NOTIFICATION", "notification"))

if __name__ == "__main__":
    configure_logging("notification", "WARNING")
    cli()
