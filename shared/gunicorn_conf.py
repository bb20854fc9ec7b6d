"""gunicorn settings shared by every HTTP service: `gunicorn --config python:shared.gunicorn_conf ...`."""

import multiprocessing
import os

workers = int(os.environ.get("WEB_CONCURRENCY", min(2 * multiprocessing.cpu_count() + 1, 8)))
threads = int(os.environ.get("GUNICORN_THREADS", 4))
worker_class = "gthread" if threads > 1 else "sync"
timeout = 30
graceful_timeout = 10
keepalive = 5
# gunicorn's largest request line (it answers longer ones with an HTML page of its own); the
# gateway refuses targets over 4 KiB itself, in the error envelope (gateway/request_limits.py).
limit_request_line = 8190
accesslog = None  # each app logs one JSON line per request itself
errorlog = "-"
# gunicorn's control socket lives in one shared path by default; several services on one
# host would race for it, and nothing here uses it.
control_socket_disable = True
