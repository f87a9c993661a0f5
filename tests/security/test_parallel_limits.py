"""Limits hold when the requests arrive together: the write throttle and the new-account question limit."""

import threading

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client

from community.core.throttling import WriteRateThrottle
from community.qa.models import Question
from tests.factories import UserFactory, ask, old_user

PARALLEL = 12


def together(action, count: int = PARALLEL) -> list:
    barrier = threading.Barrier(count)
    results: list = []

    def run() -> None:
        try:
            barrier.wait()
            results.append(action())
        except Exception as exc:
            results.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(count)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results


@pytest.mark.django_db(transaction=True)
def test_the_write_throttle_counts_parallel_requests_exactly(monkeypatch) -> None:
    monkeypatch.setattr(WriteRateThrottle, "THROTTLE_RATES", {"writes": "5/minute"})
    question = ask()
    person = old_user()
    # Account ids can repeat across tests on SQLite, and the local cache outlives a test: start from zero.
    cache.delete(f"throttle_writes_{person.pk}")

    def answer() -> int:
        client = Client()
        client.force_login(person)
        return client.post(f"/questions/{question.pk}/answer/", {"body": "An answer posted in parallel."}).status_code

    statuses = together(answer)
    assert sorted(statuses) == [302] * 5 + [429] * (PARALLEL - 5), statuses
    assert question.answers.count() == 5


@pytest.mark.django_db(transaction=True)
def test_a_new_account_asks_three_questions_however_fast_it_clicks() -> None:
    newcomer = UserFactory()  # joined just now

    def ask_one() -> int:
        client = Client()
        client.force_login(newcomer)
        data = {"title": "How do I version my training data well?", "body": "We have many files.", "tags": "data"}
        return client.post("/questions/ask/", data).status_code

    statuses = together(ask_one)
    assert Question.objects.filter(author=newcomer).count() == 3, statuses
    assert statuses.count(302) == 3
