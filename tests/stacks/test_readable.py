"""A use case with no word the model knows, and no tool name, is refused with a message; terse texts are read."""

import pytest
from rest_framework.test import APIClient

from recommender.stacks.models import Recommendation

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("text", ["asdf qwer zxcv uiop hjkl", "aaaaaaaaaaaaaaa", "qwertz uiopü asdfgh"])
def test_a_text_with_no_word_to_read_is_refused_on_the_form_and_the_api(api: APIClient, client, text: str) -> None:
    response = api.post("/api/recommendations/", {"use_case": text}, format="json")
    assert response.status_code == 400 and "could not find a word we know" in response.json()["use_case"][0]
    page = client.post("/recommend/", {"use_case": text, "hosting": "any"})
    assert page.status_code == 400 and "could not find a word we know" in page.content.decode()
    assert not Recommendation.objects.exists()


@pytest.mark.parametrize("text", ["xgboost kubeflow dvc mlflow", "Churn model on CSVs", "mlflow vs wandb for lora"])
def test_terse_texts_and_tool_names_are_read(api: APIClient, text: str) -> None:
    assert api.post("/api/recommendations/", {"use_case": text}, format="json").status_code == 201
