"""Each law's stages and sectors are read once per library version, and again when the library changes."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from community.ethics.laws import law_facts
from community.ethics.models import Resource, RiskProfile
from community.ethics.services import resource_delete

pytestmark = pytest.mark.django_db


def test_read_once_per_library_version_and_again_after_a_change() -> None:
    first = law_facts()
    lending = RiskProfile.objects.get(slug="lending")
    ecoa = Resource.objects.get(slug="equal-credit-opportunity-act-regulation-b")
    assert lending.id in first.sectors[ecoa.id] and first.stages[ecoa.id]
    with CaptureQueriesContext(connection) as queries:
        assert law_facts() is first
    assert len(queries) == 1  # the version, nothing else

    ecoa_id = ecoa.id
    resource_delete(ecoa)
    assert ecoa_id not in law_facts().stages
