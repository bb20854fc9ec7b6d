"""The only module-level app, for gunicorn: `gunicorn notification_service.wsgi:app`."""

from notification_service.app import create_app

app = create_app()
