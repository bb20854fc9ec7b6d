"""The URL space of the ConsumerApi surface: `/api/ConsumerApi/v1/Restaurant/{restaurant_name}/...`.

Every route answers every method: the ones it does not serve get the reference's
`405 {"detail": "Method Not Allowed"}`, and a path it does not know `404 {"detail": "Not Found"}`,
rather than the Tessera envelope. The routes that name a booking reference have the gateway's
stricter look-up rate limit, as `/api/v1/bookings/<reference>` has.
"""

from __future__ import annotations

from collections.abc import Callable

from flask import Blueprint, request
from werkzeug.exceptions import MethodNotAllowed, NotFound

from gateway.consumerapi import availability, bookings, changes, listing
from gateway.consumerapi.errors import install_error_handlers, json_response
from gateway.limits import booking_lookup_limits

blp = Blueprint("consumerapi", __name__, url_prefix="/api/ConsumerApi")
RESTAURANT = "/v1/Restaurant/<restaurant>"
EVERY_METHOD = ["GET", "POST", "PUT", "PATCH", "DELETE"]  # HEAD comes with GET, OPTIONS is CORS's


def _route(rule: str, endpoint: str, handlers: dict[str, Callable], *, names_a_booking: bool = False) -> None:
    def view(**path):
        handler = handlers.get("GET" if request.method == "HEAD" else request.method)
        if handler is None:
            raise MethodNotAllowed(valid_methods=sorted(handlers))
        return json_response(handler(**path))

    view.__name__ = view.__qualname__ = endpoint  # flask-limiter tells views apart by name
    blp.add_url_rule(
        RESTAURANT + rule, endpoint, booking_lookup_limits(view) if names_a_booking else view, methods=EVERY_METHOD
    )


_route("/AvailabilitySearch", "availability_search", {"POST": availability.search})
_route("/BookingWithStripeToken", "create_booking", {"POST": bookings.create})
_route("/Booking/<reference>", "booking", {"GET": bookings.read, "PATCH": changes.change}, names_a_booking=True)
_route("/Booking/<reference>/Update", "update_booking", {"POST": changes.update}, names_a_booking=True)
_route("/Booking/<reference>/Cancel", "cancel_booking", {"POST": bookings.cancel}, names_a_booking=True)
_route("/Bookings", "list_bookings", {"GET": listing.list_for_owner})
_route("/CancellationReasons", "cancellation_reasons", {"GET": bookings.cancellation_reasons})


@blp.route("/<path:unknown>", methods=EVERY_METHOD)
def unknown_path(unknown: str):
    raise NotFound()


install_error_handlers(blp)
