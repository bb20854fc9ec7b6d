"""The demo venues (docs/architecture.md, README): TheHungryUnicorn, Europe/London, lunch and
dinner every day; TheHarbourHotel, Europe/Lisbon, 12 rooms of 3 types (docs/stays.md);
TheMeadowClinic, Europe/Berlin, 5 staff, 5 services and a Pilates class, 2 treatment rooms and a
studio (docs/appointments.md);
TheMakerLab, America/New_York, 6 pieces of equipment with their business hours (docs/appointments.md)."""

from __future__ import annotations

from datetime import time

from sqlalchemy import select

from availability_service.extensions import db
from availability_service.models import OpeningRule, Venue
from availability_service.rooms.schemas import RoomCreateSchema, RoomTypeCreateSchema
from availability_service.rooms.service import create_room, create_room_type
from availability_service.slots.service import fill_horizon

DEMO_SLUG = "TheHungryUnicorn"
LUNCH = (time(12, 0), time(13, 30))
DINNER = (time(19, 0), time(20, 30))


def seed_demo_venue() -> dict:
    with db.transaction() as session:
        venue = session.scalar(select(Venue).where(Venue.slug == DEMO_SLUG))
        if venue is None:
            venue = Venue(
                slug=DEMO_SLUG,
                name="The Hungry Unicorn",
                kind="restaurant",
                timezone="Europe/London",
                address="1 Rainbow Row, London",
                min_notice_minutes=30,
                horizon_days=30,
                hold_ttl_seconds=300,
                max_party_size=8,
                default_slot_minutes=90,
                default_slot_capacity=20,
                consumerapi_public_lookup=True,
            )  # the mock's clients look bookings up by reference
            session.add(venue)
            session.flush()
            for weekday in range(7):
                for first, last in (LUNCH, DINNER):
                    session.add(
                        OpeningRule(
                            venue_id=venue.id,
                            weekday=weekday,
                            first_start=first,
                            last_start=last,
                            interval_minutes=30,
                            duration_minutes=90,
                            capacity=venue.default_slot_capacity,
                        )
                    )
    return {"venue": DEMO_SLUG, "slots": fill_horizon(DEMO_SLUG)[DEMO_SLUG]}


HOTEL_SLUG = "TheHarbourHotel"
# code, name, description, max occupancy, beds, amenities, rooms (number, floor)
HOTEL_ROOM_TYPES = (
    (
        "double",
        "Double Room",
        "A quiet room over the inner courtyard.",
        2,
        "1 queen bed",
        ["Air conditioning", "Rain shower", "Wi-Fi"],
        [(f"10{n}", 1) for n in range(1, 7)],
    ),
    (
        "twin",
        "Twin Room",
        "Two single beds and a desk, facing the river.",
        2,
        "2 single beds",
        ["River view", "Desk", "Wi-Fi"],
        [(f"20{n}", 2) for n in range(1, 5)],
    ),
    (
        "family",
        "Family Suite",
        "A bedroom and a living room with a sofa bed, on the top floor.",
        4,
        "1 king bed, 1 sofa bed for 2",
        ["River view", "Balcony", "Bath", "Wi-Fi"],
        [(f"30{n}", 3) for n in range(1, 3)],
    ),
)


def seed_demo_hotel() -> dict:
    """TheHarbourHotel and its rooms, added as the staff API adds them (its schemas, then the
    rooms service, which keeps each type's units equal to its rooms in service); idempotent."""
    with db.transaction() as session:
        if session.scalar(select(Venue.id).where(Venue.slug == HOTEL_SLUG)) is not None:
            return {"venue": HOTEL_SLUG, "created": False}
        session.add(
            Venue(
                slug=HOTEL_SLUG,
                name="The Harbour Hotel",
                kind="hotel",
                timezone="Europe/Lisbon",
                address="Cais do Sodré 12, 1200-450 Lisboa",
                min_notice_minutes=0,
                horizon_days=365,
                hold_ttl_seconds=600,
                max_party_size=4,
                max_stay_nights=30,
                default_slot_capacity=0,
            )
        )
    for code, name, description, occupancy, beds, amenities, rooms in HOTEL_ROOM_TYPES:
        room_type = {"code": code, "name": name, "description": description, "max_occupancy": occupancy}
        create_room_type(
            HOTEL_SLUG, RoomTypeCreateSchema().load({**room_type, "bed_setup": beds, "amenities": amenities})
        )
        for number, floor in rooms:
            create_room(HOTEL_SLUG, RoomCreateSchema().load({"number": number, "room_type": code, "floor": floor}))
    return {"venue": HOTEL_SLUG, "created": True}


