import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from community.catalog.awesome import AwesomeListError, import_list, load_mapping


class Command(BaseCommand):
    help = (
        "Import an awesome-style Markdown list: sections become stages through a mapping, entries become tools. "
        "Atomic and idempotent; a malformed line is reported with its number and nothing is written."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("path", type=Path, help="The Markdown file.")
        parser.add_argument(
            "--mapping",
            type=Path,
            help='JSON object {"Section heading": "stage-slug"}, added to the built-in mapping of the EthicalML lists.',
        )
        parser.add_argument(
            "--open-source",
            action="store_true",
            help="Mark new tools open source (for lists that only admit OSI-licensed projects).",
        )

    def handle(self, *args, path: Path, mapping: Path | None, open_source: bool, **options) -> None:
        extra = None
        if mapping:
            try:
                extra = json.loads(mapping.read_text(encoding="utf-8"))
            except (OSError, json.JSONDecodeError) as exc:
                raise CommandError(f"Cannot read the mapping {mapping}: {exc}") from None
            if not isinstance(extra, dict) or not all(isinstance(v, str) for v in extra.values()):
                raise CommandError(f"The mapping {mapping} must be a JSON object of heading -> stage slug.")
        self.stdout.write(f"Reading {path} …")
        try:
            report = import_list(path, load_mapping(extra), open_source=open_source)
        except AwesomeListError as exc:
            raise CommandError(f"{path}: {exc}. Nothing was imported.") from None
        for section, count in report.unmapped.items():
            self.stdout.write(f"  skipped {count} entries under '{section}' (no stage mapped; see --mapping)")
        self.stdout.write(
            self.style.SUCCESS(
                f"Imported {path.name}: {report.created} created, {report.updated} updated, {report.skipped} skipped."
            )
        )
