"""A use case in another language is still answered, and told that the recommender reads English best."""

import json

import pytest
from rest_framework.test import APIClient

from recommender.stacks.evaluation import CASES, TRAIN_CASES
from recommender.stacks.language import NOTE, seems_english

GERMAN = (
    "Wir sind drei Ingenieure bei einem Fintech und bauen ein Betrugsmodell für Transaktionen; wir trainieren "
    "jede Woche neu und nutzen nur Open Source."
)


@pytest.mark.parametrize(
    "text",
    [
        GERMAN,
        "Nous sommes une petite équipe et nous voulons suivre nos expériences et servir le modèle.",
        "Somos un equipo de dos personas y queremos servir un modelo de visión para nuestra tienda.",
        "Мы небольшая команда и хотим обучить модель классификации изображений",
    ],
)
def test_another_language_is_noticed(text: str) -> None:
    assert not seems_english(text)


@pytest.mark.parametrize(
    "text",
    [
        "xgboost kubeflow dvc",
        "Our team in Berlin (die Firma, as the founders call it) uses Airflow and MLflow and we want monitoring.",
    ],
)
def test_english_with_foreign_words_or_only_tool_names_is_english(text: str) -> None:
    assert seems_english(text)


def test_every_labelled_text_reads_as_english() -> None:
    for path in (CASES, TRAIN_CASES):
        for case in json.loads(path.read_text()):
            assert seems_english(case["use_case"]), case["id"]


@pytest.mark.django_db
def test_the_answer_and_the_page_carry_the_note(api: APIClient, client) -> None:
    response = api.post("/api/recommendations/", {"use_case": GERMAN}, format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["notes"] == [NOTE]
    assert "does not seem to be in English" in client.get(body["url"]).content.decode()
    english = api.post("/api/recommendations/", {"use_case": "We forecast bakery demand daily."}, format="json")
    assert english.json()["notes"] == []
