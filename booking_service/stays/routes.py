from flask import Response
from flask.views import MethodView

from booking_service.bookings.access import booking_access
from booking_service.bookings.idempotency import IDEMPOTENCY_DOC, idempotency_key_from_request, json_response
from booking_service.bookings.schemas import BookingSchema, CustomerAccessArgsSchema
from booking_service.stays import folio, front_desk, invoices, reports
from booking_service.stays.schemas import (
    CatalogueItemCreateSchema,
    CatalogueItemSchema,
    CatalogueItemUpdateSchema,
    CatalogueSchema,
    ChargeSchema,
    CheckInSchema,
    FolioSchema,
    FrontDeskArgsSchema,
    FrontDeskSchema,
    InvoiceSchema,
    ReportArgsSchema,
    RoomAssignSchema,
    StayReportSchema,
    StaySearchArgsSchema,
    StaySearchSchema,
)
from booking_service.stays.search import search_stays
from shared.identity import BOOKINGS_READ, BOOKINGS_WRITE, VENUE_WRITE
from shared.openapi import Blueprint, documents_errors
from shared.schemas import Slug, path_value
from shared.service_auth import require_staff, staff_caller

blp = Blueprint(
    "stays", __name__, url_prefix="/v1/venues/<string:venue>/stays", description="Stays: rooms by the night (public)"
)
desk = Blueprint(
    "front_desk",
    __name__,
    url_prefix="/v1/bookings",
    description="The front desk: rooms, check-in and check-out (staff)",
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


@blp.route("/front-desk")
class FrontDesk(MethodView):
    @require_staff(BOOKINGS_READ)
    @blp.arguments(FrontDeskArgsSchema, location="query")
    @blp.response(200, FrontDeskSchema)
    @documents_errors(blp, 401, 403, 404, 422)
    def get(self, args, venue):
        """The stays arriving on the date, the guests in house, and the stays leaving (staff)."""
        return front_desk.front_desk(staff_caller(), venue, args["date"])


@desk.route("/<string:reference>/room")
class StayRoom(MethodView):
    @require_staff(BOOKINGS_WRITE)
    @desk.arguments(RoomAssignSchema)
    @desk.response(200, BookingSchema)
    @documents_errors(desk, 401, 403, 404, 409, 422, 503)
    def post(self, body, reference):
        """Give the stay a room for all its nights: the one named, or the best free one of its
        type (inspected, then clean, then dirty); a stay that has one moves (staff).

        409 `room_taken` when another stay or a block has the room on one of the nights,
        `no_room_free`; 422 `room_of_another_type`, `not_a_stay`.
        """
        return front_desk.assign_room(reference, booking_access(None, BOOKINGS_WRITE), body.get("room"))


@desk.route("/<string:reference>/check-in")
class CheckIn(MethodView):
    @require_staff(BOOKINGS_WRITE)
    @desk.arguments(CheckInSchema)
    @desk.response(200, BookingSchema)
    @documents_errors(desk, 401, 403, 404, 409, 422, 503)
    def post(self, body, reference):
        """The guest is in house: from the arrival date, in the room named, the one the stay was
        given, or the best free one (staff). Checking in again answers the stay as it is.

        409 `booking_not_started` before the arrival date, `booking_not_modifiable` once over.
        """
        return front_desk.check_in(reference, booking_access(None, BOOKINGS_WRITE), body.get("room"))


@desk.route("/<string:reference>/check-out")
class CheckOut(MethodView):
    @require_staff(BOOKINGS_WRITE)
    @desk.response(200, BookingSchema)
    @documents_errors(desk, 401, 403, 404, 409, 422)
    def post(self, reference):
        """The guest has left: the stay is completed and its room marked dirty (staff). Checking
        out again answers the stay as it is."""
        return front_desk.check_out(reference, booking_access(None, BOOKINGS_WRITE))


@blp.route("/reports")
class StayReports(MethodView):
    @require_staff(BOOKINGS_READ)
    @blp.arguments(ReportArgsSchema, location="query")
    @blp.response(200, StayReportSchema)
    @documents_errors(blp, 401, 403, 404, 422, 503)
    def get(self, args, venue):
        """Occupancy, ADR and RevPAR per night and room type, and revenue by line kind, for the
        nights from `from` up to `to` (exclusive; at most 92) (staff)."""
        return reports.stay_report(staff_caller(), venue, args["from_"], args["to"])


@blp.route("/catalogue")
class Catalogue(MethodView):
    @require_staff(BOOKINGS_READ)
    @blp.response(200, CatalogueSchema)
    @documents_errors(blp, 401, 403, 404)
    def get(self, venue):
        """What the front desk can post to a guest's folio, with the stock left (staff)."""
        return folio.list_items(venue)

    @require_staff(VENUE_WRITE)
    @blp.arguments(CatalogueItemCreateSchema)
    @blp.response(201, CatalogueItemSchema)
    @documents_errors(blp, 401, 403, 404, 409, 422)
    def post(self, body, venue):
        """Add an item (staff): a price with its taxes, and a stock count unless it is not counted."""
        return folio.create_item(venue, body)


@blp.route("/catalogue/<string:code>")
class CatalogueItem(MethodView):
    @require_staff(VENUE_WRITE)
    @blp.arguments(CatalogueItemUpdateSchema)
    @blp.response(200, CatalogueItemSchema)
    @documents_errors(blp, 401, 403, 404, 422)
    def patch(self, body, venue, code):
        """Rename, reprice, restock or take off sale (staff); posted charges keep their price."""
        return folio.update_item(venue, path_value(Slug(), code, "code"), body)


@desk.route("/<string:reference>/charges")
class Charges(MethodView):
    @require_staff(BOOKINGS_WRITE)
    @desk.arguments(ChargeSchema)
    @desk.response(201, FolioSchema)
    @desk.doc(**IDEMPOTENCY_DOC)
    @documents_errors(desk, 401, 403, 404, 409, 422)
    def post(self, body, reference):
        """Post a charge from the catalogue to an in-house guest's folio (staff); the folio as it now is.

        409 `out_of_stock` when fewer are left, `booking_not_modifiable` unless the guest is in house;
        422 `idempotency_key_reused` for a key used with another charge.
        """
        status, payload = folio.post_charge(
            reference,
            booking_access(None, BOOKINGS_WRITE),
            body["item"],
            body["quantity"],
            idempotency_key=idempotency_key_from_request(),
        )
        return json_response(status, payload)


@desk.route("/<string:reference>/folio")
class Folio(MethodView):
    @desk.arguments(CustomerAccessArgsSchema, location="query")
    @desk.response(200, FolioSchema)
    @documents_errors(desk, 401, 403, 404, 422)
    def get(self, args, reference):
        """A stay's folio: the lines it was sold at, the charges posted, and their total."""
        return folio.get_folio(reference, booking_access(args.get("email"), BOOKINGS_READ))


@desk.route("/<string:reference>/invoice")
class StayInvoice(MethodView):
    @desk.arguments(CustomerAccessArgsSchema, location="query")
    @desk.response(200, InvoiceSchema)
    @documents_errors(desk, 401, 403, 404, 422)
    def get(self, args, reference):
        """The invoice issued at check-out, as issued; 404 `invoice_not_found` before."""
        return invoices.get_invoice(reference, booking_access(args.get("email"), BOOKINGS_READ))


@desk.route("/<string:reference>/invoice.pdf")
class StayInvoicePdf(MethodView):
    @desk.arguments(CustomerAccessArgsSchema, location="query")
    @desk.doc(responses={"200": {"description": "The invoice as a PDF", "content": {"application/pdf": {}}}})
    @documents_errors(desk, 401, 403, 404, 422)
    def get(self, args, reference):
        """The invoice's PDF, the file the guest was e-mailed."""
        name, pdf = invoices.get_invoice_pdf(reference, booking_access(args.get("email"), BOOKINGS_READ))
        return Response(
            pdf, mimetype="application/pdf", headers={"Content-Disposition": f'attachment; filename="{name}"'}
        )


@desk.route("/<string:reference>/invoice/credit-note")
class CreditNote(MethodView):
    @require_staff(BOOKINGS_WRITE)
    @desk.response(201, InvoiceSchema)
    @documents_errors(desk, 401, 403, 404, 422)
    def post(self, reference):
        """Correct an issued invoice with a credit note (staff): its lines negated, the next
        number; the invoice stays as issued. Asking again answers the same credit note."""
        return invoices.credit_invoice(reference, booking_access(None, BOOKINGS_WRITE))
