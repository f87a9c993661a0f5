"""Library JSON built once per library version and kept in this process.

Search and risk matching pick a handful of resources or profiles per request, so their answers cannot be
page-cached; the resources and profiles themselves change only with the library. Payloads are kept with site
paths and made absolute per request.
"""

from typing import Any

from community.ethics import selectors, services
from community.ethics.api.serializers import checklist_payload, profile_payload, resource_payload
from community.ethics.models import Resource

_cache: dict[str, dict[str, dict[Any, dict[str, Any]]]] = {}


def _known(version: str) -> dict[str, dict[Any, dict[str, Any]]]:
    if version not in _cache:
        _cache.clear()
        _cache[version] = {"resource": {}, "profile": {}, "checklist": {}}
    return _cache[version]


def resource_payloads(ids: list[int], version: str | None = None) -> dict[int, dict[str, Any]]:
    known = _known(services.ethics_version() if version is None else version)["resource"]
    missing = [i for i in ids if i not in known]
    if missing:
        known.update({r.id: resource_payload(r) for r in Resource.objects.for_api().filter(id__in=missing)})
    return {i: known[i] for i in ids if i in known}


def profile_payloads(ids: list[int], version: str | None = None) -> dict[int, dict[str, Any]]:
    known = _known(services.ethics_version() if version is None else version)["profile"]
    missing = [i for i in ids if i not in known]
    if missing:
        known.update({p.id: profile_payload(p) for p in selectors.profiles().filter(id__in=missing)})
    return {i: known[i] for i in ids if i in known}


def checklist_payloads(stage_slugs: list[str], version: str | None = None) -> dict[str, dict[str, Any]]:
    """Checklists by stage slug; a stage without one is left out."""
    known = _known(services.ethics_version() if version is None else version)["checklist"]
    missing = [s for s in stage_slugs if s not in known]
    if missing:
        known.update(
            {c.stage.slug: checklist_payload(c) for c in selectors.checklists().filter(stage__slug__in=missing)}
        )
    return {s: known[s] for s in stage_slugs if s in known}
