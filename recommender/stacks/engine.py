"""From a team's words and constraints to a stack: the stages it needs, one tool per stage, and why.

1. The text is split into its sentences and clauses and embedded once (one encode call).
2. Stages: those the clauses ask for by meaning (needs.py), those its high-risk domains require (the
   responsible-AI library's risk profiles), and, for a team shipping its own model, the loop every production
   model needs (tracking, serving, monitoring). Capped by team size; required stages are never dropped.
3. Tools: for each stage, every catalog tool filed there that satisfies every hard constraint, scored by fit
   to the text (embedding similarity to the whole text and to the clause that asked for the stage), standing
   (how widely the tool integrates), fit to the team (its cloud, budget, size), and fit to the other picks
   (integrations between them, in a second pass).
"""

from dataclasses import dataclass, field

import numpy as np

from community.catalog.indexing import KIND as TOOL_KIND
from community.ethics.api.payloads import profile_payloads
from community.ethics.matching import ProfileMatch, match_risk_profiles
from recommender import index
from recommender.stacks import needs
from recommender.stacks.constraints import CLOUD_NAMES, Constraints, ToolFacts
from recommender.stacks.snapshot import Snapshot, StageInfo, StageTools, snapshot

W_TEXT = 0.6
W_POPULARITY = 0.6
W_PRIMARY = 0.3
W_INTEGRATION = 0.04
MAX_INTEGRATION_LINKS = 3
W_CLOUD = 0.4
W_OFF_DOMAIN = 0.3
W_BUDGET = 0.05
ALTERNATIVES = 3
LEADERS = 40  # candidates weighed for integrations with the other picks

PRODUCTION_LOOP = ("experiment-tracking", "serving", "monitoring")
LLM_STAGES = {"llm-ops", "llm-apps", "vector-search"}
# An application built on a language model needs its answers evaluated and its calls traced, asked or not.
LLM_LOOP = ("evaluation", "llm-ops")
LLM_APP = {"llm-apps", "vector-search"}
# Stages whose need means the team trains its own model: then the production loop comes with it.
MODEL_BUILDING = {
    "data-labeling", "data-validation", "feature-store", "experiment-tracking", "hyperparameter-tuning",
    "model-registry", "orchestration", "training", "ml-frameworks", "serving", "evaluation", "monitoring",
    "explainability-fairness", "model-optimisation",
}  # fmt: skip


@dataclass
class StageChoice:
    stage: StageInfo
    similarity: float = 0.0
    passage: str = ""
    required_by: list[str] = field(default_factory=list)
    implied: bool = False

    @property
    def priority(self) -> tuple:
        # What a team must have (its domain's requirements, the loop every shipped model needs) comes first;
        # then what it asked for, clearest first.
        return (bool(self.required_by) or self.implied, self.similarity, -self.stage.order)


@dataclass
class Pick:
    choice: StageChoice
    tool: ToolFacts | None
    score: float
    alternatives: list[tuple[ToolFacts, float]]
    linked: list[ToolFacts] = field(default_factory=list)


@dataclass
class Stack:
    picks: list[Pick]
    risks: list[ProfileMatch]
    profiles: dict[int, dict]
    parts: list[str]
    vector: np.ndarray
    constraints: Constraints
    snapshot: Snapshot


def choose_stages(
    snap: Snapshot,
    evidence: dict[int, needs.StageEvidence],
    risks: list[ProfileMatch],
    required: dict[int, list[str]],
    constraints: Constraints,
) -> list[StageChoice]:
    """`required` maps each matched risk profile's id to the stage slugs it requires."""
    choices: dict[str, StageChoice] = {}
    for stage_id, found in evidence.items():
        stage = snap.stages[stage_id]
        choices[stage.slug] = StageChoice(stage, found.similarity, found.passage)
    for match in risks:
        for slug in required.get(match.profile.id, []):
            stage = snap.stage(slug)
            if stage is not None:
                choice = choices.setdefault(slug, StageChoice(stage))
                choice.required_by.append(match.profile.name)
    asked = set(choices)
    implied = LLM_LOOP if asked & LLM_APP else PRODUCTION_LOOP if asked & MODEL_BUILDING else ()
    for slug in implied:
        stage = snap.stage(slug)
        if stage is not None and slug not in choices:
            choices[slug] = StageChoice(stage, implied=True)
    ranked = sorted(choices.values(), key=lambda c: c.priority, reverse=True)
    must = [c for c in ranked if c.required_by or c.implied]
    optional = [c for c in ranked if not (c.required_by or c.implied)]
    kept = must + optional[: max(0, constraints.max_stages() - len(must))]
    return sorted(kept, key=lambda c: c.stage.order)


