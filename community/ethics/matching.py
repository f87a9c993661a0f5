"""Which high-risk domains a use-case text falls into, and why.

Two signals, either enough on its own:
- keywords: the text names one of the domain's words or phrases ("mortgage", "recruiters"), plural or not, and
  not in what a clause denies ("we do not make lending decisions");
- meaning: the text is split into sentences (plus the whole), and each is compared with every example sentence
  of every domain and with examples of ordinary, low-risk ML uses. A sentence whose nearest example belongs to a
  domain, at a similarity of at least NEAREST_FLOOR, matches that domain; one at STRONG_MATCH or more matches
  whatever else is nearer. Comparing sentence by sentence lets a long description that spends one line on "we
  score loan applicants" still match, and the ordinary examples keep "forecast bakery demand" away from the grid.
How sure a match is (acted on, shown as one that may apply, or neither) is ProfileMatch's to say.
"""

import re
from dataclasses import dataclass, field

import numpy as np

from community.ethics.indexing import RISK_KIND
from community.ethics.models import RiskExample, RiskProfile
from community.ethics.services import ethics_version
from recommender import encoder, index

NEAREST_FLOOR = 0.3
MARGIN = 0.0
STRONG_MATCH = 0.6
KEYWORD_BONUS = 0.15
CONFIDENT_WITH_KEYWORD = 0.45
CONFIDENT = 0.75
MAX_SEGMENTS = 40
SEGMENT_RE = re.compile(r"(?<=[.!?;:])\s+|\n+")


@dataclass
class ProfileMatch:
    profile: RiskProfile
    score: float
    similarity: float  # of a sentence whose nearest examples are this domain's (or a very close one)
    keywords: list[str] = field(default_factory=list)
    example: str = ""
    passage: str = ""
    # Of any sentence to the domain's examples, nearest or not: a résumé-ranking tool that reads a little more
    # like a public service still reads like hiring, and its hiring words say so.
    closeness: float = 0.0

    @property
    def confident(self) -> bool:
        """Strong enough to act on (the stack recommender requires the domain's stages only then): a keyword
        backed by a sentence nearest this domain's examples, two of its words backed by a sentence as close to
        them though nearer another domain's, or a very similar example on its own."""
        return (
            (bool(self.keywords) and self.similarity >= CONFIDENT_WITH_KEYWORD)
            or (len(self.keywords) >= 2 and self.closeness >= CONFIDENT_WITH_KEYWORD)
            or self.similarity >= CONFIDENT
        )

    @property
    def may_apply(self) -> bool:
        """Not confident, but the text uses the domain's words and reads at least somewhat like its use cases (a
        lawyer's one-line "credit scoring model in the EU"): worth showing, not worth requiring stages for. A
        keyword alone ("student", "school") is not enough, nor one with a sentence that reads more like another
        domain's, unless it reads as much like this one as a confident match must."""
        near = self.similarity >= NEAREST_FLOOR or self.closeness >= CONFIDENT_WITH_KEYWORD
        return not self.confident and bool(self.keywords) and near

    @property
    def reasons(self) -> list[str]:
        reasons = []
        if self.keywords:
            quoted = ", ".join(f"“{k}”" for k in self.keywords)
            reasons.append(f"The text mentions {quoted}.")
        if self.example:
            reasons.append(
                f"“{_clip(self.passage)}” reads like a {self.profile.name.lower()} use case such as “{self.example}” "
                f"(similarity {max(self.similarity, self.closeness):.2f})."
            )
        return reasons


def _clip(text: str, limit: int = 140) -> str:
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


def segments(text: str) -> list[str]:
    """The whole text plus its sentences, so both the overall gist and a single telling line can match."""
    whole = " ".join(text.split())
    parts = [" ".join(p.split()) for p in SEGMENT_RE.split(text.strip())]
    return list(dict.fromkeys([whole, *(p for p in parts if len(p) >= 12)]))[:MAX_SEGMENTS]


WORD_RE = re.compile(r"\w+")
MAX_KEYWORD_WORDS = 6  # the library loader refuses a longer keyword


def words_of(text: str) -> tuple[str, ...]:
    return tuple(WORD_RE.findall(text.lower()))


def _phrases(text: str) -> frozenset[tuple[str, ...]]:
    """Every run of up to MAX_KEYWORD_WORDS words in the text, each also with a plural -s/-es taken off its last
    word: a keyword is then found by one set lookup instead of a regular-expression search of the whole text."""
    words = words_of(text)
    found = set()
    for start in range(len(words)):
        for end in range(start + 1, min(start + MAX_KEYWORD_WORDS, len(words)) + 1):
            run = words[start:end]
            found.add(run)
            last = run[-1]
            for suffix in ("s", "es"):
                if last.endswith(suffix) and len(last) > len(suffix):
                    found.add((*run[:-1], last[: -len(suffix)]))
    return frozenset(found)


# What, in a clause, says the words after it are not what the team does: "we do NOT make lending decisions", "it
# never touches patient data", "this is not about hiring". Not every negative: "we don't know which loans will
# default" is about loans.
_DENIAL = re.compile(
    r"\b(?:(?:do|does|did|will|would|is|are|was|were)(?:\s+not|n['’]t)|never|not)\s+"
    r"(?:(?:make|makes|making|involve|involves|touch|touches|handle|handles|process|processes|decide|decides"
    r"|affect|affects|do|does|use|uses|used)\b|(?:about|for|in|part\s+of)\s)",
    re.I,
)
_CLAUSE_END = re.compile(r"[.;:!?,()\n]|\s(?:but|and|while|so|because)\s", re.I)


