"""`POST .../AvailabilitySearch`: the venue's slots of a date for a party, from the capacity ledger.

Every slot of the date is listed when the party is within the venue's largest party (Tessera's
`max_party_size` is the venue's, so every slot has the same); `available` is whether the party
can book it now (room left for it, not started, not too soon); `current_bookings` is how many
confirmed bookings start then, counted by the availability service as the slot's confirmed holds
(one per booking), so a search is one internal call. A date the venue offers nothing on is an empty list.
"""

from __future__ import annotations

from gateway.consumerapi.forms import SearchForm
from gateway.consumerapi.shapes import clock_time
from gateway.consumerapi.validation import read_form
from gateway.consumerapi.venues import venue_day


def search(restaurant: str) -> dict:
    form = read_form(SearchForm)
    party = max(form.party_size, 1)  # the reference listed every slot for a party of 0 or less
    venue, slots = venue_day(restaurant, form.visit_date, party)
    listed = [
        {
            "time": clock_time(slot["time"]),
            "available": slot["bookable"],
            "max_party_size": venue["max_party_size"],
            "current_bookings": slot["confirmed_holds"],
        }
        for slot in (slots or () if party <= venue["max_party_size"] else ())
    ]
    return {
        "restaurant": venue["slug"],
        "restaurant_id": venue["id"],
        "visit_date": form.visit_date.isoformat(),
        "party_size": form.party_size,
        "channel_code": form.channel_code,
        "available_slots": listed,
        "total_slots": len(listed),
    }
