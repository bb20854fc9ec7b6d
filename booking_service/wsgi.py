"""The only module-level app, for gunicorn: `gunicorn booking_service.wsgi:app`."""

from booking_service.app import create_app

app = create_app()
