from flask import current_app
from flask.views import MethodView

from availability_service.reservations.calendar import resource_calendar
from availability_service.reservations.schemas import ResourceCalendarArgsSchema, ResourceCalendarSchema
from availability_service.resources import service
from availability_service.resources.schemas import ResourceCreateSchema, ResourceSchema, ResourceUpdateSchema
from shared.identity import VENUE_WRITE
from shared.openapi import Blueprint, documents_errors
from shared.pagination import PageArgsSchema, page_schema
from shared.service_auth import require_staff

blp = Blueprint(
    "resources",
    __name__,
    url_prefix="/v1/venues/<string:venue>/resources",
    description="Rooms, equipment and staff booked by time range",
)


@blp.route("")
class Resources(MethodView):
    @blp.arguments(PageArgsSchema, location="query")
    @blp.response(200, page_schema(ResourceSchema))
    @documents_errors(blp, 404, 422)
    def get(self, args, venue):
        """The venue's resources; follow `next_cursor` for more."""
        return service.list_resources(venue, after_id=args.get("cursor"), limit=args["limit"])

    @require_staff(VENUE_WRITE)
    @blp.arguments(ResourceCreateSchema)
    @blp.response(201, ResourceSchema)
    @documents_errors(blp, 401, 403, 404, 409, 422)
    def post(self, body, venue):
        """Add a resource (staff)."""
        return service.create_resource(venue, body)


@blp.route("/<int(max=2147483647):resource_id>")
class ResourceById(MethodView):
    @blp.response(200, ResourceSchema)
    @documents_errors(blp, 404)
    def get(self, venue, resource_id):
        return service.get_resource(venue, resource_id)

    @require_staff(VENUE_WRITE)
    @blp.arguments(ResourceUpdateSchema)
    @blp.response(200, ResourceSchema)
    @documents_errors(blp, 401, 403, 404, 409, 422)
    def patch(self, body, venue, resource_id):
        """Change a resource (staff); 409 `capacity_below_held` below what is already held."""
        return service.update_resource(venue, resource_id, body)


@blp.route("/<int(max=2147483647):resource_id>/availability")
class ResourceAvailability(MethodView):
    @blp.arguments(ResourceCalendarArgsSchema, location="query")
    @blp.response(200, ResourceCalendarSchema)
    @documents_errors(blp, 404, 422)
    def get(self, args, venue, resource_id):
        """The resource's free and busy times from `from` to `to` (at most 92 days): free inside its
        business hours with a unit left (not past, within the horizon), busy where every unit is held."""
        return resource_calendar(
            venue, resource_id, args["from_"], args["to"], cache_ttl_seconds=current_app.config["CACHE_TTL_SECONDS"]
        )
