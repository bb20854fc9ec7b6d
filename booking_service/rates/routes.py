"""A venue's rate plans and stay taxes, for its staff: reads need `venue:read`, changes
`venue:write` (docs/stays.md, "Rate plans and taxes")."""

from flask.views import MethodView

from booking_service.rates import service
from booking_service.rates.schemas import (
    RatePlanCreateSchema,
    RatePlanListArgsSchema,
    RatePlanSchema,
    RatePlanUpdateSchema,
    StayTaxesSchema,
    StayTaxesSetSchema,
)
from shared.identity import VENUE_READ, VENUE_WRITE
from shared.openapi import Blueprint, documents_errors
from shared.pagination import page_schema
from shared.schemas import Slug, path_value
from shared.service_auth import require_staff

blp = Blueprint(
    "rates",
    __name__,
    url_prefix="/v1/venues/<string:venue>",
    description="A venue's rate plans and taxes on stays (staff)",
)


VENUE, ROOM_TYPE, CODE = Slug(), Slug(noun="room type code"), Slug(noun="rate plan code")


def _venue(venue: str) -> str:
    return path_value(VENUE, venue, "venue")


def _plan_key(room_type: str, code: str) -> tuple[str, str]:
    return path_value(ROOM_TYPE, room_type, "room_type"), path_value(CODE, code, "code")


@blp.route("/rate-plans")
class RatePlans(MethodView):
    @require_staff(VENUE_READ)
    @blp.arguments(RatePlanListArgsSchema, location="query")
    @blp.response(200, page_schema(RatePlanSchema))
    @documents_errors(blp, 401, 403, 404, 422)
    def get(self, args, venue):
        """The venue's rate plans (of one `room_type` if given), in the order they were created."""
        return service.list_rate_plans(
            _venue(venue), room_type=args.get("room_type"), after_id=args.get("cursor"), limit=args["limit"]
        )

    @require_staff(VENUE_WRITE)
    @blp.arguments(RatePlanCreateSchema)
    @blp.response(201, RatePlanSchema)
    @documents_errors(blp, 401, 403, 404, 409, 422)
    def post(self, body, venue):
        """Add a rate plan to a room type. 409 `rate_plan_exists` for a code the room type has;
        409 `currency_mismatch` for another currency than the venue's city tax."""
        return service.create_rate_plan(_venue(venue), body)


@blp.route("/rate-plans/<string:room_type>/<string:code>")
class RatePlanByCode(MethodView):
    @require_staff(VENUE_READ)
    @blp.response(200, RatePlanSchema)
    @documents_errors(blp, 401, 403, 404, 422)
    def get(self, venue, room_type, code):
        return service.get_rate_plan(_venue(venue), *_plan_key(room_type, code))

    @require_staff(VENUE_WRITE)
    @blp.arguments(RatePlanUpdateSchema)
    @blp.response(200, RatePlanSchema)
    @documents_errors(blp, 401, 403, 404, 409, 422)
    def patch(self, body, venue, room_type, code):
        """Change a rate plan; `seasons` replace its seasons as a whole."""
        return service.update_rate_plan(_venue(venue), *_plan_key(room_type, code), body)


@blp.route("/stay-taxes")
class StayTaxes(MethodView):
    @require_staff(VENUE_READ)
    @blp.response(200, StayTaxesSchema)
    @documents_errors(blp, 401, 403, 404, 422)
    def get(self, venue):
        """The venue's taxes on stays (none until set)."""
        return service.get_stay_taxes(_venue(venue))

    @require_staff(VENUE_WRITE)
    @blp.arguments(StayTaxesSetSchema)
    @blp.response(200, StayTaxesSchema)
    @documents_errors(blp, 401, 403, 404, 409, 422)
    def put(self, body, venue):
        """Set the venue's taxes on stays. 409 `currency_mismatch` for a city tax in another
        currency than the venue's rate plans."""
        return service.set_stay_taxes(_venue(venue), body)
