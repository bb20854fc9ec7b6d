from flask import Response, request
from flask.views import MethodView
from flask_smorest import Blueprint

from booking_service.bookings import service
from booking_service.bookings.schemas import (BookingCreateSchema, BookingLookupArgsSchema, BookingSchema,
                                              HoldReferenceSchema)
from shared.errors import ValidationFailed
from shared.logging import clean_request_id
from shared.service_auth import require_service_token

blp = Blueprint("bookings", __name__, url_prefix="/v1/bookings", description="Bookings")
internal_blp = Blueprint("booking_holds", __name__, url_prefix="/internal/holds",
                         description="What the availability service may ask (internal)")

IDEMPOTENCY_HEADER = "Idempotency-Key"


def _idempotency_key() -> str | None:
    raw = request.headers.get(IDEMPOTENCY_HEADER)
    if raw is None:
        return None
    key = clean_request_id(raw)  # same rules: short printable ASCII
    if key is None:
        raise ValidationFailed(details={IDEMPOTENCY_HEADER: ["Must be 1-128 printable ASCII characters."]})
    return key


def _json(status: int, body: bytes) -> Response:
    return Response(body, status=status, mimetype="application/json")


@blp.route("")
class Bookings(MethodView):
    @blp.arguments(BookingCreateSchema)
    @blp.response(201, BookingSchema)
    @blp.doc(parameters=[{"in": "header", "name": IDEMPOTENCY_HEADER, "schema": {"type": "string"},
                          "description": "Repeat a request safely: the first response is replayed."}])
    def post(self, body):
        """Book: hold capacity, store the booking, confirm the hold."""
        status, payload = service.create_booking(body, actor={"type": "customer"},
                                                 idempotency_key=_idempotency_key())
        return _json(status, payload)


@blp.route("/<string:reference>")
class BookingByReference(MethodView):
    @blp.arguments(BookingLookupArgsSchema, location="query")
    @blp.response(200, BookingSchema)
    def get(self, args, reference):
        """A customer's own booking: the reference plus the e-mail it was made with."""
        return service.get_booking_for_customer(reference, args["email"])


@internal_blp.route("/<string:hold_id>/booking")
class BookingForHold(MethodView):
    decorators = [require_service_token]

    @internal_blp.response(200, HoldReferenceSchema)
    def get(self, hold_id):
        """Whether a booking references this hold (asked before a hold is expired)."""
        return service.booking_for_hold(hold_id)
