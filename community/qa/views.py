from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import slugify
from django.views.decorators.http import require_POST

from community.core.pagecache import page_cache
from community.core.throttling import throttle_writes
from community.qa import indexing, selectors, services
from community.qa.forms import AnswerForm, CloseForm, QuestionForm
from community.qa.models import Answer, Question, Tag

PAGE_SIZE = 20


def _apply_errors(form, exc: ValidationError) -> None:
    for field, errors in exc.message_dict.items():
        form.add_error(None if field == "__all__" or field not in form.fields else field, errors)


@page_cache(services.qa_version)
def question_list(request: HttpRequest) -> HttpResponse:
    order = request.GET.get("sort", "newest")
    # Tags are slugs (made with slugify when asked): any other text names no tag, and could not be linked to.
    tag, text = slugify(request.GET.get("tag", ""))[:40], request.GET.get("q", "")[:200]
    page = Paginator(selectors.question_list(order, tag, text), PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request, "qa/question_list.html",
        {"page": page, "order": order if order in selectors.LIST_ORDERS else "newest", "orders": selectors.LIST_ORDERS, "tag": tag, "text": text, "querystring": query.urlencode()},
    )  # fmt: skip


@page_cache(indexing.page_version)
def question_detail(request: HttpRequest, pk: int) -> HttpResponse:
    question = get_object_or_404(
        Question.objects.select_related("author__profile", "duplicate_of").prefetch_related(
            "tags", "tools", "duplicates"
        ),
        pk=pk,
    )
    answers = selectors.answers_for(question)
    selectors.attach_my_votes(request.user, question, answers)
    return render(
        request,
        "qa/question_detail.html",
        {
            "question": question,
            "answers": answers,
            "related": selectors.related_questions(question),
            "indexed": indexing.is_indexed(question.pk),
            "form": AnswerForm(),
            "close_form": CloseForm() if request.user.is_staff else None,
        },
    )


@login_required
@throttle_writes
def question_ask(request: HttpRequest) -> HttpResponse:
    # A link may pre-fill the form (the stack recommender's "Ask the community" does); nothing is saved by GET.
    prefill = {key: request.GET.get(key, "")[:5000] for key in ("title", "body", "tags", "tools") if key in request.GET}
    form = QuestionForm(request.POST or None, initial=prefill)
    if request.method == "POST" and form.is_valid():
        try:
            question = services.question_ask(
                author=request.user, title=form.cleaned_data["title"], body=form.cleaned_data["body"],
                tags=form.cleaned_data["tags"], tools=form.cleaned_data["tools"],
            )  # fmt: skip
            return redirect(question)
        except ValidationError as exc:
            _apply_errors(form, exc)
    return render(request, "qa/question_form.html", {"form": form, "asking": True}, status=400 if form.errors else 200)


@login_required
@throttle_writes
def question_edit(request: HttpRequest, pk: int) -> HttpResponse:
    question = get_object_or_404(Question, pk=pk)
    if not question.can_edit(request.user):
        raise PermissionDenied
    initial = {
        "title": question.title, "body": question.body,
        "tags": " ".join(question.tags.values_list("slug", flat=True)), "tools": " ".join(question.tools.values_list("slug", flat=True)),
    }  # fmt: skip
    form = QuestionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.question_edit(user=request.user, question=question, **form.cleaned_data)
            return redirect(question)
        except ValidationError as exc:
            _apply_errors(form, exc)
    return render(
        request, "qa/question_form.html", {"form": form, "question": question}, status=400 if form.errors else 200
    )


def similar_fragment(request: HttpRequest) -> HttpResponse:
    """What the ask page shows under the title as it is typed (htmx)."""
    text = request.GET.get("title", "")[:300]
    return render(request, "qa/similar_fragment.html", {"similar": selectors.similar_to_text(text, 5)})


