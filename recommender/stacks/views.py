from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.http import require_POST

from community.catalog import selectors
from community.core.throttling import throttle_writes
from recommender.stacks import hints, services
from recommender.stacks.forms import RatingForm, RecommendForm
from recommender.stacks.models import Recommendation


@throttle_writes
def recommend(request: HttpRequest) -> HttpResponse:
    form = RecommendForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        recommendation = services.recommendation_create(
            user=request.user,
            use_case=form.cleaned_data["use_case"],
            constraints=form.constraints(),
            stages=form.cleaned_data["stages"],
        )
        return redirect(recommendation)
    return render(request, "stacks/recommend.html", {"form": form}, status=400 if form.errors else 200)


def recommendation_detail(request: HttpRequest, pk: str) -> HttpResponse:
    return _detail_page(request, get_object_or_404(Recommendation, pk=pk))


def _detail_page(
    request: HttpRequest, recommendation: Recommendation, rating_form: RatingForm | None = None
) -> HttpResponse:
    """The recommendation's page; with a rating form that did not validate, that form with what was typed."""
    mine = None
    if request.user.is_authenticated:
        mine = recommendation.ratings.filter(user=request.user).first()
    ratings = recommendation.ratings.values_list("helpful", flat=True)
    return render(
        request,
        "stacks/recommendation.html",
        {
            "recommendation": recommendation,
            "result": recommendation.result,
            "rating_form": rating_form
            or RatingForm(
                initial={
                    # Nothing ticked until the person says: a default would be counted as their view.
                    "helpful": None if mine is None else "yes" if mine.helpful else "no",
                    "comment": mine.comment if mine else "",
                }
            ),
            "mine": mine,
            "helpful": sum(ratings),
            "rated": len(ratings),
            "ask_url": _ask_url(request, recommendation),
            "stage_choices": selectors.stage_choices(),
            "stack_stages": [entry["stage"] for entry in recommendation.result.get("stack", [])],
            "suggested_stages": [entry["stage"] for entry in recommendation.result.get("also_consider", [])],
            "hinted": hints.constraints_with_hints(recommendation.result),
        },
        status=400 if rating_form is not None else 200,
    )


@login_required
def my_recommendations(request: HttpRequest) -> HttpResponse:
    page = Paginator(request.user.recommendations.all(), 20).get_page(request.GET.get("page"))
    return render(request, "stacks/mine.html", {"page": page})


@require_POST
@login_required
@throttle_writes
def rate(request: HttpRequest, pk: str) -> HttpResponse:
    recommendation = get_object_or_404(Recommendation, pk=pk)
    form = RatingForm(request.POST)
    if not form.is_valid():  # shown again with the comment as typed, not lost to a redirect
        return _detail_page(request, recommendation, form)
    services.rating_submit(user=request.user, recommendation=recommendation, **form.cleaned_data)
    messages.success(request, "Thank you: your rating is saved.")
    return redirect(recommendation)


ASK_TITLE = 140  # the question form's limit
ASK_TAGS = 5


def _ask_url(request: HttpRequest, recommendation: Recommendation) -> str:
    """The ask page, pre-filled with the use case and the stack, so the community can weigh in."""
    entries = recommendation.result.get("stack", [])
    stack = [f"- {e['stage_name']}: {e['tool']['name'] if e['tool'] else 'no tool fits'}" for e in entries]
    link = request.build_absolute_uri(recommendation.get_absolute_url())  # the question lives on another page
    body = (
        f"{recommendation.use_case}\n\nMLOps Hub recommended this stack:\n\n"
        + "\n".join(stack)
        + f"\n\nWould you choose differently? ([The recommendation]({link}))"
    )
    # Every picked tool is linked to the question; the tags (at most five) are the first picks, one per tool.
    tools = list(dict.fromkeys(e["tool"]["slug"] for e in entries if e["tool"]))
    tags = tools[:ASK_TAGS]
    title = f"Which MLOps stack for: {' '.join(recommendation.use_case.split())}"
    if len(title) > ASK_TITLE:
        title = title[: ASK_TITLE - 1].rsplit(" ", 1)[0] + "…"
    query = {"title": title, "body": body[:5000], "tags": " ".join(tags), "tools": " ".join(tools)}
    return f"{reverse('qa:ask')}?{urlencode(query)}"
