"""The waitlist's rules, pure (docs/appointments.md, "Waitlist"): when two waits are the same one,
what leaving the list or declining an offer does to an entry in each state, and why an offer is
not open, in words. `waitlist.py` applies them with guarded updates."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from booking_service.errors import OfferNotOpen, WaitlistEntryBooked
from booking_service.models import WaitlistStatus

Range = tuple[datetime, datetime]


def overlaps(one: Range, other: Range) -> bool:
    """Half-open ranges: one ending as the other starts do not overlap."""
    return one[0] < other[1] and other[0] < one[1]


def clashing(waiting: list[Range], wanted: Range) -> Range | None:
    """The range of a person's entry still on the list that overlaps the one they ask to wait for:
    the same wait twice, refused (`already_waiting`)."""
    return next((each for each in waiting if overlaps(each, wanted)), None)


@dataclass(frozen=True)
class Departure:
    """What leaving or declining does: the entry's new status (None: it is already off the list, so
    nothing changes and the answer is the entry as it is) and whether an offer it held passes on."""

    status: str | None
    passes_offer_on: bool = False


def departure(status: str, *, declining: bool, offer_open: bool) -> Departure:
    """Declining needs an open offer (declining again changes nothing); leaving takes an entry off the
    list whether it waits or holds an offer (leaving again, or after it came off, changes nothing).
    A taken offer is a booking: neither undoes it. `offer_open`: offered and not yet past its time."""
    if status == WaitlistStatus.BOOKED:
        raise WaitlistEntryBooked(details={"status": status})
    if declining:
        if status == WaitlistStatus.DECLINED:
            return Departure(None)
        if status != WaitlistStatus.OFFERED or not offer_open:
            raise offer_not_open(status, offer_open=offer_open)
        return Departure(WaitlistStatus.DECLINED, passes_offer_on=True)
    if status == WaitlistStatus.WAITING:
        return Departure(WaitlistStatus.LEFT)
    if status == WaitlistStatus.OFFERED:
        return Departure(WaitlistStatus.LEFT, passes_offer_on=True)
    return Departure(None)


NOT_OPEN_BECAUSE = {
    WaitlistStatus.WAITING: "No offer has been made yet: the time is still taken. An e-mail comes if it is freed.",
    WaitlistStatus.OFFER_EXPIRED: "The offer ran out before it was taken, and went to the next person waiting.",
    WaitlistStatus.DECLINED: "The offer was declined, and went to the next person waiting.",
    WaitlistStatus.LEFT: "The entry left the waitlist, so there is no offer for it.",
    WaitlistStatus.LAPSED: "The time waited for has begun, so there is nothing left to offer.",
    WaitlistStatus.BOOKED: "The offer was taken: the reservation is booked.",
}


def offer_not_open(status: str, *, offer_open: bool) -> OfferNotOpen:
    """The `409 offer_not_open` for an entry in `status`, saying why; `details.status` names the state
    (an offer past its time that the job has not yet passed on reads as `offer_expired`)."""
    if status == WaitlistStatus.OFFERED and not offer_open:
        status = WaitlistStatus.OFFER_EXPIRED
    return OfferNotOpen(NOT_OPEN_BECAUSE.get(status), details={"status": status})
