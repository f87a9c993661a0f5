"""Every response carries a request id, and the log lines written while serving it carry the same id as JSON."""

import json
import logging

import pytest

from community.core.requestlog import JsonFormatter, RequestIdFilter

pytestmark = pytest.mark.django_db


def test_each_request_gets_an_id_and_a_structured_access_line(client, caplog) -> None:
    caplog.handler.addFilter(RequestIdFilter())
    with caplog.at_level(logging.INFO, logger="community.access"):
        response = client.get("/tools/")
    rid = response["X-Request-ID"]
    assert len(rid) == 32
    record = next(r for r in caplog.records if r.name == "community.access")
    assert record.request_id == rid
    line = json.loads(JsonFormatter().format(record))
    assert line["request_id"] == rid and line["path"] == "/tools/" and line["status"] == 200 and "ms" in line


def test_a_sane_client_id_is_kept_and_a_hostile_one_replaced(client) -> None:
    assert client.get("/", HTTP_X_REQUEST_ID="trace-abc-12345")["X-Request-ID"] == "trace-abc-12345"
    replaced = client.get("/", HTTP_X_REQUEST_ID="<script>\n")["X-Request-ID"]
    assert replaced != "<script>\n" and len(replaced) == 32
