"""The only module-level app, for gunicorn: `gunicorn availability_service.wsgi:app`."""

from availability_service.app import create_app

app = create_app()
