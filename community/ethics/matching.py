"""Which high-risk domains a use-case text falls into, and why.

Two signals, either enough on its own: the text names one of the domain's keywords ("mortgage", "recruiters"),
or one of its sentences reads like one of the domain's example use cases (cosine similarity of their embeddings
at or above SIMILARITY_THRESHOLD). Sentences are compared one by one, so a long description that spends one line
on "we score loan applicants" still matches, which the embedding of the whole text would blur away.
"""

import re
from dataclasses import dataclass, field

import numpy as np

from community.ethics.indexing import RISK_KIND
from community.ethics.models import RiskExample, RiskProfile
from recommender import encoder, index

SIMILARITY_THRESHOLD = 0.5
KEYWORD_BONUS = 0.15
MAX_SEGMENTS = 40
SEGMENT_RE = re.compile(r"(?<=[.!?;:])\s+|\n+")


@dataclass
class ProfileMatch:
    profile: RiskProfile
    score: float
    similarity: float
    keywords: list[str] = field(default_factory=list)
    example: str = ""
    passage: str = ""

    @property
    def reasons(self) -> list[str]:
        reasons = []
        if self.keywords:
            quoted = ", ".join(f"“{k}”" for k in self.keywords)
            reasons.append(f"The text mentions {quoted}.")
        if self.similarity >= SIMILARITY_THRESHOLD:
            reasons.append(
                f"“{_clip(self.passage)}” reads like a {self.profile.name.lower()} use case such as “{self.example}” "
                f"(similarity {self.similarity:.2f})."
            )
        return reasons


def _clip(text: str, limit: int = 140) -> str:
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


def segments(text: str) -> list[str]:
    """The whole text plus its sentences, so both the overall gist and a single telling line can match."""
    text = " ".join(text.split()) if "\n" not in text else text.strip()
    parts = [" ".join(p.split()) for p in SEGMENT_RE.split(text)]
    parts = [p for p in parts if len(p) >= 12]
    whole = " ".join(text.split())
    return list(dict.fromkeys([whole, *parts]))[:MAX_SEGMENTS]


def keyword_hits(text: str, keywords: list[str]) -> list[str]:
    lowered = " ".join(re.sub(r"[^\w\s'-]", " ", text.lower()).split())
    return [k for k in keywords if re.search(rf"(?<![\w-]){re.escape(k)}(?![\w-])", lowered)]


def match_risk_profiles(text: str) -> list[ProfileMatch]:
    """Matched profiles, best first, each with the reasons it matched."""
    text = text.strip()
    if not text:
        return []
    parts = segments(text)
    vectors = encoder.encode(parts)
    matrix = index.matrix(RISK_KIND)
    examples = {e.id: e for e in RiskExample.objects.all()}
    best: dict[int, tuple[float, str, str]] = {}
    if len(matrix.ids):
        sims = vectors @ matrix.vectors.T  # segments x examples
        for col, example_id in enumerate(matrix.ids.tolist()):
            example = examples.get(example_id)
            if example is None:
                continue
            row = int(np.argmax(sims[:, col]))
            score = float(sims[row, col])
            if score > best.get(example.profile_id, (-1.0, "", ""))[0]:
                best[example.profile_id] = (score, example.text, parts[row])

    matches = []
    for profile in RiskProfile.objects.all():
        similarity, example, passage = best.get(profile.id, (0.0, "", ""))
        hits = keyword_hits(text, profile.keywords)
        if not hits and similarity < SIMILARITY_THRESHOLD:
            continue
        score = similarity + KEYWORD_BONUS * min(len(hits), 2)
        matches.append(ProfileMatch(profile, round(score, 4), round(similarity, 4), hits[:5], example, passage))
    matches.sort(key=lambda m: -m.score)
    return matches
