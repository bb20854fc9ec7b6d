"""The availability service's Flask app: `create_app`, which `availability_service/wsgi.py` serves.

The package's own `__init__` imports nothing, so an ops command (`python -m availability_service.manage`) or a
worker pays only for what it uses."""

from __future__ import annotations

from flask import Flask

from availability_service.config import Settings
from availability_service.extensions import bind_extensions, db, redis
from shared.logging import configure_logging
from shared.openapi import TesseraApi
from shared.web import finish_app, install_request_context, openapi_config

SERVICE = "availability"


def register_blueprints(api: TesseraApi) -> None:
    from availability_service.appointments.routes import blp as appointments_blp
    from availability_service.appointments.routes import internal as appointment_holds_blp
    from availability_service.appointments.routes import internal_search as appointment_search_blp
    from availability_service.holds.routes import blp as holds_blp
    from availability_service.jobs import blp as jobs_blp
    from availability_service.reservations.routes import internal as reservation_holds_blp
    from availability_service.resources.routes import blp as resources_blp
    from availability_service.rooms.routes import blp as rooms_blp
    from availability_service.rooms.routes import internal as rooms_internal_blp
    from availability_service.rules.routes import blp as rules_blp
    from availability_service.schedules.routes import blp as hours_blp
    from availability_service.search.routes import blp as search_blp
    from availability_service.slots.routes import blp as slots_blp
    from availability_service.stays.routes import blp as stays_blp
    from availability_service.stays.routes import internal as stays_internal_blp
    from availability_service.venues.routes import blp as venues_blp

    blueprints = (venues_blp, search_blp, rules_blp, slots_blp, resources_blp, hours_blp, rooms_blp, stays_blp)
    internal = (stays_internal_blp, appointment_search_blp, holds_blp, rooms_internal_blp, appointment_holds_blp)
    internal = (*internal, reservation_holds_blp, jobs_blp)
    for blp in (*blueprints, appointments_blp, *internal):
        api.register_blueprint(blp)


def create_app(settings: Settings | None = None) -> Flask:
    settings = settings or Settings.from_env()
    configure_logging(SERVICE, settings.common.log_level)
    app = Flask(__name__)
    app.config.update(
        openapi_config("Tessera availability service"),
        SERVICE_TOKEN=settings.common.service_token,
        MAX_CONTENT_LENGTH=settings.common.max_body_bytes,
        IDENTITY_SIGNING_KEY=settings.common.identity_signing_key,
        CACHE_TTL_SECONDS=settings.cache_ttl_seconds,
    )
    install_request_context(app)
    bind_extensions(settings)
    api = TesseraApi(app)
    register_blueprints(api)
    return finish_app(app, {"database": db.ping, "redis": redis.ping}, api)
