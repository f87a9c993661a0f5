"""Tools the nearest example cases were given count towards a stage's pick, learned from the examples alone."""

import json
from dataclasses import replace

import pytest

from community.catalog.models import Tool
from recommender import encoder
from recommender.stacks import engine, stages
from recommender.stacks.constraints import Constraints
from recommender.stacks.evaluation import TRAIN_CASES, load_cases
from recommender.stacks.explain import PRECEDENT_SAID, explain
from recommender.stacks.loading import NeedsDataError, index_examples, load_examples
from recommender.stacks.precedents import EMPTY, K, Precedents

pytestmark = pytest.mark.django_db


def test_the_nearest_cases_vote_for_their_tools_by_similarity() -> None:
    texts = [
        "sensor events stream in every second and must be scored as they arrive",
        "clickstream events arrive continuously and we score each one in flight",
        "a nightly batch job over last year's invoices in the warehouse",
    ]
    acceptable = [
        {"data-pipeline": ["apache-kafka", "apache-flink"]},
        {"data-pipeline": ["apache-kafka"]},
        {"data-pipeline": ["apache-spark"], "orchestration": ["apache-airflow"]},
    ]
    precedents = Precedents.of(encoder.encode(texts), acceptable)
    votes = precedents.votes(encoder.encode_one("machine telemetry streams in and is scored live"), "data-pipeline")
    assert max(votes, key=votes.get) == "apache-kafka"
    assert votes["apache-kafka"] > votes["apache-flink"] > 0 and votes["apache-kafka"] > votes.get("apache-spark", 0)
    assert all(0 < share <= 1 for share in votes.values())
    assert precedents.votes(encoder.encode_one("anything"), "serving") == {}  # no example names serving tools


def test_only_the_k_nearest_cases_vote() -> None:
    texts = [f"we label {thing} images for a vision model" for thing in ("cat", "dog", "car", "tree", "shoe", "cup")]
    texts.append("an unrelated text about payroll spreadsheets for accountants")
    acceptable = [{"data-labeling": ["cvat"]}] * 6 + [{"data-labeling": ["label-studio"]}]
    votes = Precedents.of(encoder.encode(texts), acceptable).votes(
        encoder.encode_one("label bird images"), "data-labeling"
    )
    assert len(texts) > K and set(votes) == {"cvat"}


def test_the_stored_examples_give_the_precedents_and_a_tool_label_change_refits(tmp_path) -> None:
    cases = load_cases(TRAIN_CASES)
    labelled = {stage for case in cases for stage in case.get("acceptable_tools", {})}
    assert set(stages.current().precedents.by_stage) == labelled
    before = stages._current()
    case = next(c for c in cases if c.get("acceptable_tools"))
    stage = next(iter(case["acceptable_tools"]))
    case["acceptable_tools"][stage] = [*reversed(case["acceptable_tools"][stage]), "a-new-tool"]
    changed = tmp_path / "train.json"
    changed.write_text(json.dumps(cases))
    assert load_examples(changed) == 1
    index_examples()
    assert stages._current() is not before
    assert "a-new-tool" in stages.current().precedents.votes(encoder.encode_one(case["use_case"]), stage)


def test_every_acceptable_tool_is_in_the_catalog_and_its_stage_in_the_case() -> None:
    # A slug the catalog does not know would vote for nothing and quietly weaken its case's vote.
    known = set(Tool.objects.values_list("slug", flat=True))
    for case in load_cases(TRAIN_CASES):
        for stage, tools in case.get("acceptable_tools", {}).items():
            assert stage in case["stages"], (case["id"], stage)
            assert set(tools) <= known, (case["id"], stage, set(tools) - known)


def test_a_text_far_from_every_example_gets_little_precedent_and_no_claim() -> None:
    # Hyperparameter search has few labelled cases: every text reaches them, but a far one must not get their
    # whole vote, nor a why saying that examples like it were given the tool.
    far = encoder.encode_one("Our church choir wants to sort its sheet music by composer and season.")
    votes = stages.current().precedents.votes(far, "hyperparameter-tuning")
    assert votes and max(votes.values()) < PRECEDENT_SAID
    stack = engine.recommend(
        "Our church choir wants to sort its sheet music by composer.", Constraints(), ["hyperparameter-tuning"]
    )
    assert "Example use cases" not in explain(stack.picks[0], stack)


def test_a_malformed_acceptable_tools_entry_names_the_case(tmp_path) -> None:
    cases = load_cases(TRAIN_CASES)
    cases[4]["acceptable_tools"] = {"serving": "bentoml"}
    bad = tmp_path / "train.json"
    bad.write_text(json.dumps(cases))
    with pytest.raises(NeedsDataError, match=r"case 5 .*acceptable_tools"):
        load_examples(bad)


def test_precedents_make_more_picks_acceptable_on_cases_they_were_not_taken_from() -> None:
    # 5-fold: each example case is run with its labelled stages, with the precedents of the other folds and
    # with none; the first must get more of its acceptable tools.
    data = stages.examples()
    keys = sorted(data.keys)
    cases = {c["id"]: c for c in load_cases(TRAIN_CASES) if c.get("acceptable_tools")}
    hits = {"with": 0, "without": 0}
    for fold in range(5):
        model = stages.fit(data.subset({k for i, k in enumerate(keys) if i % 5 != fold}))
        held_out = [cases[k] for i, k in enumerate(keys) if i % 5 == fold and k in cases]
        for name, pinned in (("with", model), ("without", replace(model, precedents=EMPTY))):
            with stages.pinned(pinned):
                for case in held_out:
                    stack = engine.recommend(case["use_case"], Constraints(**case["constraints"]), case["stages"])
                    picks = {p.choice.stage.slug: p.tool.slug if p.tool else None for p in stack.picks}
                    hits[name] += sum(picks.get(s) in ok for s, ok in case["acceptable_tools"].items())
    pairs = sum(len(c["acceptable_tools"]) for c in cases.values())
    assert hits["with"] / pairs >= hits["without"] / pairs + 0.02, hits


def test_the_why_says_when_the_nearest_examples_chose_the_tool() -> None:
    # Cases held out of the examples, so that no case is its own nearest neighbour.
    cases = [c for c in load_cases(TRAIN_CASES) if c.get("acceptable_tools")][:8]
    data = stages.examples()
    said = "Example use cases close to yours were given it"
    backed = unbacked = 0
    with stages.pinned(stages.fit(data.subset(set(data.keys) - {c["id"] for c in cases}))):
        for case in cases:
            stack = engine.recommend(case["use_case"], Constraints(**case["constraints"]), case["stages"])
            for pick in stack.picks:
                if pick.tool:
                    is_backed = pick.precedent >= PRECEDENT_SAID
                    backed, unbacked = backed + is_backed, unbacked + (not is_backed)
                    assert (said in explain(pick, stack)) == is_backed, pick.tool.slug
    assert backed and unbacked
