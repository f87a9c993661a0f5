"""Load what the recommender learns from, and embed it: the stage-need sentences (data/stage_needs.json) and the
labelled example use cases (data/train_cases.json)."""

import json
from pathlib import Path

from django.db import transaction

from community.catalog.models import Stage
from recommender import store
from recommender.stacks.constraints import BUDGETS, CLOUDS, HOSTING
from recommender.stacks.models import ExampleCase, ExamplePart, StageNeed
from recommender.stacks.needs import KIND, parts_of
from recommender.stacks.stages import EXAMPLE_KIND

DATA_DIR = Path(__file__).resolve().parent / "data"


class NeedsDataError(ValueError):
    """The shipped data is wrong; the message says where."""


def read_needs(path: Path = DATA_DIR / "stage_needs.json") -> dict[str | None, list[str]]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise NeedsDataError(f"{path.name}: {exc}") from None
    known = set(Stage.objects.values_list("slug", flat=True))
    unknown = sorted(set(data.get("stages", {})) - known)
    if unknown:
        raise NeedsDataError(f"{path.name}: unknown stages {unknown}")
    needs: dict[str | None, list[str]] = {slug: entry["needs"] for slug, entry in data["stages"].items()}
    needs[None] = data.get("neutral", [])
    for slug, texts in needs.items():
        if not all(isinstance(t, str) and 0 < len(t) <= 300 for t in texts):
            raise NeedsDataError(f"{path.name}: {slug or 'neutral'}: every sentence must be 1-300 characters")
    return needs


@transaction.atomic
def load_needs(path: Path = DATA_DIR / "stage_needs.json") -> int:
    """Make the stored sentences equal the file's; returns how many rows changed."""
    needs = read_needs(path)
    stage_ids = dict(Stage.objects.values_list("slug", "id"))
    wanted = {(stage_ids[slug] if slug else None, text) for slug, texts in needs.items() for text in texts}
    current = {(stage, text): pk for pk, stage, text in StageNeed.objects.values_list("id", "stage_id", "text")}
    gone = [pk for key, pk in current.items() if key not in wanted]
    StageNeed.objects.filter(id__in=gone).delete()
    new = [StageNeed(stage_id=stage, text=text) for stage, text in wanted if (stage, text) not in current]
    StageNeed.objects.bulk_create(new, batch_size=500)
    return len(gone) + len(new)


def index_needs() -> store.SyncReport:
    return store.sync(KIND, list(StageNeed.objects.values_list("id", "text")))


CONSTRAINT_CHECKS = {
    "open_source_only": lambda v: isinstance(v, bool),
    "hosting": lambda v: v in HOSTING,
    "cloud": lambda v: v is None or v in CLOUDS,
    "team_size": lambda v: v is None or (isinstance(v, int) and not isinstance(v, bool) and 1 <= v <= 100_000),
    "budget": lambda v: v is None or v in BUDGETS,
}


def read_examples(path: Path = DATA_DIR / "train_cases.json") -> list[dict]:
    """The labelled example cases, checked; a wrong one is named by its position and id."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise NeedsDataError(f"{path.name}: {exc}") from None
    if not isinstance(data, list):
        raise NeedsDataError(f"{path.name}: expected a list of cases")
    known = set(Stage.objects.values_list("slug", flat=True))
    seen: set[str] = set()
    for number, case in enumerate(data, start=1):
        where = f"{path.name}: case {number} ({case.get('id', '?') if isinstance(case, dict) else '?'})"
        if not isinstance(case, dict) or not isinstance(case.get("id"), str) or not case["id"]:
            raise NeedsDataError(f"{where}: every case needs an id")
        if case["id"] in seen:
            raise NeedsDataError(f"{where}: the id is used twice")
        seen.add(case["id"])
        text = case.get("use_case")
        if not isinstance(text, str) or not 10 <= len(text) <= 5000:
            raise NeedsDataError(f"{where}: use_case must be 10-5000 characters")
        stages = case.get("stages")
        if not isinstance(stages, list) or not stages or not set(stages) <= known:
            raise NeedsDataError(f"{where}: stages must be known stage slugs, at least one")
        constraints = case.get("constraints", {})
        wrong = [k for k, v in constraints.items() if k not in CONSTRAINT_CHECKS or not CONSTRAINT_CHECKS[k](v)]
        if wrong:
            raise NeedsDataError(f"{where}: bad constraint {wrong[0]}")
        acceptable = case.get("acceptable_tools", {})
        if not isinstance(acceptable, dict) or not all(
            stage in known and isinstance(tools, list) and tools and all(isinstance(t, str) and t for t in tools)
            for stage, tools in acceptable.items()
        ):
            raise NeedsDataError(f"{where}: acceptable_tools must map known stage slugs to lists of tool slugs")
    return data


@transaction.atomic
def load_examples(path: Path = DATA_DIR / "train_cases.json") -> int:
    """Make the stored shipped example cases equal the file's (curated ones keep their labels, but their parts
    follow the way texts are split too); returns how many cases changed. A case whose parts are unchanged keeps
    them, so their vectors are not computed again."""
    cases = read_examples(path)
    current = {c.key: c for c in ExampleCase.objects.filter(source=ExampleCase.Source.SHIPPED)}
    stored_parts: dict[int, list[str]] = {}
    for case_id, text in ExamplePart.objects.order_by("position").values_list("case_id", "text"):
        stored_parts.setdefault(case_id, []).append(text)
    changed = 0
    for curated in ExampleCase.objects.filter(source=ExampleCase.Source.CURATED):
        if stored_parts.get(curated.id) != example_parts(curated.use_case):
            example_save(curated, curated.use_case, curated.stages, curated.constraints)
            changed += 1
    for case in cases:
        stored = current.pop(case["id"], None)
        stages, constraints = sorted(set(case["stages"])), case.get("constraints", {})
        acceptable = case.get("acceptable_tools", {})
        labels = (case["use_case"], stages, constraints, acceptable, example_parts(case["use_case"]))
        if stored and (
            (stored.use_case, stored.stages, stored.constraints, stored.acceptable_tools, stored_parts.get(stored.id))
            == labels
        ):
            continue
        changed += 1
        if stored is None:
            stored = ExampleCase(key=case["id"])
        stored.acceptable_tools = acceptable
        example_save(stored, case["use_case"], stages, constraints)
    ExampleCase.objects.filter(key__in=list(current)).delete()
    if changed or current:
        store.touch(EXAMPLE_KIND)  # labels may change with no vector changing: the stage model must refit
    return changed + len(current)


def example_save(case: ExampleCase, use_case: str, stages: list[str], constraints: dict) -> None:
    """Store an example case with its parts. The parts are replaced only when they changed (the text did, or
    how a text is split), so that their vectors are kept otherwise."""
    parts = example_parts(use_case)
    case.use_case, case.stages, case.constraints = use_case, stages, constraints
    case.save()
    if list(case.parts.order_by("position").values_list("text", flat=True)) != parts:
        case.parts.all().delete()
        ExamplePart.objects.bulk_create(ExamplePart(case=case, position=i, text=t) for i, t in enumerate(parts))


def example_parts(text: str) -> list[str]:
    """The parts the recommender reads, without the whole text, whose vector it computes from the others."""
    parts = parts_of(text)
    return parts[1:] or parts


def index_examples() -> store.SyncReport:
    return store.sync(EXAMPLE_KIND, list(ExamplePart.objects.values_list("id", "text")))
