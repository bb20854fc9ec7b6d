"""How long a request's target (path and query) may be.

gunicorn refuses a request line over its limit before the gateway sees it, with an HTML page of
its own. The gateway refuses long targets first, well under that limit, so a client gets
`414 uri_too_long` in the envelope like any other error. (Bodies: MAX_CONTENT_LENGTH, 413.)
"""

from __future__ import annotations

from flask import Flask, request

from shared.errors import ApiError

MAX_TARGET_BYTES = 4096  # gunicorn's own default limit; shared/gunicorn_conf.py raises that one


class UriTooLong(ApiError):
    status, code, message = 414, "uri_too_long", f"The URL is longer than {MAX_TARGET_BYTES} bytes."


def install_request_limits(app: Flask) -> None:
    @app.before_request
    def _bounded_target():
        # RAW_URI: the target as sent, percent-encoded (gunicorn and werkzeug set it).
        if len(request.environ.get("RAW_URI", "")) > MAX_TARGET_BYTES:
            raise UriTooLong()
