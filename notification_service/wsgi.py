"""The only module-level app, for gunicorn: `gunicorn notification_service.wsgi:app`."""

from notification_service import create_app

app = create_app()
