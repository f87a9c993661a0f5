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
from recommender import encoder, index
from recommender.stacks import needs
from recommender.stacks.constraints import CLOUD_NAMES, Constraints, ToolFacts
from recommender.stacks.snapshot import Snapshot, StageInfo, snapshot

W_TEXT = 0.6
W_POPULARITY = 0.6
W_PRIMARY = 0.3
W_INTEGRATION = 0.04
MAX_INTEGRATION_LINKS = 3
W_CLOUD = 0.4
W_OFF_DOMAIN = 0.3
W_BUDGET = 0.05
ALTERNATIVES = 3

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
    text_fit: float = 0.0
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


def _team_fit(tool: ToolFacts, constraints: Constraints, llm_use: bool) -> float:
    fit = 0.0
    if tool.llm_only and not llm_use:
        fit -= W_OFF_DOMAIN  # an LLM server is no place for a fraud model
    if constraints.cloud and constraints.cloud in tool.clouds:
        fit += W_CLOUD  # on its cloud, a team gets the cloud's own component first
    if constraints.budget == "low":
        fit += W_BUDGET if tool.open_source else -W_BUDGET
    if constraints.small_team and constraints.hosting == "any" and tool.managed:
        fit += W_BUDGET / 2  # nothing to operate
    return fit


def _score_stage(
    snap: Snapshot,
    stage: StageInfo,
    constraints: Constraints,
    sims: dict[int, float],
    picked: set[int],
    llm_use: bool,
) -> list[tuple[ToolFacts, float, float, list[ToolFacts]]]:
    scored = []
    for tool_id in snap.by_stage.get(stage.id, ()):
        tool = snap.tools[tool_id]
        if not constraints.allows(tool):
            continue
        text_fit = sims.get(tool_id, 0.0)
        linked = [snap.tools[i] for i in tool.integrations & picked if i != tool_id]
        score = (
            W_TEXT * text_fit
            + W_POPULARITY * tool.popularity
            + W_PRIMARY * (tool.primary_stage == stage.id)
            + _team_fit(tool, constraints, llm_use)
            + W_INTEGRATION * min(len(linked), MAX_INTEGRATION_LINKS)
        )
        scored.append((tool, score, text_fit, linked))
    scored.sort(key=lambda row: (-row[1], row[0].name))
    return scored


def recommend(use_case: str, constraints: Constraints) -> Stack:
    parts = needs.parts_of(use_case)
    vectors = encoder.encode(parts)
    whole = vectors[0]
    snap = snapshot()
    evidence = needs.infer(parts, vectors)
    risks = [m for m in match_risk_profiles(use_case, encoded=(parts, vectors)) if m.confident]
    profiles = profile_payloads([m.profile.id for m in risks])
    required = {pid: payload["required_stages"] for pid, payload in profiles.items()}
    choices = choose_stages(snap, evidence, risks, required, constraints)

    tool_matrix = index.matrix(TOOL_KIND)
    passage_row = {p: i for i, p in enumerate(parts)}
    sims_by_stage: dict[int, dict[int, float]] = {}
    for choice in choices:
        ids = list(snap.by_stage.get(choice.stage.id, ()))
        overall = tool_matrix.scores(whole, ids)
        if choice.passage:
            focused = tool_matrix.scores(vectors[passage_row[choice.passage]], ids)
            overall = {i: max(s, focused.get(i, s)) for i, s in overall.items()}
        sims_by_stage[choice.stage.id] = overall

    # Two passes: picks on their own merits, then again with the first picks' integrations counting.
    llm_use = any(c.stage.slug in LLM_STAGES for c in choices)
    picked: set[int] = set()
    for _ in range(2):
        picks = []
        for choice in choices:
            scored = _score_stage(snap, choice.stage, constraints, sims_by_stage[choice.stage.id], picked, llm_use)
            if scored:
                tool, score, text_fit, linked = scored[0]
                alternatives = [(t, s) for t, s, _, _ in scored[1 : 1 + ALTERNATIVES]]
                picks.append(Pick(choice, tool, round(score, 4), alternatives, text_fit, linked))
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
        sentence += f" As a managed service it leaves a team of {constraints.team_size} nothing to operate."
    return f"{reason} {sentence}"


def _names(tools: list[ToolFacts]) -> str:
    names = [t.name for t in tools[:3]]
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def _clip(text: str, limit: int = 120) -> str:
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"
