"""Gateway: the one public entry. Authenticates staff and integrations and routes /api/v1/... to
the service that owns it, with the caller's signed identity."""
