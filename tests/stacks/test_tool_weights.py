"""How much popularity counts per stage: the shipped factors are the ones cross-validation on the example
cases chooses, never tuned on the evaluation set."""

import json
from io import StringIO

import pytest
from django.core.management import call_command

from recommender.stacks import engine
from recommender.stacks.evaluation import TRAIN_CASES, load_cases
from recommender.stacks.tool_weights import best_precedent, popularity_by_stage

pytestmark = pytest.mark.django_db


def test_the_shipped_popularity_factors_are_those_cross_validation_chooses_on_the_examples() -> None:
    # Chosen on the example cases alone, never on the evaluation set; and worth having on held-out folds.
    weights = popularity_by_stage(load_cases(TRAIN_CASES))
    assert weights.factors == engine.POPULARITY_BY_STAGE
    assert weights.cross_validated > weights.common


@pytest.mark.parametrize(
    ("flag", "said"),
    [
        ("--tool-weights", ["popularity factor per stage", "5-fold cross-validated", "shipped factors"]),
        ("--precedents", ["by precedent weight and K", "best: K=", "shipped:"]),
    ],
)
def test_the_command_chooses_weights(tmp_path, flag: str, said: list[str]) -> None:
    subset = tmp_path / "cases.json"
    subset.write_text(json.dumps(load_cases(TRAIN_CASES)[:3]))
    out = StringIO()
    call_command("evaluate_recommender", "--cases", str(subset), flag, stdout=out)
    assert all(text in out.getvalue() for text in said), out.getvalue()


def test_the_best_precedent_setting_breaks_ties_towards_less_weight() -> None:
    grid = {(5, 0.0): 0.75, (5, 0.2): 0.80, (10, 0.1): 0.80, (10, 0.2): 0.79, (20, 0.1): 0.80}
    assert best_precedent(grid) == (10, 0.1)
