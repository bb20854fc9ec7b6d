from flask import current_app
from flask.views import MethodView

from availability_service.rooms.schemas import NightsArgsSchema
from availability_service.stays import service
from availability_service.stays.schemas import RoomNightsSchema, StayArgsSchema, StayAvailabilitySchema
from shared.openapi import Blueprint, documents_errors
from shared.service_auth import require_service_token

blp = Blueprint("stays", __name__, url_prefix="/v1/venues/<string:venue>", description="Room types free by the night")
internal = Blueprint(
    "stays_internal", __name__, url_prefix="/internal/venues/<string:venue>", description="Stays (internal)"
)


@blp.route("/room-nights")
class RoomNights(MethodView):
    @blp.arguments(NightsArgsSchema, location="query")
    @blp.response(200, RoomNightsSchema)
    @documents_errors(blp, 404, 422)
    def get(self, args, venue):
        """Each room type's free units on each night from `from` up to `to` (exclusive)."""
        return service.room_nights(
            venue, args["from_"], args["to"], cache_ttl_seconds=current_app.config["CACHE_TTL_SECONDS"]
        )


@internal.route("/stay-availability")
class StayAvailability(MethodView):
    decorators = [require_service_token]

    @internal.arguments(StayArgsSchema, location="query")
    @internal.response(200, StayAvailabilitySchema)
    @documents_errors(internal, 401, 404, 422)
    def get(self, args, venue):
        """The room types that sleep the guests, with the units free on every night of the stay;
        the booking service prices them for the public stay search.

        422 `stay_not_bookable` for an arrival in the past or beyond the horizon, or too long a stay.
        """
        return service.stay_availability(
            venue,
            args["arrival"],
            args["departure"],
            args["guests"],
            cache_ttl_seconds=current_app.config["CACHE_TTL_SECONDS"],
        )
