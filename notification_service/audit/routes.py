from flask.views import MethodView
from flask_smorest import Blueprint

from notification_service.audit import service
from notification_service.audit.schemas import AuditPageSchema, AuditQueryArgsSchema
from shared.service_auth import require_service_token

blp = Blueprint("audit", __name__, url_prefix="/v1/audit", description="The audit log (read-only)")


@blp.route("")
class AuditLog(MethodView):
    # Snapshots hold customer contact details: only callers with the service credential
    # (the gateway, once staff auth fronts this route) may read them.
    decorators = [require_service_token]

    @blp.arguments(AuditQueryArgsSchema, location="query")
    @blp.response(200, AuditPageSchema)
    def get(self, args):
        """Audit entries in the order they happened, filtered; follow `next_cursor` for more."""
        return service.list_entries(venue=args.get("venue"), entity=args.get("entity"),
                                    entity_id=args.get("entity_id"), occurred_from=args.get("from_"),
                                    occurred_to=args.get("to"), cursor=args.get("cursor"),
                                    limit=args["limit"])
