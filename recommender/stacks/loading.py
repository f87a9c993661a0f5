"""Load the stage-need sentences the recommender infers stages from (data/stage_needs.json) and embed them."""

import json
from pathlib import Path

from django.db import transaction

from community.catalog.models import Stage
from recommender import store
from recommender.stacks.models import StageNeed
from recommender.stacks.needs import KIND

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
