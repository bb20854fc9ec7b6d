"""The booking API. Customers reach their own booking with its reference plus the e-mail it
was made with (`?email=`) or through the signed link in their e-mail; staff and integrations
come through the gateway with the service credential and their signed identity, and reach
their venues' bookings (bookings/access.py)."""

from flask.views import MethodView

from booking_service.bookings import changes, listing, service
from booking_service.bookings.access import booking_access, booking_creator
from booking_service.bookings.idempotency import IDEMPOTENCY_DOC, idempotency_key_from_request, json_response
from booking_service.bookings.schemas import (
    BookingCancelSchema,
    BookingCountArgsSchema,
    BookingCountsSchema,
    BookingCreateSchema,
    BookingListArgsSchema,
    BookingPageSchema,
    BookingSchema,
    BookingUpdateSchema,
    CustomerAccessArgsSchema,
    HoldReferenceSchema,
)
from shared.identity import BOOKINGS_READ, BOOKINGS_WRITE
from shared.openapi import Blueprint, documents_errors
from shared.service_auth import require_service_token, require_staff, staff_caller

blp = Blueprint("bookings", __name__, url_prefix="/v1/bookings", description="Bookings")
internal_blp = Blueprint(
    "booking_holds",
    __name__,
    url_prefix="/internal/holds",
    description="What the availability service may ask (internal)",
)


@blp.route("")
class Bookings(MethodView):
    @blp.arguments(BookingCreateSchema)
    @blp.response(201, BookingSchema)
    @blp.doc(**IDEMPOTENCY_DOC)
    @documents_errors(blp, 401, 403, 404, 409, 422, 503)
    def post(self, body):
        """Book: hold capacity, store the booking, confirm the hold.

        409 `slot_full`; 422 `idempotency_key_reused` for a key used with another body; 409
        `idempotency_key_spent` for a key whose first request failed.
        """
        status, payload = service.create_booking(
            body, creator=booking_creator(body), idempotency_key=idempotency_key_from_request()
        )
        return json_response(status, payload)

    @require_staff(BOOKINGS_READ)
    @blp.arguments(BookingListArgsSchema, location="query")
    @blp.response(200, BookingPageSchema)
    @documents_errors(blp, 401, 403, 404, 422)
    def get(self, args):
        """Bookings in start order, filtered (staff: their venues'); follow `next_cursor` for more.

        A resource's reservation history: `kind=reservation&resource=<id>`; a person's: `email=`.
        """
        return listing.list_bookings(
            staff_caller(),
            venue=args.get("venue"),
            first=args.get("from_"),
            last=args.get("to"),
            status=args.get("status"),
            email=args.get("email"),
            text=args.get("q"),
            kind=args.get("kind"),
            resource=args.get("resource"),
            cursor=args.get("cursor"),
            limit=args["limit"],
            latest_first=args["order"] == "desc",
            offset=args["offset"],
        )


@blp.route("/counts")
class BookingCounts(MethodView):
    @require_staff(BOOKINGS_READ)
    @blp.arguments(BookingCountArgsSchema, location="query")
    @blp.response(200, BookingCountsSchema)
    @documents_errors(blp, 401, 403, 404, 422)
    def get(self, args):
        """How many bookings (confirmed unless `status` says otherwise) each start time of a
        venue's day has (staff)."""
        return listing.count_bookings(staff_caller(), venue=args["venue"], on=args["date"], status=args["status"])


@blp.route("/<string:reference>")
class BookingByReference(MethodView):
    @blp.arguments(CustomerAccessArgsSchema, location="query")
    @blp.response(200, BookingSchema)
    @documents_errors(blp, 401, 403, 404, 422)
    def get(self, args, reference):
        """A booking: the customer's own (reference plus e-mail), or any for staff."""
        return service.get_booking(reference, booking_access(args.get("email"), BOOKINGS_READ))

    @blp.arguments(CustomerAccessArgsSchema, location="query")
    @blp.arguments(BookingUpdateSchema)
    @blp.response(200, BookingSchema)
    @blp.doc(**IDEMPOTENCY_DOC)
    @documents_errors(blp, 401, 403, 404, 409, 422, 503)
    def patch(self, args, body, reference):
        """Move (date, time, party size) or change the details (special requests, room number,
        leave time confirmed).

        The new place is held before the booking switches to it; 409 `slot_full` leaves the
        booking as it was; 409 `booking_not_modifiable` once cancelled or over.
        """
        access = booking_access(args.get("email"), BOOKINGS_WRITE)
        status, payload = changes.update_booking(
            reference, access, body, idempotency_key=idempotency_key_from_request()
        )
        return json_response(status, payload)


@blp.route("/<string:reference>/cancel")
class BookingCancellation(MethodView):
    @blp.arguments(CustomerAccessArgsSchema, location="query")
    @blp.arguments(BookingCancelSchema)
    @blp.response(200, BookingSchema)
    @blp.doc(**IDEMPOTENCY_DOC)
    @documents_errors(blp, 401, 403, 404, 409, 422)
    def post(self, args, body, reference):
        """Cancel and give the capacity back. Cancelling again answers 200 with the cancelled
        booking and changes nothing."""
        access = booking_access(args.get("email"), BOOKINGS_WRITE)
        status, payload = changes.cancel_booking(
            reference, access, body["reason_id"], idempotency_key=idempotency_key_from_request()
        )
        return json_response(status, payload)


@blp.route("/<string:reference>/<any(complete, 'no-show'):outcome>")
class BookingOutcome(MethodView):
    @require_staff(BOOKINGS_WRITE)
    @blp.response(200, BookingSchema)
    @documents_errors(blp, 401, 403, 404, 409)
    def post(self, reference, outcome):
        """Record that a started booking was attended (`complete`) or not (`no-show`) (staff)."""
        return changes.record_outcome(reference, outcome, booking_access(None, BOOKINGS_WRITE))


@internal_blp.route("/<string:hold_id>/booking")
class BookingForHold(MethodView):
    decorators = [require_service_token]

    @internal_blp.response(200, HoldReferenceSchema)
    @documents_errors(internal_blp, 401, 404)
    def get(self, hold_id):
        """Whether a booking references this hold (asked before a hold is expired)."""
        return service.booking_for_hold(hold_id)
