"""Catalog tools a use case names, and whether the team keeps them or is turning away from them.

"We already run Dagster", "our models are in TensorFlow", "just scikit-learn": a team that names its tools
wants a stack built around them, and was handed Airflow and PyTorch instead, since nothing in the text's
embedding ties it to the tool it names. A tool named in a clause that turns from it ("moving off SageMaker",
"instead of Airflow", "we don't want Kubeflow") counts against it.

A name is found by its words, in order, as whole words. Names made only of everyday words ("Ray", "Prefect",
"Evidently", "Weights & Biases"), and the first words shared by a family of names ("SageMaker", "Vertex AI"),
are found only as written, capitals included, and a one-word name not as a sentence's first word, where a
capital says nothing. "Apache Airflow" is also found as "Airflow", and "Amazon SageMaker" as
"SageMaker", where what is left is no other tool's name and not everyday words ("Azure Machine Learning" is
not "machine learning").
"""

import re
from dataclasses import dataclass

from recommender import encoder
from recommender.stacks.snapshot import Snapshot

_TOKEN = re.compile(r"\w+")
MAX_NAME_WORDS = 6
_PREFIXES = ("apache", "amazon", "aws", "google cloud", "google", "microsoft", "azure", "nvidia", "hugging face")
# What, earlier in the same clause, makes a named tool one the team is leaving or does not want.
_TURNED_AWAY = re.compile(
    r"\b(?:not|no|never|without|instead of|rather than|replace|replacing|replaced|away from|off of|off"
    r"|leave|leaving|left|migrate from|migrating from|moving from|move from|drop|dropping|ditch|ditching"
    r"|outgrew|outgrown|tired of|hate|except|avoid|avoiding)\b|n['’]t\b",
    re.I,
)
_ASIDE = re.compile(r"\s*\([^)]*\)")
_CLAUSE_START = re.compile(r"[.;:!?,()\n]|\bbut\b|\band\b|\bwhile\b|\bso\b", re.I)


@dataclass(frozen=True)
class _Name:
    tool_ids: frozenset[int]
    words: tuple[str, ...]  # lower case
    exact: tuple[str, ...] | None  # as written, when only a capitalised mention counts


@dataclass(frozen=True)
class _Names:
    version: str
    by_first: dict[str, list[_Name]]


_names: _Names | None = None


def _names_of(snap: Snapshot) -> _Names:
    """Every form a tool is named by: its name; its name less a maker's prefix; and the first words of a family
    of names ("SageMaker" for every Amazon SageMaker service, "Vertex AI", "Seldon"), which name each member.
    A tool's full name wins over a family that shares it ("TensorFlow" is TensorFlow, not TensorFlow Serving)."""
    global _names
    if _names is None or _names.version != snap.version:
        vocabulary = encoder.vocabulary()
        written: dict[tuple[str, ...], tuple[str, ...]] = {}
        full: dict[tuple[str, ...], set[int]] = {}
        family: dict[tuple[str, ...], set[int]] = {}
        for tool in snap.tools.values():
            name = tuple(_TOKEN.findall(tool.name))
            plain = tuple(_TOKEN.findall(_ASIDE.sub("", tool.name)))  # "Great Expectations (GX Core)"
            if not 0 < len(plain) <= MAX_NAME_WORDS:
                continue
            base = _without_prefix(plain)
            forms = [(name, full), (plain, full), (base, full), *((base[:k], family) for k in range(1, len(base)))]
            for form, into in forms:
                lower = tuple(w.lower() for w in form)
                written.setdefault(lower, form)
                into.setdefault(lower, set()).add(tool.id)
        # A maker's name is no family: "the OpenAI API" is the model, not OpenAI's evals and agents SDK. Where
        # the catalog has one tool of theirs, it names that tool ("Seldon" for Seldon Core).
        makers = {tuple(_TOKEN.findall(tool.maker)) for tool in snap.tools.values() if tool.maker}
        family = {form: ids for form, ids in family.items() if form not in makers or len(ids) == 1}
        by_first: dict[str, list[_Name]] = {}
        for lower, ids in {**family, **full}.items():
            everyday = all(w in vocabulary for w in lower)
            if lower not in full and ((everyday and len(lower) == 1) or len("".join(lower)) < 4):
                continue  # "Data" of Data Factory, "TF" of TF Encrypted: no family
            # A family is found only as written: "transformer" is no family of Transformer Lab's.
            exact = everyday or lower not in full
            by_first.setdefault(lower[0], []).append(_Name(frozenset(ids), lower, written[lower] if exact else None))
        for names in by_first.values():
            names.sort(key=lambda n: -len(n.words))  # the longest first: "MLflow Model Registry" before "MLflow"
        _names = _Names(snap.version, by_first)
    return _names


def _without_prefix(name: tuple[str, ...]) -> tuple[str, ...]:
    lower = " ".join(name).lower()
    for prefix in _PREFIXES:
        if lower.startswith(prefix + " "):
            return name[len(prefix.split()) :]
    return name


def named_tools(text: str, snap: Snapshot) -> dict[int, bool]:
    """Per tool the text names: True where the team uses or wants it, False where it turns from it. A tool named
    both ways counts as kept only if no mention turns from it."""
    names = _names_of(snap)
    tokens = list(_TOKEN.finditer(text))
    lower = [t.group(0).lower() for t in tokens]
    found: dict[int, bool] = {}
    position = 0
    while position < len(tokens):
        match = _match_at(text, tokens, lower, position, names.by_first.get(lower[position], []))
        if match is None:
            position += 1
            continue
        kept = not _TURNED_AWAY.search(_clause_before(text, tokens[position].start()))
        for tool_id in match.tool_ids:
            found[tool_id] = found.get(tool_id, True) and kept
        position += len(match.words)
    return found


def _match_at(text: str, tokens: list[re.Match], lower: list[str], position: int, names: list[_Name]) -> _Name | None:
    for name in names:
        end = position + len(name.words)
        if tuple(lower[position:end]) != name.words:
            continue
        if name.exact is not None:
            as_written = tuple(t.group(0) for t in tokens[position:end]) == name.exact
            # A capital says nothing at a sentence's start, unless the name runs to more words ("Great
            # Expectations checks our data").
            if not as_written or (len(name.words) == 1 and _starts_sentence(text, tokens[position])):
                continue
        return name
    return None


def _starts_sentence(text: str, token: re.Match) -> bool:
    before = text[: token.start()].rstrip()
    return not before or before[-1] in ".!?:\n"


def _clause_before(text: str, start: int) -> str:
    """The text from the start of the clause the mention is in up to the mention."""
    before = text[:start]
    cuts = [m.end() for m in _CLAUSE_START.finditer(before)]
    return before[cuts[-1] :] if cuts else before
