from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from community.core.pagecache import page_cache
from community.ethics import indexing, matching, selectors
from community.ethics.filters import ResourceFilter
from community.ethics.models import Resource, RiskProfile
from recommender import index

PAGE_SIZE = 20
FILTER_KEYS = ("kind", "topic", "region", "stage", "tool")
USE_CASE_MAX = 5000


@page_cache(indexing.page_version)
def library(request: HttpRequest) -> HttpResponse:
    resource_filter = ResourceFilter(request.GET, queryset=Resource.objects.for_cards())
    context = {
        "filter": resource_filter,
        "checklists": selectors.checklist_index(),
        "profiles": RiskProfile.objects.all(),
        "selected": {key: request.GET.getlist(key) for key in FILTER_KEYS},
        "searching": bool(request.GET.get("search", "").strip()),
    }
    if not resource_filter.is_valid():
        return render(request, "ethics/library.html", context | {"page": None}, status=400)
    resources = resource_filter.qs
    query = request.GET.copy()
    query.pop("page", None)
    context |= {
        "page": Paginator(resources, PAGE_SIZE).get_page(request.GET.get("page")),
        "facets": selectors.facet_counts(resources, chosen=context["selected"]),
        "querystring": query.urlencode(),
        "filtered": any(request.GET.get(k) for k in (*FILTER_KEYS, "search")),
    }
    return render(request, "ethics/library.html", context)


@page_cache(indexing.page_version)
def resource_detail(request: HttpRequest, slug: str) -> HttpResponse:
    resource = get_object_or_404(Resource.objects.for_detail(), slug=slug)
    items, checks = selectors.citing_checks(resource)
    related_ids = [hit.object_id for hit in index.similar(indexing.KIND, resource.id, k=6)]
    related = Resource.objects.for_cards().in_bulk(related_ids)
    return render(
        request,
        "ethics/resource_detail.html",
        {
            "resource": resource,
            "items": items,
            "checks": checks,
            "related": [related[i] for i in related_ids if i in related],
        },
    )


@page_cache(indexing.page_version)
def checklist_list(request: HttpRequest) -> HttpResponse:
    return render(request, "ethics/checklist_list.html", {"checklists": selectors.checklist_index()})


@page_cache(indexing.page_version)
def checklist_detail(request: HttpRequest, stage: str) -> HttpResponse:
    checklist = get_object_or_404(selectors.checklists(), stage__slug=stage)
    return render(
        request,
        "ethics/checklist_detail.html",
        {"checklist": checklist, "checklists": selectors.checklist_index()},
    )


def risk_profiles(request: HttpRequest) -> HttpResponse:
    """The high-risk domains, and a form that matches a described use case against them."""
    use_case = request.GET.get("use_case", "").strip()
    error = ""
    matches = None
    if "use_case" in request.GET:
        if len(use_case) < 3:
            error = "Describe the use case in a few words (at least 3 characters)."
        elif len(use_case) > USE_CASE_MAX:
            error = f"Keep the description under {USE_CASE_MAX} characters (it has {len(use_case)})."
        else:
            matches = selectors.with_full_profiles(matching.match_risk_profiles(use_case))
    return render(
        request,
        "ethics/risk_profiles.html",
        {"profiles": RiskProfile.objects.all(), "use_case": use_case, "error": error, "matches": matches},
        status=400 if error else 200,
    )


@page_cache(indexing.page_version)
def risk_profile_detail(request: HttpRequest, slug: str) -> HttpResponse:
    profile = get_object_or_404(selectors.profiles(), slug=slug)
    return render(request, "ethics/risk_profile_detail.html", {"profile": profile})
