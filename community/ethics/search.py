"""Search the library by meaning: every resource's similarity to the query, plus a bonus for keyword matches.

The library holds a few hundred resources at most, so scoring all of them is one small matrix product; results
below MIN_SCORE are dropped unless the query's words all appear in the title or summary.
"""

from django.db.models import Case, IntegerField, QuerySet, When

from community.core.search_terms import all_words_q
from community.ethics.indexing import KIND
from community.ethics.models import Resource
from recommender import encoder, index

MIN_SCORE = 0.3
KEYWORD_BONUS = 0.15


def rank(query: str) -> list[tuple[int, float]]:
    """(resource id, score), best first."""
    query = " ".join(query.split())
    if not query:
        return []
    scores = index.matrix(KIND).all_scores(encoder.encode_one(query))
    keyword = set(Resource.objects.filter(all_words_q(query, ["title", "summary"])).values_list("id", flat=True))
    ranked = []
    for resource_id, similarity in scores.items():
        score = similarity + (KEYWORD_BONUS if resource_id in keyword else 0.0)
        if score >= MIN_SCORE or resource_id in keyword:
            ranked.append((resource_id, round(score, 4)))
    ranked += [(rid, KEYWORD_BONUS) for rid in keyword - scores.keys()]  # not embedded yet
    ranked.sort(key=lambda pair: -pair[1])
    return ranked


def filter_by_meaning(queryset: QuerySet, query: str) -> QuerySet:
    """The queryset narrowed to resources that match the query, ordered by relevance."""
    ids = [rid for rid, _ in rank(query)]
    if not ids:
        return queryset.none()
    order = Case(*[When(id=rid, then=pos) for pos, rid in enumerate(ids)], output_field=IntegerField())
    return queryset.filter(id__in=ids).order_by(order)
