from django.contrib.auth import get_user_model, login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from community.accounts import services
from community.accounts.forms import SignupForm
from community.core.throttling import throttle_writes
from community.qa.selectors import profile_activity


@require_http_methods(["GET", "POST"])
@throttle_writes
def signup(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("qa:questions")
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = services.user_signup(
            username=form.cleaned_data["username"],
            email=form.cleaned_data["email"],
            password=form.cleaned_data["password1"],
        )
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        return redirect("qa:questions")
    return render(request, "accounts/signup.html", {"form": form}, status=400 if form.errors else 200)


def profile(request: HttpRequest, username: str) -> HttpResponse:
    person = get_object_or_404(get_user_model(), username=username)
    return render(
        request,
        "accounts/profile.html",
        {"person": person, "profile": services.profile_of(person), **profile_activity(person)},
    )
