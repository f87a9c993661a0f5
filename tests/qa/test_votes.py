"""Votes, acceptance and reputation with Stack Overflow's amounts; exact scores under concurrency."""

import threading

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection

from community.accounts.models import Profile
from community.qa import services
from community.qa.models import Answer, Question, Vote
from tests.factories import ask, old_user


def rep(user) -> int:
    return Profile.objects.get(user=user).reputation


@pytest.mark.django_db
def test_vote_rules_and_reputation() -> None:
    q = ask()
    asker, answerer, voter = q.author, old_user(), old_user(reputation=200)
    answer = services.answer_create(author=answerer, question=q, body="Compare feature distributions weekly.")
    with pytest.raises(PermissionDenied, match="own post"):
        services.vote_cast(user=asker, post=q, value=1)
    with pytest.raises(PermissionDenied, match="125"):
        services.vote_cast(user=old_user(), post=answer, value=-1)
    with pytest.raises(ValidationError):
        services.vote_cast(user=voter, post=q, value=2)

    assert services.vote_cast(user=voter, post=q, value=1) == 1
    assert rep(asker) == 1 + 5
    assert services.vote_cast(user=voter, post=answer, value=1) == 1
    assert rep(answerer) == 1 + 10
    assert services.vote_cast(user=voter, post=answer, value=-1) == -1  # changed its mind
    assert rep(answerer) == 1  # +10 undone, -2 applied, floored at 1
    assert services.vote_cast(user=voter, post=answer, value=0) == 0  # retracted
    assert Vote.objects.filter(answer=answer).count() == 0

    services.answer_accept(user=asker, answer=answer)
    assert rep(answerer) >= 15 and rep(asker) == 6 + 2
    second = services.answer_create(author=old_user(), question=q, body="Use a drift detector such as NannyML.")
    services.answer_accept(user=asker, answer=second)
    q.refresh_from_db()
    assert q.accepted_answer == second
    assert rep(second.author) == 1 + 15
    assert rep(asker) == 6 + 2  # the accepter's +2 is not given twice
    with pytest.raises(PermissionDenied):
        services.answer_accept(user=answerer, answer=answer)


@pytest.mark.django_db(transaction=True)
def test_twenty_people_voting_at_once_leave_the_exact_score() -> None:
    q = ask()
    voters = [old_user() for _ in range(20)]
    barrier = threading.Barrier(len(voters))
    errors: list[Exception] = []

    def vote(user) -> None:
        try:
            barrier.wait()
            services.vote_cast(user=user, post=Question.objects.get(pk=q.pk), value=1)
        except Exception as exc:
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=vote, args=(u,)) for u in voters]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    q.refresh_from_db()
    assert q.score == 20 == Vote.objects.filter(question=q).count()
    assert rep(q.author) == 1 + 20 * 5


@pytest.mark.django_db(transaction=True)
def test_one_person_double_clicking_counts_once() -> None:
    q = ask()
    answer = services.answer_create(author=old_user(), question=q, body="An answer to vote on twice.")
    voter = old_user()
    barrier = threading.Barrier(5)

    def vote() -> None:
        try:
            barrier.wait()
            services.vote_cast(user=voter, post=Answer.objects.get(pk=answer.pk), value=1)
        finally:
            connection.close()

    threads = [threading.Thread(target=vote) for _ in range(5)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    answer.refresh_from_db()
    assert answer.score == 1 == Vote.objects.filter(answer=answer).count()


@pytest.mark.django_db
def test_deleting_an_answer_takes_back_what_its_votes_and_acceptance_earned() -> None:
    q = ask()
    answerer = old_user()
    answer = services.answer_create(author=answerer, question=q, body="A good answer.")
    for _ in range(3):
        services.vote_cast(user=old_user(), post=answer, value=1)
    services.answer_accept(user=q.author, answer=answer)
    assert rep(answerer) == 1 + 30 + 15
    services.answer_delete(user=answerer, answer=answer)
    q.refresh_from_db()
    assert rep(answerer) == 1 and rep(q.author) == 1
    assert q.answer_count == 0 and q.accepted_answer is None
