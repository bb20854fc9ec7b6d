from flask.views import MethodView

from availability_service.rules import service
from availability_service.rules.schemas import (
    ClosureCreateSchema,
    ClosureSchema,
    RuleCreateSchema,
    RuleSchema,
    RuleUpdateSchema,
    SlotChangesSchema,
)
from shared.identity import VENUE_WRITE
from shared.openapi import Blueprint, documents_errors
from shared.pagination import PageArgsSchema, page_schema
from shared.schemas import CalendarDate, path_value
from shared.service_auth import require_staff

blp = Blueprint(
    "rules",
    __name__,
    url_prefix="/v1/venues/<string:venue>",
    description="Opening rules and closures; slots follow every change",
)


@blp.route("/opening-rules")
class OpeningRules(MethodView):
    @blp.arguments(PageArgsSchema, location="query")
    @blp.response(200, page_schema(RuleSchema))
    @documents_errors(blp, 404, 422)
    def get(self, args, venue):
        """Weekly periods and exceptional openings, as venue wall-clock times."""
        return service.list_rules(venue, after_id=args.get("cursor"), limit=args["limit"])

    @require_staff(VENUE_WRITE)
    @blp.arguments(RuleCreateSchema)
    @blp.response(201, RuleSchema)
    @documents_errors(blp, 401, 403, 404, 422)
    def post(self, body, venue):
        """Add a period (staff); the slots it calls for are generated at once."""
        return service.create_rule(venue, body)


@blp.route("/opening-rules/<int(max=2147483647):rule_id>")
class OpeningRuleById(MethodView):
    @require_staff(VENUE_WRITE)
    @blp.arguments(RuleUpdateSchema)
    @blp.response(200, RuleSchema)
    @documents_errors(blp, 401, 403, 404, 422)
    def patch(self, body, venue, rule_id):
        """Change a period (staff); future slots follow, booked capacity is kept."""
        return service.update_rule(venue, rule_id, body)

    @require_staff(VENUE_WRITE)
    @blp.response(200, SlotChangesSchema)
    @documents_errors(blp, 401, 403, 404)
    def delete(self, venue, rule_id):
        """Remove a period (staff); its unbooked future slots go, booked ones close."""
        return service.delete_rule(venue, rule_id)


@blp.route("/closures")
class Closures(MethodView):
    @blp.arguments(PageArgsSchema, location="query")
    @blp.response(200, page_schema(ClosureSchema))
    @documents_errors(blp, 404, 422)
    def get(self, args, venue):
        """Dates the venue is closed."""
        return service.list_closures(venue, after_id=args.get("cursor"), limit=args["limit"])

    @require_staff(VENUE_WRITE)
    @blp.arguments(ClosureCreateSchema)
    @blp.response(201, ClosureSchema)
    @documents_errors(blp, 401, 403, 404, 409, 422)
    def post(self, body, venue):
        """Close the venue on a date (staff); booked slots close and keep their bookings."""
        return service.close_date(venue, body["date"], body.get("note"))


@blp.route("/closures/<string:day>")
class ClosureByDate(MethodView):
    @require_staff(VENUE_WRITE)
    @blp.response(200, SlotChangesSchema)
    @documents_errors(blp, 401, 403, 404, 422)
    def delete(self, venue, day):
        """Reopen a closed date (staff); its slots come back from the rules."""
        return service.reopen_date(venue, path_value(CalendarDate(), day, "date"))
