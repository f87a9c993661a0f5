"""Schemathesis over every operation of the API schema, anonymous and with a token.

The app runs in-process through its WSGI handler, on the test database. For each operation schemathesis sends
the schema's examples, its boundary and wrong-type cases, and at least 25 generated requests (valid and invalid
bodies and query strings, NUL bytes and any unicode included), and checks each answer: no 5xx, a documented
status code and content type, and a body that matches the schema. Half the generated requests name real objects
(the caller's own question, another person's answer...) so that they get past the 404 to the validation behind it.

`test_hostile_values` then sends, to every write, each string field as a NUL byte, 100 KB of text, unpaired
surrogates and right-to-left overrides, and each field as every wrong JSON type: a 400 that names the field,
nothing written, or (for odd but valid text) success.
"""

import re

import pytest
import schemathesis
from django.apps import apps
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from rest_framework.authtoken.models import Token
from schemathesis.checks import not_a_server_error
from schemathesis.errors import FailureGroup
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from community.core.throttling import WriteRateThrottle
from community.ethics.models import Resource, RiskProfile
from community.pipelines import services as pipelines
from community.qa import services as qa
from community.wsgi import application
from recommender.stacks import services as stacks
from recommender.stacks.constraints import Constraints
from tests.factories import old_user

schema = schemathesis.openapi.from_wsgi("/api/schema/", application)
# The test sends its own credentials (none, or a real token): generated ones would only ever be refused.
schema.config.generation.update(with_security_parameters=False)

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    negative_data_rejection,
]
# Not checked: positive_data_acceptance. The schema cannot say every rule a write enforces (a title of 15
# characters once spaces are collapsed, a tag that slugifies to nothing, at most 3 runs going), so a
# schema-valid request can rightly get a 400.
EXAMPLES = 25
PATH_NAME = re.compile(r"\{(\w+)\}")


@pytest.fixture
def world(db, monkeypatch) -> dict:
    """Real objects for the path parameters, a token for the caller, and the app reachable from this test."""
    # Django's test client does the same: a request's start and end must not close the connection that holds
    # the test's transaction.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    # Throttling stays on, at a rate the fuzzing does not reach.
    monkeypatch.setattr(WriteRateThrottle, "THROTTLE_RATES", {"writes": "100000/minute"})
    me, other = old_user(), old_user()
    mine = qa.question_ask(author=me, title="How do we version features for training?", body="Ten.", tags=["data"])
    theirs = qa.question_ask(author=other, title="Which drift test suits skewed data?", body="Skew.", tags=["drift"])
    on_mine = qa.answer_create(author=other, question=mine, body="A feature store with point-in-time joins.")
    my_answer = qa.answer_create(author=me, question=theirs, body="Population stability index per feature.")
    run = pipelines.run_start(user=me, pipeline="drift-retrain", params={})
    recommendation = stacks.recommendation_create(
        user=me, use_case="We score loan applications with gradient boosting.", constraints=Constraints()
    )
    try:
        yield {
            "token": Token.objects.create(user=me).key,
            "ids": {
                "/api/questions/{id}/": mine.pk,
                "/api/questions/{id}/answers/": theirs.pk,
                "/api/questions/{id}/vote/": theirs.pk,
                "/api/answers/{id}/": my_answer.pk,
                "/api/answers/{id}/accept/": on_mine.pk,
                "/api/answers/{id}/vote/": on_mine.pk,
                "/api/pipeline-runs/{id}/": run.pk,
                "/api/pipeline-runs/{id}/cancel/": run.pk,
                "/api/recommendations/{id}/": str(recommendation.pk),
                "/api/resources/{id}/": Resource.objects.values_list("pk", flat=True).first(),
                "/api/risk-profiles/{slug}/": RiskProfile.objects.values_list("slug", flat=True).first(),
                "/api/tools/{slug}/": "mlflow",
                "/api/tools/{slug}/similar/": "mlflow",
                "/api/stages/{slug}/": "monitoring",
                "/api/checklists/{stage}/": "monitoring",
            },
        }
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
        # Thousands of writes were counted against these people. On SQLite a rolled-back id is given out again,
        # and the next test's person with that id must not start with this one's budget spent.
        keys = [WriteRateThrottle.cache_format % {"scope": "writes", "ident": user.pk} for user in (me, other)]
        cache.delete_many([*keys, *(f"{key}:start" for key in keys)])


def checks_for(case) -> list:
    # A form or multipart body carries only text: null, 12 and "12" all arrive as strings, so a "wrong type"
    # there is a valid string. Wrong types are checked on JSON bodies, where they exist.
    if case.media_type and case.media_type != "application/json":
        return [check for check in CHECKS if check is not negative_data_rejection]
    return CHECKS


def headers_for(world: dict, signed_in: bool) -> dict:
    return {"Authorization": f"Token {world['token']}"} if signed_in else {}


@pytest.mark.parametrize("signed_in", [False, True], ids=["anonymous", "token"])
@schema.given(real_object=st.booleans())
@schema.parametrize()
# No example database: it would be a .hypothesis folder in the work tree, and each run explores afresh anyway.
@settings(max_examples=EXAMPLES, deadline=None, database=None, suppress_health_check=list(HealthCheck))
def test_every_operation(case, real_object: bool, signed_in: bool, world: dict) -> None:
    known = world["ids"].get(case.operation.path)
    if real_object and known is not None:
        case.path_parameters = {**(case.path_parameters or {}), PATH_NAME.search(case.operation.path)[1]: known}
    case.call_and_validate(headers=headers_for(world, signed_in), checks=checks_for(case))


