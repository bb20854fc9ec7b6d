from flask.views import MethodView

from booking_service.bookings.access import booking_access
from booking_service.bookings.schemas import BookingSchema
from booking_service.stays import front_desk
from booking_service.stays.schemas import (
    CheckInSchema,
    FrontDeskArgsSchema,
    FrontDeskSchema,
    RoomAssignSchema,
    StaySearchArgsSchema,
    StaySearchSchema,
)
from booking_service.stays.search import search_stays
from shared.identity import BOOKINGS_READ, BOOKINGS_WRITE
from shared.openapi import Blueprint, documents_errors
from shared.service_auth import require_staff, staff_caller

blp = Blueprint(
    "stays", __name__, url_prefix="/v1/venues/<string:venue>/stays", description="Stays: rooms by the night (public)"
)
desk = Blueprint(
    "front_desk",
    __name__,
    url_prefix="/v1/bookings",
    description="The front desk: rooms, check-in and check-out (staff)",
)


@blp.route("/availability")
class StayAvailability(MethodView):
    @blp.arguments(StaySearchArgsSchema, location="query")
    @blp.response(200, StaySearchSchema)
    @documents_errors(blp, 404, 422, 503)
    def get(self, args, venue):
        """Every room type that sleeps the guests with the rooms free on every night of the stay,
        and its price on each rate plan: each night, the lines and the total with taxes.

        404 `venue_not_found`; 422 `stay_not_bookable` for an arrival in the past or beyond the
        horizon, or a stay longer than the venue takes.
        """
        return search_stays(venue, args["arrival"], args["departure"], args["guests"])


@blp.route("/front-desk")
class FrontDesk(MethodView):
    @require_staff(BOOKINGS_READ)
    @blp.arguments(FrontDeskArgsSchema, location="query")
    @blp.response(200, FrontDeskSchema)
    @documents_errors(blp, 401, 403, 404, 422)
    def get(self, args, venue):
        """The stays arriving on the date, the guests in house, and the stays leaving (staff)."""
        return front_desk.front_desk(staff_caller(), venue, args["date"])


@desk.route("/<string:reference>/room")
class StayRoom(MethodView):
    @require_staff(BOOKINGS_WRITE)
    @desk.arguments(RoomAssignSchema)
    @desk.response(200, BookingSchema)
    @documents_errors(desk, 401, 403, 404, 409, 422, 503)
    def post(self, body, reference):
        """Give the stay a room for all its nights: the one named, or the best free one of its
        type (inspected, then clean, then dirty); a stay that has one moves (staff).

        409 `room_taken` when another stay or a block has the room on one of the nights,
        `no_room_free`; 422 `room_of_another_type`, `not_a_stay`.
        """
        return front_desk.assign_room(reference, booking_access(None, BOOKINGS_WRITE), body.get("room"))


@desk.route("/<string:reference>/check-in")
class CheckIn(MethodView):
    @require_staff(BOOKINGS_WRITE)
    @desk.arguments(CheckInSchema)
    @desk.response(200, BookingSchema)
    @documents_errors(desk, 401, 403, 404, 409, 422, 503)
    def post(self, body, reference):
        """The guest is in house: from the arrival date, in the room named, the one the stay was
        given, or the best free one (staff). Checking in again answers the stay as it is.

        409 `booking_not_started` before the arrival date, `booking_not_modifiable` once over.
        """
        return front_desk.check_in(reference, booking_access(None, BOOKINGS_WRITE), body.get("room"))


@desk.route("/<string:reference>/check-out")
class CheckOut(MethodView):
    @require_staff(BOOKINGS_WRITE)
    @desk.response(200, BookingSchema)
    @documents_errors(desk, 401, 403, 404, 409, 422)
    def post(self, reference):
        """The guest has left: the stay is completed and its room marked dirty (staff). Checking
        out again answers the stay as it is."""
        return front_desk.check_out(reference, booking_access(None, BOOKINGS_WRITE))
