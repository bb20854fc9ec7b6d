from flask.views import MethodView
from marshmallow import fields, validate

from booking_service.appointments.moves import times_for_move
from booking_service.bookings.access import booking_access
from booking_service.bookings.schemas import CustomerAccessArgsSchema
from shared.identity import BOOKINGS_READ
from shared.openapi import Blueprint, documents_errors
from shared.schemas import AnswerSchema, CalendarDate

blp = Blueprint("appointment_moves", __name__, url_prefix="/v1/bookings", description="Moving an appointment")


class MoveTimesArgsSchema(CustomerAccessArgsSchema):
    date = CalendarDate(required=True)
    staff = fields.Integer(
        strict=False,
        validate=validate.Range(min=1, max=2**31 - 1),
        metadata={"description": "Only this staff member's times; anyone's if left out"},
    )


class MoveTimeSchema(AnswerSchema):
    time = fields.String()
    starts_at = fields.String()
    ends_at = fields.String()
    staff = fields.List(fields.Integer())
    places_left = fields.Integer(allow_none=True, metadata={"description": "A class's places left; null otherwise"})


class MoveTimesSchema(AnswerSchema):
    venue = fields.String()
    service = fields.String()
    date = fields.String()
    timezone = fields.String()
    duration_minutes = fields.Integer()
    capacity = fields.Integer(metadata={"description": "1, or a class's places per session"})
    slots = fields.List(fields.Nested(MoveTimeSchema))


@blp.route("/<string:reference>/appointment-times")
class AppointmentMoveTimes(MethodView):
    @blp.arguments(MoveTimesArgsSchema, location="query")
    @blp.response(200, MoveTimesSchema)
    @documents_errors(blp, 401, 403, 404, 409, 422)
    def get(self, args, reference):
        """Where an appointment could move on a date: the service's times as the public search
        gives them, with the appointment's own time and staff member counted free (a move may
        reuse them). The customer (with `?email=` or the signed link) or staff.

        422 `not_an_appointment`; 409 `booking_not_modifiable` once it is over or cancelled.
        """
        access = booking_access(args.get("email"), BOOKINGS_READ)
        return times_for_move(reference, access, args["date"], args.get("staff"))
