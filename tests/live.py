"""Real servers on loopback for the benchmarks and the outage test: gunicorn in the `make run` configuration, a
Celery worker, and a private redis-server on a free port (never the machine's Redis on 6379)."""

import http.client
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REDIS_SERVER = "/usr/bin/redis-server"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(port: int, path: str) -> float:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    started = time.perf_counter()
    conn.request("GET", path)
    response = conn.getresponse()
    response.read()
    elapsed = time.perf_counter() - started
    conn.close()
    if response.status != 200:
        raise RuntimeError(f"{path} answered {response.status}")
    return elapsed


def wait(condition, seconds: float, step: float = 0.25) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(step)
    return False


def _stop(proc: subprocess.Popen, sig: int = signal.SIGTERM) -> None:
    if proc.poll() is None:
        os.killpg(proc.pid, sig)
    proc.wait(timeout=30)


def collect_static(**env: str) -> None:
    """The hashed static files and manifest that the server's storage needs (test settings use plain storage)."""
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=ROOT,
        env={**os.environ, **env},
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


class Server:
    """gunicorn serving the site, with this process's environment plus the given variables. A test that has no
    use for a graceful stop passes stop=signal.SIGKILL (gunicorn takes seconds to stop its workers)."""

    def __init__(self, stop: int = signal.SIGTERM, **env: str) -> None:
        self.port = free_port()
        self.stop = stop
        self.env = {**os.environ, "PORT": str(self.port), **env}

    def __enter__(self) -> "Server":
        cmd = [
            sys.executable,
            "-m",
            "gunicorn",
            "community.wsgi",
            "-c",
            "python:community.gunicorn",
            "--access-logfile",
            "/dev/null",
        ]
        self.proc = subprocess.Popen(
            cmd, cwd=ROOT, env=self.env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
        )
        for _ in range(240):  # workers load the model before they answer
            try:
                get(self.port, "/healthz/")
                break
            except (OSError, RuntimeError):
                time.sleep(0.25)
        get(self.port, "/api/search/?q=warm-up")
        return self

    def __exit__(self, *exc: object) -> None:
        _stop(self.proc, self.stop)


class Worker:
    """A Celery worker (one process, `--pool=solo`); with beat=True it runs beat inside, as `make run` does."""

    def __init__(self, beat: bool = False, stop: int = signal.SIGTERM, **env: str) -> None:
        self.beat = beat
        self.stop = stop
        self.env = {**os.environ, **env}

    def __enter__(self) -> "Worker":
        cmd = [sys.executable, "-m", "celery", "-A", "community", "worker", "--pool=solo", "--loglevel=WARNING"]
        self.proc = subprocess.Popen(
            [*cmd, "-B"] if self.beat else cmd,
            cwd=ROOT,
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        return self

    def __exit__(self, *exc: object) -> None:
        _stop(self.proc, self.stop)


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
            _stop(self.proc, signal.SIGKILL)
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
