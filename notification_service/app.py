"""The notification service's Flask app: `create_app`, which `notification_service/wsgi.py` serves.

The package's own `__init__` imports nothing, so an ops command (`python -m notification_service.manage`) or a
worker pays only for what it uses."""

from __future__ import annotations

from flask import Flask

from notification_service.config import Settings
from notification_service.extensions import bind_extensions, db, redis
from shared.logging import configure_logging
from shared.openapi import TesseraApi
from shared.web import finish_app, install_request_context, openapi_config

SERVICE = "notification"


def create_app(settings: Settings | None = None) -> Flask:
    from notification_service.audit.routes import blp as audit_blp

    settings = settings or Settings.from_env()
    configure_logging(SERVICE, settings.common.log_level)
    app = Flask(__name__)
    app.config.update(
        openapi_config("Tessera notification service"),
        SERVICE_TOKEN=settings.common.service_token,
        MAX_CONTENT_LENGTH=settings.common.max_body_bytes,
        IDENTITY_SIGNING_KEY=settings.common.identity_signing_key,
    )
    install_request_context(app)
    bind_extensions(settings)
    api = TesseraApi(app)
    api.register_blueprint(audit_blp)
    return finish_app(app, {"database": db.ping, "redis": redis.ping}, api)
