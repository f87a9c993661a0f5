"""Search by meaning, merged with keyword matches.

A tool's score is its own similarity to the query, minus how far its primary stage falls behind the stage that
best matches the query (so "keep track of which hyperparameters made which model" favours experiment trackers
over tuners that mention hyperparameters more), plus a bonus when the query appears in its name or summary (so
typing a tool's name finds it first).
"""

from dataclasses import dataclass

from django.db.models import QuerySet

from community.catalog import indexing
from community.catalog.keywords import keyword_index
from community.catalog.models import Tool
from recommender import encoder, index

STAGE_WEIGHT = 1.0
NAME_EXACT_BONUS = 0.5
NAME_BONUS = 0.2
SUMMARY_BONUS = 0.05
KEYWORD_LIMIT = 50
CANDIDATES_PER_RESULT = 5


@dataclass
class Result:
    tool_id: int
    score: float
    semantic: float
    keyword: bool
    tool: Tool | None = None


def search_tools(query: str, limit: int = 20, catalog_version: str | None = None) -> list[Result]:
    """Best matches first, as ids with their scores (see with_tools)."""
    query = " ".join(query.split())
    if not query:
        return []
    vector = encoder.encode_one(query)
    m = index.matrices(indexing.KIND, indexing.STAGE_KIND)
    keywords = keyword_index(catalog_version)
    semantic = {h.object_id: h.score for h in m[indexing.KIND].search(vector, k=limit * CANDIDATES_PER_RESULT)}
    in_name, in_summary = (set(ids) for ids in keywords.matches(query, KEYWORD_LIMIT))
    semantic.update(m[indexing.KIND].scores(vector, [i for i in in_name | in_summary if i not in semantic]))
    stage_scores = m[indexing.STAGE_KIND].all_scores(vector)
    best_stage = max(stage_scores.values(), default=0.0)

    lowered = query.lower()
    scored = []
    for tool_id, sim in semantic.items():
        if tool_id not in keywords.names:
            continue  # embedded, but deleted since: the worker will drop its vector
        score = sim + STAGE_WEIGHT * (stage_scores.get(keywords.stage_of[tool_id], best_stage) - best_stage)
        if tool_id in in_name:
            score += NAME_EXACT_BONUS if keywords.names[tool_id].lower() == lowered else NAME_BONUS
        elif tool_id in in_summary:
            score += SUMMARY_BONUS
        scored.append((tool_id, score, sim, tool_id in in_name or tool_id in in_summary))
    scored.sort(key=lambda row: -row[1])
    return [Result(i, round(s, 4), round(sim, 4), kw) for i, s, sim, kw in scored[:limit]]


def with_tools(results: list[Result], tools: QuerySet) -> list[Result]:
    """Fill in each result's tool from the given queryset; results whose tool vanished meanwhile are dropped."""
    found = tools.in_bulk([r.tool_id for r in results])
    for r in results:
        r.tool = found.get(r.tool_id)
    return [r for r in results if r.tool is not None]
