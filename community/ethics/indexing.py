"""Feeds library texts to the embedding engine: resources under kind "resource", risk-profile examples under
"risk_example" (one vector per example sentence, so a use case can match any of a domain's phrasings)."""

from collections.abc import Callable

from community.ethics.models import Resource, RiskExample
from recommender import store
from recommender.store import SyncReport

KIND = "resource"
RISK_KIND = "risk_example"


def _resource_items(queryset) -> list[tuple[int, str]]:
    return [(r.id, r.embedding_text()) for r in queryset.for_embedding()]


def index_all(progress: Callable[[int, int], None] | None = None) -> SyncReport:
    """Embed every resource and risk example whose text changed; drop vectors of those that are gone."""
    index_risk_examples()
    return store.sync(KIND, _resource_items(Resource.objects.all()), progress)


def index_resources(resource_ids: list[int]) -> SyncReport:
    items = _resource_items(Resource.objects.filter(id__in=resource_ids))
    report = store.upsert(KIND, items)
    gone = set(resource_ids) - {oid for oid, _ in items}
    if gone:
        report.deleted = store.delete(KIND, gone)
    return report


def index_risk_examples() -> SyncReport:
    return store.sync(RISK_KIND, list(RiskExample.objects.values_list("id", "text")))


def page_version() -> str:
    """Library pages show search results and related resources, so their cache key follows the vectors too."""
    from community.ethics.services import ethics_version
    from recommender.models import IndexVersion

    vectors = IndexVersion.objects.filter(kind__in=[KIND, RISK_KIND]).order_by("kind").values_list("version", flat=True)
    return ":".join([ethics_version(), *vectors])
