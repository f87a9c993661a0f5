"""Writes about people: sign-up and reputation."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.db.models import F, Value
from django.db.models.functions import Greatest

from community.accounts.models import MIN_REPUTATION, Profile

User = get_user_model()


@transaction.atomic
def user_signup(*, username: str, email: str, password: str) -> AbstractBaseUser:
    user = User.objects.create_user(username=username, email=email, password=password)
    Profile.objects.create(user=user)
    return user


def profile_of(user: AbstractBaseUser) -> Profile:
    """Every account has a profile; those made outside sign-up (createsuperuser, admin) get one on first use."""
    profile, _ = Profile.objects.get_or_create(user=user)
    return profile


def reputation_change(user_id: int, delta: int) -> None:
    """Add delta to a person's reputation in the database (never below the floor), safe under concurrency."""
    if delta:
        Profile.objects.get_or_create(user_id=user_id)
        Profile.objects.filter(user_id=user_id).update(
            reputation=Greatest(F("reputation") + delta, Value(MIN_REPUTATION))
        )
