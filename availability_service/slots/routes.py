from flask.views import MethodView

from availability_service.slots import service
from availability_service.slots.schemas import SlotListArgsSchema, SlotSchema, SlotUpdateSchema
from shared.identity import VENUE_READ, VENUE_WRITE
from shared.openapi import Blueprint, documents_errors
from shared.pagination import page_schema
from shared.schemas import CalendarDate, WallClockTime, path_value
from shared.service_auth import require_staff

blp = Blueprint(
    "slots", __name__, url_prefix="/v1/venues/<string:venue>/slots", description="The capacity ledger per slot (staff)"
)


@blp.route("")
class Slots(MethodView):
    @require_staff(VENUE_READ)
    @blp.arguments(SlotListArgsSchema, location="query")
    @blp.response(200, page_schema(SlotSchema))
    @documents_errors(blp, 401, 403, 404, 422)
    def get(self, args, venue):
        """Slots with capacity and booked units, in start order; follow `next_cursor` for more."""
        return service.list_slots(venue, args["from_"], args["to"], after=args.get("after"), limit=args["limit"])


@blp.route("/<string:day>/<string:at>")
class SlotByStart(MethodView):
    @require_staff(VENUE_WRITE)
    @blp.arguments(SlotUpdateSchema)
    @blp.response(200, SlotSchema)
    @documents_errors(blp, 401, 403, 404, 409, 422)
    def patch(self, body, venue, day, at):
        """Close, reopen or resize one slot (staff); 409 `capacity_below_held` below what is held."""
        return service.change_slot(
            venue,
            path_value(CalendarDate(), day, "date"),
            path_value(WallClockTime(), at, "time"),
            capacity=body.get("capacity"),
            is_open=body.get("is_open"),
        )
