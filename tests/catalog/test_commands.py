"""The long-running catalog commands: build_index and seed_synthetic report progress and are idempotent."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from community.catalog.models import Tool
from recommender.models import Embedding

pytestmark = pytest.mark.django_db


def run(name: str, *args: str) -> str:
    out = StringIO()
    call_command(name, *args, stdout=out)
    return out.getvalue()


def test_build_index_embeds_only_what_changed() -> None:
    assert "Index: 0 embedded" in run("build_index")
    Tool.objects.filter(slug="mlflow").update(summary="Tracks experiments and stores models in a registry.")
    out = run("build_index")
    assert "Index: 1 embedded" in out
    assert "Embedding tools [" in out  # the progress bar


def test_seed_synthetic_is_idempotent_and_removable() -> None:
    before = Tool.objects.count()
    out = run("seed_synthetic", "--count", "50")
    assert "Seeding [" in out and "50 created" in out
    assert Tool.objects.count() == before + 50
    assert "0 created" in run("seed_synthetic", "--count", "50")
    run("build_index")
    assert Embedding.objects.filter(kind="tool").count() == before + 50
    assert "Removed" in run("seed_synthetic", "--remove")
    assert Tool.objects.count() == before
    with pytest.raises(CommandError, match="--count"):
        run("seed_synthetic", "--count", "0")


def test_admin_is_for_staff_only(client, admin_client) -> None:
    assert client.get("/admin/catalog/tool/").status_code == 302
    assert admin_client.get("/admin/catalog/tool/").status_code == 200
    tool = Tool.objects.get(slug="mlflow")
    page = admin_client.get(f"/admin/catalog/tool/{tool.id}/change/")
    assert page.status_code == 200 and b"MLflow" in page.content
