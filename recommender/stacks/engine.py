"""From a team's words and constraints to a stack: the stages it needs, one tool per stage, and why.

1. The text is split into its sentences and clauses, plus the short items of any list it makes, and embedded
   once (one encode call).
2. Stages: those a model fitted on labelled example cases says such a team needs (stages.py, on top of how
   clearly each clause asks for each stage, needs.py), those a list in the text names, and those its high-risk
   domains require (the responsible-AI library's risk profiles). Capped by team size; required and named
   stages are never dropped.
3. Tools: for each stage, every catalog tool filed there that satisfies every hard constraint, scored by fit
   to the text (embedding similarity to the whole text and to the clause that asked for the stage), standing
   (how widely the tool integrates), precedent (what the example cases nearest to the text were given for the
   stage, precedents.py), fit to the team (its cloud, budget, size), and fit to the other picks (integrations
   between them, in a second pass).
"""

from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field, replace

import numpy as np

from community.catalog.indexing import KIND as TOOL_KIND
from community.ethics.api.payloads import profile_payloads
from community.ethics.matching import ProfileMatch, match_risk_profiles
from community.ethics.services import ethics_version
from recommender import index
from recommender.stacks import choosing, device, mentions, needs, precedents, stages, team
from recommender.stacks.choosing import StageChoice
from recommender.stacks.constraints import Constraints, ToolFacts
from recommender.stacks.snapshot import Snapshot, StageInfo, StageTools, snapshot

W_TEXT = 0.6
W_POPULARITY = 0.6
# Stages whose right tool depends on the domain more than on how widely a tool integrates (a forecasting team
# wants Darts, not PyTorch): popularity counts for less there. The factor on W_POPULARITY per stage, chosen by
# 5-fold cross-validation on the example cases' acceptable tools (tool_weights.py).
POPULARITY_BY_STAGE = {
    "data-labeling": 0.25,
    "data-pipeline": 0.25,
    "data-storage": 0.0,
    "data-versioning": 1.5,
    "evaluation": 0.5,
    "experiment-tracking": 0.0,
    "explainability-fairness": 0.5,
    "llm-ops": 0.5,
    "metadata-lineage": 0.5,
    "ml-frameworks": 0.0,
    "model-optimisation": 1.5,
    "monitoring": 0.0,
    "notebooks": 0.0,
    "orchestration": 0.5,
    "privacy-security": 0.25,
    "training": 0.0,
    "vector-search": 1.5,
    "visualisation": 0.5,
}
W_PRIMARY = 0.3
W_PRECEDENT = 0.4  # with precedents.K, chosen by 5-fold cross-validation on the example cases' acceptable tools
W_INTEGRATION = 0.04
MAX_INTEGRATION_LINKS = 3
W_CLOUD = 0.4
# A tool tied to one cloud suits only teams on it: with no cloud named it gives way a little to one that runs
# anywhere (a managed serving pick comes before SageMaker's and Vertex's endpoints). A judgement, not a measured
# gain: cross-validation on the examples' acceptable tools scored the same with 0, 0.1 and 0.2. Where only
# cloud services fit (managed explainability), one still wins, and its why names the cloud it needs.
W_UNNAMED_CLOUD = 0.1
W_OFF_DOMAIN = 0.3
# A tool the team names as its own ("we already run Dagster") is its pick in the stage unless it breaks a
# constraint; one it turns from ("moving off SageMaker") gives way. Chosen by cross-validation on the examples.
W_NAMED = 0.5
W_BUDGET = 0.05
# A library fits a team that wants managed services (it runs in their code), but where a hosted service does
# the job such a team asked for the service. A library that also has a hosted edition (H2O-3) is still used as
# a library, so it gets no such preference over PyTorch. Chosen by cross-validated hit rate on the examples:
# 0.598 at 0.1, 0.606 at 0.2, 0.604 at 0.3.
W_MANAGED_ASKED = 0.2
# A team whose model runs on the device (device.py) gets a runtime that ships in its app before an inference
# server: the server integrates with more and reads as close to the text, yet it is no answer for a phone.
# Chosen by cross-validated hit rate on the examples (evaluate_recommender --device-weights): 0.611 at 0, 0.615
# at 0.2, 0.609 at 0.3, where Jetson boxes, which run Triton as well, lose it.
W_DEVICE = 0.2
ALTERNATIVES = 3
LEADERS = 40  # candidates weighed for integrations with the other picks

LLM_STAGES = {"llm-ops", "llm-apps", "vector-search"}


