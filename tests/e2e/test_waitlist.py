"""The waitlist through the gateway (docs/appointments.md, "Waitlist"): the same person waiting twice
for an overlapping time is refused, also when the joins race; a person leaves the list from the link
of the e-mail they got on joining, staff remove someone; a declined offer, or one whose holder leaves,
goes to the next in line at once; an offer past its time, declined or taken answers why; an expired
link says so. The offer that expires and is taken once is tests/e2e/test_reservations.py's."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests
from sqlalchemy import text

from shared.config import DEV_IDENTITY_SIGNING_KEY
from shared.identity import sign_offer_link
from tests.conftest import count_rows
from tests.support.lab import at, entry_link, make_lab, monday, venue_event_types

LAB = "waitlab-e2e"
HOLDER = {"first_name": "Ada", "surname": "Byron", "email": "ada.holder@example.com"}


@pytest.fixture(scope="module")
def lab(system):
    return make_lab(system, LAB)


def person(name: str) -> dict:
    return {"first_name": name.title(), "surname": "Waits", "email": f"{name}.waits@example.com"}


def waitlist_path(lab, resource: str = "Laser cutter") -> str:
    return f"/api/v1/venues/{LAB}/resources/{lab.resources[resource]}/waitlist"


def join(lab, start: str, end: str, customer: dict) -> requests.Response:
    return lab.gateway.post(waitlist_path(lab), json={"start": start, "end": end, "customer": customer})


def status_of(lab, entry_id: str) -> str:
    return lab.gateway.get(f"/api/v1/waitlist/{entry_id}", headers=lab.staff).json()["status"]


def rows_for(lab, table: str, email: str) -> int:
    column = "contact_email" if table == "waitlist_entries" else "email"
    return count_rows(lab.system, "booking", table, f"venue = :venue AND {column} = :email", venue=LAB, email=email)


def cancel(lab, reference: str) -> None:
    answer = lab.gateway.post(
        f"/api/v1/bookings/{reference}/cancel", params={"email": HOLDER["email"]}, json={"reason_id": 1}
    )
    assert answer.status_code == 200, answer.text


def test_the_same_person_waiting_twice_for_an_overlapping_time_is_refused_even_when_the_joins_race(lab):
    day = monday(2)
    held = lab.reserve("Laser cutter", at(day, "10:00"), at(day, "14:00"), staff=False, customer=HOLDER)
    assert held.status_code == 201, held.text
    dan = person("dan")
    first = join(lab, at(day, "10:00"), at(day, "11:00"), dan)
    assert first.status_code == 201, first.text

    written = lab.written()
    shouting = dan | {"email": "Dan.Waits@Example.COM"}  # the same customer: e-mails are matched without case
    for customer, start, end in ((dan, "10:30", "11:30"), (shouting, "09:00", "10:30"), (dan, "10:00", "11:00")):
        again = join(lab, at(day, start), at(day, end), customer)
        assert (again.status_code, again.json()["error"]["code"]) == (409, "already_waiting"), again.text
        assert again.json()["error"]["details"] == {"start": at(day, "10:00"), "end": at(day, "11:00")}
        assert set(again.json()) == {"error", "request_id"}
    assert lab.written() == written
    # A time that only touches it is another wait.
    assert join(lab, at(day, "11:00"), at(day, "12:00"), dan).status_code == 201

    # Ten joins at once, by someone already known (the customer's row is the lock) and by someone new
    # (their customer row created by one, the others collide and look again): one entry each.
    eve = person("eve")
    for customer, start, end in ((dan, "12:00", "13:00"), (eve, "12:00", "13:00")):
        answers = _joins_at_once(lab, at(day, start), at(day, end), customer, 10)
        assert sorted(a.status_code for a in answers) == [201] + [409] * 9, [a.text for a in answers]
        assert {a.json()["error"]["code"] for a in answers if a.status_code == 409} == {"already_waiting"}
    assert (rows_for(lab, "waitlist_entries", dan["email"]), rows_for(lab, "waitlist_entries", eve["email"])) == (3, 1)
    assert rows_for(lab, "customers", eve["email"]) == 1

    # Off the list, the same time may be waited for again.
    eve_id = next(a.json()["id"] for a in answers if a.status_code == 201)  # the last race's
    assert lab.gateway.post(f"/api/v1/waitlist/{eve_id}/leave", json={}, headers=lab.staff).status_code == 200
    assert join(lab, at(day, "12:00"), at(day, "13:00"), eve).status_code == 201


def _joins_at_once(lab, start: str, end: str, customer: dict, how_many: int) -> list[requests.Response]:
    barrier = threading.Barrier(how_many)
    session = requests.Session()

    def join_now(_):
        barrier.wait()
        body = {"start": start, "end": end, "customer": customer}
        return session.post(f"{lab.gateway.base_url}{waitlist_path(lab)}", json=body, timeout=60)

    with session, ThreadPoolExecutor(max_workers=how_many) as pool:
        return list(pool.map(join_now, range(how_many)))


def test_a_person_leaves_from_their_e_mail_s_link_and_staff_remove_someone(lab):
    day = monday(3)
    held = lab.reserve("Laser cutter", at(day, "10:00"), at(day, "12:00"), staff=False, customer=HOLDER)
    assert held.status_code == 201, held.text
    ids = {}
    for name in ("fay", "gus", "hal"):
        joined = join(lab, at(day, "10:00"), at(day, "11:00"), person(name))
        assert joined.status_code == 201, joined.text
        ids[name] = joined.json()["id"]

    # Fay leaves with the link the joining e-mail carries.
    fay_id, fay_token = entry_link(lab.system, "fay.waits@example.com", "on the waitlist")
    assert fay_id == ids["fay"]
    assert lab.gateway.get(f"/api/v1/waitlist/{fay_id}", params={"token": fay_token}).json()["status"] == "waiting"
    other = lab.gateway.post(f"/api/v1/waitlist/{ids['gus']}/leave", json={"token": fay_token})
    assert (other.status_code, other.json()["error"]["code"]) == (404, "waitlist_entry_not_found")
    nobody = lab.gateway.post(f"/api/v1/waitlist/{fay_id}/leave", json={})
    assert (nobody.status_code, nobody.json()["error"]["code"]) == (422, "validation_failed")
    for _ in range(2):  # leaving again answers the entry as it is
        left = lab.gateway.post(f"/api/v1/waitlist/{fay_id}/leave", json={"token": fay_token})
        assert left.status_code == 200, left.text
        assert left.json()["status"] == "left"
    # Staff remove Gus.
    removed = lab.gateway.post(f"/api/v1/waitlist/{ids['gus']}/leave", json={}, headers=lab.staff)
    assert (removed.status_code, removed.json()["status"]) == (200, "left")
    listed = lab.gateway.get(waitlist_path(lab), params={"on_the_list": "true"}, headers=lab.staff).json()["items"]
    assert ids["hal"] in [entry["id"] for entry in listed]
    assert not {ids["fay"], ids["gus"]} & {entry["id"] for entry in listed}

    # When the time is freed, those who left are passed over: Hal gets it.
    cancel(lab, held.json()["reference"])
    assert status_of(lab, ids["hal"]) == "offered"
    assert (status_of(lab, ids["fay"]), status_of(lab, ids["gus"])) == ("left", "left")
    events = _event_types(lab, ids["fay"]) + _event_types(lab, ids["gus"])
    assert events.count("waitlist.left") == 2


def _event_types(lab, entry_id: str) -> list[str]:
    engine = lab.system.backend.engine("booking")
    try:
        with engine.connect() as conn:
            return list(
                conn.execute(
                    text("SELECT event_type FROM outbox_events WHERE aggregate_id = :id ORDER BY id"), {"id": entry_id}
                ).scalars()
            )
    finally:
        engine.dispose()


def test_a_declined_offer_goes_to_the_next_at_once_and_every_closed_offer_says_why(lab):
    day = monday(4)
    held = lab.reserve("Laser cutter", at(day, "14:00"), at(day, "16:00"), staff=False, customer=HOLDER)
    assert held.status_code == 201, held.text
    ids = {}
    for name in ("ian", "jo", "kim"):
        joined = join(lab, at(day, "14:30"), at(day, "15:30"), person(name))
        assert joined.status_code == 201, joined.text
        ids[name] = joined.json()["id"]
    cancel(lab, held.json()["reference"])  # the cancel offers the freed time before it answers
    assert [status_of(lab, ids[name]) for name in ("ian", "jo", "kim")] == ["offered", "waiting", "waiting"]

    ian_id, ian_token = entry_link(lab.system, "ian.waits@example.com")
    declined = lab.gateway.post(f"/api/v1/waitlist/{ian_id}/decline", json={"token": ian_token})
    assert (declined.status_code, declined.json()["status"]) == (200, "declined"), declined.text
    assert status_of(lab, ids["jo"]) == "offered"  # at once, not after the offer's minutes
    again = lab.gateway.post(f"/api/v1/waitlist/{ian_id}/decline", json={"token": ian_token})
    assert (again.status_code, again.json()["status"]) == (200, "declined")
    late = lab.gateway.post(f"/api/v1/waitlist/{ian_id}/accept", json={"token": ian_token})
    assert (late.status_code, late.json()["error"]["code"]) == (409, "offer_not_open")
    assert late.json()["error"]["details"] == {"status": "declined"}
    assert "declined" in late.json()["error"]["message"]

    # Jo leaves while her offer is open: the time goes to Kim at once.
    jo_id, jo_token = entry_link(lab.system, "jo.waits@example.com")
    left = lab.gateway.post(f"/api/v1/waitlist/{jo_id}/leave", json={"token": jo_token})
    assert (left.status_code, left.json()["status"]) == (200, "left"), left.text
    assert status_of(lab, ids["kim"]) == "offered"

    kim_id, kim_token = entry_link(lab.system, "kim.waits@example.com")
    taken = lab.gateway.post(f"/api/v1/waitlist/{kim_id}/accept", json={"token": kim_token})
    assert taken.status_code == 201, taken.text
    for action in ("decline", "leave"):
        answer = lab.gateway.post(f"/api/v1/waitlist/{kim_id}/{action}", json={"token": kim_token})
        assert (answer.status_code, answer.json()["error"]["code"]) == (409, "waitlist_entry_booked"), answer.text
    # What was held for Ian and Jo was given back: only Kim's booking holds the time.
    busy = lab.calendar("Laser cutter", day.isoformat(), day.isoformat())["busy"]
    assert [(b["start"], b["end"]) for b in busy] == [(at(day, "14:30"), at(day, "15:45"))]
    assert _event_types(lab, ian_id).count("waitlist.declined") == 1
    # Every kind of event this test made (and any the module made before it) is of the producer's schema.
    seen = venue_event_types(lab.system, LAB)
    assert {"waitlist.joined", "waitlist.declined", "waitlist.left", "waitlist.booked"} <= seen


def _offer_ran_out(lab, entry_id: str) -> None:
    engine = lab.system.backend.engine("booking")
    try:
        with engine.begin() as conn:  # test set-up: the offer's time passed a moment ago
            conn.execute(
                text("UPDATE waitlist_entries SET offer_expires_at = :past WHERE id = :id"),
                {"past": "2000-01-01 00:00:00", "id": entry_id},
            )
    finally:
        engine.dispose()


def test_an_offer_past_its_time_says_it_ran_out_and_an_expired_link_says_so(lab):
    day = monday(5)
    held = lab.reserve("Laser cutter", at(day, "10:00"), at(day, "12:00"), staff=False, customer=HOLDER)
    assert held.status_code == 201, held.text
    joined = join(lab, at(day, "10:00"), at(day, "11:00"), person("lee"))
    assert joined.status_code == 201, joined.text
    lee_id = joined.json()["id"]
    cancel(lab, held.json()["reference"])
    assert status_of(lab, lee_id) == "offered"
    _, token = entry_link(lab.system, "lee.waits@example.com")
    _offer_ran_out(lab, lee_id)
    # Whether or not the job has passed it on yet, taking or declining it says it ran out.
    for action in ("accept", "decline"):
        answer = lab.gateway.post(f"/api/v1/waitlist/{lee_id}/{action}", json={"token": token})
        assert (answer.status_code, answer.json()["error"]["code"]) == (409, "offer_not_open"), answer.text
        assert answer.json()["error"]["details"] == {"status": "offer_expired"}
        assert "ran out" in answer.json()["error"]["message"]

    key = lab.system.env.get("IDENTITY_SIGNING_KEY") or DEV_IDENTITY_SIGNING_KEY
    expired = sign_offer_link(lee_id, key, -60)
    for method, path, options in (
        ("get", "", {"params": {"token": expired}}),
        ("post", "/leave", {"json": {"token": expired}}),
        ("post", "/decline", {"json": {"token": expired}}),
    ):
        answer = getattr(lab.gateway, method)(f"/api/v1/waitlist/{lee_id}{path}", **options)
        assert (answer.status_code, answer.json()["error"]["code"]) == (401, "link_expired"), answer.text
