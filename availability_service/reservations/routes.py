"""Holding a reservation (internal): the booking service's way to take a resource for a time range
or a series (docs/appointments.md, "Reservations")."""

from flask.views import MethodView

from availability_service.extensions import db
from availability_service.holds import service as holds
from availability_service.holds.schemas import HoldSchema
from availability_service.reservations.placement import ReservationHoldRequest, place_reservation, preview
from availability_service.reservations.schemas import ReservationHoldCreateSchema
from shared.openapi import Blueprint, documents_errors
from shared.service_auth import require_service_token

internal = Blueprint(
    "reservation_holds", __name__, url_prefix="/internal/holds", description="Reservation holds (internal)"
)


def reservation_request(body: dict) -> ReservationHoldRequest:
    return ReservationHoldRequest(
        hold_key=body["hold_key"],
        venue=body["venue"],
        resource_id=body["resource"],
        start=body.get("start") or body["starts_at"],
        end=body.get("end") or body["ends_at"],
        recurrence=body["recurrence"],
        mode=body["mode"],
        replaces=body["replaces"],
        ttl_seconds=body["ttl_seconds"],
    )


@internal.route("/reservations")
class ReservationHolds(MethodView):
    decorators = [require_service_token]

    @internal.arguments(ReservationHoldCreateSchema)
    @internal.response(201, HoldSchema)
    @internal.alt_response(200, schema=HoldSchema, description="A hold already placed with this key, or a dry run")
    @documents_errors(internal, 401, 404, 409, 422)
    def post(self, body):
        """Hold a resource for a range, or for every occurrence of a series, in one transaction;
        idempotent on `hold_key`.

        All or nothing: 409 `resource_unavailable` naming every occurrence held by others, 422
        `reservation_not_bookable` naming every one outside the rules (hours, notice, horizon,
        a DST gap; also a length outside the resource's limits, a recurrence it can't read);
        `series_too_long` beyond 366 occurrences. Partial: the free occurrences as one group,
        the others in `conflicts`.
        """
        request = reservation_request(body)
        if body["dry_run"]:
            with db.reading() as session:
                return preview(session, request), 200
        hold, created = holds.place_hold(request, placer=place_reservation)
        return hold, 201 if created else 200
