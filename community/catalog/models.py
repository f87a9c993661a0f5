from django.db import models
from django.urls import reverse

from community.catalog.querysets import ToolQuerySet

# How a team runs a tool: a service it hosts, one a vendor hosts, or code it imports (a library or command-line
# tool runs inside compute the team already has, so it suits a team that hosts nothing as well as one that
# hosts everything). "On device" says where the model ends up rather than who runs the tool: on phones,
# laptops, browsers or edge boards, not a server. It comes with one of the other three, which the hosting
# constraints go by.
HOSTING_CHOICES = ("library", "on-device", "self-hosted", "managed")
HOSTING_FIELDS = {"library": "library", "on-device": "on_device", "self-hosted": "self_hosted", "managed": "managed"}
HOSTING_LABELS = {"library": "Library", "on-device": "On device", "self-hosted": "Self-hosted", "managed": "Managed"}
# What the two less familiar ways of running a tool mean: said once, for the badge's tooltip, the facet and the
# field's help text.
HOSTING_MEANINGS = {
    "library": "Runs inside your own code or machine: nothing to host",
    "on-device": "Runs models on phones, laptops, browsers or edge boards",
}


class Stage(models.Model):
    slug = models.SlugField(unique=True)
    name = models.CharField(max_length=80)
    order = models.PositiveIntegerField(default=0)
    description = models.TextField()

    class Meta:
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("catalog:stage", args=[self.slug])

    def embedding_text(self) -> str:
        # The description alone separates stages better than with the name: names share words ("model", "data").
        return self.description


class Facet(models.Model):
    """A small controlled vocabulary (languages, domains, clouds): slug for URLs and filters, name for people."""

    slug = models.SlugField(unique=True)
    name = models.CharField(max_length=60)

    class Meta:
        abstract = True
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Language(Facet):
    pass


class Domain(Facet):
    pass


class Cloud(Facet):
    pass


class Tool(models.Model):
    slug = models.SlugField(max_length=120, unique=True)
    name = models.CharField(max_length=120)
    summary = models.TextField(max_length=400)
    homepage = models.URLField(blank=True)
    repository = models.URLField(blank=True)
    licence = models.CharField(
        max_length=60, blank=True, help_text="SPDX identifier where known, 'proprietary' for closed products."
    )
    open_source = models.BooleanField(default=False, help_text="True only for an OSI-approved licence.")
    library = models.BooleanField(default=False, help_text=HOSTING_MEANINGS["library"] + ".")
    on_device = models.BooleanField(
        default=False, help_text=HOSTING_MEANINGS["on-device"] + ", or builds them for those."
    )
    self_hosted = models.BooleanField(default=False)
    managed = models.BooleanField(default=False)
    vendor = models.CharField(max_length=120, blank=True)
    primary_stage = models.ForeignKey(Stage, on_delete=models.PROTECT, related_name="primary_tools")
    stages = models.ManyToManyField(
        Stage, related_name="tools", blank=True, help_text="Every stage the tool serves, the primary one included."
    )
    clouds = models.ManyToManyField(Cloud, related_name="tools", blank=True)
    languages = models.ManyToManyField(Language, related_name="tools", blank=True)
    domains = models.ManyToManyField(Domain, related_name="tools", blank=True)
    integrations = models.ManyToManyField("self", blank=True, symmetrical=True)
    source = models.CharField(
        max_length=120, blank=True, help_text="Where the entry came from (a list, curation, an import)."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ToolQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        indexes = [models.Index(fields=["primary_stage", "name"]), models.Index(fields=["open_source"])]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("catalog:tool", args=[self.slug])

    @property
    def hosting(self) -> list[str]:
        return [h for h in HOSTING_CHOICES if getattr(self, HOSTING_FIELDS[h])]

    @property
    def hosting_labels(self) -> list[str]:
        return [HOSTING_LABELS[h] for h in self.hosting]

    @property
    def hosting_meanings(self) -> dict[str, str]:
        """The badges' tooltips, keyed by field name so that a template can read them."""
        return {HOSTING_FIELDS[h]: meaning for h, meaning in HOSTING_MEANINGS.items()}

    def embedding_text(self) -> str:
        """What the embedding model reads for this tool: its name, what it does, and where it sits."""
        stages = ", ".join(s.name for s in self.stages.all())
        domains = ", ".join(d.name for d in self.domains.all())
        parts = [f"{self.name}: {self.summary}", f"Stage: {self.primary_stage.name}."]
        if stages:
            parts.append(f"Also used for: {stages}.")
        if domains:
            parts.append(f"Domains: {domains}.")
        return " ".join(parts)


class CatalogState(models.Model):
    """One row whose token changes with every catalog write: cached list pages are keyed on it.

    A random token, not a counter, so that a rolled-back write can never make an old cache entry look current.
    """

    version = models.CharField(max_length=32)

    def __str__(self) -> str:
        return self.version
