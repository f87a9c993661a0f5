import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from community.catalog import awesome as catalog_import
from community.core.awesome import AwesomeListError
from community.ethics import awesome as ethics_import


class Command(BaseCommand):
    help = (
        "Import an awesome-style Markdown list: sections map to catalog stages (entries become tools) or, with "
        "--into resources, to kinds of responsible-AI resource. Atomic and idempotent; a malformed line is "
        "reported with its number and nothing is written."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("path", type=Path, help="The Markdown file.")
        parser.add_argument(
            "--into",
            choices=["tools", "resources"],
            default="tools",
            help="What the entries become: catalog tools (default) or responsible-AI library resources.",
        )
        parser.add_argument(
            "--mapping",
            type=Path,
            help='JSON object {"Section heading": "stage-slug" (tools) or "kind" (resources)}, added to the '
            "built-in mapping of the EthicalML lists.",
        )
        parser.add_argument(
            "--open-source",
            action="store_true",
            help="Tools only: mark new tools open source (for lists that only admit OSI-licensed projects).",
        )

    def handle(self, *args, path: Path, into: str, mapping: Path | None, open_source: bool, **options) -> None:
        extra = self._mapping(mapping)
        if open_source and into != "tools":
            raise CommandError("--open-source applies to tools only.")
        self.stdout.write(f"Reading {path} …")
        try:
            if into == "tools":
                report = catalog_import.import_list(path, catalog_import.load_mapping(extra), open_source=open_source)
                counts = f"{report.created} created, {report.updated} updated, {report.skipped} skipped"
            else:
                report = ethics_import.import_list(path, ethics_import.load_mapping(extra))
                counts = f"{report.created} created, {report.skipped} skipped"
        except AwesomeListError as exc:
            raise CommandError(f"{path}: {exc}. Nothing was imported.") from None
        for section, count in report.unmapped.items():
            self.stdout.write(f"  skipped {count} entries under '{section}' (not mapped; see --mapping)")
        self.stdout.write(self.style.SUCCESS(f"Imported {path.name} into {into}: {counts}."))

    def _mapping(self, path: Path | None) -> dict[str, str] | None:
        if path is None:
            return None
        try:
            extra = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as exc:
            raise CommandError(f"Cannot read the mapping {path}: {exc}") from None
        if not isinstance(extra, dict) or not all(isinstance(v, str) for v in extra.values()):
            raise CommandError(f"The mapping {path} must be a JSON object of heading -> stage slug or kind.")
        return extra
