"""Ops commands of the gateway: `python -m gateway.manage --help`."""

from __future__ import annotations

import json
from pathlib import Path

import typer

from shared.config import database_url, is_embedded
from shared.identity import BOOKINGS_READ, BOOKINGS_WRITE, PERMISSIONS
from shared.logging import configure_logging
from shared.manage import service_cli

DEMO_VENUE = "TheHungryUnicorn"
# The demo venue's manager in development (refused in production like the demo token).
DEMO_MANAGER_EMAIL = "manager@hungry-unicorn.example"
DEMO_MANAGER_PASSWORD = "unicorn-demo-manager"
DEMO_HOTEL = "TheHarbourHotel"
DEMO_HOTEL_MANAGER_EMAIL = "manager@harbour-hotel.example"
DEMO_HOTEL_MANAGER_PASSWORD = "harbour-demo-manager"
DEMO_CLINIC = "TheMeadowClinic"
DEMO_CLINIC_MANAGER_EMAIL = "manager@meadow-clinic.example"
DEMO_CLINIC_MANAGER_PASSWORD = "meadow-demo-manager"
DEMO_LAB = "TheMakerLab"
DEMO_LAB_MANAGER_EMAIL = "manager@maker-lab.example"
DEMO_LAB_MANAGER_PASSWORD = "makerlab-demo-manager"
# The bearer token printed in the README of the Restaurant Booking Mock API (expired in 2025;
# the mock never checked that). Public, so it is registered only outside production.
CONSUMERAPI_DEMO_TOKEN = (
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJ1bmlxdWVfbmFtZSI6ImFwcGVsbGErYXBpQHJlc2RpYXJ5LmNvbSIsIm5iZiI6"
    "MTc1NDQzMDgwNSwiZXhwIjoxNzU0NTE3MjA1LCJpYXQiOjE3NTQ0MzA4MDUsImlzcyI6IlNlbGYiLCJhdWQiOiJodHRwczovL2FwaS5y"
    "ZXNkaWFyeS5jb20ifQ.g3yLsufdk8Fn2094SB3J3XW-KdBc0DY9a2Jiu_56ud8"
)

cli = service_cli(
    __doc__, Path(__file__).parent / "migrations", "gateway_alembic_version", lambda: database_url("GATEWAY", "gateway")
)


@cli.command("create-staff")
def create_staff(
    email: str = typer.Option(...),
    password: str = typer.Option(
        ...,
        prompt=True,
        hide_input=True,
        confirmation_prompt=True,
        envvar="TESSERA_STAFF_PASSWORD",
        help="Prompted for when not given (or TESSERA_STAFF_PASSWORD).",
    ),
    venue: str | None = typer.Option(None, help="Venue slug to give a role at."),
    role: str = typer.Option("staff", help="owner, manager or staff"),
    admin: bool = typer.Option(False, "--admin", help="Every venue, every role."),
) -> None:
    """Create a staff user (or update their password and add a role)."""
    from gateway.identity.service import save_staff

    _open_database()
    try:
        user = save_staff(email, password, venue=venue, role=role, admin=admin)
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from exc
    typer.echo(json.dumps(user))


def _open_database() -> None:
    from gateway.extensions import db

    db.init(database_url("GATEWAY", "gateway"))


@cli.command("create-api-key")
def create_api_key(
    venue: str = typer.Option(..., help="Venue slug the key belongs to."),
    name: str = typer.Option(..., help="Who or what uses it, for the list."),
    scope: list[str] = typer.Option(..., help="Repeat for each: " + ", ".join(PERMISSIONS) + "."),  # noqa: B008
) -> None:
    """Create an API key for an integration; the key is printed once and never stored."""
    from gateway.identity.api_keys import create_api_key as create

    _open_database()
    try:
        typer.echo(json.dumps(create(venue, name, scope)))
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from exc


@cli.command("api-keys")
def api_keys(venue: str | None = typer.Option(None)) -> None:
    """List API keys (never the keys themselves)."""
    from gateway.identity.api_keys import list_api_keys

    _open_database()
    for row in list_api_keys(venue):
        typer.echo(json.dumps(row))


@cli.command("revoke-api-key")
def revoke_api_key(key_id: str) -> None:
    """Revoke an API key at once."""
    from gateway.identity.api_keys import revoke_api_key as revoke

    _open_database()
    if not revoke(key_id):
        raise typer.BadParameter(f"no API key {key_id}")


@cli.command("seed-demo")
def seed_demo() -> None:
    """Development only: register the ConsumerApi mock's published demo token as an API key of
    the demo venue, so clients written against the mock work against a local Tessera, and each
    demo venue's manager login (printed by `make run`)."""
    from gateway.identity.api_keys import ensure_api_key
    from gateway.identity.service import save_staff

    if not is_embedded():
        raise typer.BadParameter("the demo key and login are published; they exist in development and test only")
    _open_database()
    typer.echo(
        json.dumps(
            ensure_api_key(
                DEMO_VENUE,
                "ConsumerApi demo token (development)",
                [BOOKINGS_READ, BOOKINGS_WRITE],
                CONSUMERAPI_DEMO_TOKEN,
            )
        )
    )
    for email, password, venue in (
        (DEMO_MANAGER_EMAIL, DEMO_MANAGER_PASSWORD, DEMO_VENUE),
        (DEMO_HOTEL_MANAGER_EMAIL, DEMO_HOTEL_MANAGER_PASSWORD, DEMO_HOTEL),
        (DEMO_CLINIC_MANAGER_EMAIL, DEMO_CLINIC_MANAGER_PASSWORD, DEMO_CLINIC),
        (DEMO_LAB_MANAGER_EMAIL, DEMO_LAB_MANAGER_PASSWORD, DEMO_LAB),
    ):
        manager = save_staff(email, password, venue=venue, role="manager", admin=False)
        typer.echo(json.dumps({"staff": manager["email"], "password": password, "roles": manager["roles"]}))


if __name__ == "__main__":
    configure_logging("gateway", "WARNING")
    cli()