def _scores(
    arrays: StageTools,
    stage: StageInfo,
    constraints: Constraints,
    text_fit: np.ndarray,
    llm_use: bool,
) -> tuple[np.ndarray, np.ndarray]:
    """Every tool's score in the stage, and which tools meet every hard constraint."""
    allowed = np.ones(len(arrays.ids), dtype=bool)
    if constraints.open_source_only:
        allowed &= arrays.open_source
    if constraints.hosting == "self-hosted":
        allowed &= arrays.self_hosted
    elif constraints.hosting == "managed":
        allowed &= arrays.managed
    if constraints.cloud:
        allowed &= ~arrays.tied | arrays.on_cloud[constraints.cloud]
    score = W_TEXT * text_fit + W_POPULARITY * arrays.popularity + W_PRIMARY * arrays.primary
    if not llm_use:
        score -= W_OFF_DOMAIN * arrays.llm_only  # an LLM server is no place for a fraud model
    if constraints.cloud:
        score += W_CLOUD * arrays.on_cloud[constraints.cloud]  # on its cloud, a team gets the cloud's own first
    if constraints.budget == "low":
        score += np.where(arrays.open_source, W_BUDGET, -W_BUDGET)
    if constraints.small_team and constraints.hosting == "any":
        score += (W_BUDGET / 2) * arrays.managed  # nothing to operate
    return score, allowed


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
    if len(ranked) <= ALTERNATIVES:
        rest = candidates[~np.isin(candidates, top)]
        order = rest[np.lexsort((arrays.name_rank[rest], -score[rest]))][: ALTERNATIVES + 1 - len(ranked)]
        ranked += [(snap.tools[int(arrays.ids[p])], float(score[p]), [], 0) for p in order.tolist()]
    return [(tool, total, linked) for tool, total, linked, _ in ranked]


def recommend(use_case: str, constraints: Constraints) -> Stack:
    parts = needs.parts_of(use_case)
    vectors = needs.encode_parts(parts)
    whole = vectors[0]
    snap = snapshot()
    evidence = needs.infer(parts, vectors)
    risks = [m for m in match_risk_profiles(use_case, encoded=(parts, vectors)) if m.confident]
    profiles = profile_payloads([m.profile.id for m in risks])
    required = {pid: payload["required_stages"] for pid, payload in profiles.items()}
    choices = choose_stages(snap, evidence, risks, required, constraints)
    llm_use = any(c.stage.slug in LLM_STAGES for c in choices)

    tool_matrix = index.matrix(TOOL_KIND)
    passage_row = {p: i for i, p in enumerate(parts)}
    scored: dict[int, tuple[np.ndarray, np.ndarray]] = {}
    for choice in choices:
        arrays = snap.arrays.get(choice.stage.id)
        if arrays is None:
            continue
        rows = np.fromiter((tool_matrix.position.get(int(i), -1) for i in arrays.ids), np.int64, len(arrays.ids))
        known = rows >= 0
        queries = [whole] + ([vectors[passage_row[choice.passage]]] if choice.passage else [])
        text_fit = np.zeros(len(arrays.ids), dtype=np.float32)
        text_fit[known] = (tool_matrix.vectors[rows[known]] @ np.vstack(queries).T).max(axis=1)
        scored[choice.stage.id] = _scores(arrays, choice.stage, constraints, text_fit, llm_use)

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
                alternatives = [(t, s) for t, s, _ in ranked[1 : 1 + ALTERNATIVES]]
                picks.append(Pick(choice, tool, round(score, 4), alternatives, linked=linked))
            else:
                picks.append(Pick(choice, None, 0.0, []))
        picked = {p.tool.id for p in picks if p.tool is not None}
    return Stack(picks, risks, profiles, parts, whole, constraints, snap)


def explain(pick: Pick, stack: Stack) -> str:
    """Why this stage and this tool, in plain words: what in the text, which constraints, which fit."""
    choice, constraints = pick.choice, stack.constraints
    stage = choice.stage.name
    if choice.passage:
        reason = f"You wrote “{_clip(choice.passage)}”, which calls for {stage.lower()}."
    elif choice.required_by:
        reason = f"{' and '.join(choice.required_by)} use cases must include {stage.lower()}."
    elif choice.stage.slug in LLM_LOOP:
        reason = f"An application built on a language model needs {stage.lower()}, asked or not."
    else:
        reason = f"A model you train and ship needs {stage.lower()} even when nobody asks for it."
    if choice.required_by and choice.passage:
        reason += f" {' and '.join(choice.required_by)} use cases require it too."
    if pick.tool is None:
        limits = ", ".join(constraints.describe()) or "your constraints"
        return f"{reason} No tool in the catalog fits this stage under {limits}."
    tool = pick.tool
    facts = []
    if tool.open_source:
        facts.append(f"open source ({tool.licence})" if tool.licence else "open source")
    if constraints.cloud and constraints.cloud in tool.clouds:
        facts.append(f"a {CLOUD_NAMES[constraints.cloud]} component")
    facts.append(
        "self-hosted or managed" if tool.self_hosted and tool.managed else "managed" if tool.managed else "self-hosted"
    )
    if tool.popularity >= 0.45:
        facts.append("among the most widely integrated tools in the catalog")
    sentence = f"{tool.name}: {', '.join(facts)}."
    if pick.linked:
        sentence += f" It integrates with {_names(pick.linked)}, also in this stack."
    described = constraints.describe()
    if described:
        sentence += f" It meets your constraints ({', '.join(described)})."
    if constraints.budget == "low" and tool.open_source:
        sentence += " No licence cost, which suits a low budget."
    if constraints.small_team and tool.managed and constraints.hosting == "any":
        if tool.self_hosted:
            sentence += (
                f" It also comes as a managed service, should a team of {constraints.team_size} rather not run it."
            )
        else:
            sentence += f" As a managed service it leaves a team of {constraints.team_size} nothing to operate."
    return f"{reason} {sentence}"


def _names(tools: list[ToolFacts]) -> str:
    names = [t.name for t in tools[:3]]
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def _clip(text: str, limit: int = 120) -> str:
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"
