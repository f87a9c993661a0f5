from django.core.management.base import BaseCommand

from community.core.progress import ProgressBar
from community.qa import indexing
from community.qa.demo import load_demo


class Command(BaseCommand):
    help = "Load the starter questions, answers and votes (idempotent), and embed every question."

    def handle(self, *args, **options) -> None:
        report = load_demo()
        self.stdout.write(
            f"Demo Q&A: {report.questions} questions, {report.answers} answers, {report.votes} votes added; {report.skipped} already there."
        )
        bar = ProgressBar(self.stdout, "Embedding questions")
        index = indexing.index_questions(progress=bar.update)
        bar.finish()
        self.stdout.write(self.style.SUCCESS(f"Question index: {index.encoded} embedded, {index.unchanged} unchanged."))
