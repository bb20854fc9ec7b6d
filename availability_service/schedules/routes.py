from flask.views import MethodView

from availability_service.schedules import service
from availability_service.schedules.schemas import (
    BlockCreateSchema,
    BlockListSchema,
    BlockSchema,
    DayPeriodsSchema,
    HoursSchema,
    WeekSchema,
)
from shared.identity import VENUE_READ, VENUE_WRITE
from shared.openapi import Blueprint, documents_errors
from shared.schemas import CalendarDate, path_value
from shared.service_auth import require_staff

blp = Blueprint(
    "resource_hours",
    __name__,
    url_prefix="/v1/venues/<string:venue>/resources/<int(max=2147483647):resource_id>",
    description="The hours staff and resources keep, and their time away (staff)",
)


@blp.route("/hours")
class Hours(MethodView):
    @require_staff(VENUE_READ)
    @blp.response(200, HoursSchema)
    @documents_errors(blp, 401, 403, 404)
    def get(self, venue, resource_id):
        """The weekly hours and the dated exceptions to come (staff)."""
        return service.get_hours(venue, resource_id)

    @require_staff(VENUE_WRITE)
    @blp.arguments(WeekSchema)
    @blp.response(200, HoursSchema)
    @documents_errors(blp, 401, 403, 404, 422)
    def put(self, body, venue, resource_id):
        """Replace the weekly hours (staff): a staff member's working hours with their breaks, a
        resource's business hours. Bookings already made keep their time."""
        return service.set_week(venue, resource_id, body["periods"])


@blp.route("/hours/<string:on>")
class DatedHours(MethodView):
    @require_staff(VENUE_WRITE)
    @blp.arguments(DayPeriodsSchema)
    @blp.response(200, HoursSchema)
    @documents_errors(blp, 401, 403, 404, 422)
    def put(self, body, venue, resource_id, on):
        """Give a date its own hours (staff); no periods: closed that day (a day off, a holiday)."""
        day = path_value(CalendarDate(), on, "date")
        return service.set_exception(venue, resource_id, day, body["periods"], body["note"])

    @require_staff(VENUE_WRITE)
    @blp.response(200, HoursSchema)
    @documents_errors(blp, 401, 403, 404, 422)
    def delete(self, venue, resource_id, on):
        """The date keeps the week's hours again (staff)."""
        return service.clear_exception(venue, resource_id, path_value(CalendarDate(), on, "date"))


@blp.route("/blocks")
class Blocks(MethodView):
    @require_staff(VENUE_READ)
    @blp.response(200, BlockListSchema)
    @documents_errors(blp, 401, 403, 404)
    def get(self, venue, resource_id):
        """Time away that has not ended (staff)."""
        return service.list_blocks(venue, resource_id)

    @require_staff(VENUE_WRITE)
    @blp.arguments(BlockCreateSchema)
    @blp.response(201, BlockSchema)
    @documents_errors(blp, 401, 403, 404, 409, 422)
    def post(self, body, venue, resource_id):
        """Take a staff member or resource away for a range (staff): time off, maintenance.

        409 `resource_unavailable` when something is booked then.
        """
        return service.add_block(venue, resource_id, body["start"], body["end"], body["reason"])


@blp.route("/blocks/<int(max=2147483647):block_id>")
class Block(MethodView):
    @require_staff(VENUE_WRITE)
    @blp.response(204)
    @documents_errors(blp, 401, 403, 404)
    def delete(self, venue, resource_id, block_id):
        """End a block (staff): the time is bookable again."""
        service.remove_block(venue, resource_id, block_id)
