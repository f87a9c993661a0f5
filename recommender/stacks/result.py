"""A computed stack as JSON: tools as /api/tools/ shows them, the responsible-AI profile, community questions.

Site links are kept as paths (made absolute per request), so a stored recommendation serves any host name.
"""

from typing import Any

from community.catalog.api.payloads import tool_payloads
from community.ethics.api.payloads import checklist_payloads, resource_payloads
from community.ethics.indexing import KIND as RESOURCE_KIND
from community.ethics.laws import law_facts
from community.ethics.models import Resource
from community.qa.indexing import KIND as QUESTION_KIND
from community.qa.models import Question
from recommender import index
from recommender.stacks import hints, language
from recommender.stacks.choosing import StageChoice
from recommender.stacks.engine import Stack
from recommender.stacks.explain import explain

MAX_QUESTIONS = 5
MAX_TOOL_RESOURCES = 4
MAX_STAGE_REGULATION = 6
MAX_CHECKS = 5
PRACTICAL_KINDS = ("toolkit", "process", "paper", "standard")
# Stages where the law most often bites: their regulation is shown when no high-risk domain matched.
REGULATED_STAGES = {"explainability-fairness", "privacy-security"}


def _checks(stack: Stack) -> dict[str, list[dict[str, Any]]]:
    """Per stage of the stack, the first checks of its responsible-AI checklist."""
    payloads = checklist_payloads([p.choice.stage.slug for p in stack.picks], stack.library_version)
    return {slug: payload["items"][:MAX_CHECKS] for slug, payload in payloads.items()}


def _questions(stack: Stack, tool_ids: list[int]) -> list[dict[str, Any]]:
    """Questions closest to the use case, then the newest about the picked tools."""
    hits = index.matrix(QUESTION_KIND).search(stack.vector, k=MAX_QUESTIONS)
    ids = [h.object_id for h in hits if h.score >= 0.3]
    if len(ids) < MAX_QUESTIONS and tool_ids:
        about = Question.objects.filter(tools__in=tool_ids).exclude(id__in=ids).order_by("-score", "-created_at")
        ids += list(about.values_list("id", flat=True).distinct()[: MAX_QUESTIONS - len(ids)])
    rows = Question.objects.filter(id__in=ids).values("id", "title", "answer_count", "score")
    found = {row["id"]: row for row in rows}
    return [{**found[i], "url": Question(id=i).get_absolute_url()} for i in dict.fromkeys(ids) if i in found]


def _laws_that_may_apply(stage_ids: list[int], library: str | None = None) -> dict[int, bool]:
    """The regulation of these stages, less the laws written for sectors, for a text that matched no high-risk
    domain: a weld inspection model is not told about New York's hiring-tool law. A sector's laws reach a stack
    only through a domain that matched or may apply, from its words; a text that merely reads like a domain's
    examples (telecom churn like employee attrition, a used-car price like a loan) is no reason. Each law with
    whether it is a general one: tied to at least half of the risk profiles (the EU AI Act, GDPR), it always may
    apply, and it is shown whichever of these stages it is tied to. No stages, no laws: a stack with neither
    explainability nor privacy in it is not handed the EU AI Act."""
    if not stage_ids:
        return {}
    facts = law_facts(library)
    found = {}
    for law, stages in facts.stages.items():
        sectors = facts.sectors.get(law, frozenset())
        general = facts.profiles > 0 and 2 * len(sectors) >= facts.profiles
        if general or (stages & set(stage_ids) and not sectors):
            found[law] = general
    return found


def _resources(stack: Stack, tool_ids: list[int]) -> list[dict[str, Any]]:
    """The matched risk profiles' references, those that may apply included (or, with none matched, the
    regulation of the stack's stages), then the practical resources the picked tools put into practice."""
    ids: list[int] = []
    for match in stack.risks + stack.maybe_risks:
        ids += [r["id"] for r in stack.profiles[match.profile.id]["resources"]]
    if not ids:
        stages = [p.choice.stage.id for p in stack.picks if p.choice.stage.slug in REGULATED_STAGES]
        laws = _laws_that_may_apply(stages, stack.library_version)
        # The laws closest to the use case first (a fraud model's adverse-action rules before a chatbot law),
        # the general ones always among them.
        closeness = index.matrix(RESOURCE_KIND).scores(stack.vector, list(laws))
        ranked = sorted(laws, key=lambda i: (-closeness.get(i, -1.0), i))
        general = [law for law in ranked if laws[law]][:MAX_STAGE_REGULATION]
        kept = set(general) | set([law for law in ranked if not laws[law]][: MAX_STAGE_REGULATION - len(general)])
        ids += [law for law in ranked if law in kept]
    practical = (
        Resource.objects.filter(tools__in=tool_ids, kind__in=PRACTICAL_KINDS)
        .exclude(id__in=ids)
        .order_by("title")
        .values_list("id", flat=True)
        .distinct()
    )
    ids += list(practical[:MAX_TOOL_RESOURCES])
    payloads = resource_payloads(list(dict.fromkeys(ids)), stack.library_version)
    return [payloads[i] for i in dict.fromkeys(ids) if i in payloads]


# Below this likelihood a stage the text does not ask for is marked "less sure" on the page. On the evaluation
# set the labeller required 16 of the 55 implied stages under it, 50 of the 79 above it.
LESS_SURE = 0.5


def _likelihood(choice: StageChoice) -> float | None:
    """How likely the team needs an inferred stage; None for one the person chose or a domain requires."""
    if choice.chosen or (choice.required_by and not choice.similarity):
        return None
    return round(choice.similarity, 2)


def _reason(choice: StageChoice) -> str:
    if choice.passage:
        return "asked"
    if choice.required_by:
        return "required"
    return "chosen" if choice.chosen else "implied"


def as_json(stack: Stack, use_case: str) -> dict[str, Any]:
    tool_ids = [p.tool.id for p in stack.picks if p.tool] + [t.id for p in stack.picks for t, _ in p.alternatives]
    tools = tool_payloads(tool_ids, stack.snapshot.version)
    checks = _checks(stack)
    entries = []
    for pick in stack.picks:
        choice = pick.choice
        reason, likelihood = _reason(choice), _likelihood(choice)
        entries.append(
            {
                "stage": choice.stage.slug,
                "stage_name": choice.stage.name,
                "reason": reason,
                "required_by": choice.required_by,
                "likelihood": likelihood,
                "less_sure": reason == "implied" and likelihood is not None and likelihood < LESS_SURE,
                "tool": tools.get(pick.tool.id) if pick.tool else None,
                "score": pick.score,
                "why": explain(pick, stack),
                "alternatives": [tools[t.id] for t, _ in pick.alternatives if t.id in tools],
                "checks": checks.get(choice.stage.slug, []),
            }
        )
    picked = [p.tool.id for p in stack.picks if p.tool]
    return {
        "use_case": use_case,
        "constraints": stack.constraints.as_dict(),
        "team_size_read": stack.team_size_read,
        "hints": [hint.as_dict() for hint in hints.unset_in_text(use_case, stack.constraints)],
        "notes": language.notes(use_case),
        "stack": entries,
        "stages_chosen": stack.chosen,
        "also_consider": [{"stage": s.slug, "stage_name": s.name} for s in stack.also_consider],
        "risk_profiles": [
            {**stack.profiles[m.profile.id], "score": m.score, "reasons": m.reasons, "confident": m in stack.risks}
            for m in stack.risks + stack.maybe_risks
            if m.profile.id in stack.profiles
        ],
        "resources": _resources(stack, picked),
        "questions": _questions(stack, picked),
    }
