"""Which tools the example cases closest to a team's text were given, stage by stage.

Embedding similarity between a text and a tool's description cannot tell that a team streaming sensor events
wants Kafka rather than Spark, or that a lab pretraining a model wants DeepSpeed rather than plain PyTorch:
every one of those descriptions sits close to such a text. The labelled example cases know it. For each stage,
the K example cases nearest to the text (by their whole-text vectors) that name acceptable tools for that stage
vote for those tools, each case by its similarity; a tool's share of the vote is its precedent, which the
engine adds to its score. K and the weight were chosen by 5-fold cross-validation on the example cases alone
(`evaluate_recommender --precedents`).
"""

from dataclasses import dataclass

import numpy as np

K = 5


@dataclass(frozen=True)
class StagePrecedents:
    vectors: np.ndarray  # cases with acceptable tools for the stage x dim
    tools: list[tuple[str, ...]]  # their acceptable tool slugs, row by row


@dataclass(frozen=True)
class Precedents:
    by_stage: dict[str, StagePrecedents]

    @classmethod
    def of(cls, wholes: np.ndarray, acceptable: list[dict[str, list[str]]]) -> "Precedents":
        """`wholes`: one whole-text vector per example case; `acceptable`: per case, stage slug -> tool slugs."""
        rows: dict[str, list[int]] = {}
        for row, stages in enumerate(acceptable):
            for slug in stages:
                rows.setdefault(slug, []).append(row)
        return cls(
            {
                slug: StagePrecedents(wholes[positions], [tuple(acceptable[i][slug]) for i in positions])
                for slug, positions in rows.items()
            }
        )

    def votes(self, whole: np.ndarray, stage_slug: str, k: int = K) -> dict[str, float]:
        """Per tool slug, its share (0 to 1) of the vote of the k nearest example cases for this stage. Each case
        votes with its similarity out of k, so a text far from every example gets little, not the whole vote
        of whichever cases happen to be least far."""
        stage = self.by_stage.get(stage_slug)
        if stage is None:
            return {}
        similarity = stage.vectors @ whole.astype(np.float32, copy=False)
        nearest = np.argsort(-similarity, kind="stable")[:k]
        shares: dict[str, float] = {}
        for row, weight in zip(nearest.tolist(), np.clip(similarity[nearest], 0.0, None).tolist(), strict=True):
            for slug in stage.tools[row]:
                shares[slug] = shares.get(slug, 0.0) + weight / k
        return shares


EMPTY = Precedents({})
