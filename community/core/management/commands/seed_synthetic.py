from django.core.management.base import BaseCommand, CommandError

from community.catalog import synthetic as tool_synthetic
from community.core.progress import ProgressBar
from community.qa import synthetic as question_synthetic


class Command(BaseCommand):
    help = "Add synthetic tools (--count) and questions (--questions) for load testing, idempotently; --remove deletes them."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--count", type=int, default=None, help="Synthetic tools (10000 when nothing is asked for)."
        )
        parser.add_argument("--questions", type=int, default=0, help="Synthetic questions, with answers.")
        parser.add_argument("--remove", action="store_true", help="Delete every synthetic tool and question instead.")

    def handle(self, *args, count: int | None, questions: int, remove: bool, **options) -> None:
        if remove:
            tools_gone, questions_gone = tool_synthetic.remove(), question_synthetic.remove_questions()
            self.stdout.write(
                self.style.SUCCESS(f"Removed {tools_gone} synthetic tool rows and {questions_gone} question rows.")
            )
            return
        if count is None:
            count = 0 if questions else 10_000
        if not 0 <= count <= 200_000 or not 0 <= questions <= 1_000_000 or not (count or questions):
            raise CommandError("--count must be 0-200000 and --questions 0-1000000, and one of them above 0.")
        if count:
            bar = ProgressBar(self.stdout, "Seeding")
            try:
                made = tool_synthetic.seed(count, progress=bar.update)
            except ValueError as exc:
                raise CommandError(str(exc)) from None
            bar.finish()
            self.stdout.write(self.style.SUCCESS(f"Synthetic tools: {made} created. Run build_index to embed them."))
        if questions:
            bar = ProgressBar(self.stdout, "Seeding questions")
            made = question_synthetic.seed_questions(questions, progress=bar.update)
            bar.finish()
            self.stdout.write(self.style.SUCCESS(f"Synthetic questions: {made} created. Run load_demo to embed them."))
