from django.db import models
from django.urls import reverse

from community.catalog.models import Stage, Tool
from community.ethics.querysets import ResourceQuerySet


class Kind(models.TextChoices):
    REGULATION = "regulation", "Regulation"
    PRINCIPLES = "principles", "Principles & framework"
    PROCESS = "process", "Process & checklist"
    TOOLKIT = "toolkit", "Practical toolkit"
    STANDARD = "standard", "Standard"
    COURSE = "course", "Course"
    NEWSLETTER = "newsletter", "Newsletter"
    PAPER = "paper", "Paper"
    INCIDENT_REPORT = "incident-report", "Incident report"


class Topic(models.Model):
    slug = models.SlugField(unique=True)
    name = models.CharField(max_length=60)
    description = models.TextField(blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name


class Region(models.Model):
    """Where a law applies: a jurisdiction (a country, the EU) or `intl` for international instruments."""

    code = models.SlugField(max_length=10, unique=True)
    name = models.CharField(max_length=80)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Resource(models.Model):
    slug = models.SlugField(max_length=80, unique=True)
    title = models.CharField(max_length=300)
    url = models.URLField(max_length=500)
    kind = models.CharField(max_length=20, choices=Kind.choices, db_index=True)
    region = models.ForeignKey(Region, on_delete=models.PROTECT, null=True, blank=True, related_name="resources")
    topics = models.ManyToManyField(Topic, related_name="resources", blank=True)
    stages = models.ManyToManyField(Stage, related_name="ethics_resources", blank=True)
    tools = models.ManyToManyField(
        Tool,
        related_name="ethics_resources",
        blank=True,
        help_text="Catalog tools that put the resource into practice.",
    )
    summary = models.TextField(max_length=800)
    organisation = models.CharField(max_length=160, blank=True)
    year = models.PositiveSmallIntegerField(null=True, blank=True)
    status = models.CharField(max_length=60, blank=True, help_text="For laws and bills: in force, proposed, repealed…")
    source = models.CharField(max_length=120, blank=True, help_text="Where the entry came from (curation, an import).")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ResourceQuerySet.as_manager()

    class Meta:
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("ethics:resource", args=[self.slug])

    def embedding_text(self) -> str:
        """The title, what it is and the topics it covers: what someone searching the library describes."""
        topics = ", ".join(t.name for t in self.topics.all())
        text = f"{self.title}: {self.get_kind_display()}. {self.summary}"
        return f"{text} Topics: {topics}." if topics else text


class Checklist(models.Model):
    """The responsible-AI checks that belong to one lifecycle stage."""

    stage = models.OneToOneField(Stage, on_delete=models.CASCADE, related_name="checklist")
    intro = models.TextField()

    class Meta:
        ordering = ["stage__order"]

    def __str__(self) -> str:
        return f"Checklist: {self.stage.name}"

    def get_absolute_url(self) -> str:
        return reverse("ethics:checklist", args=[self.stage.slug])


class Check(models.Model):
    """One thing to verify, with the resources that explain it and the tools that help do it."""

    position = models.PositiveSmallIntegerField()
    text = models.CharField(max_length=200)
    detail = models.TextField(blank=True)
    resources = models.ManyToManyField(Resource, related_name="%(class)ss", blank=True)
    tools = models.ManyToManyField(Tool, related_name="%(class)ss", blank=True)

    class Meta:
        abstract = True
        ordering = ["position"]

    def __str__(self) -> str:
        return self.text


class ChecklistItem(Check):
    checklist = models.ForeignKey(Checklist, on_delete=models.CASCADE, related_name="items")
    topics = models.ManyToManyField(Topic, related_name="checklist_items", blank=True)

    class Meta(Check.Meta):
        constraints = [models.UniqueConstraint(fields=["checklist", "position"], name="checklist_item_position")]


class RiskProfile(models.Model):
    """A use-case domain that regulation or harm history marks high-risk, with what a team in it must check."""

    slug = models.SlugField(unique=True)
    name = models.CharField(max_length=80)
    summary = models.TextField()
    why = models.TextField(help_text="Why the domain is high-risk: the laws and incidents behind it.")
    keywords = models.JSONField(default=list, help_text="Lower-case words and phrases that signal the domain.")
    order = models.PositiveSmallIntegerField(default=0)
    stages = models.ManyToManyField(
        Stage, related_name="risk_profiles", blank=True, help_text="Stages any stack for this domain must include."
    )
    resources = models.ManyToManyField(Resource, related_name="risk_profiles", blank=True)

    class Meta:
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("ethics:risk_profile", args=[self.slug])


class RiskExample(models.Model):
    """A sentence a team in the domain might write: the embeddings match use-case texts against these.

    Examples without a profile describe ordinary, low-risk uses of ML; a sentence nearest to one of those
    matches no domain, which keeps "forecast bakery demand" from matching the power grid.
    """

    profile = models.ForeignKey(RiskProfile, on_delete=models.CASCADE, related_name="examples", null=True, blank=True)
    text = models.CharField(max_length=300)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["profile", "text"], name="risk_example_text")]

    def __str__(self) -> str:
        return self.text


class RiskCheck(Check):
    profile = models.ForeignKey(RiskProfile, on_delete=models.CASCADE, related_name="checks")
    stage = models.ForeignKey(Stage, on_delete=models.PROTECT, related_name="risk_checks")

    class Meta(Check.Meta):
        constraints = [models.UniqueConstraint(fields=["profile", "position"], name="risk_check_position")]


class EthicsState(models.Model):
    """One row whose random token changes with every write to the library: cached pages are keyed on it."""

    version = models.CharField(max_length=32)

    def __str__(self) -> str:
        return self.version