CLINIC_SLUG = "TheMeadowClinic"
WEEKDAYS, SATURDAY = range(5), 5
# name, description, weekly periods (weekdays, starts, ends)
CLINIC_STAFF = (
    ("Dr Hanna Weber", "General practitioner", [(WEEKDAYS, "08:00", "12:00"), (WEEKDAYS, "13:00", "17:00")]),
    ("Dr Jonas Richter", "General practitioner", [(WEEKDAYS, "10:00", "14:00"), (WEEKDAYS, "15:00", "19:00")]),
    ("Mia Schulz", "Physiotherapist", [(WEEKDAYS, "08:00", "16:00"), ((SATURDAY,), "09:00", "13:00")]),
    ("Lukas Becker", "Physiotherapist", [(WEEKDAYS, "11:00", "19:00"), ((SATURDAY,), "09:00", "13:00")]),
)
CLINIC_ROOMS = ("Treatment room 1", "Treatment room 2")
# The class (docs/appointments.md, "Classes"): its instructor, the studio it needs, six places a session.
CLASS_INSTRUCTOR = (
    "Sofia Lang",
    "Pilates instructor",
    [(WEEKDAYS, "09:00", "13:00"), (WEEKDAYS, "17:00", "20:00"), ((SATURDAY,), "09:00", "12:00")],
)
CLASS_STUDIO = "Movement studio"
CLASS_SERVICE = {
    "code": "pilates",
    "name": "Pilates class",
    "description": "A mat Pilates class for up to six people, all levels.",
    "duration_minutes": 50,
    "buffer_after_minutes": 10,
    "interval_minutes": 60,
    "price": "22.00",
    "currency": "EUR",
    "capacity": 6,
    "requires": ["studio"],
}
# code, name, description, minutes, buffer after, price, staff (indexes into CLINIC_STAFF), needs a room
CLINIC_SERVICES = (
    ("consultation", "Consultation", "A visit with a GP.", 20, 5, "60.00", (0, 1), False),
    ("health-check", "Health check", "A full check-up with blood pressure and tests.", 45, 10, "120.00", (0, 1), True),
    ("vaccination", "Vaccination", "Travel and seasonal vaccines.", 15, 5, "35.00", (0, 1), False),
    ("physiotherapy", "Physiotherapy", "A treatment session with a physiotherapist.", 45, 15, "75.00", (2, 3), True),
    ("sports-massage", "Sports massage", "A deep-tissue massage after sport.", 60, 15, "85.00", (2, 3), True),
)


def seed_demo_clinic() -> dict:
    """TheMeadowClinic, its staff with their hours, two treatment rooms and five services, added
    as the staff API adds them (its schemas, then its services), and its class; idempotent."""
    from availability_service.appointments.catalogue import create_service
    from availability_service.appointments.schemas import ServiceCreateSchema
    from availability_service.resources.schemas import ResourceCreateSchema
    from availability_service.resources.service import create_resource

    with db.transaction() as session:
        if session.scalar(select(Venue.id).where(Venue.slug == CLINIC_SLUG)) is not None:
            return {"venue": CLINIC_SLUG, "created": False, "class": seed_demo_class()}
        session.add(
            Venue(
                slug=CLINIC_SLUG,
                name="The Meadow Clinic",
                kind="clinic",
                timezone="Europe/Berlin",
                address="Wiesenweg 4, 10115 Berlin",
                min_notice_minutes=60,
                horizon_days=60,
                hold_ttl_seconds=600,
                max_party_size=1,
                default_slot_capacity=0,
            )
        )
    staff_ids = [_add_staff(CLINIC_SLUG, *member) for member in CLINIC_STAFF]
    for room in CLINIC_ROOMS:
        create_resource(
            CLINIC_SLUG, ResourceCreateSchema().load({"name": room, "kind": "room", "tags": ["treatment-room"]})
        )
    for code, name, description, minutes, after, price, performers, room in CLINIC_SERVICES:
        service = {
            "code": code,
            "name": name,
            "description": description,
            "duration_minutes": minutes,
            "buffer_after_minutes": after,
            "interval_minutes": 15,
            "price": price,
            "currency": "EUR",
            "staff": [staff_ids[index] for index in performers],
            "requires": ["treatment-room"] if room else [],
        }
        create_service(CLINIC_SLUG, ServiceCreateSchema().load(service))
    return {"venue": CLINIC_SLUG, "created": True, "class": seed_demo_class()}


def _add_staff(venue: str, name: str, description: str, periods) -> int:
    from availability_service.resources.schemas import ResourceCreateSchema
    from availability_service.resources.service import create_resource
    from availability_service.schedules.schemas import WeekSchema
    from availability_service.schedules.service import set_week

    member = create_resource(
        venue, ResourceCreateSchema().load({"name": name, "kind": "staff", "description": description})
    )
    week = [{"weekday": day, "starts": starts, "ends": ends} for days, starts, ends in periods for day in days]
    set_week(venue, member["id"], WeekSchema().load({"periods": week})["periods"])
    return member["id"]


