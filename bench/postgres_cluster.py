"""A PostgreSQL cluster of the bench's own: initdb into a temporary directory, started on a free
port, so the chaos suite can stop and restart it without touching the machine's shared server.

The server binaries come from `/usr/lib/postgresql/<version>/bin` (the newest there) unless
`PG_BINDIR` names another directory. initdb and the server refuse to run as root: as root the
commands run as the `postgres` OS user (`runuser -u postgres --`), which then owns the data
directory; as anyone else they run directly.

    with PostgresCluster(Path(tempfile.mkdtemp())) as cluster:
        cluster.admin_url          # postgresql+psycopg2://postgres@127.0.0.1:<port>/postgres
        cluster.stop("fast"); cluster.start()
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from tests.support.backends import free_port

POSTGRES_ROOT = Path("/usr/lib/postgresql")
OS_USER = "postgres"
# Every gunicorn process of every service keeps a pool (5 + 5 overflow) per database, and the
# workers one each: the default 100 connections is too few for a production-sized system.
SERVER_SETTINGS = {
    "listen_addresses": "127.0.0.1",
    "max_connections": "400",
    "shared_buffers": "128MB",
    "log_min_messages": "warning",
}


def find_bindir() -> Path:
    if os.environ.get("PG_BINDIR"):
        return Path(os.environ["PG_BINDIR"])
    versions = sorted(
        (p for p in POSTGRES_ROOT.glob("*/bin") if (p / "initdb").exists()),
        key=lambda p: int(p.parent.name) if p.parent.name.isdigit() else 0,
    )
    if versions:
        return versions[-1]
    found = shutil.which("initdb")
    if found:
        return Path(found).parent
    raise RuntimeError(f"no PostgreSQL server binaries under {POSTGRES_ROOT} or on PATH (set PG_BINDIR)")


class PostgresCluster:
    """One PostgreSQL server in `directory` (data, socket and log), trust auth on 127.0.0.1."""

    def __init__(self, directory: Path, port: int | None = None) -> None:
        self.directory = directory
        self.data_dir = directory / "data"
        self.log_file = directory / "postgres.log"
        self.port = port or free_port()
        self.bindir = find_bindir()
        self.as_postgres = os.geteuid() == 0
        self.admin_url = f"postgresql+psycopg2://postgres@127.0.0.1:{self.port}/postgres"

    def _run(self, *args: str, timeout: float = 60) -> subprocess.CompletedProcess:
        command = [str(self.bindir / args[0]), *args[1:]]
        if self.as_postgres:
            command = ["runuser", "-u", OS_USER, "--", *command]
        result = subprocess.run(command, capture_output=True, text=True, timeout=timeout, cwd=self.directory)
        if result.returncode != 0:
            raise RuntimeError(f"{' '.join(args[:2])} failed ({result.returncode}):\n{result.stdout}{result.stderr}")
        return result

    def init(self) -> PostgresCluster:
        self.directory.mkdir(parents=True, exist_ok=True)
        if self.as_postgres:
            shutil.chown(self.directory, OS_USER, OS_USER)
        self._run(
            "initdb",
            "-D",
            str(self.data_dir),
            "-U",
            "postgres",
            "--auth=trust",
            "-E",
            "UTF8",
            "--locale=C",
            "--no-sync",
        )
        return self

    def start(self) -> PostgresCluster:
        options = " ".join(
            f"-c {name}={value}"
            for name, value in {**SERVER_SETTINGS, "port": self.port, "unix_socket_directories": self.directory}.items()
        )
        self._run(
            "pg_ctl", "start", "-D", str(self.data_dir), "-l", str(self.log_file), "-o", options, "-w", "-t", "60"
        )
        return self

    def stop(self, mode: str = "fast") -> None:
        """`fast`: roll back open transactions, disconnect everyone, shut down cleanly;
        `immediate`: quit at once, recovery on the next start (a crash, as far as the server knows)."""
        self._run("pg_ctl", "stop", "-D", str(self.data_dir), "-m", mode, "-w", "-t", "60")

    def running(self) -> bool:
        return (
            subprocess.run(
                [str(self.bindir / "pg_isready"), "-h", "127.0.0.1", "-p", str(self.port), "-q"], timeout=10
            ).returncode
            == 0
        )

    def destroy(self) -> None:
        """Stop the server if it runs and delete its directory."""
        if (self.data_dir / "postmaster.pid").exists():
            try:
                self.stop("immediate")
            except RuntimeError:
                pass
        shutil.rmtree(self.directory, ignore_errors=True)

    def __enter__(self) -> PostgresCluster:
        try:
            return self.init().start()
        except BaseException:
            self.destroy()
            raise

    def __exit__(self, *_exc) -> None:
        self.destroy()
