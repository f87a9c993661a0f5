"""An edited resource is re-embedded by a real Celery worker after the edit commits; a deleted one loses its vector."""

from community.ethics import indexing, services
from recommender.models import Embedding
from tests.factories import ResourceFactory
from tests.servers import wait


def test_editing_a_resource_re_embeds_it_on_the_worker(inprocess_worker) -> None:
    resource = ResourceFactory(title="Consent forms", summary="How to collect consent for training data.")
    indexing.index_resources([resource.id])
    before = Embedding.objects.get(kind=indexing.KIND, object_id=resource.id).text_hash
    resource.summary = "Explaining individual credit decisions to the people they affect."
    resource.save()
    services.resource_changed(resource)
    assert wait(lambda: Embedding.objects.get(kind=indexing.KIND, object_id=resource.id).text_hash != before, 60)


def test_deleting_a_resource_drops_its_vector_on_the_worker(inprocess_worker) -> None:
    resource = ResourceFactory()
    indexing.index_resources([resource.id])
    resource_id = resource.id
    services.resource_delete(resource)
    assert wait(lambda: not Embedding.objects.filter(kind=indexing.KIND, object_id=resource_id).exists(), 60)