def seed_demo_class() -> bool:
    """The clinic's Pilates class, its instructor and studio, when it has none yet (a clinic seeded
    before classes existed gets it too); True if it was added."""
    from availability_service.appointments.catalogue import create_service
    from availability_service.appointments.schemas import ServiceCreateSchema
    from availability_service.models import Service
    from availability_service.resources.schemas import ResourceCreateSchema
    from availability_service.resources.service import create_resource

    with db.reading() as session:
        venue_id = session.scalar(select(Venue.id).where(Venue.slug == CLINIC_SLUG))
        if session.scalar(select(Service.id).where(Service.venue_id == venue_id, Service.code == "pilates")):
            return False
    instructor = _add_staff(CLINIC_SLUG, *CLASS_INSTRUCTOR)
    create_resource(
        CLINIC_SLUG, ResourceCreateSchema().load({"name": CLASS_STUDIO, "kind": "room", "tags": ["studio"]})
    )
    create_service(CLINIC_SLUG, ServiceCreateSchema().load({**CLASS_SERVICE, "staff": [instructor]}))
    return True


LAB_SLUG = "TheMakerLab"
# name, tags, description, min, max and buffer minutes, opening (weekdays, starts, ends) periods
LAB_EQUIPMENT = (
    (
        "Laser cutter",
        ["laser", "cutting"],
        "80 W CO2 laser with a 600 × 400 mm bed: wood, acrylic, card, leather.",
        30,
        240,
        15,
        [(WEEKDAYS, "09:00", "21:00"), ((SATURDAY,), "10:00", "18:00")],
    ),
    (
        "3D printer A",
        ["3d-printing"],
        "Prusa MK4, 250 × 210 × 220 mm, PLA and PETG.",
        60,
        720,
        10,
        [(range(6), "08:00", "22:00")],
    ),
    (
        "3D printer B",
        ["3d-printing"],
        "Prusa MK4, 250 × 210 × 220 mm, PLA and PETG.",
        60,
        720,
        10,
        [(range(6), "08:00", "22:00")],
    ),
    (
        "CNC router",
        ["cnc", "woodworking"],
        "Shapeoko 5 Pro, 1200 × 600 mm: sheet goods and hardwood. Induction required.",
        60,
        240,
        30,
        [(WEEKDAYS, "09:00", "18:00")],
    ),
    (
        "Soldering station",
        ["electronics"],
        "Hakko FX-951 with fume extraction, a bench power supply and an oscilloscope.",
        30,
        180,
        0,
        [(range(6), "09:00", "21:00")],
    ),
    (
        "Vinyl cutter",
        ["cutting", "vinyl"],
        "Roland GS2-24 for stickers, stencils and heat-transfer vinyl.",
        30,
        120,
        0,
        [(WEEKDAYS, "09:00", "21:00"), ((SATURDAY,), "10:00", "18:00")],
    ),
)


def seed_demo_lab() -> dict:
    """TheMakerLab and its equipment (docs/appointments.md, "Reservations"), added as the staff API
    adds them (its schemas, then the resources and hours services); idempotent."""
    from availability_service.resources.schemas import ResourceCreateSchema
    from availability_service.resources.service import create_resource
    from availability_service.schedules.schemas import WeekSchema
    from availability_service.schedules.service import set_week

    with db.transaction() as session:
        if session.scalar(select(Venue.id).where(Venue.slug == LAB_SLUG)) is not None:
            return {"venue": LAB_SLUG, "created": False}
        session.add(
            Venue(
                slug=LAB_SLUG,
                name="The Maker Lab",
                kind="lab",
                timezone="America/New_York",
                address="12 Workshop Lane, Brooklyn, NY 11201",
                min_notice_minutes=0,
                horizon_days=365,  # a weekly series of 26 fits well inside
                hold_ttl_seconds=300,
                max_party_size=1,
                default_slot_capacity=0,
            )
        )
    for name, tags, description, shortest, longest, buffer, opening in LAB_EQUIPMENT:
        body = {
            "name": name,
            "kind": "equipment",
            "tags": tags,
            "description": description,
            "min_minutes": shortest,
            "max_minutes": longest,
            "buffer_minutes": buffer,
        }
        resource = create_resource(LAB_SLUG, ResourceCreateSchema().load(body))
        periods = [{"weekday": day, "starts": starts, "ends": ends} for days, starts, ends in opening for day in days]
        set_week(LAB_SLUG, resource["id"], WeekSchema().load({"periods": periods})["periods"])
    return {"venue": LAB_SLUG, "created": True, "equipment": len(LAB_EQUIPMENT)}
