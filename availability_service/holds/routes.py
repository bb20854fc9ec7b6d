"""Internal hold API: reachable only with the service credential, never through the gateway."""
from flask.views import MethodView
from flask_smorest import Blueprint

from availability_service.holds import service
from availability_service.holds.schemas import HoldCreateSchema, HoldSchema
from shared.service_auth import require_service_token

blp = Blueprint("holds", __name__, url_prefix="/internal/holds", description="Capacity holds (internal)")


@blp.route("")
class Holds(MethodView):
    decorators = [require_service_token]

    @blp.arguments(HoldCreateSchema)
    @blp.response(201, HoldSchema)
    @blp.alt_response(200, schema=HoldSchema, description="A hold already placed with this key")
    def post(self, body):
        """Take capacity on a slot; idempotent on `hold_key`."""
        hold, created = service.place_slot_hold(body["hold_key"], body["venue"], body["date"],
                                                body["time"], body["units"])
        return hold, 201 if created else 200


@blp.route("/<string:hold_id>")
class HoldById(MethodView):
    decorators = [require_service_token]

    @blp.response(200, HoldSchema)
    def get(self, hold_id):
        return service.get_hold(hold_id)


@blp.route("/<string:hold_id>/confirm")
class HoldConfirmation(MethodView):
    decorators = [require_service_token]

    @blp.response(200, HoldSchema)
    def post(self, hold_id):
        return service.confirm_hold(hold_id)


@blp.route("/<string:hold_id>/release")
class HoldRelease(MethodView):
    decorators = [require_service_token]

    @blp.response(200, HoldSchema)
    def post(self, hold_id):
        return service.release_hold(hold_id)
