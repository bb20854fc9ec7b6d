"""Internal hold API: reachable only with the service credential, never through the gateway."""

from flask.views import MethodView

from availability_service.holds import service
from availability_service.holds.schemas import (
    HoldConfirmationsSchema,
    HoldCreateSchema,
    HoldSchema,
    HoldStatusesSchema,
)
from shared.openapi import Blueprint, documents_errors
from shared.service_auth import require_service_token

blp = Blueprint("holds", __name__, url_prefix="/internal/holds", description="Capacity holds (internal)")


def _request(body: dict):
    if "room_type" in body:
        return service.StayHoldRequest(
            body["hold_key"], body["venue"], body["room_type"], body["arrival"], body["departure"], body["guests"]
        )
    if "resource" in body:
        return service.RangeHoldRequest(
            body["hold_key"], body["venue"], body["resource"], body["start"], body["end"], body["units"]
        )
    return service.SlotHoldRequest(
        body["hold_key"], body["venue"], body["date"], body["time"], body["units"], on_the_day=body["on_the_day"]
    )


@blp.route("")
class Holds(MethodView):
    decorators = [require_service_token]

    @blp.arguments(HoldCreateSchema)
    @blp.response(201, HoldSchema)
    @blp.alt_response(200, schema=HoldSchema, description="A hold already placed with this key")
    @documents_errors(blp, 401, 404, 409, 422)
    def post(self, body):
        """Take capacity on a slot, a resource for a time range, or a room type for a stay's
        nights; idempotent on `hold_key`.

        409 `slot_full` / `resource_unavailable` when it does not fit; 409 `hold_key_reused`
        for a key used with another request, `hold_not_active` for a spent key; 422 when the
        party is too large or the slot or range is outside the venue's rules.
        """
        hold, created = service.place_hold(_request(body))
        return hold, 201 if created else 200


@blp.route("/<string:hold_id>")
class HoldById(MethodView):
    decorators = [require_service_token]

    @blp.response(200, HoldSchema)
    @documents_errors(blp, 401, 404)
    def get(self, hold_id):
        """One hold and its state."""
        return service.get_hold(hold_id)


@blp.route("/<string:hold_id>/confirm")
class HoldConfirmation(MethodView):
    decorators = [require_service_token]

    @blp.response(200, HoldSchema)
    @documents_errors(blp, 401, 404, 409)
    def post(self, hold_id):
        """held -> confirmed (idempotent); 409 `hold_not_active` once released or expired."""
        return service.confirm_hold(hold_id)


@blp.route("/confirmations")
class HoldConfirmations(MethodView):
    decorators = [require_service_token]

    @blp.arguments(HoldConfirmationsSchema)
    @blp.response(200, HoldStatusesSchema)
    @documents_errors(blp, 401, 422)
    def post(self, body):
        """held -> confirmed for up to 100 holds in one transaction (idempotent): the booking
        service's relay sends the confirmations its bookings owe. Answers each hold's status
        afterwards; `released` or `expired` means it was given back before it was confirmed."""
        return {"statuses": service.confirm_holds(body["hold_ids"])}


@blp.route("/<string:hold_id>/release")
class HoldRelease(MethodView):
    decorators = [require_service_token]

    @blp.response(200, HoldSchema)
    @documents_errors(blp, 401, 404)
    def post(self, hold_id):
        """Give the capacity back (idempotent)."""
        return service.release_hold(hold_id)
