from django.core.management.base import BaseCommand, CommandError

from recommender.stacks.loading import NeedsDataError, index_needs, load_needs


class Command(BaseCommand):
    help = "Load the stage-need sentences the stack recommender infers stages from, and embed them. Idempotent."

    def handle(self, *args, **options) -> None:
        try:
            changed = load_needs()
        except NeedsDataError as exc:
            raise CommandError(f"Recommender data is invalid, nothing was written: {exc}") from None
        report = index_needs()
        self.stdout.write(
            self.style.SUCCESS(
                f"Stage needs: {changed} changed; {report.encoded} embedded, {report.unchanged} unchanged."
            )
        )
