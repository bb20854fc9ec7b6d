from alembic import context

from availability_service.models import Base
from shared.migrations import run_env

run_env(context, Base.metadata, default_version_table="availability_alembic_version")
