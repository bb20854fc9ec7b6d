"""Infrastructure shared by every Tessera service: config, logging, errors, HTTP, Celery, events.

Holds no business rules of any one service.
"""
