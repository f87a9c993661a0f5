"""What a text puts out of the stack's scope: what already works, and everything but what it "just needs".

"MLflow for runs and registry, Airflow retraining, Seldon serving, all working. The one thing that bit us …"
asks for monitoring alone, yet each of its clauses reads as a need to the clause classifier and the stage model,
and the stack held five stages. Two kinds of sentence narrow it:
- one that says its part works or is handled ("that part works fine", "all working", "we're not changing it",
  "is handled by the central ML team"): the stages it reads as (its clauses' clear readings, the stages of the
  tools it names, the stage names and list items in it) are in place, and left out;
- one that says the team only needs something ("I just need it behind an HTTP endpoint", "we only need to get
  the letters annotated", "all we need is"): the stack is what that clause and the rest of its sentence ask
  for, where they ask for anything clearly.
A text that says its model will not run in production ("papers only, no deployment", "nothing is in production
yet", "a one-off analysis") is not given serving and monitoring unless it asks for them in so many words, and
one whose model is served by its maker (GPT-4o through Azure OpenAI, Claude through the Anthropic API, with
nothing fine-tuned or self-hosted) is not given serving.
A high-risk domain's stages stay whatever the text says, and so does a stage a list elsewhere names.
"""

import re

import numpy as np

from recommender.stacks import mentions, needs, stage_names
from recommender.stacks.snapshot import Snapshot

_IN_PLACE = re.compile(
    r"\b(?:works?|working|runs?|running)\s+(?:fine|well|ok|okay|great)\b|\ball\s+working\b"
    r"|\bin\s+(?:decent|good|great)\s+shape\b"
    r"|(?:\bnot|n['’]t)\s+(?:changing|touching|replacing)\s+(?:it|that|them|this)\b"
    r"|\b(?:do\s+not|don['’]t)\s+want\s+to\s+(?:touch|change|replace)\s+(?:it|that|them|this)\b"
    r"|\b(?:is|are)\s+(?:already\s+)?(?:handled|covered|taken\s+care\s+of)\s+by\b",
    re.I,
)
_ONLY = re.compile(
    r"\b(?:just|only)\s+(?:really\s+)?(?:need|want)\b|\b(?:need|want)\s+only\b|\ball\s+(?:we|i)\s+(?:need|want)\s+is\b"
    r"|\bthe\s+(?:one|only)\s+thing\s+(?:we|i)\s+(?:need|want)\b",
    re.I,
)

# A model that will not run in production: "papers only, no deployment", "nothing is in production yet", "a
# one-off analysis for the board", "we never deploy it". Not "no production monitoring", which is a need, nor
# "we never deploy on Fridays".
_NOT_DEPLOYED = re.compile(
    r"\b(?:no|without)\s+(?:deployment|production|serving)\b(?=\s*(?:[,.;:)!?]|$|yet\b|plans?\b|use\b))"
    r"|\bnever\s+(?:deploy|ship|serve)(?:s|ed)?\b(?=\s*(?:[,.;:)!?]|$|anything\b|it\b|them\b|models?\b|(?:in)?to\s+prod))"
    r"|\bnothing\s+(?:is\s+)?in\s+production\b"
    r"|(?:\bnot|n['’]t)\s+(?:be\s+)?(?:deployed|going\s+(?:in|into)\s+production|put\s+(?:in|into)\s+production)\b"
    r"|\bone-off\s+(?:analysis|deep-dive|study|report)\b|\b(?:papers?|research)\s+only\b",
    re.I,
)
# A language model used through its maker's API, which serves it: no serving stage of the team's own.
_HOSTED_MODEL = re.compile(
    r"\b(?:OpenAI|Azure OpenAI|Anthropic|Claude|GPT-?4\w*|GPT-?3\.5|GPT-?5\w*|Gemini|Bedrock|Cohere)\b"
)
# Unless the team also serves a model itself.
_SELF_SERVED = re.compile(
    r"\bfine-?tun\w*|\bself-?host\w*|\bvLLM\b|\bTGI\b|\bopen[- ]weights?\b|\bopen[- ]source\s+(?:LLM|model)s?\b"
    r"|\bour\s+own\s+(?:GPUs?|models?|LLMs?)\b|\bon[- ]prem\w*|\bLlama\b|\bQwen\b|\bGemma\b|\bMistral\b(?!\s+API)"
    r"|\bair[- ]?gapped\b",
    re.I,
)
# What a model that is not deployed does not need, unless the text asks for it in so many words.
UNDEPLOYED = ("serving", "monitoring")


def _rows_in(sentence: str, parts: list[str], start: int = 0) -> list[int]:
    """The parts read for stages (not the whole text) that lie in the sentence from `start` on."""
    tail = sentence[start:]
    return [row for row in needs.need_rows(len(parts)) if parts[row] in tail or (row == 0 and tail in parts[0])]


def in_place(
    text: str, parts: list[str], vectors: np.ndarray, snap: Snapshot, named: dict[int, str] | None = None
) -> set[int]:
    """Ids of the stages the text says already work. `named`: the stages the text's lists name, by item."""
    found: set[int] = set()
    for sentence in needs.sentences(text):
        if not _IN_PLACE.search(sentence):
            continue
        found |= {stage_id for stage_id, item in (named or {}).items() if item in sentence}
        rows = _rows_in(sentence, parts)
        found |= needs.clear_readings(vectors[rows], needs.THRESHOLD) if rows else set()
        found |= {snap.tools[tool_id].primary_stage for tool_id in mentions.named_tools(sentence, snap)}
        found |= stage_names.in_text(sentence, snap.stages, heads=True)
    return found


def only_asked(text: str, parts: list[str], vectors: np.ndarray, snap: Snapshot) -> dict[int, str]:
    """Per stage a "just need" clause, with the rest of its sentence, asks for clearly or by name, the part that
    asks (what the why quotes); empty when the text says no such thing, or says it about nothing that reads as a
    stage."""
    found: dict[int, str] = {}
    for sentence in needs.sentences(text):
        cue = _ONLY.search(sentence)
        if cue is None:
            continue
        start = sentence.rfind(",", 0, cue.start()) + 1  # from the clause the cue is in
        rows = _rows_in(sentence, parts, start)
        for row in rows:
            for stage_id in needs.clear_readings(vectors[[row]], needs.THRESHOLD):
                found.setdefault(stage_id, parts[row])
            for stage_id in stage_names.in_text(parts[row], snap.stages, heads=True):
                found.setdefault(stage_id, parts[row])
    return found


def not_deployed(text: str) -> bool:
    """Whether the text says its model will not run in production."""
    return bool(_NOT_DEPLOYED.search(text))


def served_by_provider(text: str) -> bool:
    """Whether the text's model is a hosted one its maker serves (GPT-4o through Azure OpenAI, Claude through
    the Anthropic API), with no model of the team's own to serve."""
    return bool(_HOSTED_MODEL.search(text)) and not _SELF_SERVED.search(text)
