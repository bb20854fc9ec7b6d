from alembic import context

from notification_service.models import Base
from shared.migrations import run_env

run_env(context, Base.metadata, default_version_table="notification_alembic_version")