def revisions(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    post = get_object_or_404(Question if kind == "question" else Answer, pk=pk)
    return render(request, "qa/revisions.html", {"post": post, "kind": kind, "revisions": selectors.revisions_of(post)})


@require_POST
@login_required
@throttle_writes
def question_delete(request: HttpRequest, pk: int) -> HttpResponse:
    services.question_delete(user=request.user, question=get_object_or_404(Question, pk=pk))
    return redirect("qa:questions")


@require_POST
@login_required
@throttle_writes
def question_close(request: HttpRequest, pk: int) -> HttpResponse:
    question = get_object_or_404(Question, pk=pk)
    form = CloseForm(request.POST)
    if form.is_valid():
        original = (
            Question.objects.filter(pk=form.cleaned_data["duplicate_of"]).first()
            if form.cleaned_data["duplicate_of"]
            else None
        )
        try:
            services.question_close(
                user=request.user, question=question, reason=form.cleaned_data["reason"], duplicate_of=original
            )
        except ValidationError as exc:
            return render(
                request,
                "qa/error.html",
                {"messages_": exc.messages, "question": question},
                status=400,
            )
    return redirect(question)


@require_POST
@login_required
@throttle_writes
def question_reopen(request: HttpRequest, pk: int) -> HttpResponse:
    question = services.question_reopen(user=request.user, question=get_object_or_404(Question, pk=pk))
    return redirect(question)


@require_POST
@login_required
@throttle_writes
def answer_create(request: HttpRequest, pk: int) -> HttpResponse:
    question = get_object_or_404(Question, pk=pk)
    form = AnswerForm(request.POST)
    if form.is_valid():
        try:
            answer = services.answer_create(author=request.user, question=question, body=form.cleaned_data["body"])
            return redirect(answer.get_absolute_url())
        except ValidationError as exc:
            _apply_errors(form, exc)
    answers = selectors.answers_for(question)
    selectors.attach_my_votes(request.user, question, answers)
    context = {"question": question, "answers": answers, "related": [], "form": form}
    return render(request, "qa/question_detail.html", context, status=400)


@login_required
@throttle_writes
def answer_edit(request: HttpRequest, pk: int) -> HttpResponse:
    answer = get_object_or_404(Answer.objects.select_related("question"), pk=pk)
    if not answer.can_edit(request.user):
        raise PermissionDenied
    form = AnswerForm(request.POST or None, initial={"body": answer.body})
    if request.method == "POST" and form.is_valid():
        try:
            services.answer_edit(user=request.user, answer=answer, **form.cleaned_data)
            return redirect(answer.get_absolute_url())
        except ValidationError as exc:
            _apply_errors(form, exc)
    return render(request, "qa/answer_form.html", {"form": form, "answer": answer}, status=400 if form.errors else 200)


@require_POST
@login_required
@throttle_writes
def answer_delete(request: HttpRequest, pk: int) -> HttpResponse:
    answer = get_object_or_404(Answer, pk=pk)
    services.answer_delete(user=request.user, answer=answer)
    return redirect("qa:question", pk=answer.question_id)


@require_POST
@login_required
@throttle_writes
def answer_accept(request: HttpRequest, pk: int) -> HttpResponse:
    answer = get_object_or_404(Answer, pk=pk)
    services.answer_accept(user=request.user, answer=answer)
    return redirect(answer.get_absolute_url())


@require_POST
@login_required
@throttle_writes
def vote(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    post = get_object_or_404(Question if kind == "question" else Answer, pk=pk)
    try:
        value = int(request.POST.get("value", ""))
    except ValueError:
        value = 99
    try:
        score = services.vote_cast(user=request.user, post=post, value=value)
        error = ""
    except (PermissionDenied, ValidationError) as exc:
        score, error = (
            post.score,
            (exc.messages if isinstance(exc, ValidationError) else [str(exc)])[0],
        )
    if error and not request.headers.get("HX-Request"):
        messages.error(request, error)
    if request.headers.get("HX-Request"):
        mine = 0 if error else value
        return render(
            request, "qa/vote_widget.html", {"post": post, "kind": kind, "score": score, "mine": mine, "error": error}
        )
    return redirect(post.get_absolute_url())


def tag_list(request: HttpRequest) -> HttpResponse:
    return render(request, "qa/tag_list.html", {"tags": selectors.tag_list()})


def tag_detail(request: HttpRequest, slug: str) -> HttpResponse:
    tag = get_object_or_404(Tag.objects.select_related("tool", "stage"), slug=slug)
    page = Paginator(selectors.question_list(request.GET.get("sort", "newest"), tag=slug), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(request, "qa/tag_detail.html", {"tag": tag, "page": page})
