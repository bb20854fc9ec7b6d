from flask import current_app
from flask.views import MethodView

from availability_service.appointments import catalogue
from availability_service.appointments.holding import place_appointment
from availability_service.appointments.placement import AppointmentHoldRequest
from availability_service.appointments.schemas import (
    AppointmentHoldCreateSchema,
    AppointmentSearchArgsSchema,
    AppointmentSearchSchema,
    InternalAppointmentSearchArgsSchema,
    ServiceCreateSchema,
    ServiceListArgsSchema,
    ServiceSchema,
    ServiceUpdateSchema,
    StaffMemberSchema,
)
from availability_service.appointments.search import search_appointments
from availability_service.holds import service as holds
from availability_service.holds.schemas import HoldSchema
from shared.identity import VENUE_WRITE
from shared.openapi import Blueprint, documents_errors
from shared.pagination import PageArgsSchema, page_schema
from shared.schemas import Slug, path_value
from shared.service_auth import authorize, require_service_token, require_staff, staff_caller

blp = Blueprint(
    "appointments",
    __name__,
    url_prefix="/v1/venues/<string:venue>",
    description="Services, the staff who perform them, and when they are free",
)
internal = Blueprint(
    "appointment_holds", __name__, url_prefix="/internal/holds", description="Appointment holds (internal)"
)
internal_search = Blueprint(
    "appointment_search_internal",
    __name__,
    url_prefix="/internal/venues/<string:venue>",
    description="Appointment search for moves (internal)",
)


@blp.route("/services")
class Services(MethodView):
    @blp.arguments(ServiceListArgsSchema, location="query")
    @blp.response(200, page_schema(ServiceSchema))
    @documents_errors(blp, 401, 403, 404, 422)
    def get(self, args, venue):
        """The services on offer; follow `next_cursor` for more (staff may ask for all)."""
        if args["include_inactive"]:
            authorize(staff_caller(), venue, VENUE_WRITE)
        return catalogue.list_services(
            venue, after_id=args.get("cursor"), limit=args["limit"], active_only=not args["include_inactive"]
        )

    @require_staff(VENUE_WRITE)
    @blp.arguments(ServiceCreateSchema)
    @blp.response(201, ServiceSchema)
    @documents_errors(blp, 401, 403, 404, 409, 422)
    def post(self, body, venue):
        """Offer a service (staff): its duration, buffers, price, staff and the resources it needs."""
        return catalogue.create_service(venue, body)


@blp.route("/services/<string:code>")
class ServiceByCode(MethodView):
    @blp.response(200, ServiceSchema)
    @documents_errors(blp, 404, 422)
    def get(self, venue, code):
        return catalogue.get_service(venue, path_value(Slug(), code, "code"))

    @require_staff(VENUE_WRITE)
    @blp.arguments(ServiceUpdateSchema)
    @blp.response(200, ServiceSchema)
    @documents_errors(blp, 401, 403, 404, 422)
    def patch(self, body, venue, code):
        """Change a service (staff); appointments already booked keep their time and price."""
        return catalogue.update_service(venue, path_value(Slug(), code, "code"), body)


@blp.route("/staff")
class Staff(MethodView):
    @blp.arguments(PageArgsSchema, location="query")
    @blp.response(200, page_schema(StaffMemberSchema))
    @documents_errors(blp, 404, 422)
    def get(self, args, venue):
        """The venue's staff and the services each performs; follow `next_cursor` for more."""
        return catalogue.list_staff(venue, after_id=args.get("cursor"), limit=args["limit"])


@blp.route("/appointments/availability")
class AppointmentAvailability(MethodView):
    @blp.arguments(AppointmentSearchArgsSchema, location="query")
    @blp.response(200, AppointmentSearchSchema)
    @documents_errors(blp, 404, 422)
    def get(self, args, venue):
        """Start times of a service on a date, each with the staff free then (or only the one
        asked for), where every resource it needs is free too.

        422 `date_in_past`, `date_beyond_horizon`, `staff_not_for_service`.
        """
        return search_appointments(
            venue,
            args["service"],
            args["date"],
            args.get("staff"),
            cache_ttl_seconds=current_app.config["CACHE_TTL_SECONDS"],
        )


@internal_search.route("/appointments/availability")
class InternalAppointmentAvailability(MethodView):
    decorators = [require_service_token]

    @internal_search.arguments(InternalAppointmentSearchArgsSchema, location="query")
    @internal_search.response(200, AppointmentSearchSchema)
    @documents_errors(internal_search, 401, 404, 422)
    def get(self, args, venue):
        """The public search, for a booking's move: with `replacing`, that hold's own times count
        as free (the booking service asks it for a customer moving their appointment)."""
        return search_appointments(
            venue,
            args["service"],
            args["date"],
            args.get("staff"),
            cache_ttl_seconds=current_app.config["CACHE_TTL_SECONDS"],
            replacing=args.get("replacing"),
        )


@internal.route("/appointments")
class AppointmentHolds(MethodView):
    decorators = [require_service_token]

    @internal.arguments(AppointmentHoldCreateSchema)
    @internal.response(201, HoldSchema)
    @internal.alt_response(200, schema=HoldSchema, description="A hold already placed with this key")
    @documents_errors(internal, 401, 404, 409, 422)
    def post(self, body):
        """Hold an appointment: its staff member (the one named, or the free one booked least
        that day) and one resource of each tag the service needs, all or none; idempotent on
        `hold_key`.

        A class (a service of capacity above 1) holds `places` in the session at that time with
        room for them, or starts one (its staff member and resources held for the session).

        409 `staff_unavailable`, `resource_unavailable`, `class_full`; 422 `appointment_not_bookable`,
        `staff_not_for_service`, `party_too_large` (more places than the class has).
        """
        request = AppointmentHoldRequest(
            body["hold_key"],
            body["venue"],
            body["service"],
            body["date"],
            body["time"],
            body["staff"],
            replaces=body["replaces"],
            units=body["places"],
        )
        hold, created = holds.place_hold(request, placer=place_appointment)
        return hold, 201 if created else 200
