"""Security headers on every gateway answer, and CORS for the browser origins allowed by configuration."""

from __future__ import annotations

from flask import Flask, request
from flask_cors import CORS

from shared.logging import REQUEST_ID_HEADER

# The gateway answers JSON: nothing it serves may run scripts, be framed or be sniffed. A view may
# set a policy of its own (the API docs page, gateway/api_docs/routes.py); these are defaults.
HEADERS = {
    "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'; base-uri 'none'",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Resource-Policy": "same-site",
}
HSTS = "max-age=31536000; includeSubDomains"
API_PREFIX = "/api/"


def install_security_headers(app: Flask, allowed_origins: tuple[str, ...]) -> None:
    # Bearer tokens travel in a header, never in cookies, so CORS needs no credentials.
    CORS(
        app,
        resources={r"/api/*": {"origins": list(allowed_origins)}},
        supports_credentials=False,
        allow_headers=["Authorization", "Content-Type", "Idempotency-Key", REQUEST_ID_HEADER],
        expose_headers=[
            REQUEST_ID_HEADER,
            "Retry-After",
            "X-RateLimit-Limit",
            "X-RateLimit-Remaining",
            "X-RateLimit-Reset",
        ],
        max_age=600,
    )

    @app.after_request
    def _security_headers(response):
        for name, value in HEADERS.items():
            response.headers.setdefault(name, value)
        if request.is_secure:
            response.headers.setdefault("Strict-Transport-Security", HSTS)
        if request.path.startswith(API_PREFIX):
            # API answers carry bookings, names and tokens: no cache, shared or private, may keep
            # them. Their CORS headers depend on the Origin asked from, which caches must know.
            response.headers.setdefault("Cache-Control", "no-store")
            response.vary.add("Origin")
        return response
