from django.core.management.base import BaseCommand, CommandError

from community.core.progress import ProgressBar
from community.ethics import indexing
from community.ethics.loading import EthicsDataError, load_library


class Command(BaseCommand):
    help = (
        "Load the responsible-AI library shipped with the project (resources, checklists, risk profiles) and "
        "embed what changed. Needs the catalog (load_catalog) first. Safe to run again."
    )

    def handle(self, *args, **options) -> None:
        try:
            report = load_library()
        except EthicsDataError as exc:
            raise CommandError(f"Library data is invalid, nothing was written: {exc}") from None
        self.stdout.write(
            self.style.SUCCESS(
                f"Library: resources {report.created} created, {report.updated} updated, {report.unchanged} "
                f"unchanged; {report.checklists_changed} checklists and {report.profiles_changed} risk profiles changed."
            )
        )
        bar = ProgressBar(self.stdout, "Embedding resources")
        embedded = indexing.index_all(progress=bar.update)
        bar.finish()
        self.stdout.write(f"Index: {embedded.encoded} resources embedded, {embedded.unchanged} unchanged.")