def affirmed(text: str) -> str:
    """The text less what each clause denies after its denial, so a domain's words there are not counted."""
    kept, position = [], 0
    for denial in _DENIAL.finditer(text):
        if denial.start() < position:
            continue
        kept.append(text[position : denial.start()])
        end = _CLAUSE_END.search(text, denial.end())
        position = end.start() if end else len(text)
    kept.append(text[position:])
    return " ".join(kept)


def keyword_hits(text: str, keywords: list[str], phrases: frozenset[tuple[str, ...]] | None = None) -> list[str]:
    """The keywords the text contains as whole words, hyphenation, punctuation and a plural -s/-es aside.
    `phrases`: the text's, from _phrases, when the caller looks up several keyword lists in one text."""
    phrases = _phrases(text) if phrases is None else phrases
    hits = [keyword for keyword in keywords if words_of(keyword) in phrases]
    # "loan" already covers "loans": name each word once.
    return [h for h in hits if not any(h in (other + "s", other + "es") for other in hits)]


@dataclass
class _Evidence:
    similarity: float = 0.0
    example: str = ""
    passage: str = ""


@dataclass(frozen=True)
class _Catalogue:
    """The profiles, and for each column of the example matrix its profile (None: ordinary use) and text."""

    version: str
    profiles: list[RiskProfile]
    owner: list[int | None]
    texts: list[str]


_catalogue: _Catalogue | None = None


def _load(matrix: index.Matrix, ethics: str | None = None) -> _Catalogue:
    """Rebuilt only when the library or the example vectors change, so a match costs no row queries."""
    global _catalogue
    version = f"{ethics_version() if ethics is None else ethics}:{matrix.version}"
    if _catalogue is None or _catalogue.version != version:
        examples = {e.id: e for e in RiskExample.objects.all()}
        ids = matrix.ids.tolist()
        _catalogue = _Catalogue(
            version,
            list(RiskProfile.objects.all()),
            [examples[i].profile_id if i in examples else None for i in ids],
            [examples[i].text if i in examples else "" for i in ids],
        )
    return _catalogue


def _semantic_evidence(
    parts: list[str], vectors: np.ndarray, matrix: index.Matrix, catalogue: _Catalogue
) -> tuple[dict[int, _Evidence], dict[int, _Evidence]]:
    """Per profile id, the best sentence-to-example similarity that counts as a match on its own; and the best
    of any sentence, nearest to the domain or not, which counts where the text also names the domain's words."""
    if not len(matrix.ids):
        return {}, {}
    owner, texts = catalogue.owner, catalogue.texts
    sims = vectors @ matrix.vectors.T  # segments x examples
    nearest_owner = [owner[i] for i in np.argmax(sims, axis=1)]
    # How far each segment's nearest example stands above the best example of any other group.
    margin = np.full(len(parts), np.inf)
    for row in range(len(parts)):
        mine = owner[int(np.argmax(sims[row]))]
        others = [sims[row, col] for col, o in enumerate(owner) if o != mine]
        if others:
            margin[row] = float(sims[row].max()) - max(others)
    columns: dict[int, list[int]] = {}
    for col, profile_id in enumerate(owner):
        if profile_id is not None:
            columns.setdefault(profile_id, []).append(col)
    evidence: dict[int, _Evidence] = {}
    closest: dict[int, _Evidence] = {}
    for profile_id, cols in columns.items():
        block = sims[:, cols]
        for row in range(len(parts)):
            best = int(np.argmax(block[row]))
            similarity = float(block[row, best])
            if similarity > closest.get(profile_id, _Evidence()).similarity:
                closest[profile_id] = _Evidence(similarity, texts[cols[best]], parts[row])
            nearest = nearest_owner[row] == profile_id and similarity >= NEAREST_FLOOR and margin[row] >= MARGIN
            if not (nearest or similarity >= STRONG_MATCH):
                continue
            if similarity > evidence.get(profile_id, _Evidence()).similarity:
                evidence[profile_id] = _Evidence(similarity, texts[cols[best]], parts[row])
    return evidence, closest


def match_risk_profiles(
    text: str, encoded: tuple[list[str], np.ndarray] | None = None, version: str | None = None
) -> list[ProfileMatch]:
    """Matched profiles, best first, each with the reasons it matched.

    `encoded` passes passages of the text already embedded (the stack recommender has them), to save an encode;
    `version`, the library version when the caller has read it already.
    """
    text = text.strip()
    if not text:
        return []
    parts, vectors = encoded if encoded is not None else (segments(text), None)
    if vectors is None:
        vectors = encoder.encode(parts)
    matrix = index.matrix(RISK_KIND)
    catalogue = _load(matrix, version)
    evidence, closest = _semantic_evidence(parts, vectors, matrix, catalogue)
    matches = []
    phrases = _phrases(affirmed(text))
    for profile in catalogue.profiles:
        found = evidence.get(profile.id, _Evidence())
        hits = keyword_hits(text, profile.keywords, phrases)
        if not hits and not found.example:
            continue
        # Where the text names the domain's words, how close it reads to the domain's use cases is shown even if
        # each sentence reads closer still to another domain's.
        near = closest.get(profile.id, found) if hits else found
        shown = near if near.similarity > found.similarity else found
        score = max(found.similarity, near.similarity) + KEYWORD_BONUS * min(len(hits), 2)
        matches.append(
            ProfileMatch(
                profile,
                round(score, 4),
                round(found.similarity, 4),
                hits[:5],
                shown.example,
                shown.passage,
                closeness=round(near.similarity, 4),
            )
        )
    matches.sort(key=lambda m: -m.score)
    return matches
