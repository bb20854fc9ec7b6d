from flask.views import MethodView

from booking_service.stays.schemas import StaySearchArgsSchema, StaySearchSchema
from booking_service.stays.search import search_stays
from shared.openapi import Blueprint, documents_errors

blp = Blueprint(
    "stays", __name__, url_prefix="/v1/venues/<string:venue>/stays", description="Stays: rooms by the night (public)"
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
