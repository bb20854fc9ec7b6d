from flask.views import MethodView

from availability_service.holds.schemas import HoldSchema
from availability_service.rooms import service
from availability_service.rooms.assignment import assign_room
from availability_service.rooms.board import room_board
from availability_service.rooms.schemas import (
    BoardArgsSchema,
    EarlyDepartureSchema,
    NightsArgsSchema,
    RoomAssignmentSchema,
    RoomAssignSchema,
    RoomBlockCreateSchema,
    RoomBlockListSchema,
    RoomBlockSchema,
    RoomBoardSchema,
    RoomCreateSchema,
    RoomListArgsSchema,
    RoomListSchema,
    RoomNumber,
    RoomSchema,
    RoomTypeCreateSchema,
    RoomTypeListSchema,
    RoomTypeSchema,
    RoomTypeUpdateSchema,
    RoomUpdateSchema,
)
from availability_service.stays.early_departure import end_stay_on
from shared.identity import VENUE_READ, VENUE_WRITE
from shared.openapi import Blueprint, documents_errors
from shared.schemas import Slug, path_value
from shared.service_auth import require_service_token, require_staff

blp = Blueprint(
    "rooms",
    __name__,
    url_prefix="/v1/venues/<string:venue>",
    description="A hotel's room types, rooms and rooms out of order",
)
internal = Blueprint(
    "rooms_internal", __name__, url_prefix="/internal/holds", description="Stays' rooms and early departures (internal)"
)


@blp.route("/room-types")
class RoomTypes(MethodView):
    @blp.response(200, RoomTypeListSchema)
    @documents_errors(blp, 404)
    def get(self, venue):
        """The venue's room types with their units (rooms in service)."""
        return service.list_room_types(venue)

    @require_staff(VENUE_WRITE)
    @blp.arguments(RoomTypeCreateSchema)
    @blp.response(201, RoomTypeSchema)
    @documents_errors(blp, 401, 403, 404, 409, 422)
    def post(self, body, venue):
        """Add a room type (staff); it sells nothing until rooms are added to it."""
        return service.create_room_type(venue, body)


@blp.route("/room-types/<string:code>")
class RoomTypeByCode(MethodView):
    @blp.response(200, RoomTypeSchema)
    @documents_errors(blp, 404, 422)
    def get(self, venue, code):
        return service.get_room_type(venue, path_value(Slug(), code, "code"))

    @require_staff(VENUE_WRITE)
    @blp.arguments(RoomTypeUpdateSchema)
    @blp.response(200, RoomTypeSchema)
    @documents_errors(blp, 401, 403, 404, 422)
    def patch(self, body, venue, code):
        """Change a room type's description (staff); its units follow its rooms."""
        return service.update_room_type(venue, path_value(Slug(), code, "code"), body)


@blp.route("/rooms")
class Rooms(MethodView):
    @require_staff(VENUE_READ)
    @blp.arguments(RoomListArgsSchema, location="query")
    @blp.response(200, RoomListSchema)
    @documents_errors(blp, 401, 403, 404, 422)
    def get(self, args, venue):
        """The venue's rooms by number, optionally of one type or housekeeping status (staff)."""
        return service.list_rooms(venue, **args)

    @require_staff(VENUE_WRITE)
    @blp.arguments(RoomCreateSchema)
    @blp.response(201, RoomSchema)
    @documents_errors(blp, 401, 403, 404, 409, 422)
    def post(self, body, venue):
        """Add a room (staff); in service, its type sells one more unit."""
        return service.create_room(venue, body)


@blp.route("/rooms/<string:number>")
class RoomByNumber(MethodView):
    @require_staff(VENUE_READ)
    @blp.response(200, RoomSchema)
    @documents_errors(blp, 401, 403, 404, 422)
    def get(self, venue, number):
        return service.get_room(venue, path_value(RoomNumber(), number, "number"))

    @require_staff(VENUE_WRITE)
    @blp.arguments(RoomUpdateSchema)
    @blp.response(200, RoomSchema)
    @documents_errors(blp, 401, 403, 404, 409, 422)
    def patch(self, body, venue, number):
        """Housekeeping status, number, floor, type or service (staff).

        409 `capacity_below_held` when taking the room away would leave its type's stays without
        a room, `room_has_blocks` while it is out of order on future nights.
        """
        return service.update_room(venue, path_value(RoomNumber(), number, "number"), body)


@blp.route("/rooms/<string:number>/blocks")
class RoomBlocks(MethodView):
    @require_staff(VENUE_WRITE)
    @blp.arguments(RoomBlockCreateSchema)
    @blp.response(201, RoomBlockSchema)
    @documents_errors(blp, 401, 403, 404, 409, 422)
    def post(self, body, venue, number):
        """Take the room out of order for some nights (staff): its type sells one fewer.

        409 `resource_unavailable` when every room of the type is sold on one of those nights.
        """
        return service.block_room(
            venue,
            path_value(RoomNumber(), number, "number"),
            body["first_night"],
            body["end_night"],
            body.get("reason"),
        )


@blp.route("/room-blocks")
class RoomBlockList(MethodView):
    @require_staff(VENUE_READ)
    @blp.arguments(NightsArgsSchema, location="query")
    @blp.response(200, RoomBlockListSchema)
    @documents_errors(blp, 401, 403, 404, 422)
    def get(self, args, venue):
        """Rooms out of order on any night of the range (staff)."""
        return service.list_blocks(venue, args["from_"], args["to"])


@blp.route("/room-blocks/<int(max=2147483647):block_id>/end")
class RoomBlockEnd(MethodView):
    @require_staff(VENUE_WRITE)
    @blp.response(200, RoomBlockSchema)
    @documents_errors(blp, 401, 403, 404)
    def post(self, venue, block_id):
        """Put the room back in order (staff); ending an ended block changes nothing."""
        return service.end_block(venue, block_id)


@blp.route("/room-board")
class RoomBoard(MethodView):
    @require_staff(VENUE_READ)
    @blp.arguments(BoardArgsSchema, location="query")
    @blp.response(200, RoomBoardSchema)
    @documents_errors(blp, 401, 403, 404, 422)
    def get(self, args, venue):
        """Every room with its housekeeping status and what it is on the night: given to a stay,
        out of order or free (staff)."""
        return room_board(venue, args["date"])


@internal.route("/<string:hold_id>/room")
class StayRoom(MethodView):
    decorators = [require_service_token]

    @internal.arguments(RoomAssignSchema)
    @internal.response(200, RoomAssignmentSchema)
    @documents_errors(internal, 401, 404, 409, 422)
    def post(self, body, hold_id):
        """Give a stay's hold a room for all its nights: the one named, or the best free one of
        its type; a stay that has a room moves to this one.

        409 `room_taken` (another stay or a block has it on one of the nights), `no_room_free`,
        `hold_not_active`; 422 `room_of_another_type`.
        """
        return assign_room(hold_id, body.get("room"))


@internal.route("/<string:hold_id>/departure")
class StayDeparture(MethodView):
    decorators = [require_service_token]

    @internal.arguments(EarlyDepartureSchema)
    @internal.response(200, HoldSchema)
    @documents_errors(internal, 401, 404, 409, 422)
    def post(self, body, hold_id):
        """End a stay's hold on an earlier departure date (a guest checking out early): the nights
        after it are for sale again and its room is free on them.

        409 `hold_not_active`; 422 `stay_not_bookable` unless after the arrival and before the
        booked departure.
        """
        return end_stay_on(hold_id, body["departure"])
