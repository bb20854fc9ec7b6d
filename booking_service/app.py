"""The booking service's Flask app: `create_app`, which `booking_service/wsgi.py` serves.

The package's own `__init__` imports nothing, so an ops command (`python -m booking_service.manage`) or a
worker pays only for what it uses."""

from __future__ import annotations

from flask import Flask

from booking_service.config import Settings
from booking_service.extensions import bind_extensions, db, redis
from shared.faults import arm_from_environment
from shared.logging import configure_logging
from shared.openapi import TesseraApi
from shared.web import finish_app, install_request_context, openapi_config

SERVICE = "booking"


def register_blueprints(api: TesseraApi) -> None:
    from booking_service.appointments.routes import blp as appointment_moves_blp
    from booking_service.bookings.routes import blp, internal_blp
    from booking_service.cancellation_reasons.routes import blp as reasons_blp
    from booking_service.jobs import blp as jobs_blp
    from booking_service.rates.routes import blp as rates_blp
    from booking_service.reservations.routes import blp as waitlist_blp
    from booking_service.stays.routes import blp as stays_blp
    from booking_service.stays.routes import desk as front_desk_blp

    blueprints = (blp, internal_blp, reasons_blp, jobs_blp, rates_blp, stays_blp, front_desk_blp)
    for blueprint in (*blueprints, appointment_moves_blp, waitlist_blp):
        api.register_blueprint(blueprint)


def create_app(settings: Settings | None = None) -> Flask:
    settings = settings or Settings.from_env()
    configure_logging(SERVICE, settings.common.log_level)
    app = Flask(__name__)
    app.config.update(
        openapi_config("Tessera booking service"),
        SERVICE_TOKEN=settings.common.service_token,
        MAX_CONTENT_LENGTH=settings.common.max_body_bytes,
        IDENTITY_SIGNING_KEY=settings.common.identity_signing_key,
        REMINDER_LEAD_MINUTES=settings.reminder_lead_minutes,
    )
    install_request_context(app)
    arm_from_environment()
    bind_extensions(settings)
    api = TesseraApi(app)
    register_blueprints(api)
    return finish_app(app, {"database": db.ping, "redis": redis.ping}, api)
