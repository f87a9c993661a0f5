from django.db import models


class Embedding(models.Model):
    """One stored vector for one object of one kind (a tool, a question...), with the text it was made from."""

    kind = models.CharField(max_length=40)
    object_id = models.BigIntegerField()
    model_name = models.CharField(max_length=200)
    text_hash = models.CharField(max_length=64)
    # float32, L2-normalised, little-endian; stored as bytes so SQLite and PostgreSQL hold it alike.
    vector = models.BinaryField()
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["kind", "object_id"], name="embedding_unique_kind_object")]

    def __str__(self) -> str:
        return f"{self.kind}:{self.object_id}"


class IndexVersion(models.Model):
    """Changed on every write to a kind's embeddings, so each process knows when its in-memory matrix is stale.

    A random token rather than a counter: a counter can come back to a value it had before (a rolled-back
    transaction, a restored backup) while the vectors differ.
    """

    kind = models.CharField(max_length=40, primary_key=True)
    version = models.CharField(max_length=32)

    def __str__(self) -> str:
        return f"{self.kind} v{self.version}"
