"""Expiring holds past their TTL without stealing one that a booking already uses (guarantee 3).

Before a hold is expired the booking service is asked whether a booking references it; if
one does the hold is confirmed instead (the booking's own confirm call was lost). If the
booking service cannot answer, the hold is left for the next run: expiring it could steal
capacity from a committed booking, waiting only delays the return of capacity.
"""

from __future__ import annotations

import logging

from availability_service.extensions import booking_client
from availability_service.holds.service import confirm_hold, expire_hold_if_due, overdue_hold_ids
from shared.errors import UpstreamUnavailable

log = logging.getLogger(__name__)


def _booking_references(hold_id: str) -> bool | None:
    """True/False from the booking service, or None when it cannot tell right now."""
    try:
        response = booking_client.client.get(f"/internal/holds/{hold_id}/booking")
    except UpstreamUnavailable:
        return None
    if response.status_code == 200:
        return True
    if response.status_code == 404:
        return False
    log.warning("unexpected answer about a hold", extra={"hold_id": hold_id, "status": response.status_code})
    return None


def expire_overdue_holds(limit: int = 200) -> dict[str, int]:
    report = {"expired": 0, "confirmed": 0, "deferred": 0}
    for hold_id in overdue_hold_ids(limit):
        referenced = _booking_references(hold_id)
        if referenced is None:
            report["deferred"] += 1
        elif referenced:
            confirm_hold(hold_id)
            report["confirmed"] += 1
        elif expire_hold_if_due(hold_id):
            report["expired"] += 1
    if any(report.values()):
        log.info("hold expiry run", extra=report)
    return report