@dataclass
class Pick:
    choice: StageChoice
    tool: ToolFacts | None
    score: float
    alternatives: list[tuple[ToolFacts, float]]
    linked: list[ToolFacts] = field(default_factory=list)
    precedent: float = 0.0  # the tool's share of the nearest example cases' vote for the stage
    named: bool = False  # the text names the tool as the team's own (mentions.py)


@dataclass
class Stack:
    picks: list[Pick]
    risks: list[ProfileMatch]
    profiles: dict[int, dict]
    parts: list[str]
    vector: np.ndarray
    constraints: Constraints
    snapshot: Snapshot
    # Stages not in the stack that the page offers to add: those a domain that may apply requires, then those
    # that came next in line (cut by the team-size cap or just under the bar), likeliest first.
    also_consider: list[StageInfo] = field(default_factory=list)
    chosen: bool = False
    team_size_read: bool = False  # constraints.team_size came from the text, the field being blank
    # High-risk domains the text does not match confidently but whose words it uses ("credit scoring" in a
    # lawyer's one-line question): shown as domains that may apply, their required stages offered, not added.
    maybe_risks: list[ProfileMatch] = field(default_factory=list)
    library_version: str | None = None  # the responsible-AI library's, as read for this stack
    on_device: str | None = None  # the sentence that says the model runs on the device (device.py)


def _scores(
    arrays: StageTools,
    stage: StageInfo,
    constraints: Constraints,
    text_fit: np.ndarray,
    precedent: np.ndarray,
    llm_use: bool,
    mentioned: np.ndarray | None = None,
    on_device: bool = False,
) -> tuple[np.ndarray, np.ndarray]:
    """Every tool's score in the stage, and which tools meet every hard constraint. `mentioned`: 1 for a tool
    the text names as the team's, -1 for one it turns from (mentions.py). `on_device`: the text says its model
    runs on the device."""
    allowed = np.ones(len(arrays.ids), dtype=bool)
    if constraints.open_source_only:
        allowed &= arrays.open_source
    if constraints.hosting == "self-hosted":
        allowed &= arrays.runs_self_hosted
    elif constraints.hosting == "managed":
        allowed &= arrays.runs_managed
    if constraints.cloud:
        allowed &= ~arrays.tied | arrays.on_cloud[constraints.cloud]
    by_stage, default = _popularity.get()
    popularity = W_POPULARITY * by_stage.get(stage.slug, default)
    precedent_weight = _precedent_setting.get()[0]
    score = W_TEXT * text_fit + popularity * arrays.popularity + W_PRIMARY * arrays.primary
    score += precedent_weight * precedent
    # An LLM server is no place for a fraud model, and no bonus below may lift it back: a cloud's own prompt
    # firewall is not a credit-scoring team's privacy tool.
    in_domain = np.ones(len(arrays.ids), dtype=bool) if llm_use else ~arrays.llm_only
    score -= W_OFF_DOMAIN * ~in_domain
    if constraints.cloud:
        # On its cloud, a team gets the cloud's own first.
        score += W_CLOUD * (arrays.on_cloud[constraints.cloud] & in_domain)
    else:
        score -= W_UNNAMED_CLOUD * arrays.tied
    if constraints.budget == "low":
        score += np.where(arrays.open_source, W_BUDGET, -W_BUDGET)
    if constraints.hosting == "managed":
        score += W_MANAGED_ASKED * (arrays.service & in_domain)
    if constraints.small_team and constraints.hosting == "any":
        score += (W_BUDGET / 2) * arrays.runs_managed  # nothing to operate
    if on_device:
        score += _device_setting.get() * arrays.on_device
    if mentioned is not None:
        # Kept in its own stage only (a team that stores sensor data in InfluxDB monitors its model with
        # something else); given way in every stage.
        score += _named_setting.get() * np.where(mentioned > 0, mentioned * arrays.primary, mentioned)
    return score, allowed


# Per context (thread), so that an override for an evaluation never reaches a request served alongside it.
_popularity: ContextVar[tuple[dict[str, float], float]] = ContextVar("popularity", default=(POPULARITY_BY_STAGE, 1.0))


@contextmanager
def _overriding(setting: ContextVar, value: object) -> Iterator[None]:
    token = setting.set(value)
    try:
        yield
    finally:
        setting.reset(token)


def popularity_weights(by_stage: dict[str, float], default: float = 1.0) -> AbstractContextManager[None]:
    """Weigh popularity by these factors (per stage slug, `default` for the others) instead of
    POPULARITY_BY_STAGE: how the shipped factors are chosen (tool_weights.py)."""
    return _overriding(_popularity, (by_stage, default))


