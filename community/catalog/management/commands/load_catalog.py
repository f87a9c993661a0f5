from django.core.management.base import BaseCommand, CommandError

from community.catalog.loading import CatalogDataError, load_catalog


class Command(BaseCommand):
    help = "Load the catalog shipped with the project (stages, vocabularies, tools). Safe to run again."

    def handle(self, *args, **options) -> None:
        try:
            report = load_catalog()
        except CatalogDataError as exc:
            raise CommandError(f"Catalog data is invalid, nothing was written: {exc}") from None
        self.stdout.write(
            self.style.SUCCESS(
                f"Catalog: {report.created} created, {report.updated} updated, {report.unchanged} unchanged."
            )
        )