# Every write that takes a body: a valid body, and each field's JSON type ("text", "list", "dict", "number",
# "nullable" for a field that may be null). Each hostile value replaces one field of the valid body.
WRITES = {
    ("POST", "/api/questions/"): (
        {"title": "How do we monitor feature drift weekly?", "body": "Tabular data.", "tags": ["drift"]},
        {"title": "text", "body": "text", "tags": "list", "tools": "list", "comment": "text"},
    ),
    ("PATCH", "/api/questions/{id}/"): ({}, {"title": "text", "body": "text", "tags": "list", "comment": "text"}),
    ("POST", "/api/questions/{id}/answers/"): ({"body": "Use a holdout week."}, {"body": "text", "comment": "text"}),
    ("PATCH", "/api/answers/{id}/"): ({}, {"body": "text", "comment": "text"}),
    ("POST", "/api/questions/{id}/vote/"): ({"value": 1}, {"value": "number"}),
    ("POST", "/api/answers/{id}/vote/"): ({"value": 1}, {"value": "number"}),
    ("POST", "/api/pipeline-runs/"): (
        {"pipeline": "drift-retrain", "params": {}},
        {"pipeline": "text", "params": "dict"},
    ),
    ("POST", "/api/recommendations/"): (
        {"use_case": "We score loan applications with gradient boosting."},
        {
            "use_case": "text",
            "open_source_only": "number",
            "hosting": "nullable",  # null is any hosting, as a missing field is
            "cloud": "nullable",
            "team_size": "nullable",
        },
    ),
    ("POST", "/api/risk-profiles/match/"): ({"use_case": "We rank job applicants."}, {"use_case": "text"}),
    ("POST", "/api/auth/token/"): (
        {"username": "nobody", "password": "wrong"},
        {"username": "text", "password": "text"},
    ),
}
NUL, HUGE, UNPAIRED = "drift\x00check", "x" * 100_000, "drift \ud800 check"
# Odd but valid text: a right-to-left override, a zero-width joiner sequence, combining marks, astral letters.
ODD = "How \u202edo we\u202c monitor 👩\u200d💻 drif\u0301t in 𝕳𝖔𝖜 production?"
WRONG = {
    "text": [12345, 1.5, True, None, [], {}],
    "list": ["drift", 12345, None, {}],
    "dict": ["seed", 12345, None, []],
    "number": ["not a number", None, [], {}],
    "nullable": ["not valid", [], {}],
}


def carrying(kind: str, text: str) -> object:
    """A string value in the shape of the field: itself, an item of a list, a key of an object."""
    return {"list": [text], "dict": {text: 1}}.get(kind, text)


def hostile_bodies(base: dict, fields: dict) -> list[tuple[str, object, str]]:
    """(the field that is wrong, the body, "refused" or "any"): a body of the wrong type, then each field."""
    bodies = [("non_field_errors", body, "refused") for body in (["drift"], "drift", 12, None, False)]
    for field, kind in fields.items():
        if kind in ("text", "list", "dict"):
            for text, rule in [(NUL, "refused"), (HUGE, "refused"), (UNPAIRED, "refused"), (ODD, "any")]:
                bodies.append((field, {**base, field: carrying(kind, text)}, rule))
        bodies += [(field, {**base, field: value}, "refused") for value in WRONG[kind]]
    return bodies


def written() -> dict:
    names = ["qa.Question", "qa.Answer", "qa.Revision", "qa.Vote", "pipelines.PipelineRun", "stacks.Recommendation"]
    return {name: apps.get_model(name).objects.count() for name in names}


@pytest.mark.parametrize(("method", "path"), list(WRITES), ids=[" ".join(key) for key in WRITES])
def test_hostile_values(method: str, path: str, world: dict) -> None:
    base, fields = WRITES[(method, path)]
    operation = schema[path][method]
    known = world["ids"].get(path)
    problems = []
    for field, body, rule in hostile_bodies(base, fields):
        before = written()
        case = operation.Case(
            body=body,
            path_parameters={PATH_NAME.search(path)[1]: known} if known is not None else {},
            media_type="application/json",
        )
        response = case.call(headers=headers_for(world, signed_in=True))
        label = f"{field} in {str(body)[:60]!r}"
        try:
            case.validate_response(response, checks=CHECKS)
        except FailureGroup as failures:  # one report for the whole operation, every bad value named
            problems.append(f"{label}: {str(failures)[:300]}")
            continue
        if rule == "refused":
            # The token view says only "unable to log in", by design: it does not tell which field was wrong.
            named = path == "/api/auth/token/" or any(key.split(".")[0] == field for key in response.json())
            if response.status_code != 400 or not named:
                problems.append(f"{label}: {response.status_code} {response.text[:200]}")
            elif written() != before:
                problems.append(f"{label}: refused, but something was written")
    assert not problems, "\n".join(problems)


QUERIES = [
    (operation.path, name)
    for operation in (result.ok() for result in schema.get_all_operations())
    if operation.method.upper() == "GET"
    for name in (p.name for p in operation.query)
]


@pytest.mark.parametrize("text", [NUL, HUGE, ODD], ids=["nul", "100kb", "odd-unicode"])
def test_hostile_query_strings(text: str, world: dict) -> None:
    """Every query parameter of every read, sent as a NUL byte, 100 KB or odd unicode: never a 5xx."""
    problems = []
    for path, name in QUERIES:
        operation = schema[path]["GET"]
        known = world["ids"].get(path)
        case = operation.Case(
            query={name: text}, path_parameters={PATH_NAME.search(path)[1]: known} if known is not None else {}
        )
        response = case.call()
        try:
            case.validate_response(response, checks=CHECKS)
        except FailureGroup as failures:
            problems.append(f"{path}?{name}=: {str(failures)[:300]}")
    assert not problems, "\n".join(problems)