def _votes_apply(tool: ToolFacts | None, cloud: str | None, device_quote: str | None) -> bool:
    """Whether the example cases' votes for this tool count for this team. Example teams on AWS chose SageMaker;
    a team naming no cloud did not say it is on AWS. Nor did teams shipping a model in a phone app choose for one
    whose model runs on its servers."""
    if tool is None:
        return False
    return (bool(cloud) or not tool.clouds) and (device_quote is not None or not tool.on_device)


def _aligned(arrays: StageTools, by_tool: dict[int, float]) -> np.ndarray:
    """Values per tool id, aligned with the stage's `arrays` (0 for a tool not among them)."""
    aligned = np.zeros(len(arrays.ids), dtype=np.float32)
    if by_tool:
        positions = np.flatnonzero(np.isin(arrays.ids, list(by_tool)))
        aligned[positions] = [by_tool[int(arrays.ids[p])] for p in positions]
    return aligned


_precedent_setting: ContextVar[tuple[float, int]] = ContextVar("precedent", default=(W_PRECEDENT, precedents.K))
_named_setting: ContextVar[float] = ContextVar("named", default=W_NAMED)
_device_setting: ContextVar[float] = ContextVar("device", default=W_DEVICE)


def device_weight(weight: float) -> AbstractContextManager[None]:
    """Weigh on-device tools for an on-device text by `weight` instead of W_DEVICE: how it is chosen
    (evaluate_recommender --device-weights)."""
    return _overriding(_device_setting, weight)


def named_weight(weight: float) -> AbstractContextManager[None]:
    """Weigh the tools a text names by `weight` instead of W_NAMED: how it is chosen (evaluate_recommender
    --named-weights)."""
    return _overriding(_named_setting, weight)


def precedent_weights(weight: float, k: int) -> AbstractContextManager[None]:
    """Weigh precedents by `weight`, from the `k` nearest example cases, instead of W_PRECEDENT and
    precedents.K: how those are chosen (tool_weights.py)."""
    return _overriding(_precedent_setting, (weight, k))


def _rank(
    snap: Snapshot, arrays: StageTools, score: np.ndarray, allowed: np.ndarray, picked: set[int]
) -> list[tuple[ToolFacts, float, list[ToolFacts]]]:
    """The best allowed tools, best first; integrations with the other picks count for the leading ones."""
    candidates = np.flatnonzero(allowed)
    if not len(candidates):
        return []
    # Integrations add at most W_INTEGRATION * MAX_INTEGRATION_LINKS, so only tools that close can be lifted.
    reach = W_INTEGRATION * MAX_INTEGRATION_LINKS
    if len(candidates) > LEADERS:
        candidates_scores = score[candidates]
        leaders = candidates[np.argpartition(-candidates_scores, LEADERS - 1)[:LEADERS]]
    else:
        leaders = candidates
    top = leaders[score[leaders] >= score[leaders].max() - reach - 1e-9]
    ranked = []
    for position in top.tolist():
        tool = snap.tools[int(arrays.ids[position])]
        linked = [snap.tools[i] for i in tool.integrations & picked if i != tool.id]
        total = float(score[position]) + W_INTEGRATION * min(len(linked), MAX_INTEGRATION_LINKS)
        ranked.append((tool, total, linked, int(arrays.name_rank[position])))
    ranked.sort(key=lambda row: (-row[1], row[3]))
    wanted = ALTERNATIVES + 1 + len(ranked[0][0].editions)  # room to pass over the pick's own editions
    if len(ranked) < wanted:
        rest = candidates[~np.isin(candidates, top)]
        needed = wanted - len(ranked)
        if len(rest) > needed:  # sort only the best few of a large stage, ties at the cut included
            cut = np.partition(-score[rest], needed - 1)[needed - 1]
            rest = rest[-score[rest] <= cut]
        order = rest[np.lexsort((arrays.name_rank[rest], -score[rest]))][:needed]
        ranked += [(snap.tools[int(arrays.ids[p])], float(score[p]), [], 0) for p in order.tolist()]
    return [(tool, total, linked) for tool, total, linked, _ in ranked]


def recommend(use_case: str, constraints: Constraints, chosen: list[str] | None = None) -> Stack:
    """`chosen`: stage slugs the person picked, instead of the stages inferred from the text. A team size left
    blank is read from the text where it says one (team.py)."""
    with index.one_reading():  # six kinds of vectors are searched: their versions are read in one query
        return _recommend(use_case, constraints, chosen)


