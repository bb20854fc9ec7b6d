from flask.views import MethodView

from booking_service.cancellation_reasons import service
from booking_service.cancellation_reasons.schemas import CancellationReasonListSchema
from shared.openapi import Blueprint

blp = Blueprint(
    "cancellation_reasons",
    __name__,
    url_prefix="/v1/cancellation-reasons",
    description="Why a booking may be cancelled (public)",
)


@blp.route("")
class CancellationReasons(MethodView):
    @blp.response(200, CancellationReasonListSchema)
    def get(self):
        """Every reason a cancel may give, by id."""
        return service.list_cancellation_reasons()
