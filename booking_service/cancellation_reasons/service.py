"""The reasons a booking may be cancelled for (reference data, seeded by migration 0002)."""

from __future__ import annotations

from sqlalchemy import select

from booking_service.extensions import db
from booking_service.models import CancellationReason


def list_cancellation_reasons() -> dict:
    with db.reading() as session:
        reasons = session.scalars(select(CancellationReason).order_by(CancellationReason.id)).all()
        return {
            "items": [
                {
                    "id": r.id,
                    "reason": r.reason,
                    "description": r.description,
                    "customer_may_choose": r.customer_may_choose,
                }
                for r in reasons
            ],
            "next_cursor": None,
        }
