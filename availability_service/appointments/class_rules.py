"""Places in a class: the pure rules (docs/appointments.md, "Classes").

A class session is one staff member (and the resources the service needs) at one start time,
shared by up to its capacity. A booking takes one or more places in one session. With "any
staff" it joins the session at that time with the fewest places left that still has room for it,
so classes fill before another starts (then the lowest staff id); only when none has room does a
new session start, by the appointments' any-staff rule (appointments/rules.py: choose_staff).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SessionSeats:
    """A class session as the rules see it."""

    id: int
    staff_id: int
    capacity: int
    taken: int

    @property
    def places_left(self) -> int:
        return max(self.capacity - self.taken, 0)


def session_to_join(sessions: list[SessionSeats], places: int, staff_id: int | None = None) -> SessionSeats | None:
    """The session a booking of `places` joins (only `staff_id`'s when named), or None: start one."""
    fitting = [
        session
        for session in sessions
        if session.places_left >= places and (staff_id is None or session.staff_id == staff_id)
    ]
    return min(fitting, key=lambda session: (session.places_left, session.staff_id), default=None)


def places_left(sessions: list[SessionSeats], capacity: int, can_start: bool) -> int:
    """The most places one booking can take at a time: in a session there, or in a new one."""
    return max([session.places_left for session in sessions] + ([capacity] if can_start else []), default=0)


def class_offer(sessions: list[SessionSeats], capacity: int, starters: list[int]) -> dict:
    """What the search says of a class's time: who teaches it with room left (in a session, or
    free to start one: `starters`) and the places one booking can take (0: full)."""
    teaching = {session.staff_id for session in sessions if session.places_left > 0} | set(starters)
    return {"staff": sorted(teaching), "places_left": places_left(sessions, capacity, bool(starters))}
