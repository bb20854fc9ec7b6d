from alembic import context

from booking_service.models import Base
from shared.migrations import run_env

run_env(context, Base.metadata, default_version_table="booking_alembic_version")
