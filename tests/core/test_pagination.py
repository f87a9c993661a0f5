"""A page size the paginator cannot read is a 400 naming the field, never a server error."""

import pytest
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("raw", ["²", "٣", "0", "101", "ten"])
def test_a_page_size_that_is_not_an_ascii_number_in_range_is_a_400(raw: str) -> None:
    response = APIClient().get("/api/questions/", {"page_size": raw})
    assert response.status_code == 400
    assert "page_size" in response.json()
