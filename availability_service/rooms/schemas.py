import re

from marshmallow import ValidationError, fields, validate, validates_schema

from availability_service.models import Housekeeping
from shared.schemas import AnswerSchema, CalendarDate, PatchSchema, PlainText, Slug, StrictBoolean, StrictSchema

ROOM_NUMBER = re.compile(r"[A-Za-z0-9][A-Za-z0-9-]{0,19}")
MAX_OCCUPANCY = 20


class RoomNumber(fields.String):
    """A room's number as the hotel writes it on the door: letters, digits and dashes, up to 20."""

    def _deserialize(self, value, attr, data, **kwargs):
        text = super()._deserialize(value, attr, data, **kwargs)
        if ROOM_NUMBER.fullmatch(text) is None:
            raise ValidationError("A room number is 1-20 letters, digits or dashes.")
        return text


def _amenities(**kwargs):
    return fields.List(PlainText(validate=validate.Length(min=1, max=60)), validate=validate.Length(max=30), **kwargs)


def _occupancy(**kwargs):
    return fields.Integer(strict=True, validate=validate.Range(min=1, max=MAX_OCCUPANCY), **kwargs)


class RoomTypeCreateSchema(StrictSchema):
    code = Slug(required=True, metadata={"description": "Names the type in URLs and on rate plans, e.g. `double`"})
    name = PlainText(required=True, validate=validate.Length(min=1, max=200))
    description = PlainText(multiline=True, allow_none=True, validate=validate.Length(max=2000))
    max_occupancy = _occupancy(required=True)
    bed_setup = PlainText(allow_none=True, validate=validate.Length(max=200))
    amenities = _amenities(load_default=list)


class RoomTypeUpdateSchema(PatchSchema):
    name = PlainText(validate=validate.Length(min=1, max=200))
    description = PlainText(multiline=True, allow_none=True, validate=validate.Length(max=2000))
    max_occupancy = _occupancy()
    bed_setup = PlainText(allow_none=True, validate=validate.Length(max=200))
    amenities = _amenities()


class RoomTypeSchema(AnswerSchema):
    code = fields.String()
    name = fields.String()
    description = fields.String(allow_none=True)
    max_occupancy = fields.Integer()
    bed_setup = fields.String(allow_none=True)
    amenities = fields.List(fields.String())
    units = fields.Integer(metadata={"description": "Rooms of this type in service"})


class RoomTypeListSchema(AnswerSchema):
    items = fields.List(fields.Nested(RoomTypeSchema))


def _floor(**kwargs):
    return fields.Integer(strict=True, allow_none=True, validate=validate.Range(min=-10, max=300), **kwargs)


def _housekeeping(**kwargs):
    return fields.String(validate=validate.OneOf(Housekeeping.ALL), **kwargs)


class RoomCreateSchema(StrictSchema):
    number = RoomNumber(required=True)
    room_type = Slug(required=True, metadata={"description": "The room type's code"})
    floor = _floor()
    housekeeping = _housekeeping(load_default=Housekeeping.CLEAN)
    in_service = StrictBoolean(load_default=True)


class RoomUpdateSchema(PatchSchema):
    number = RoomNumber()
    room_type = Slug(metadata={"description": "Move the room to another type"})
    floor = _floor()
    housekeeping = _housekeeping()
    in_service = StrictBoolean(metadata={"description": "Out of service, the room does not count towards its type"})


class RoomSchema(AnswerSchema):
    number = fields.String()
    floor = fields.Integer(allow_none=True)
    room_type = fields.String()
    housekeeping = fields.String(metadata={"description": ", ".join(Housekeeping.ALL)})
    in_service = fields.Boolean()


class RoomListArgsSchema(StrictSchema):
    room_type = Slug()
    housekeeping = _housekeeping()


class RoomListSchema(AnswerSchema):
    items = fields.List(fields.Nested(RoomSchema))


class NightRangeMixin:
    @validates_schema
    def _ordered(self, data, **_kwargs):
        first, end = data.get(self.FIRST), data.get(self.END)
        if first is not None and end is not None:
            if end <= first:
                raise ValidationError({self.END: ["Must be after the first night."]})
            if (end - first).days > self.MAX_NIGHTS:
                raise ValidationError({self.END: [f"At most {self.MAX_NIGHTS} nights."]})


class RoomBlockCreateSchema(NightRangeMixin, StrictSchema):
    FIRST, END, MAX_NIGHTS = "first_night", "end_night", 92
    first_night = CalendarDate(required=True)
    end_night = CalendarDate(required=True, metadata={"description": "The morning the room is back, exclusive"})
    reason = PlainText(allow_none=True, validate=validate.Length(max=500))


class RoomBlockSchema(AnswerSchema):
    id = fields.Integer()
    room = fields.String()
    room_type = fields.String()
    first_night = fields.String()
    end_night = fields.String()
    reason = fields.String(allow_none=True)
    active = fields.Boolean(metadata={"description": "False once ended"})


class RoomBlockListSchema(AnswerSchema):
    items = fields.List(fields.Nested(RoomBlockSchema))


class RoomAssignSchema(StrictSchema):
    room = RoomNumber(
        allow_none=True,
        metadata={"description": "The room's number; the best free room of the type if null or left out"},
    )


class EarlyDepartureSchema(StrictSchema):
    departure = CalendarDate(required=True, metadata={"description": "The morning the guests leave"})


class RoomAssignmentSchema(AnswerSchema):
    hold_id = fields.String()
    room = fields.String()
    room_type = fields.String()
    first_night = fields.String()
    end_night = fields.String()


class BoardArgsSchema(StrictSchema):
    date = CalendarDate(required=True, metadata={"description": "The night to show"})


class BoardRoomSchema(AnswerSchema):
    number = fields.String()
    floor = fields.Integer(allow_none=True)
    room_type = fields.String()
    housekeeping = fields.String()
    in_service = fields.Boolean()
    night = fields.String(metadata={"description": "`assigned` (to a stay), `out_of_order` or `free`"})


class RoomBoardSchema(AnswerSchema):
    venue = fields.String()
    date = fields.String()
    rooms = fields.List(fields.Nested(BoardRoomSchema))


class NightsArgsSchema(NightRangeMixin, StrictSchema):
    FIRST, END, MAX_NIGHTS = "from_", "to", 92
    from_ = CalendarDate(data_key="from", required=True, metadata={"description": "The first night"})
    to = CalendarDate(required=True, metadata={"description": "The night after the last, exclusive"})
