-- Runs once, when the postgres container initialises an empty data volume
-- (mounted into /docker-entrypoint-initdb.d by docker-compose.yml).
-- One database per service: each service owns its schema and its Alembic version table,
-- and no service reads another's tables.
-- To re-run it, remove the volume: docker-compose down -v
CREATE DATABASE tessera_availability;
CREATE DATABASE tessera_booking;
CREATE DATABASE tessera_notification;
CREATE DATABASE tessera_gateway;
