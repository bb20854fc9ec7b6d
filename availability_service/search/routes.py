from flask import current_app
from flask.views import MethodView

from availability_service.search import service
from availability_service.search.schemas import AvailabilityQueryArgsSchema, AvailabilitySchema
from shared.openapi import Blueprint, documents_errors

blp = Blueprint("search", __name__, url_prefix="/v1/venues", description="Availability search (public)")


@blp.route("/<string:venue>/availability")
class VenueAvailability(MethodView):
    @blp.arguments(AvailabilityQueryArgsSchema, location="query")
    @blp.response(200, AvailabilitySchema)
    @documents_errors(blp, 404, 422)
    def get(self, args, venue):
        """Slots with remaining capacity and whether a party of this size can book them.

        404 `venue_not_found`; 422 `date_in_past`, `date_beyond_horizon` or `validation_failed`.
        """
        ttl = current_app.config["CACHE_TTL_SECONDS"]
        if "date" in args:
            return service.search_day(venue, args["date"], args["party_size"], cache_ttl_seconds=ttl)
        return service.search_days(venue, args["from_"], args["to"], args["party_size"], cache_ttl_seconds=ttl)
