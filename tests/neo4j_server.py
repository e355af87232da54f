"""Start/stop the real Neo4j 5.26 test server (tests/neo4j-server/neo4j-test-server).

Stdlib only. Typical use from conftest.py::

    from tests import neo4j_server            # or: import neo4j_server

    @pytest.fixture(scope="session")
    def neo4j_info():
        info = neo4j_server.start()
        yield info
        neo4j_server.stop()

Fault injection (stop in the middle of a load, restart on the same port and data)::

    info = neo4j_server.info()
    neo4j_server.stop()                       # clean SIGTERM shutdown; stop(force=True) = SIGKILL
    neo4j_server.start(data_dir=Path(info.data), port=info.port)

The password is generated per data directory and kept under the run directory
(tests/neo4j-server/run/ unless NEO4J_TEST_SERVER_RUNDIR is set); it is the same after a
restart of the same data directory.
"""

from __future__ import annotations

import json
import os
import subprocess
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

SERVER_DIR = Path(__file__).resolve().parent / "neo4j-server"
SCRIPT = SERVER_DIR / "neo4j-test-server"

__all__ = ["ServerInfo", "Neo4jServerError", "start", "stop", "info", "run_dir", "SCRIPT"]


class Neo4jServerError(RuntimeError):
    """The neo4j-test-server script failed; the message carries its output."""


@dataclass(frozen=True)
class ServerInfo:
    uri: str
    user: str
    password: str
    pid: int
    data: str

    @property
    def port(self) -> int:
        port = urlparse(self.uri).port
        assert port is not None, self.uri
        return port

    @property
    def auth(self) -> tuple[str, str]:
        return (self.user, self.password)

    def __repr__(self) -> str:  # keep the password out of test logs and tracebacks
        return f"ServerInfo(uri={self.uri!r}, user={self.user!r}, password='***', pid={self.pid}, data={self.data!r})"


def run_dir() -> Path:
    env = os.environ.get("NEO4J_TEST_SERVER_RUNDIR")
    return Path(env).resolve() if env else SERVER_DIR / "run"


def _run(*args: str, timeout: float) -> subprocess.CompletedProcess[str]:
    try:
        proc = subprocess.run(
            [str(SCRIPT), *args],
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
    except subprocess.TimeoutExpired as exc:
        raise Neo4jServerError(
            f"neo4j-test-server {' '.join(args)} timed out after {timeout}s"
        ) from exc
    if proc.returncode != 0:
        raise Neo4jServerError(
            f"neo4j-test-server {' '.join(args)} failed (exit {proc.returncode}):\n{proc.stdout}{proc.stderr}"
        )
    return proc


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def info() -> ServerInfo | None:
    """The running server's connection details, or None if no server is running."""
    path = run_dir() / "server.json"
    try:
        raw = json.loads(path.read_text())
    except (FileNotFoundError, json.JSONDecodeError):
        return None
    server = ServerInfo(
        uri=raw["uri"],
        user=raw["user"],
        password=raw["password"],
        pid=int(raw["pid"]),
        data=raw["data"],
    )
    return server if _alive(server.pid) else None


def start(
    data_dir: Path | None = None, port: int | None = None, *, timeout: float = 900
) -> ServerInfo:
    """Start the server (building it first if needed) and wait until Bolt accepts connections.

    data_dir defaults to <run dir>/data, port to a free port. If a server with the same
    data directory (and port, when given) is already running it is reused. The timeout
    covers a first Maven build as well as the start itself.
    """
    args = ["start"]
    if data_dir is not None:
        args += ["--data", str(Path(data_dir).resolve())]
    if port is not None:
        args += ["--port", str(int(port))]
    _run(*args, timeout=timeout)
    server = info()
    if server is None:
        raise Neo4jServerError(
            f"neo4j-test-server start succeeded but {run_dir() / 'server.json'} is missing"
        )
    return server


def stop(*, force: bool = False, timeout: float = 120) -> None:
    """Stop the server: SIGTERM and a clean DBMS shutdown (force=True: SIGKILL, a crash). No-op if not running."""
    _run("stop", *(["--force"] if force else []), timeout=timeout)
