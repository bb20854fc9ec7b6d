"""The path a forwarded request takes upstream, from the part of the public path below its prefix.

The WSGI server hands the path over percent-decoded, so an encoded `/`, `?` or `..` in a
segment would reach the service as a separator, a query or a step up: a request under a public
prefix could name another path of the service, even `/internal/...`, which the gateway calls
with its service credential. So segments are encoded again for the upstream request, and a path
with an empty or dot segment, or an encoded slash, names nothing here (404).
"""

from __future__ import annotations

from urllib.parse import quote

from flask import request

from gateway.config import Route
from shared.errors import NotFound

# RFC 3986 pchar characters that need no encoding; everything else in a segment is encoded.
SEGMENT_SAFE = "!$&'()*+,;=:@-._~"


def upstream_path(route: Route, subpath: str, venue: str | None = None, **named: str) -> str:
    """`venue` (and any other `named` segment) fills its `{placeholder}` in the route's prefix,
    encoded like any segment."""
    segments = subpath.split("/") if subpath else []
    if venue is not None:
        named["venue"] = venue
    if any(segment in ("", ".", "..") for segment in segments + list(named.values())) or _has_encoded_slash():
        raise NotFound()
    prefix = route.upstream_prefix
    for name, value in named.items():
        prefix = prefix.replace("{" + name + "}", quote(value, safe=SEGMENT_SAFE))
    return prefix + "".join("/" + quote(segment, safe=SEGMENT_SAFE) for segment in segments)


def _has_encoded_slash() -> bool:
    """Whether the path as the client sent it (gunicorn's and werkzeug's RAW_URI) had `%2F`."""
    raw_path = request.environ.get("RAW_URI", "").split("?", 1)[0]
    return "%2f" in raw_path.lower()
