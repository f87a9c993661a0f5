"""A model that runs on the device gets a runtime that ships in the app, not an inference server."""

import pytest
from rest_framework.test import APIClient

from community.catalog.models import Tool
from recommender.stacks import device

pytestmark = pytest.mark.django_db

PHONE = (
    "Two of us build a running-coach app. The pose model has to run on the phone (iOS and Android) at 30 fps, "
    "and no video may leave the phone."
)


@pytest.mark.parametrize(
    "text",
    [
        PHONE,
        "The defect model must run on NVIDIA Jetson boxes beside each line.",
        "We want an on-device wake-word model for a car's head unit.",
        "Chat with my notes completely offline on my MacBook; no cloud, no API keys.",
        "NPCs talk through a local LLM running on the player's PC.",
        "Students take the exam in a browser, and the proctoring models must run in the browser.",
        "A Raspberry Pi camera at my bird feeder tells species apart.",
    ],
)
def test_texts_that_put_the_model_on_the_device(text: str) -> None:
    assert device.on_device(text)


@pytest.mark.parametrize(
    "text",
    [
        "Our mobile app calls a fraud model on AWS.",
        "We transcribe phone calls from the call centre.",
        "We do not run anything at the edge; all inference is in our cloud.",
        "Drivers use the app on their phones; the ETA model runs on our servers.",
        "We run experiments on my laptop and deploy to SageMaker.",
        "Predictions are computed offline in nightly batches, and we need an offline feature store.",
        "Mobile money lending in Kenya: customers apply by phone.",
    ],
)
def test_texts_that_do_not(text: str) -> None:
    assert device.on_device(text) is None


def _serving(api: APIClient, text: str) -> dict:
    response = api.post("/api/recommendations/", {"use_case": text, "team_size": 2}, format="json")
    assert response.status_code == 201, response.content
    return next(e for e in response.json()["stack"] if e["stage"] == "serving")


def test_a_phone_app_is_served_by_an_on_device_runtime_and_the_why_says_so(api: APIClient) -> None:
    serving = _serving(api, PHONE)
    assert "on-device" in serving["tool"]["hosting"]
    assert "runs models on such devices" in serving["why"]
    assert "“The pose model has to run on the phone" in serving["why"]


def test_the_same_model_on_a_server_gets_a_server(api: APIClient) -> None:
    text = PHONE.replace("has to run on the phone (iOS and Android)", "runs on our GPU servers behind an API")
    serving = _serving(api, text)
    assert "on-device" not in serving["tool"]["hosting"]
    assert "such devices" not in serving["why"]


def test_the_catalog_files_runtimes_as_on_device_and_not_servers() -> None:
    on_device = set(Tool.objects.filter(on_device=True).values_list("slug", flat=True))
    assert {"litert", "onnx-runtime", "llama-cpp", "executorch", "coremltools"} <= on_device
    assert not {"triton-inference-server", "vllm", "kserve"} & on_device
    # On device says where the model ends up; how a team runs the tool is still one of the other three.
    assert not Tool.objects.filter(on_device=True, library=False, self_hosted=False, managed=False).exists()
