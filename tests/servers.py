"""The site's own processes, started for tests and benches the way `make run` starts them: gunicorn with the
`community.gunicorn` settings, a Celery worker (`celery -A community worker`) and `collectstatic`, each in its own
process group so that stopping one takes its children with it; and a private redis-server on a free port (never
the machine's Redis on 6379) for a test that takes Redis away."""

import contextlib
import http.client
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO
from urllib.parse import quote

ROOT = Path(__file__).resolve().parents[1]
REDIS_SERVER = "/usr/bin/redis-server"


@contextlib.contextmanager
def inprocess_worker(purge: bool = True) -> Iterator[object]:
    """A Celery worker in a thread of this process, on the configured broker: enough for tasks that only touch
    the database. `purge` first empties the queue of what earlier tests left."""
    from celery.contrib.testing.worker import start_worker

    from community.celery import app

    if purge:
        app.control.purge()
    with start_worker(app, pool="solo", perform_ping_check=False, loglevel="WARNING", shutdown_timeout=30) as w:
        yield w


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


def wait(condition: Callable[[], object], seconds: float, step: float = 0.25) -> bool:
    """Whether `condition()` came true within `seconds`, asked every `step` seconds."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(step)
    return False


def _spawn(args: list[str], env: dict[str, str] | None, log: IO | None) -> subprocess.Popen:
    output = log if log is not None else subprocess.DEVNULL
    return subprocess.Popen(
        [sys.executable, *args],
        cwd=ROOT,
        env={**os.environ, **(env or {})},
        stdout=output,
        stderr=output,
        start_new_session=True,
    )


def kill(proc: subprocess.Popen) -> None:
    """SIGKILL to the process's whole group, at once: an outage, or a stop nobody needs to be graceful."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGKILL)
    proc.wait(timeout=10)


def stop(proc: subprocess.Popen, timeout: float = 30) -> None:
    """SIGTERM to the main process, which shuts its own workers down, then SIGKILL to whatever is left of the group.

    Not SIGTERM to the whole group: the workers would get it directly too, and gunicorn's and Celery's main
    processes then spend seconds waiting on children that are already going.
    """
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        with contextlib.suppress(subprocess.TimeoutExpired):
            proc.wait(timeout=timeout)
    kill(proc)


def _end(proc: subprocess.Popen, graceful: bool) -> None:
    if graceful:
        stop(proc)
    else:
        kill(proc)


def collect_static(env: dict[str, str] | None = None, log: IO | None = None) -> subprocess.Popen:
    """Starts `manage.py collectstatic`: the hashed static files and manifest that the server's storage needs (the
    test settings use plain storage). Not awaited, so that it can run while the servers load the model."""
    return _spawn(["manage.py", "collectstatic", "--noinput", "-v0"], env, log)


def start_worker(*options: str, env: dict[str, str] | None = None, log: IO | None = None) -> subprocess.Popen:
    """`celery -A community worker` with the given options (say `--pool=solo`, `--concurrency=2` or `-B`)."""
    return _spawn(["-m", "celery", "-A", "community", "worker", "--loglevel=WARNING", *options], env, log)


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
    `warm` serves one search before the block starts, so that the first one a test or bench times is not the
    workers' first encode. `graceful=False` kills it at the end: gunicorn takes seconds to stop its workers.
    """

    READY_SECONDS = 90  # the workers load the embedding model before they answer

    def __init__(self, log: IO | None = None, warm: bool = False, graceful: bool = True, **env: str) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.env = {"PORT": str(self.port), **env}
        self.log = log
        self.warm = warm
        self.graceful = graceful

    def __enter__(self) -> "Server":
        # No control socket: its default path is one per user, and would replace that of a `make run` going.
        args = ["-m", "gunicorn", "community.wsgi", "-c", "python:community.gunicorn", "--no-control-socket"]
        if self.log is None:
            args += ["--access-logfile", "/dev/null"]
        self.proc = _spawn(args, self.env, self.log)
        try:
            self._wait_ready()
            if self.warm and (status := get(self.port, "/api/search/?q=warm-up")[0]) != 200:
                raise RuntimeError(f"the warm-up search answered {status}")
        except BaseException:
            stop(self.proc)
            raise
        return self

    def _wait_ready(self) -> None:
        deadline = time.monotonic() + self.READY_SECONDS
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"gunicorn exited with code {self.proc.returncode} before it answered")
            try:
                if get(self.port, "/healthz/")[0] == 200:
                    return
            except OSError:
                pass
            time.sleep(0.25)
        raise RuntimeError(f"gunicorn did not answer /healthz/ with 200 within {self.READY_SECONDS} s")

    def __exit__(self, *exc: object) -> None:
        _end(self.proc, self.graceful)


class Worker:
    """A Celery worker for the length of a `with` block: `start_worker` with the given options and environment;
    `graceful=False` kills it at the end."""

    def __init__(self, *options: str, log: IO | None = None, graceful: bool = True, **env: str) -> None:
        self.options = options
        self.env = env
        self.log = log
        self.graceful = graceful

    def __enter__(self) -> "Worker":
        self.proc = start_worker(*self.options, env=self.env, log=self.log)
        return self

    def __exit__(self, *exc: object) -> None:
        _end(self.proc, self.graceful)


class RedisServer:
    """A private, empty redis-server on a free port: nothing saved to disk, so a restart starts it empty, as a
    Redis that lost its memory would."""

    def __init__(self) -> None:
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.proc: subprocess.Popen | None = None

    def start(self) -> None:
        cmd = [REDIS_SERVER, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
        self.proc = subprocess.Popen(
            [*cmd, "--daemonize", "no"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
        )
        if not wait(self._answers, 10, 0.05):
            raise RuntimeError(f"redis-server did not start on port {self.port}")

    def kill(self) -> None:
        """An outage: the server dies at once, with whatever it held."""
        if self.proc is not None:
            kill(self.proc)
            self.proc = None

    def _answers(self) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=0.5) as s:
                s.sendall(b"PING\r\n")
                return s.recv(16).startswith(b"+PONG")
        except OSError:
            return False

    def __enter__(self) -> "RedisServer":
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.kill()
