"""Ops commands of the gateway: `python -m gateway.manage --help`."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

import typer

from shared.config import database_url
from shared.logging import configure_logging
from shared.manage import service_cli

cli = service_cli(__doc__, Path(__file__).parent / "migrations", "gateway_alembic_version",
                  lambda: database_url("GATEWAY", "gateway"))


@cli.command("create-staff")
def create_staff(email: str = typer.Option(...),
                 password: str = typer.Option(..., prompt=True, hide_input=True, confirmation_prompt=True,
                                              envvar="TESSERA_STAFF_PASSWORD",
                                              help="Prompted for when not given (or TESSERA_STAFF_PASSWORD)."),
                 venue: Optional[str] = typer.Option(None, help="Venue slug to give a role at."),
                 role: str = typer.Option("staff", help="owner, manager or staff"),
                 admin: bool = typer.Option(False, "--admin", help="Every venue, every role.")) -> None:
    """Create a staff user (or update their password and add a role)."""
    from gateway.extensions import db
    from gateway.identity.service import save_staff

    db.init(database_url("GATEWAY", "gateway"))
    try:
        user = save_staff(email, password, venue=venue, role=role, admin=admin)
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from exc
    typer.echo(json.dumps(user))


if __name__ == "__main__":
    configure_logging("gateway", "WARNING")
    cli()
