"""The Celery app factory with the house defaults, and scheduled jobs on it.

Each service has its own Celery app, its own queues and its own beat schedule for the jobs on
its own data (docs/architecture.md, "Asynchronous work"). The defaults: JSON only, results
ignored, acks_late with prefetch 1 (a killed worker's task is delivered again, never lost;
shared/redis_transport.py closes the gap between a worker's pop and its record of the
message), time limits well under the Redis visibility timeout so a slow task is stopped before
Redis hands its message to another worker. The request id of whoever published a task travels
in its headers and is restored in the worker's log context.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from celery import Celery, signals
from kombu import Queue

from shared.config import env_int
from shared.logging import event_id_var, request_id_var, task_id_var

REQUEST_ID_TASK_HEADER = "request_id"


@dataclass(frozen=True)
class Job:
    """A service's scheduled job: what it runs and how often."""

    run: Callable[[], dict]
    every_seconds: float


def make_celery(main: str, broker_url: str, *, queues: tuple[str, ...], include: list[str] | None = None) -> Celery:
    """A service's Celery app; its tasks go to `queues[0]` unless they name another of `queues`."""
    visibility_timeout = env_int("CELERY_VISIBILITY_TIMEOUT", 300)
    hard_limit = env_int("CELERY_TASK_TIME_LIMIT", max(2, visibility_timeout // 5))
    app = Celery(main, broker=broker_url, include=include or [])
    if broker_url.startswith(("redis://", "rediss://")):
        # Kombu's Redis transport, but a task message counts as unacknowledged from the moment
        # it is published: a worker killed just after popping it cannot lose it (see the module).
        app.conf.broker_transport = "shared.redis_transport:Transport"
    app.conf.update(
        task_serializer="json",
        accept_content=["json"],
        task_ignore_result=True,
        result_backend=None,
        task_acks_late=True,
        task_reject_on_worker_lost=True,
        worker_prefetch_multiplier=1,
        task_time_limit=hard_limit,
        task_soft_time_limit=max(1, int(hard_limit * 0.8)),
        broker_transport_options={
            "visibility_timeout": visibility_timeout,
            # Sweep for a killed worker's unacknowledged messages every tenth of the visibility
            # timeout (kombu's default sweep is 100 s whatever the timeout).
            "unacked_restore_interval": max(1, visibility_timeout // 10),
            "unacked_restore_throttle": 1,
            # A worker killed during a sweep leaves the sweep's mutex behind; it must not block
            # every other worker's sweep for kombu's default five minutes.
            "unacked_mutex_expire": max(5, visibility_timeout // 10),
            "socket_timeout": 5,
            "socket_connect_timeout": 2,
            # shared/redis_transport.py records these queues' messages as unacknowledged from publish on.
            "acknowledged_queues": tuple(queues),
        },
        broker_connection_timeout=2,
        broker_connection_retry_on_startup=True,
        task_queues=[Queue(name) for name in queues],
        task_default_queue=queues[0],
        task_create_missing_queues=False,
        worker_hijack_root_logger=False,
        worker_send_task_events=False,
        enable_utc=True,
        timezone="UTC",
    )
    return app


def schedule_jobs(app: Celery, service: str, jobs: dict[str, Job]) -> None:
    """A task `<service>.<job>` per job, and beat entries that run each every so often; a run
    still queued after half its period (at least a minute) is dropped, the next one will come."""
    schedule = {}
    for name, job in jobs.items():
        task_name = f"{service}.{name.replace('-', '_')}"
        app.task(name=task_name)(_run_job(name, job.run))
        schedule[name] = {
            "task": task_name,
            "schedule": job.every_seconds,
            "options": {"expires": max(60.0, job.every_seconds / 2)},
        }
    app.conf.beat_schedule = schedule


def _run_job(name: str, run: Callable[[], dict]) -> Callable[[], dict]:
    def job() -> dict:
        return {"job": name, "result": run()}

    job.__name__ = name.replace("-", "_")
    return job


@signals.before_task_publish.connect
def _attach_request_id(headers=None, **_kwargs):
    request_id = request_id_var.get()
    if headers is not None and request_id and REQUEST_ID_TASK_HEADER not in headers:
        headers[REQUEST_ID_TASK_HEADER] = request_id


@signals.task_prerun.connect
def _restore_context(task_id=None, task=None, args=None, **_kwargs):
    request = task.request if task is not None else None
    request_id = getattr(request, REQUEST_ID_TASK_HEADER, None) or (
        (getattr(request, "headers", None) or {}).get(REQUEST_ID_TASK_HEADER)
    )
    request_id_var.set(request_id)
    task_id_var.set(task_id)
    event = args[0] if args and isinstance(args[0], dict) else {}
    event_id_var.set(event.get("event_id"))


@signals.task_postrun.connect
def _clear_context(**_kwargs):
    request_id_var.set(None)
    task_id_var.set(None)
    event_id_var.set(None)


def publisher(main: str, broker_url: str, *, queue: str) -> Celery:
    """An app that only sends tasks to `queue`. When the broker is down it fails at once (the
    caller keeps the work to try again), not after kombu's default connection retries."""
    app = make_celery(main, broker_url, queues=(queue,))
    app.conf.broker_transport_options = {**app.conf.broker_transport_options, "max_retries": 0}
    return app


def publish(app: Celery, task_name: str, queue: str, event: dict) -> None:
    """Send one task by name, failing fast (no built-in retry loop) when the broker is down."""
    # argsrepr keeps event payloads (customer contact details) out of the workers' logs.
    app.send_task(
        task_name,
        args=[event],
        queue=queue,
        retry=False,
        argsrepr=f"[{event.get('event_type')} {event.get('event_id')}]",
        kwargsrepr="{}",
        headers={REQUEST_ID_TASK_HEADER: event.get("request_id")} if event.get("request_id") else None,
    )
