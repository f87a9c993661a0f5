from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode

from community.catalog import compare, search, selectors, services
from community.catalog.filters import ToolFilter
from community.catalog.models import Stage, Tool
from community.core.pagecache import page_cache

PAGE_SIZE = 24
FACETS = ("stage", "language", "domain", "cloud", "hosting", "open_source")


def _without(params: QueryDict, key: str) -> QueryDict:
    params = params.copy()
    params.pop(key, None)
    return params


@page_cache(services.catalog_version)
def home(request: HttpRequest) -> HttpResponse:
    return render(
        request, "catalog/home.html", {"landscape": selectors.landscape(), "tool_count": Tool.objects.count()}
    )


@page_cache(services.catalog_version)
def tool_list(request: HttpRequest) -> HttpResponse:
    params = request.GET.copy()
    params.setdefault("sort", "name")
    tool_filter = ToolFilter(params, queryset=Tool.objects.for_cards())
    if not tool_filter.is_valid():
        return render(request, "catalog/tool_list.html", {"filter": tool_filter, "page": None}, status=400)
    tools = tool_filter.qs
    page = Paginator(tools, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    selected = {key: request.GET.getlist(key) for key in FACETS}
    filtered = any(k not in ("sort", "page") for k in request.GET)
    # Ticking a second value of a facet widens the list (values of one facet are either-or), so each facet with
    # a choice is counted as if that choice were not made: its counts say what ticking one more value adds.
    without_own = {
        key: ToolFilter(_without(params, key), queryset=Tool.objects.all()).qs for key in FACETS if key in params
    }
    return render(
        request,
        "catalog/tool_list.html",
        {
            "filter": tool_filter,
            "page": page,
            "facets": selectors.facet_counts(tools, filtered=filtered, chosen=selected, without_own=without_own),
            "selected": selected,
            "querystring": query.urlencode(),
        },
    )


def tool_detail(request: HttpRequest, slug: str) -> HttpResponse:
    tool = get_object_or_404(Tool.objects.for_detail(), slug=slug)
    return render(request, "catalog/tool_detail.html", {"tool": tool, "alternatives": selectors.alternatives(tool)})


@page_cache(services.catalog_version)
def stage_detail(request: HttpRequest, slug: str) -> HttpResponse:
    stage = get_object_or_404(Stage, slug=slug)
    tools = Tool.objects.for_cards().in_stage(slug).order_by("-open_source", "name")
    page = Paginator(tools, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "catalog/stage_detail.html", {"stage": stage, "page": page, "stages": Stage.objects.all()})


def compare_view(request: HttpRequest) -> HttpResponse:
    slugs = compare.parse_slugs(request.GET.get("tools", ""))
    added = request.GET.get("add", "")
    if added:
        slug = compare.resolve(added)
        if slug is None:
            return _compare_error(request, slugs, f"No tool called {added[:120]!r} is in the catalog.")
        if slug not in slugs:
            slugs.append(slug)
        return redirect(f"{reverse('catalog:compare')}?{urlencode({'tools': ','.join(slugs)})}")
    if "tools" not in request.GET:
        # Arriving from the menu: nothing chosen yet is a starting point, not a mistake.
        return render(request, "catalog/compare.html", {"tools": [], "columns": [], "slugs": "", "can_add": True})
    try:
        tools = compare.tools_to_compare(slugs)
    except compare.CompareError as exc:
        return _compare_error(request, slugs, str(exc))
    columns = [(t, ",".join(s for s in slugs if s != t.slug)) for t in tools]
    return render(
        request,
        "catalog/compare.html",
        {
            "tools": tools,
            "columns": columns,
            "rows": compare.rows(tools),
            "slugs": ",".join(slugs),
            "can_add": len(slugs) < compare.MAX_TOOLS,
        },
    )


def _compare_error(request: HttpRequest, slugs: list[str], message: str) -> HttpResponse:
    known = selectors.tools_by_slugs(slugs)
    columns = [(t, ",".join(s.slug for s in known if s != t)) for t in known]
    context = {
        "error": message,
        "tools": known,
        "columns": columns,
        "slugs": ",".join(t.slug for t in known),
        "can_add": True,
    }
    return render(request, "catalog/compare.html", context, status=400)


def search_view(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()[:300]
    results = search.with_tools(search.search_tools(query, limit=30), Tool.objects.for_cards()) if query else []
    return render(request, "catalog/search.html", {"query": query, "results": results})


def tool_suggest(request: HttpRequest) -> HttpResponse:
    """<option>s for the compare page's add-a-tool box: names starting with what was typed."""
    text = request.GET.get("add", "").strip()[:120]
    names = (
        Tool.objects.filter(name__istartswith=text).values_list("name", flat=True).order_by("name")[:10] if text else []
    )
    return render(request, "catalog/tool_suggest.html", {"names": names})
