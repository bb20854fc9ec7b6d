"""Kombu's Redis transport with one gap closed: a task message is recorded as unacknowledged
when it is published, not only once a worker has read it.

Kombu emulates acknowledgements on Redis. A worker pops a message off its queue (BRPOP) and
then, in a second round trip, records it in the `unacked` hash; the restore sweep puts a message
recorded there back on its queue once it has gone unacknowledged for the visibility timeout. A
worker killed between the two (SIGKILL, the OOM killer) loses the message outright: Redis has
handed it over and nothing records it (kombu#305, celery#7950). With acks_late that is the one
way a consumer task can vanish; the chaos suite (bench/chaos.py) lost an audit task that way in
about one worker kill in ten.

Here the publisher writes the message into the `unacked` hash and its index in the same
MULTI/EXEC as the LPUSH onto the queue, under the delivery tag the worker will record it with.
The worker's own record then only re-stamps it and its acknowledgement removes it, as before;
a worker that dies before recording it leaves the publisher's record, and the sweep restores the
message after the visibility timeout. The cost: a message still waiting on its queue after the
visibility timeout (every worker of that queue down that long) is queued once more. Consumers
dedupe on the event id, so its effect still happens once.

Only the app's task queues are covered (the transport option `acknowledged_queues`, which
shared/celery_app.py sets to the service's queues): replies and broadcasts are consumed without
acknowledgement, so a record of them would never be removed.
"""

from __future__ import annotations

from time import time

from kombu.transport import redis as kombu_redis
from kombu.utils.json import dumps


class Channel(kombu_redis.Channel):
    from_transport_options = (*kombu_redis.Channel.from_transport_options, "acknowledged_queues")  # type: ignore[assignment]
    acknowledged_queues: tuple[str, ...] = ()

    def _put(self, queue, message, **kwargs):
        if (
            queue not in self.acknowledged_queues
            or not self.ack_emulation
            or kwargs.get("_publish_batch") is not None
            or (self._expires and queue in self._expires)
        ):
            return super()._put(queue, message, **kwargs)
        properties = message["properties"]
        tag, delivery = properties["delivery_tag"], properties["delivery_info"]
        body = dumps(message)
        with self.conn_or_acquire() as client, client.pipeline() as pipe:  # one MULTI/EXEC
            pipe.zadd(self.unacked_index_key, {tag: time()})
            pipe.hset(self.unacked_key, tag, dumps([message, delivery["exchange"], delivery["routing_key"]]))
            pipe.lpush(self._q_for_pri(queue, self._get_message_priority(message, reverse=False)), body)
            pipe.execute()


class Transport(kombu_redis.Transport):
    Channel = Channel