def _recommend(use_case: str, constraints: Constraints, chosen: list[str] | None) -> Stack:
    size_read = None
    if constraints.team_size is None and (size_read := team.size_in(use_case)) is not None:
        constraints = replace(constraints, team_size=size_read)
    parts = needs.parts_of(use_case)
    lists = needs.list_items(use_case, parts)
    items = [item for items in lists for item in items]
    vectors, item_vectors = needs.encode_parts(parts, items)
    passage_vector = dict(zip(items, item_vectors, strict=True)) | dict(zip(parts, vectors, strict=True))
    whole = vectors[0]
    snap = snapshot()
    library = ethics_version()  # read once: matching, the profiles and the result's payloads all key on it
    matches = match_risk_profiles(use_case, encoded=(parts, vectors), version=library)
    risks = [m for m in matches if m.confident]
    maybe = [m for m in matches if m.may_apply]
    profiles = profile_payloads([m.profile.id for m in risks + maybe], library)
    required = {pid: payload["required_stages"] for pid, payload in profiles.items()}
    learned = stages.current()
    named = needs.named(lists, item_vectors, snap.stages, snap.version)
    choices, also_consider = choosing.choose_stages(
        snap, parts, vectors, risks, required, constraints, chosen, learned, named, maybe
    )
    llm_use = any(c.stage.slug in LLM_STAGES for c in choices)

    device_quote = device.on_device(use_case)
    teams_tools = mentions.named_tools(use_case, snap)
    team_signs = {tool_id: 1.0 if kept else -1.0 for tool_id, kept in teams_tools.items()}
    tool_matrix = index.matrix(TOOL_KIND)
    examples_gave = learned.precedents
    scored: dict[int, tuple[np.ndarray, np.ndarray]] = {}
    shares: dict[int, dict[str, float]] = {}
    for choice in choices:
        arrays = snap.arrays.get(choice.stage.id)
        if arrays is None:
            continue
        rows = np.fromiter((tool_matrix.position.get(int(i), -1) for i in arrays.ids), np.int64, len(arrays.ids))
        known = rows >= 0
        queries = [whole] + ([passage_vector[choice.passage]] if choice.passage else [])
        text_fit = np.zeros(len(arrays.ids), dtype=np.float32)
        text_fit[known] = (tool_matrix.vectors[rows[known]] @ np.vstack(queries).T).max(axis=1)
        votes = examples_gave.votes(whole, choice.stage.slug, _precedent_setting.get()[1])
        votes = {
            slug: share
            for slug, share in votes.items()
            if _votes_apply(snap.tool_by_slug(slug), constraints.cloud, device_quote)
        }
        shares[choice.stage.id] = votes
        precedent = _aligned(arrays, {snap.ids_by_slug[s]: v for s, v in votes.items()})
        mentioned = _aligned(arrays, team_signs) if team_signs else None
        scored[choice.stage.id] = _scores(
            arrays, choice.stage, constraints, text_fit, precedent, llm_use, mentioned, device_quote is not None
        )

    # Two passes: picks on their own merits, then again with the first picks' integrations counting.
    picked: set[int] = set()
    for _ in range(2):
        picks = []
        for choice in choices:
            ranked = []
            if choice.stage.id in scored:
                ranked = _rank(snap, snap.arrays[choice.stage.id], *scored[choice.stage.id], picked)
            if ranked:
                tool, score, linked = ranked[0]
                # The pick's own editions (Hopsworks SaaS beside Hopsworks) after other tools: hardly an
                # alternative.
                others = sorted(ranked[1:], key=lambda row: row[0].id in tool.editions)
                alternatives = [(t, s) for t, s, _ in others[:ALTERNATIVES]]
                share = shares[choice.stage.id].get(tool.slug, 0.0)
                kept = teams_tools.get(tool.id, False)
                picks.append(Pick(choice, tool, round(score, 4), alternatives, linked, share, kept))
            else:
                picks.append(Pick(choice, None, 0.0, []))
        picked = {p.tool.id for p in picks if p.tool is not None}
    for pick in picks:  # integrations counted against the first pass's picks: name only those that stayed
        pick.linked = [tool for tool in pick.linked if tool.id in picked]
    return Stack(
        picks,
        risks,
        profiles,
        parts,
        whole,
        constraints,
        snap,
        also_consider,
        chosen=chosen is not None,
        team_size_read=size_read is not None,
        maybe_risks=maybe,
        library_version=library,
        on_device=device_quote,
    )
