"""Tool JSON built once per catalog version and kept in this process.

Search and similar-tool answers are a handful of tools chosen per request, so they cannot be page-cached; the
tools themselves change only with the catalog. Keyed on the catalog version token, an entry can never outlive
the data it was built from.
"""

from typing import Any

from community.catalog import services
from community.catalog.api.serializers import tool_payload
from community.catalog.models import Tool
from community.catalog.selectors import attach_related_slugs

_payloads: dict[str, dict[int, dict[str, Any]]] = {}


def tool_payloads(tool_ids: list[int], version: str | None = None) -> dict[int, dict[str, Any]]:
    version = services.catalog_version() if version is None else version
    known = _payloads.get(version)
    if known is None:
        _payloads.clear()
        known = _payloads[version] = {}
    missing = [i for i in tool_ids if i not in known]
    if missing:
        tools = attach_related_slugs(list(Tool.objects.select_related("primary_stage").filter(id__in=missing)))
        known.update({tool.id: tool_payload(tool) for tool in tools})
    return {i: known[i] for i in tool_ids if i in known}
