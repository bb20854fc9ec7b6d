"""The form fields and query parameters of each ConsumerApi endpoint, as pydantic models read the
way the reference (FastAPI on pydantic 2.5, lax mode) reads them, so a bad field gets the
reference's 422 entry. Tessera's own limits come on top (contract section 0): party sizes from
1, every integer within 64 bits, text of bounded length without control characters, e-mail
addresses that are addresses.

Field names are the Python names; `alias` is the name on the wire (`Customer[Email]`).
"""

from __future__ import annotations

import re
from datetime import date, time
from typing import Annotated

from marshmallow import ValidationError as MarshmallowValidationError
from marshmallow import validate
from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints
from pydantic_core import PydanticCustomError, PydanticKnownError

INT64_MIN, INT64_MAX = -(2**63), 2**63 - 1
NUMBER = re.compile(r"[-+]?\d+(\.\d*)?([eE][-+]?\d+)?")
# The booking service's PlainText: no control characters; multi-line text may hold line breaks and tabs.
ONE_LINE = r"^[^\x00-\x1f\x7f-\x9f]*$"
MULTI_LINE = r"^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]*$"


def _digits_only(value):
    """pydantic 2.5 refused whitespace around an integer and digit separators (` 2`, `1_000`);
    later versions take them, so they are refused here to answer as the reference does."""
    if isinstance(value, str) and (value != value.strip() or "_" in value):
        raise PydanticKnownError("int_parsing")
    return value


def _not_seconds(value):
    """pydantic reads a number as seconds since 1970 and takes one that falls on a midnight
    (`VisitDate=0` would be 1970-01-01); every number gets the error the contract gives a
    timestamp (`date_from_datetime_inexact`)."""
    if isinstance(value, (int, float)) or (isinstance(value, str) and NUMBER.fullmatch(value.strip())):
        raise PydanticKnownError("date_from_datetime_inexact")
    return value


def _email_address(value: str) -> str:
    try:
        validate.Email()(value)
    except MarshmallowValidationError:
        raise PydanticCustomError(
            "value_error",
            "value is not a valid email address: {reason}",
            {"reason": "The e-mail address is not valid."},
        ) from None
    return value


def _text(max_length: int, *, multiline: bool = False):
    return Annotated[str, StringConstraints(max_length=max_length, pattern=MULTI_LINE if multiline else ONE_LINE)]


CalendarDate = Annotated[date, BeforeValidator(_not_seconds)]
Int64 = Annotated[int, BeforeValidator(_digits_only), Field(ge=INT64_MIN, le=INT64_MAX)]
PartySize = Annotated[int, BeforeValidator(_digits_only), Field(ge=1, le=INT64_MAX)]
Email = Annotated[str, StringConstraints(max_length=254), AfterValidator(_email_address)]
Title = _text(20)
Name = _text(100)
Phone = _text(40)
CountryCode = _text(8)
ChannelCode = _text(32)
SpecialRequests = _text(1000, multiline=True)
RoomNumber = _text(20)
OptInText = _text(1000, multiline=True)
Reference = _text(64)
Status = _text(32)


class Form(BaseModel):
    """Unknown fields are ignored, as FastAPI does."""

    model_config = ConfigDict(extra="ignore", frozen=True)


class SearchForm(Form):
    visit_date: CalendarDate = Field(alias="VisitDate")
    party_size: Int64 = Field(alias="PartySize")  # 0 and below: any party, as the reference listed them
    channel_code: ChannelCode = Field(alias="ChannelCode")


class BookingForm(Form):
    visit_date: CalendarDate = Field(alias="VisitDate")
    visit_time: time = Field(alias="VisitTime")
    party_size: PartySize = Field(alias="PartySize")
    channel_code: ChannelCode = Field(alias="ChannelCode")
    special_requests: SpecialRequests | None = Field(None, alias="SpecialRequests")
    is_leave_time_confirmed: bool | None = Field(None, alias="IsLeaveTimeConfirmed")
    room_number: RoomNumber | None = Field(None, alias="RoomNumber")
    title: Title | None = Field(None, alias="Customer[Title]")
    first_name: Name | None = Field(None, alias="Customer[FirstName]")
    surname: Name | None = Field(None, alias="Customer[Surname]")
    mobile_country_code: CountryCode | None = Field(None, alias="Customer[MobileCountryCode]")
    mobile: Phone | None = Field(None, alias="Customer[Mobile]")
    phone_country_code: CountryCode | None = Field(None, alias="Customer[PhoneCountryCode]")
    phone: Phone | None = Field(None, alias="Customer[Phone]")
    email: Email | None = Field(None, alias="Customer[Email]")
    marketing_email: bool | None = Field(None, alias="Customer[ReceiveEmailMarketing]")
    marketing_sms: bool | None = Field(None, alias="Customer[ReceiveSmsMarketing]")
    venue_marketing_email: bool | None = Field(None, alias="Customer[ReceiveRestaurantEmailMarketing]")
    venue_marketing_sms: bool | None = Field(None, alias="Customer[ReceiveRestaurantSmsMarketing]")
    # The wording the guest agreed to: checked like any text, not kept (Tessera keeps the consents).
    group_email_opt_in_text: OptInText | None = Field(None, alias="Customer[GroupEmailMarketingOptInText]")
    group_sms_opt_in_text: OptInText | None = Field(None, alias="Customer[GroupSmsMarketingOptInText]")
    venue_email_opt_in_text: OptInText | None = Field(None, alias="Customer[RestaurantEmailMarketingOptInText]")
    venue_sms_opt_in_text: OptInText | None = Field(None, alias="Customer[RestaurantSmsMarketingOptInText]")


class BookingChangeForm(Form):
    """PATCH: every field optional."""

    visit_date: CalendarDate | None = Field(None, alias="VisitDate")
    visit_time: time | None = Field(None, alias="VisitTime")
    party_size: PartySize | None = Field(None, alias="PartySize")
    special_requests: SpecialRequests | None = Field(None, alias="SpecialRequests")
    is_leave_time_confirmed: bool | None = Field(None, alias="IsLeaveTimeConfirmed")


class BookingUpdateForm(Form):
    """POST .../Update (owner): the whole visit again; special requests left out are cleared."""

    visit_date: CalendarDate = Field(alias="VisitDate")
    visit_time: time = Field(alias="VisitTime")
    party_size: PartySize = Field(alias="PartySize")
    special_requests: SpecialRequests | None = Field(None, alias="SpecialRequests")


class CancelForm(Form):
    microsite_name: Name = Field(alias="micrositeName")
    booking_reference: Reference = Field(alias="bookingReference")
    cancellation_reason_id: Int64 = Field(alias="cancellationReasonId")


class BookingsQuery(Form):
    """GET .../Bookings. `limit` is any integer: it is clamped, never refused."""

    status: Status | None = None
    date_from: CalendarDate | None = None
    date_to: CalendarDate | None = None
    limit: Annotated[int, BeforeValidator(_digits_only)] = 100
    offset: Int64 = 0
