"""Ops commands of the notification service: `python -m notification_service.manage --help`."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

from shared.config import database_url
from shared.logging import configure_logging
from shared.manage import service_cli

cli = service_cli(
    __doc__,
    Path(__file__).parent / "migrations",
    "notification_alembic_version",
    lambda: database_url("NOTIFICATION", "notification"),
)


def _settings():
    from notification_service.config import Settings
    from notification_service.extensions import bind_extensions

    settings = Settings.from_env()
    bind_extensions(settings)
    return settings


@cli.command("dead-letters")
def list_dead_letters(limit: int = typer.Option(100, min=1, max=10_000)) -> None:
    """List the dead letters not re-driven yet, oldest first."""
    from notification_service.dead_letters import open_letters

    _settings()
    table = Table("id", "failed at (UTC)", "task", "event", "attempts", "reason")
    for letter in open_letters(limit):
        table.add_row(
            str(letter.id),
            letter.failed_at.isoformat(timespec="seconds"),
            letter.task_name,
            letter.event_id or "-",
            str(letter.attempts),
            letter.reason,
        )
    Console(width=200).print(table)


@cli.command()
def redrive(
    ids: list[int] | None = typer.Argument(None, help="Dead letter ids; see `dead-letters`."),
    all_open: bool = typer.Option(False, "--all", help="Every open dead letter."),
) -> None:
    """Publish dead letters to their task again (once the cause is fixed); consumers are idempotent."""
    from notification_service.dead_letters import redrive as send_again
    from notification_service.subscriptions import QUEUE
    from shared.celery_app import publish, publisher

    if not ids and not all_open:
        raise typer.BadParameter("give dead letter ids, or --all")
    settings = _settings()
    tasks = publisher("notification-redrive", settings.common.redis_url, queue=QUEUE)
    sent = send_again(None if all_open else ids, lambda task, queue, event: publish(tasks, task, queue, event))
    typer.echo(f"re-driven: {', '.join(map(str, sent)) or 'none'}")


if __name__ == "__main__":
    configure_logging("notification", "WARNING")
    cli()
