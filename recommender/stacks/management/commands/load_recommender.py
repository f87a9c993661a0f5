from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from recommender.stacks.loading import NeedsDataError, index_examples, index_needs, load_examples, load_needs


class Command(BaseCommand):
    help = (
        "Load what the stack recommender learns from (the stage-need sentences and the labelled example use "
        "cases) and embed it. Atomic and idempotent."
    )

    def handle(self, *args, **options) -> None:
        try:
            with transaction.atomic():
                changed = load_needs()
                cases = load_examples()
        except NeedsDataError as exc:
            raise CommandError(f"Recommender data is invalid, nothing was written: {exc}") from None
        report = index_needs()
        examples = index_examples()
        self.stdout.write(
            self.style.SUCCESS(
                f"Stage needs: {changed} changed; {report.encoded} embedded, {report.unchanged} unchanged. "
                f"Example cases: {cases} changed; {examples.encoded} parts embedded, {examples.unchanged} unchanged."
            )
        )
