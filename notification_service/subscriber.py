"""The notification service's subscriber process: `python -m notification_service.subscriber`.

It reads the booking service's event stream as the consumer group `notification`
(shared/events.py) and hands each event to this service's worker as one task; an event is
acknowledged on the stream only once the task is queued. Run one or more: the group shares the
events out, and what a killed subscriber took is claimed by another after a while.
"""

from __future__ import annotations

import logging
import signal

import redis as redis_lib

from notification_service.config import Settings
from notification_service.subscriptions import BOOKING_EVENT_TASK, BOOKING_PRODUCER, GROUP, QUEUE
from shared.celery_app import publish, publisher
from shared.events import Subscriber
from shared.logging import configure_logging

log = logging.getLogger("notification_service.subscriber")


BLOCK_SECONDS = 1.0  # an idle subscriber waits this long on the stream per read


def run(settings: Settings) -> None:
    stopping = False

    def _stop(*_args):
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGTERM, _stop)
    signal.signal(signal.SIGINT, _stop)
    tasks = publisher("notification-subscriber", settings.common.redis_url, queue=QUEUE)
    # Its own connection: a blocking read outlasts the short timeouts of the service's client.
    stream = redis_lib.Redis.from_url(
        settings.common.redis_url, socket_connect_timeout=2, socket_timeout=BLOCK_SECONDS + 5, decode_responses=True
    )
    subscriber = Subscriber(
        stream,
        BOOKING_PRODUCER,
        GROUP,
        lambda event: publish(tasks, BOOKING_EVENT_TASK, QUEUE, event),
        block_ms=int(BLOCK_SECONDS * 1000),
    )
    log.info("subscriber started", extra={"stream": subscriber.stream, "group": GROUP})
    subscriber.run(lambda: stopping)
    log.info("subscriber stopped")


if __name__ == "__main__":
    settings = Settings.from_env()
    configure_logging("notification-subscriber", settings.common.log_level)
    run(settings)
