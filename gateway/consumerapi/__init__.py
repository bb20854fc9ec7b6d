"""The ConsumerApi v1 compatibility surface (shared/consumerapi-contract.md, docs/consumerapi.md):
the Restaurant Booking Mock API's paths, form fields and JSON shapes, served as an adapter onto
the Tessera services' own APIs; no booking logic of its own and no tables.

routes.py (URLs, methods) -> availability.py, bookings.py, changes.py, listing.py (one per kind
of endpoint) -> tessera.py (the service calls); forms.py + validation.py read the requests,
shapes.py writes the answers, errors.py answers what fails, owner.py checks the owner's token,
venues.py finds the restaurant and its slots.
"""

from gateway.consumerapi.routes import blp

__all__ = ["blp"]
