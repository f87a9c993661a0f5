import time

from django.core.management.base import BaseCommand

from community.catalog import indexing
from community.core.progress import ProgressBar


class Command(BaseCommand):
    help = "Embed every tool whose text changed since it was last embedded (all of them with --rebuild)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--rebuild", action="store_true", help="Drop all tool vectors and embed every tool again.")

    def handle(self, *args, rebuild: bool = False, **options) -> None:
        from recommender import store

        if rebuild:
            store.clear(indexing.KIND)
        started = time.perf_counter()
        bar = ProgressBar(self.stdout, "Embedding tools")
        report = indexing.index_all(progress=bar.update)
        bar.finish()
        took = time.perf_counter() - started
        self.stdout.write(
            self.style.SUCCESS(
                f"Index: {report.encoded} embedded, {report.unchanged} unchanged, {report.deleted} removed in {took:.1f}s."
            )
        )
