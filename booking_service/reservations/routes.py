"""The waitlist API (docs/appointments.md, "Waitlist"): join a resource's waitlist for a time (anyone
who may reserve it), see it (staff), see, take or decline an offer and leave the list (its e-mailed
link's token, or staff)."""

from flask.views import MethodView

from booking_service.bookings.idempotency import json_response
from booking_service.bookings.schemas import BookingSchema
from booking_service.reservations import waitlist
from booking_service.reservations.schemas import (
    OfferTokenArgsSchema,
    WaitlistAcceptSchema,
    WaitlistEntrySchema,
    WaitlistJoinSchema,
    WaitlistListArgsSchema,
    WaitlistPageSchema,
)
from shared.identity import BOOKINGS_READ, BOOKINGS_WRITE
from shared.openapi import Blueprint, documents_errors
from shared.service_auth import require_staff, staff_caller

blp = Blueprint("waitlist", __name__, url_prefix="/v1", description="Waiting for a resource at a time")


@blp.route("/venues/<string:venue>/resources/<int(max=2147483647):resource_id>/waitlist")
class ResourceWaitlist(MethodView):
    @blp.arguments(WaitlistJoinSchema)
    @blp.response(201, WaitlistEntrySchema)
    @documents_errors(blp, 401, 403, 404, 409, 422, 503)
    def post(self, body, venue, resource_id):
        """Wait for the resource from `start` to `end`: when a reservation then is cancelled, the first
        in line whose time is free gets an offer by e-mail, held for them for a while.

        409 `resource_available` when it is free now (reserve it instead); the reservation's own
        404/422 when it could never be reserved (unknown resource, outside its hours or limits).
        """
        return waitlist.join_waitlist(venue, resource_id, body)

    @require_staff(BOOKINGS_READ)
    @blp.arguments(WaitlistListArgsSchema, location="query")
    @blp.response(200, WaitlistPageSchema)
    @documents_errors(blp, 401, 403, 404, 422)
    def get(self, args, venue, resource_id):
        """The resource's waitlist in the order people joined (staff); follow `next_cursor` for more."""
        return waitlist.list_entries(
            staff_caller(),
            venue,
            resource_id,
            status=args.get("status"),
            on_the_list=args["on_the_list"],
            cursor=args.get("cursor"),
            limit=args["limit"],
        )


@blp.route("/waitlist/<string:entry_id>")
class WaitlistEntryById(MethodView):
    @blp.arguments(OfferTokenArgsSchema, location="query")
    @blp.response(200, WaitlistEntrySchema)
    @documents_errors(blp, 401, 403, 404, 422)
    def get(self, args, entry_id):
        """A waitlist entry and its offer: with the token of the offer's link, or as staff."""
        return waitlist.get_entry(entry_id, waitlist.waitlist_access(entry_id, args.get("token"), BOOKINGS_READ))


@blp.route("/waitlist/<string:entry_id>/accept")
class WaitlistAcceptance(MethodView):
    @blp.arguments(WaitlistAcceptSchema)
    @blp.response(201, BookingSchema)
    @blp.alt_response(200, schema=BookingSchema, description="The offer was already taken: its booking")
    @documents_errors(blp, 401, 403, 404, 409, 422, 503)
    def post(self, body, entry_id):
        """Take the offer: the reservation is booked on the time held for it. Exactly one booking
        per offer, however many times it is sent.

        409 `offer_not_open` when the offer passed (it went to the next in line) or was never made.
        """
        access = waitlist.waitlist_access(entry_id, body.get("token"), BOOKINGS_WRITE)
        status, payload = waitlist.accept_offer(entry_id, access)
        return json_response(status, payload)


@blp.route("/waitlist/<string:entry_id>/decline")
class WaitlistDecline(MethodView):
    @blp.arguments(WaitlistAcceptSchema)
    @blp.response(200, WaitlistEntrySchema)
    @documents_errors(blp, 401, 403, 404, 409, 422)
    def post(self, body, entry_id):
        """Turn the offer down: the entry becomes `declined` (off the list) and the time goes to the next
        in line at once. Declining again answers the entry as it is.

        409 `offer_not_open` when there is no open offer (not made yet, passed, or the entry left; its
        `details.status` says which), `waitlist_entry_booked` when it was taken.
        """
        access = waitlist.waitlist_access(entry_id, body.get("token"), BOOKINGS_WRITE)
        return waitlist.leave_waitlist(entry_id, access, declining=True)


@blp.route("/waitlist/<string:entry_id>/leave")
class WaitlistLeave(MethodView):
    @blp.arguments(WaitlistAcceptSchema)
    @blp.response(200, WaitlistEntrySchema)
    @documents_errors(blp, 401, 403, 404, 409, 422)
    def post(self, body, entry_id):
        """Leave the waitlist (the person, with the link's token) or remove someone from it (staff): the
        entry becomes `left`, and an offer it held goes to the next in line at once. An entry already off
        the list is answered as it is.

        409 `waitlist_entry_booked` when its offer was taken (cancel the booking instead).
        """
        access = waitlist.waitlist_access(entry_id, body.get("token"), BOOKINGS_WRITE)
        return waitlist.leave_waitlist(entry_id, access, declining=False)
