"""gzip for clients that send `Accept-Encoding: gzip` (flask-compress), forwarded answers included.

gzip only: every client decodes it. Forwarded answers are streamed, and flask-compress leaves gzip
out of its streaming algorithms by default, so it is named there too; a stream is compressed chunk
by chunk as it passes, never gathered whole. Left as they are: answers under COMPRESS_MIN_SIZE
(forwarded ones keep the service's Content-Length, so their size is known), anything but a 2xx,
and answers a service already encoded. Every answer carries `Vary: Accept-Encoding`.
"""

from __future__ import annotations

from flask import Flask
from flask_compress import Compress


def install_compression(app: Flask) -> None:
    app.config.update(COMPRESS_ALGORITHM=["gzip"], COMPRESS_ALGORITHM_STREAMING=["gzip"], COMPRESS_MIN_SIZE=500)
    Compress(app)
