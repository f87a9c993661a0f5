"""Requests Django refuses before any view runs still get an answer in the API's language: JSON, saying why."""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_an_oversized_api_request_is_a_json_400_saying_so(settings) -> None:
    client = Client(raise_request_exception=False)
    body = '{"use_case": "' + "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 10) + '"}'
    response = client.post("/api/recommendations/", body, content_type="application/json")
    assert response.status_code == 400
    assert response.json() == {"detail": "The request body is too large."}


def test_an_oversized_form_post_is_the_sites_400_page(settings) -> None:
    client = Client(raise_request_exception=False)
    response = client.post("/recommend/", {"use_case": "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 10)})
    assert response.status_code == 400 and "That request cannot be read" in response.content.decode()
