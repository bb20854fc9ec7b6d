"""gunicorn settings shared by every HTTP service: `gunicorn --config python:shared.gunicorn_conf ...`.

Sized to the machine: one worker process per CPU, each with threads for the calls that wait
(the database, Redis, another service). Python runs one thread at a time per process, so more
processes than CPUs add memory, cold per-process caches and time-slicing, not throughput
(docs/performance.md, "This round, before and after"). `WEB_CONCURRENCY` and
`GUNICORN_THREADS` override both.
"""

import multiprocessing
import os

workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count()))
threads = int(os.environ.get("GUNICORN_THREADS", 8))
worker_class = "gthread" if threads > 1 else "sync"
# The app is imported once, before the workers fork, rather than once in each: a service starts in
# half the CPU and its workers share the imported code's memory. Nothing connects while the app is
# built (database engines forget a parent's connections after a fork: shared/db.py; redis-py's
# pools do the same by themselves).
preload_app = True
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
