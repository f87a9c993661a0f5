"""The stage model learns from the example cases, never from the evaluation set, and refits when they change."""

import json

import numpy as np
import pytest

from community.catalog.models import Stage
from recommender import encoder
from recommender.stacks import stages
from recommender.stacks.evaluation import CASES, RESTATES, TRAIN_CASES, load_cases
from recommender.stacks.loading import NeedsDataError, index_examples, load_examples
from recommender.stacks.models import ExampleCase, ExamplePart

pytestmark = pytest.mark.django_db


def test_no_example_case_restates_an_evaluation_case() -> None:
    evaluation, training = load_cases(CASES), load_cases(TRAIN_CASES)
    assert not {c["id"] for c in evaluation} & {c["id"] for c in training}
    similarity = (
        encoder.encode([c["use_case"] for c in evaluation]) @ encoder.encode([c["use_case"] for c in training]).T
    )
    worst = np.unravel_index(int(similarity.argmax()), similarity.shape)
    assert similarity.max() < RESTATES, (evaluation[worst[0]]["id"], training[worst[1]]["id"])


def test_every_example_case_is_stored_embedded_and_learned_from() -> None:
    cases = load_cases(TRAIN_CASES)
    data = stages.examples()
    assert data is not None and sorted(data.keys) == sorted(c["id"] for c in cases)
    model = stages.fit(data)
    slugs = dict(Stage.objects.values_list("id", "slug"))
    learned = {slugs[i] for i in model.stage_ids}
    # Every stage with enough labelled cases gets a classifier of its own.
    counts = {slug: sum(slug in c["stages"] for c in cases) for slug in slugs.values()}
    assert learned == {s for s, n in counts.items() if stages.MIN_POSITIVES <= n <= len(cases) - stages.MIN_POSITIVES}


def test_loading_is_idempotent_and_a_label_change_refits_the_model(tmp_path) -> None:
    assert load_examples() == 0
    before = stages._current()
    cases = load_cases(TRAIN_CASES)
    cases[0]["stages"] = sorted(set(cases[0]["stages"]) ^ {"visualisation"})
    changed = tmp_path / "train.json"
    changed.write_text(json.dumps(cases))
    parts = ExamplePart.objects.count()
    assert load_examples(changed) == 1
    index_examples()
    assert ExamplePart.objects.count() == parts  # same text: its parts and vectors are kept
    assert stages._current() is not before
    assert ExampleCase.objects.get(key=cases[0]["id"]).stages == cases[0]["stages"]


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda c: c[3].update(stages=["no-such-stage"]), "case 4"),
        (lambda c: c[5].update(use_case="short"), "use_case must be 10-5000 characters"),
        (lambda c: c[2].update(id=c[1]["id"]), "the id is used twice"),
        (lambda c: c[7]["constraints"].update(hosting="on the moon"), "bad constraint hosting"),
    ],
)
def test_a_wrong_example_file_names_the_case_and_changes_nothing(tmp_path, mutate, message) -> None:
    cases = load_cases(TRAIN_CASES)
    mutate(cases)
    bad = tmp_path / "train.json"
    bad.write_text(json.dumps(cases))
    stored = list(ExampleCase.objects.order_by("key").values_list("key", "stages"))
    with pytest.raises(NeedsDataError, match=message):
        load_examples(bad)
    assert list(ExampleCase.objects.order_by("key").values_list("key", "stages")) == stored
