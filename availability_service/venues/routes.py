from flask import current_app
from flask.views import MethodView
from flask_smorest import Blueprint

from availability_service.venues import service
from availability_service.venues.schemas import AvailabilityQueryArgsSchema, AvailabilitySchema

blp = Blueprint("venues", __name__, url_prefix="/v1/venues", description="Venues and their availability")


@blp.route("/<string:venue>/availability")
class VenueAvailability(MethodView):
    @blp.arguments(AvailabilityQueryArgsSchema, location="query")
    @blp.response(200, AvailabilitySchema)
    def get(self, args, venue):
        """Slots of one date with remaining capacity and whether a party of this size can book."""
        return service.search_day(venue, args["date"], args["party_size"],
                                  cache_ttl_seconds=current_app.config["CACHE_TTL_SECONDS"])
