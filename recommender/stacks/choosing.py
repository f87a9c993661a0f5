"""Which stages a stack holds: those the stage model says a team like this needs, those a list in the text
names, those a matched high-risk domain requires, or those the person chose; less those the text declines
(declined.py); capped by team size, and the next few in line offered."""

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from community.ethics.matching import ProfileMatch
from recommender.stacks import declined, needs, scope, stages
from recommender.stacks.constraints import Constraints
from recommender.stacks.snapshot import Snapshot, StageInfo


@dataclass
class StageChoice:
    stage: StageInfo
    similarity: float = 0.0
    passage: str = ""
    required_by: list[str] = field(default_factory=list)
    chosen: bool = False  # the person picked this stage themselves
    named: bool = False  # an item of a list in the text names it

    @property
    def priority(self) -> tuple:
        # What its domain requires or the person named comes first; then what teams like it need, likeliest first.
        return (self.kept, self.similarity, -self.stage.order)

    @property
    def kept(self) -> bool:
        """Never cut to keep a small team's stack small: a domain requires it, or the text names it in a list."""
        return bool(self.required_by) or self.named


ALSO_CONSIDER = 3
ALSO_CONSIDER_FLOOR = 0.15  # below this likelihood a stage is not worth offering


def choose_stages(
    snap: Snapshot,
    parts: list[str],
    vectors: np.ndarray,
    risks: list[ProfileMatch],
    required: dict[int, list[str]],
    constraints: Constraints,
    chosen: list[str] | None = None,
    learned: stages.StageModel | None = None,
    named: dict[int, str] | None = None,
    maybe: Sequence[ProfileMatch] = (),
) -> tuple[list[StageChoice], list[StageInfo]]:
    """The stack's stages in lifecycle order, and the next few worth considering.

    `required` maps each risk profile's id (matched or `maybe`) to the stage slugs it requires. Those of the
    matched `risks` are always in, and so are the stages a list in the text names (`named`: stage id to the
    item); those of the domains that `maybe` apply are offered first among the next few. With `chosen` (stage
    slugs the person picked), the stack is those stages and the required ones, uncapped: the text then only
    supplies the clause each stage quotes back."""
    named = named or {}
    choices: dict[str, StageChoice] = {}
    considered: dict[int, float] = {}
    reading = needs.read(len(parts), vectors)
    columns = {stage_id: column for column, stage_id in enumerate(reading.stage_ids)} if reading else {}
    if chosen is not None:
        for slug in chosen:
            stage = snap.stage(slug)
            if stage is not None:
                choices[slug] = StageChoice(stage, chosen=True)
    elif reading is not None:
        considered = stages.likelihoods(reading, vectors[0], constraints.team_size, learned)
        for stage_id, probability in stages.needed(reading, considered).items():
            choices[snap.stages[stage_id].slug] = StageChoice(snap.stages[stage_id], probability)
        for stage_id in named.keys() & snap.stages.keys():
            stage = snap.stages[stage_id]
            choices.setdefault(stage.slug, StageChoice(stage, considered.get(stage_id, 0.0))).named = True
    left_out = (
        set() if chosen is not None else _narrow(choices, snap, parts, vectors, named, considered, reading, columns)
    )
    for choice in choices.values():
        column = columns.get(choice.stage.id)
        if column is not None and reading.best[column] >= needs.THRESHOLD:
            choice.passage = needs.passage(reading, column, parts)
        elif choice.stage.id in named:
            choice.passage = named[choice.stage.id]
    for match in risks:
        for slug in required.get(match.profile.id, []):
            stage = snap.stage(slug)
            if stage is not None:
                choice = choices.setdefault(slug, StageChoice(stage))
                choice.required_by.append(match.profile.name)
    ranked = sorted(choices.values(), key=lambda c: c.priority, reverse=True)
    if chosen is None:
        ranked = ranked[: max(constraints.max_stages(), sum(1 for c in ranked if c.kept))]
    kept = {c.stage.id for c in ranked} | left_out
    nearby = [i for i in considered if considered[i] >= ALSO_CONSIDER_FLOOR]
    nearby.sort(key=lambda i: -considered[i])
    may_need = [snap.stage(slug) for match in maybe for slug in required.get(match.profile.id, [])]
    offered = [s for s in may_need if s is not None] + [snap.stages[i] for i in nearby]
    also = list({s.id: s for s in offered if s.id not in kept}.values())[:ALSO_CONSIDER]
    return sorted(ranked, key=lambda c: c.stage.order), also


def _narrow(
    choices: dict[str, StageChoice],
    snap: Snapshot,
    parts: list[str],
    vectors: np.ndarray,
    named: dict[int, str],
    considered: dict[int, float],
    reading: needs.Reading | None,
    columns: dict[int, int],
) -> set[int]:
    """Take out of `choices` what the text declines (declined.py) or puts out of scope (scope.py): what already
    works, what lies beyond what the team just needs, and what a model that is not deployed, or is served by its
    maker, does without. Returns the stages declined or in place, which are not offered either."""
    text = parts[0]
    left_out = declined.declined(parts, vectors, snap.stages) | scope.in_place(text, parts, vectors, snap, named)
    only = {i: part for i, part in scope.only_asked(text, parts, vectors, snap).items() if i not in left_out}
    if only:
        # Beyond what the team says it just needs: out of the stack, though still worth offering.
        for choice in [c for c in choices.values() if c.stage.id not in only.keys() | named.keys()]:
            del choices[choice.stage.slug]
        for stage_id, part in only.items():
            stage = snap.stages[stage_id]
            choice = choices.setdefault(stage.slug, StageChoice(stage, considered.get(stage_id, 0.0)))
            choice.passage = choice.passage or part  # the classifier's clearest clause, if it has one, wins
    for stage_id in left_out:
        choices.pop(snap.stages[stage_id].slug, None)
    unwanted = scope.UNDEPLOYED if scope.not_deployed(text) else ()
    unwanted += ("serving",) if scope.served_by_provider(text) else ()
    for slug in unwanted:
        choice = choices.get(slug)
        column = columns.get(choice.stage.id) if choice else None
        asked = column is not None and reading is not None and reading.best[column] >= needs.THRESHOLD
        if choice and not choice.named and not asked:
            del choices[slug]
    return left_out
