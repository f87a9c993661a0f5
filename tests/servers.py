"""The site's own processes, started for tests and benches the way `make run` starts them: gunicorn with the
`community.gunicorn` settings, and a Celery worker (`celery -A community worker`), each in its own process
group so that stopping one takes its children with it."""

import contextlib
import http.client
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import IO
from urllib.parse import quote

ROOT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def database_url() -> str:
    """The database this process is connected to (under pytest, the test database), for processes of its own."""
    from django.db import connection

    db = connection.settings_dict
    if db["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{db['NAME']}"
    auth = quote(db["USER"]) + (f":{quote(db['PASSWORD'])}" if db.get("PASSWORD") else "")
    return f"postgres://{auth}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


def _spawn(args: list[str], env: dict[str, str] | None, log: IO | None) -> subprocess.Popen:
    output = log if log is not None else subprocess.DEVNULL
    return subprocess.Popen(
        [sys.executable, "-m", *args],
        cwd=ROOT,
        env={**os.environ, **(env or {})},
        stdout=output,
        stderr=output,
        start_new_session=True,
    )


def stop(proc: subprocess.Popen, timeout: float = 30) -> None:
    """SIGTERM to the main process, which shuts its own workers down, then SIGKILL to whatever is left of the group.

    Not SIGTERM to the whole group: the workers would get it directly too, and gunicorn's and Celery's main
    processes then spend seconds waiting on children that are already going.
    """
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        with contextlib.suppress(subprocess.TimeoutExpired):
            proc.wait(timeout=timeout)
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGKILL)
    proc.wait(timeout=10)


def start_worker(*options: str, env: dict[str, str] | None = None, log: IO | None = None) -> subprocess.Popen:
    """`celery -A community worker` with the given options (say `--pool=solo` or `--concurrency=2`)."""
    return _spawn(["celery", "-A", "community", "worker", "--loglevel=WARNING", *options], env, log)


def get(port: int, path: str) -> tuple[int, bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


class Server:
    """gunicorn serving the site on a free port of 127.0.0.1, ready once /healthz/ answers 200.

    Keyword arguments are environment variables for the server; `log` receives its output (else it is dropped).
    """

    READY_SECONDS = 90  # the workers load the embedding model before they answer

    def __init__(self, log: IO | None = None, **env: str) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.env = {"PORT": str(self.port), **env}
        self.log = log

    def __enter__(self) -> "Server":
        # No control socket: its default path is one per user, and would replace that of a `make run` going.
        args = ["gunicorn", "community.wsgi", "-c", "python:community.gunicorn", "--no-control-socket"]
        if self.log is None:
            args += ["--access-logfile", "/dev/null"]
        self.proc = _spawn(args, self.env, self.log)
        deadline = time.monotonic() + self.READY_SECONDS
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"gunicorn exited with code {self.proc.returncode} before it answered")
            try:
                if get(self.port, "/healthz/")[0] == 200:
                    return self
            except OSError:
                pass
            time.sleep(0.25)
        stop(self.proc)
        raise RuntimeError(f"gunicorn did not answer /healthz/ with 200 within {self.READY_SECONDS} s")

    def __exit__(self, *exc: object) -> None:
        stop(self.proc)
