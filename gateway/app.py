"""The gateway's Flask app: `create_app`, which `gateway/wsgi.py` serves.

The package's own `__init__` imports nothing, so an ops command (`python -m gateway.manage`) or a
worker pays only for what it uses."""

from __future__ import annotations

from flask import Flask, request
from werkzeug.middleware.proxy_fix import ProxyFix

from gateway.api_docs import add_document_part, register_api_docs
from gateway.breaker import UpstreamBreaker
from gateway.compression import install_compression
from gateway.config import BOOKINGS, ROUTES, Route, Settings
from gateway.consumerapi.openapi import document_part as consumerapi_document_part
from gateway.customer_links import LINK_PARAMETER, link_caller, query_without_link
from gateway.extensions import db
from gateway.identity.guard import optional_caller
from gateway.limits import booking_lookup_limits, install_rate_limits
from gateway.proxy import Upstream
from gateway.request_limits import install_request_limits
from gateway.security_headers import install_security_headers
from gateway.upstream_paths import upstream_path
from gateway.web_app import register_web_app
from shared.logging import configure_logging
from shared.openapi import TesseraApi
from shared.web import finish_app, install_request_context, openapi_config

SERVICE = "gateway"


def _forward_as_caller(upstream: Upstream, route: Route, path: str, subpath: str):
    """Forward as the authenticated caller, or as the customer a signed booking link names."""
    if route is BOOKINGS and subpath and LINK_PARAMETER in request.args:
        return upstream.forward(path, caller=link_caller(subpath.split("/", 1)[0]), query=query_without_link())
    return upstream.forward(path, caller=optional_caller())


def register_routes(app: Flask, upstreams: dict[str, Upstream]) -> None:
    for route in ROUTES:
        upstream = upstreams[route.upstream]

        def forward(subpath: str = "", _route=route, _upstream=upstream, **named: str):
            return _forward_as_caller(_upstream, _route, upstream_path(_route, subpath, **named), subpath)

        name = route.public_prefix.strip("/").replace("/", "_").replace("{", "").replace("}", "")
        endpoint = f"proxy_{route.upstream}_{name}"
        forward.__name__ = forward.__qualname__ = endpoint  # flask-limiter tells views apart by name
        if route is BOOKINGS:
            forward = booking_lookup_limits(forward)
        methods = ["GET", "POST", "PUT", "PATCH", "DELETE"]
        app.add_url_rule(route.flask_rule, endpoint, forward, methods=methods)
        app.add_url_rule(f"{route.flask_rule}/<path:subpath>", endpoint, forward, methods=methods)


def create_app(settings: Settings | None = None) -> Flask:
    from gateway import audit, consumerapi
    from gateway.identity import routes as auth

    settings = settings or Settings.from_env()
    configure_logging(SERVICE, settings.common.log_level)
    app = Flask(__name__)
    # flask-smorest documents the gateway's own routes; gateway/api_docs serves them with the services'.
    app.config.update(
        openapi_config("Tessera gateway"),
        OPENAPI_URL_PREFIX=None,
        MAX_CONTENT_LENGTH=settings.max_body_bytes,
        SERVICE_TOKEN=settings.common.service_token,
        IDENTITY_SIGNING_KEY=settings.common.identity_signing_key,
        JWT_SECRET=settings.jwt_secret,
        ACCESS_TOKEN_TTL_SECONDS=settings.access_token_ttl_seconds,
        REFRESH_TOKEN_TTL_SECONDS=settings.refresh_token_ttl_seconds,
        RATELIMIT_STORAGE_URI=settings.common.redis_url,
        RATELIMIT_STORAGE_OPTIONS={"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        **settings.rate_limits,
    )
    if settings.trusted_proxy_hops:
        # Behind a load balancer: take the client address and scheme from its X-Forwarded-* headers.
        hops = settings.trusted_proxy_hops
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)
    install_request_context(app)
    install_request_limits(app)
    install_security_headers(app, settings.cors_allowed_origins)
    install_compression(app)
    install_rate_limits(app)
    db.init(settings.database_url)
    upstreams = {
        name: Upstream(
            name,
            url,
            service_token=settings.common.service_token,
            identity_key=settings.common.identity_signing_key,
            connect_timeout=settings.upstream_timeouts[name].connect,
            read_timeout=settings.upstream_timeouts[name].read,
            breaker=UpstreamBreaker(
                name, failures=settings.breaker_failures, reset_seconds=settings.breaker_reset_seconds
            ),
        )
        for name, url in settings.upstreams.items()
    }
    app.extensions["tessera_upstreams"] = upstreams
    api = TesseraApi(app)
    api.register_blueprint(auth.blp)
    app.register_blueprint(audit.blp)
    app.register_blueprint(consumerapi.blp)
    register_routes(app, upstreams)
    register_api_docs(app, api.spec, upstreams)
    add_document_part(app, consumerapi_document_part)
    register_web_app(app, settings.web_dist_dir)
    return finish_app(
        app,
        {"database": db.ping, **{name: upstream.ready for name, upstream in upstreams.items()}},
        api,
        form_blueprints=frozenset({consumerapi.blp.name}),
    )
