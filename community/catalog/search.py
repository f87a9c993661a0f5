"""Search by meaning, merged with keyword matches.

A tool's score is its own similarity to the query, minus how far its primary stage falls behind the stage that
best matches the query (so "keep track of which hyperparameters made which model" favours experiment trackers
over tuners that mention hyperparameters more), plus a bonus when the query appears in its name or summary (so
typing a tool's name finds it first).
"""

from dataclasses import dataclass

from django.db.models import Q

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
    tool: Tool
    score: float
    semantic: float
    keyword: bool


def search_tools(query: str, limit: int = 20) -> list[Result]:
    query = query.strip()
    if not query:
        return []
    vector = encoder.encode_one(query)
    semantic = {
        h.object_id: h.score for h in index.search_vector(indexing.KIND, vector, k=limit * CANDIDATES_PER_RESULT)
    }
    keyword = dict(
        Tool.objects.filter(Q(name__icontains=query) | Q(summary__icontains=query))
        .values_list("id", "name")
        .order_by("name")[:KEYWORD_LIMIT]
    )
    semantic.update(index.score_ids(indexing.KIND, vector, [i for i in keyword if i not in semantic]))
    stage_scores = index.score_all(indexing.STAGE_KIND, vector)
    best_stage = max(stage_scores.values(), default=0.0)
    stage_of = dict(Tool.objects.filter(id__in=list(semantic)).values_list("id", "primary_stage_id"))

    lowered = query.lower()
    scored = []
    for tool_id, sim in semantic.items():
        score = sim + STAGE_WEIGHT * (stage_scores.get(stage_of.get(tool_id), best_stage) - best_stage)
        if tool_id in keyword:
            name = keyword[tool_id].lower()
            score += NAME_EXACT_BONUS if name == lowered else NAME_BONUS if lowered in name else SUMMARY_BONUS
        scored.append((tool_id, score, sim))
    scored.sort(key=lambda row: -row[1])
    scored = scored[:limit]
    tools = Tool.objects.for_cards().in_bulk([row[0] for row in scored])
    return [Result(tools[i], round(s, 4), round(sim, 4), i in keyword) for i, s, sim in scored if i in tools]
