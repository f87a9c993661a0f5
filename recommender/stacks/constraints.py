"""A team's hard constraints (never broken, in picks or alternatives) and soft fit (size, budget)."""

from dataclasses import asdict, dataclass
from typing import Any

HOSTING = ("any", "self-hosted", "managed")
CLOUDS = ("aws", "gcp", "azure")
BUDGETS = ("low", "medium", "high")
LLM_DOMAINS = frozenset({"llm", "multimodal"})
CLOUD_NAMES = {"aws": "AWS", "gcp": "Google Cloud", "azure": "Azure"}


@dataclass(frozen=True)
class Constraints:
    open_source_only: bool = False
    hosting: str = "any"
    cloud: str | None = None
    team_size: int | None = None
    budget: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    def allows(self, tool: "ToolFacts") -> bool:
        return not self.broken_by(tool)

    def broken_by(self, tool: "ToolFacts") -> list[str]:
        """Which hard constraints the tool breaks (empty when it fits)."""
        broken = []
        if self.open_source_only and not tool.open_source:
            broken.append("open_source_only")
        if self.hosting == "self-hosted" and not tool.runs_self_hosted:
            broken.append("hosting")
        if self.hosting == "managed" and not tool.runs_managed:
            broken.append("hosting")
        if self.cloud and tool.clouds and self.cloud not in tool.clouds:
            broken.append("cloud")
        return broken

    def describe(self) -> list[str]:
        """The hard constraints in words, for the explanation of each pick."""
        words = []
        if self.open_source_only:
            words.append("open source only")
        if self.hosting != "any":
            words.append(f"{self.hosting} only")
        if self.cloud:
            words.append(f"on {CLOUD_NAMES[self.cloud]}")
        return words

    @property
    def small_team(self) -> bool:
        return self.team_size is not None and self.team_size <= 5

    def max_stages(self) -> int:
        """A small team is not handed twelve tools."""
        if self.team_size is None:
            return 6
        if self.team_size <= 2:
            return 4
        if self.team_size <= 5:
            return 5
        if self.team_size <= 20:
            return 7
        return 9


@dataclass(frozen=True)
class ToolFacts:
    """What the recommender needs to know of a catalog tool, kept in memory per catalog version."""

    id: int
    slug: str
    name: str
    licence: str
    primary_stage: int
    stages: frozenset[int]
    open_source: bool
    library: bool
    self_hosted: bool
    managed: bool
    clouds: frozenset[str]
    integrations: frozenset[int]
    popularity: float
    domains: frozenset[str] = frozenset()
    maker: str = ""  # the vendor, lower case, without the owner in brackets ("weights & biases (coreweave)")
    editions: frozenset[int] = frozenset()  # other tools that are editions of this one (snapshot.py)
    on_device: bool = False  # the catalog's on-device hosting (HOSTING_MEANINGS)

    # A library runs inside the team's own code, wherever that runs: it suits a team that hosts nothing (XGBoost
    # in a managed training job) as well as one that hosts everything.
    @property
    def runs_self_hosted(self) -> bool:
        return self.self_hosted or self.library

    @property
    def runs_managed(self) -> bool:
        return self.managed or self.library

    @property
    def llm_only(self) -> bool:
        """Built for large language models alone (an LLM server, a prompt tracer)."""
        return bool(self.domains) and self.domains <= LLM_DOMAINS
