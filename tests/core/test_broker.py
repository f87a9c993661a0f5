"""The embedded broker delivers every message whole, even while another process is writing it."""

import contextlib
import multiprocessing
import queue
from pathlib import Path

from kombu import Connection

MESSAGES = 1500


def connect(folder: Path) -> Connection:
    options = {"data_folder_in": str(folder), "data_folder_out": str(folder), "control_folder": str(folder / "c")}
    return Connection("filesystem://localhost//", transport="community.broker:Transport", transport_options=options)


def send_all(folder: str) -> None:
    with connect(Path(folder)) as connection:
        channel = connection.default_channel
        for i in range(MESSAGES):
            channel._put("jobs", {"i": i, "padding": "x" * 20_000})  # large enough to be caught half written


def test_a_consumer_never_reads_a_message_half_written(tmp_path) -> None:
    writer = multiprocessing.get_context("fork").Process(target=send_all, args=(str(tmp_path),))
    writer.start()
    received = []
    with connect(tmp_path) as connection:
        channel = connection.default_channel
        while len(received) < MESSAGES and (writer.is_alive() or any(tmp_path.glob("*.msg"))):
            with contextlib.suppress(queue.Empty):
                received.append(channel._get("jobs")["i"])  # kombu's stock transport fails here within a few dozen
    writer.join(30)
    assert writer.exitcode == 0
    assert sorted(received) == list(range(MESSAGES))
    assert not list(tmp_path.glob("*.part"))
