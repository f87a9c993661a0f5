"""Search by meaning, merged with keyword matches.

A tool's score is its own similarity to the query, minus how far its primary stage falls behind the stage that
best matches the query (so "keep track of which hyperparameters made which model" favours experiment trackers
over tuners that mention hyperparameters more), plus a bonus when the query appears in its name or summary (so
typing a tool's name finds it first).
"""

from dataclasses import dataclass

from django.db.models import Q, QuerySet

from community.catalog import indexing
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


def search_tools(query: str, limit: int = 20) -> list[Result]:
    """Best matches first, as ids with their scores (see with_tools)."""
    query = query.strip()
    if not query:
        return []
    vector = encoder.encode_one(query)
    m = index.matrices(indexing.KIND, indexing.STAGE_KIND)
    semantic = {h.object_id: h.score for h in m[indexing.KIND].search(vector, k=limit * CANDIDATES_PER_RESULT)}
    stage_scores = m[indexing.STAGE_KIND].all_scores(vector)
    best_stage = max(stage_scores.values(), default=0.0)

    # One query for the semantic candidates and the keyword matches; the keyword test is redone in Python,
    # cheaper than asking SQL for flags.
    rows = list(
        Tool.objects.filter(Q(id__in=list(semantic)) | Q(name__icontains=query) | Q(summary__icontains=query))
        .values_list("id", "name", "summary", "primary_stage_id")
        .order_by()[: limit * CANDIDATES_PER_RESULT + KEYWORD_LIMIT]
    )
    semantic.update(m[indexing.KIND].scores(vector, [row[0] for row in rows if row[0] not in semantic]))

    lowered = query.lower()
    scored = []
    for tool_id, name, summary, stage_id in rows:
        sim = semantic.get(tool_id, 0.0)
        score = sim + STAGE_WEIGHT * (stage_scores.get(stage_id, best_stage) - best_stage)
        in_name = lowered in name.lower()
        in_text = in_name or lowered in summary.lower()
        if in_name:
            score += NAME_EXACT_BONUS if name.lower() == lowered else NAME_BONUS
        elif in_text:
            score += SUMMARY_BONUS
        scored.append((tool_id, score, sim, in_text))
    scored.sort(key=lambda row: -row[1])
    return [Result(i, round(s, 4), round(sim, 4), kw) for i, s, sim, kw in scored[:limit]]


def with_tools(results: list[Result], tools: QuerySet) -> list[Result]:
    """Fill in each result's tool from the given queryset; results whose tool vanished meanwhile are dropped."""
    found = tools.in_bulk([r.tool_id for r in results])
    for r in results:
        r.tool = found.get(r.tool_id)
    return [r for r in results if r.tool is not None]
