"""The waitlist's pure rules (booking_service/reservations/waitlist_rules.py): the same wait twice,
what leaving and declining do in every state, and why an offer is not open."""

from datetime import datetime

import pytest

from booking_service.errors import OfferNotOpen, WaitlistEntryBooked
from booking_service.models import WaitlistStatus
from booking_service.reservations.waitlist_rules import Departure, clashing, departure, offer_not_open, overlaps


def at(hour: int, minute: int = 0) -> datetime:
    return datetime(2027, 3, 8, hour, minute)


def test_ranges_overlap_only_when_they_share_an_instant():
    assert overlaps((at(10), at(12)), (at(11), at(13)))
    assert overlaps((at(10), at(12)), (at(10, 30), at(11)))  # inside
    assert not overlaps((at(10), at(12)), (at(12), at(13)))  # one ends as the other starts
    assert not overlaps((at(12), at(13)), (at(10), at(12)))


def test_a_second_wait_clashes_with_the_entry_it_overlaps():
    waiting = [(at(8), at(9)), (at(14), at(16))]
    assert clashing(waiting, (at(15), at(17))) == (at(14), at(16))
    assert clashing(waiting, (at(9), at(14))) is None
    assert clashing([], (at(9), at(14))) is None


@pytest.mark.parametrize(
    ("status", "offer_open", "expected"),
    [
        (WaitlistStatus.WAITING, False, Departure(WaitlistStatus.LEFT)),
        (WaitlistStatus.OFFERED, True, Departure(WaitlistStatus.LEFT, passes_offer_on=True)),
        (WaitlistStatus.OFFERED, False, Departure(WaitlistStatus.LEFT, passes_offer_on=True)),
        (WaitlistStatus.LEFT, False, Departure(None)),
        (WaitlistStatus.DECLINED, False, Departure(None)),
        (WaitlistStatus.OFFER_EXPIRED, False, Departure(None)),
        (WaitlistStatus.LAPSED, False, Departure(None)),
    ],
)
def test_leaving_takes_an_entry_off_the_list_and_passes_its_offer_on(status, offer_open, expected):
    assert departure(status, declining=False, offer_open=offer_open) == expected


def test_declining_an_open_offer_passes_it_on_and_declining_again_changes_nothing():
    assert departure(WaitlistStatus.OFFERED, declining=True, offer_open=True) == Departure(
        WaitlistStatus.DECLINED, passes_offer_on=True
    )
    assert departure(WaitlistStatus.DECLINED, declining=True, offer_open=False) == Departure(None)


@pytest.mark.parametrize(
    ("status", "offer_open", "said"),
    [
        (WaitlistStatus.WAITING, False, WaitlistStatus.WAITING),
        (WaitlistStatus.OFFERED, False, WaitlistStatus.OFFER_EXPIRED),  # past its time, not yet passed on
        (WaitlistStatus.OFFER_EXPIRED, False, WaitlistStatus.OFFER_EXPIRED),
        (WaitlistStatus.LEFT, False, WaitlistStatus.LEFT),
        (WaitlistStatus.LAPSED, False, WaitlistStatus.LAPSED),
    ],
)
def test_declining_without_an_open_offer_is_refused_saying_why(status, offer_open, said):
    with pytest.raises(OfferNotOpen) as refused:
        departure(status, declining=True, offer_open=offer_open)
    assert (refused.value.status, refused.value.code) == (409, "offer_not_open")
    assert refused.value.details == {"status": said}


@pytest.mark.parametrize("declining", [True, False])
def test_a_taken_offer_is_a_booking_that_neither_leaving_nor_declining_undoes(declining):
    with pytest.raises(WaitlistEntryBooked) as refused:
        departure(WaitlistStatus.BOOKED, declining=declining, offer_open=False)
    assert (refused.value.status, refused.value.code) == (409, "waitlist_entry_booked")


def test_every_state_without_an_open_offer_has_its_own_sentence():
    sentences = {offer_not_open(status, offer_open=False).message for status in WaitlistStatus.ALL}
    assert len(sentences) == len(WaitlistStatus.ALL) - 1  # an offered entry past its time reads as expired
    assert "ran out" in offer_not_open(WaitlistStatus.OFFERED, offer_open=False).message
