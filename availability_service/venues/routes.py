from flask.views import MethodView

from availability_service.venues import service
from availability_service.venues.schemas import VenueCreateSchema, VenueSchema, VenueUpdateSchema
from shared.identity import VENUE_WRITE
from shared.openapi import Blueprint, documents_errors
from shared.pagination import PageArgsSchema, page_schema
from shared.service_auth import require_admin, require_staff

blp = Blueprint("venues", __name__, url_prefix="/v1/venues", description="Venues and their booking rules")


@blp.route("")
class Venues(MethodView):
    @blp.arguments(PageArgsSchema, location="query")
    @blp.response(200, page_schema(VenueSchema))
    @documents_errors(blp, 422)
    def get(self, args):
        """Every venue, oldest first; follow `next_cursor` for more."""
        return service.list_venues(after_id=args.get("cursor"), limit=args["limit"])

    @require_admin
    @blp.arguments(VenueCreateSchema)
    @blp.response(201, VenueSchema)
    @documents_errors(blp, 401, 403, 409, 422)
    def post(self, body):
        """Create a venue (admins). Slots follow once opening rules are added."""
        return service.create_venue(body)


@blp.route("/<string:venue>")
class VenueBySlug(MethodView):
    @blp.response(200, VenueSchema)
    @documents_errors(blp, 404)
    def get(self, venue):
        """A venue and its booking rules."""
        return service.get_venue(venue)

    @require_staff(VENUE_WRITE)
    @blp.arguments(VenueUpdateSchema)
    @blp.response(200, VenueSchema)
    @documents_errors(blp, 401, 403, 404, 422)
    def patch(self, body, venue):
        """Change a venue's name or booking rules (staff); slots follow a changed horizon."""
        return service.update_venue(venue, body)
