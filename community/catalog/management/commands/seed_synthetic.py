from django.core.management.base import BaseCommand, CommandError

from community.catalog import synthetic
from community.core.progress import ProgressBar


class Command(BaseCommand):
    help = "Add synthetic tools for load testing (idempotent), or remove them with --remove."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--count", type=int, default=10_000)
        parser.add_argument("--remove", action="store_true", help="Delete every synthetic tool instead.")

    def handle(self, *args, count: int, remove: bool, **options) -> None:
        if remove:
            self.stdout.write(self.style.SUCCESS(f"Removed {synthetic.remove()} synthetic rows."))
            return
        if not 1 <= count <= 200_000:
            raise CommandError("--count must be between 1 and 200000.")
        bar = ProgressBar(self.stdout, "Seeding")
        try:
            created = synthetic.seed(count, progress=bar.update)
        except ValueError as exc:
            raise CommandError(str(exc)) from None
        bar.finish()
        self.stdout.write(self.style.SUCCESS(f"Synthetic tools: {created} created. Run build_index to embed them."))
