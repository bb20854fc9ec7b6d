from alembic import context

from gateway.models import Base
from shared.migrations import run_env

run_env(context, Base.metadata, default_version_table="gateway_alembic_version")
