from flask.views import MethodView

from notification_service.audit import service
from notification_service.audit.schemas import AuditPageSchema, AuditQueryArgsSchema
from shared.errors import ValidationFailed
from shared.identity import AUDIT_READ
from shared.openapi import Blueprint, documents_errors
from shared.service_auth import authorize, require_staff, staff_caller

blp = Blueprint("audit", __name__, url_prefix="/v1/audit", description="The audit log (read-only)")


@blp.route("")
class AuditLog(MethodView):
    # Snapshots hold customer contact details: staff read their own venues' trail only.
    @require_staff(AUDIT_READ)
    @blp.arguments(AuditQueryArgsSchema, location="query")
    @blp.response(200, AuditPageSchema)
    @documents_errors(blp, 401, 403, 404, 422)
    def get(self, args):
        """Audit entries in the order they happened, filtered; follow `next_cursor` for more.
        Staff name one of their venues; admins may leave it out."""
        caller = staff_caller()
        if "venue" in args:
            authorize(caller, args["venue"], AUDIT_READ)
        elif not caller.admin:
            raise ValidationFailed(details={"venue": ["Give one of your venues."]})
        return service.list_entries(
            venue=args.get("venue"),
            entity=args.get("entity"),
            entity_id=args.get("entity_id"),
            occurred_from=args.get("from_"),
            occurred_to=args.get("to"),
            cursor=args.get("cursor"),
            limit=args["limit"],
        )
