"""Why each pick is in the stack, in plain words: what in the text asked for the stage (or which domain requires
it, or that the person chose it), and what about the tool fits the team's constraints and the other picks."""

from recommender.stacks.constraints import CLOUD_NAMES, ToolFacts
from recommender.stacks.engine import Pick, Stack

# From this share of the nearest examples' vote on, the explanation says so. One case adds at most 1/K (0.2), so
# it takes at least two close cases.
PRECEDENT_SAID = 0.3

# Why a stage the text never asks for is in the stack: teams that describe such work need it (stages.py).
UNSAID_REASONS = {
    "experiment-tracking": "A model trained again and again needs each run recorded (code, data, settings and "
    "scores), or nobody can say which settings gave which result.",
    "serving": "What you describe puts a model's predictions in front of people or systems, so it needs serving.",
    "monitoring": "A model in production drifts as the world changes, so somebody must watch its inputs and quality.",
    "evaluation": "Answers from a language model must be measured before and after each change, asked or not.",
    "llm-ops": "Calls to a language model need tracing and cost control once real users depend on them.",
    "orchestration": "Work that repeats on a schedule needs an orchestrator, or it depends on somebody remembering.",
}
# Evaluation implied for a team with no language model in its stack: its models are measured all the same.
UNSAID_EVALUATION_WITHOUT_LLM = (
    "A model must be measured on data it has not seen, and again after each change, before anyone relies on it."
)
UNSAID_REASON = "Teams that describe work like yours usually include the {name} stage."
# The stages that put a language model in the stack. Vector search is not one: image and speech search use it
# with no language model at all, and their evaluation is of the model they have.
LANGUAGE_MODEL_STAGES = {"llm-ops", "llm-apps"}


def explain(pick: Pick, stack: Stack) -> str:
    """Why this stage and this tool, in plain words: what in the text, which constraints, which fit."""
    choice, constraints = pick.choice, stack.constraints
    stage = _in_sentence(choice.stage.name)
    if choice.passage and choice.passage not in stack.parts:  # an item of a list, not a clause
        reason = f"You listed “{_clip(choice.passage)}” among what you need."
    elif choice.passage:
        reason = f"You wrote “{_clip(choice.passage)}”, which calls for {stage}."
    elif choice.required_by:
        reason = f"{' and '.join(choice.required_by)} use cases must include {stage}."
    elif choice.chosen:
        reason = f"You chose {stage} for this stack."
    elif choice.stage.slug == "evaluation" and not any(
        p.choice.stage.slug in LANGUAGE_MODEL_STAGES for p in stack.picks
    ):
        reason = UNSAID_EVALUATION_WITHOUT_LLM
    else:
        reason = UNSAID_REASONS.get(choice.stage.slug, UNSAID_REASON).format(name=stage)
    if choice.required_by and choice.passage:
        reason += f" {' and '.join(choice.required_by)} use cases require it too."
    if pick.tool is None:
        limits = _and_names(constraints.describe()) if constraints.describe() else "your constraints"
        return f"{reason} No tool in the catalog fits this stage under {limits}."
    tool = pick.tool
    facts = []
    if tool.open_source:
        facts.append(f"open source ({tool.licence})" if tool.licence else "open source")
    facts.append(_hosting(tool, constraints.hosting))
    if constraints.cloud:
        cloud = CLOUD_NAMES[constraints.cloud]
        if constraints.cloud in tool.clouds:
            facts.append(f"{'an' if cloud[0] in 'AEIOU' else 'a'} {cloud} component")
        else:
            facts.append(f"tied to no cloud, so usable on {cloud}")
    if tool.popularity >= 0.45:
        facts.append("among the most widely integrated tools in the catalog")
    sentence = f"{tool.name}: {', '.join(facts)}."
    if pick.named:
        sentence += f" You named {tool.name} in your text, so the stack keeps it."
    if stack.on_device and tool.on_device:
        sentence += f" You wrote “{_clip(stack.on_device, 90)}”, and {tool.name} runs models on such devices."
    clouds = [CLOUD_NAMES[c] for c in sorted(tool.clouds) if c in CLOUD_NAMES]
    if clouds and not constraints.cloud:
        sentence += f" It runs only on {_or_names(clouds)}; name your cloud to get the components that fit it."
    if pick.precedent >= PRECEDENT_SAID:
        sentence += f" Example use cases close to yours were given it for {stage}."
    if pick.linked:
        sentence += f" It integrates with {_names(pick.linked)}, also in this stack."
    also = [_in_sentence(p.choice.stage.name) for p in stack.picks if p.tool == tool and p is not pick]
    if also:
        covers = "both" if len(also) == 1 else "all of them"
        sentence += f" It is also this stack's pick for {_and_names(also)}: one tool for {covers}."
    described = constraints.describe()
    if described:
        sentence += f" It fits every constraint you set ({_and_names(described)})."
    # A managed team pays for the hosted edition of an open-source service, so only a library is free to it.
    if constraints.budget == "low" and tool.open_source and (constraints.hosting != "managed" or tool.library):
        sentence += " No licence cost, which suits a low budget."
    if constraints.small_team and tool.runs_managed and constraints.hosting == "any":
        team = "a team of one" if constraints.team_size == 1 else f"a team of {constraints.team_size}"
        if tool.library:
            sentence += f" As a library it leaves {team} nothing to operate."
        elif tool.self_hosted:
            sentence += f" It also comes as a managed service, so {team} need not run it."
        else:
            sentence += f" As a managed service it leaves {team} nothing to operate."
    return f"{reason} {sentence}"


def _hosting(tool: ToolFacts, hosting: str) -> str:
    """How the tool is run, leaving out an offering the team's hosting rules out (a managed team is not told
    that a library also comes as a self-hosted server)."""
    offered = (("self-hosted", tool.self_hosted), ("managed", tool.managed))
    served = " or ".join(h for h, on in offered if on and hosting in ("any", h))
    if tool.library:
        also = f", also available as a {served} service" if served else ", with nothing to host"
        return f"a library that runs in your own code or on your own machine{also}"
    return f"a {served} service"


def _in_sentence(name: str) -> str:
    """A stage name inside a sentence: lower case, but for acronyms and names like AutoML ("LLM apps & agents")."""
    return " ".join(word if any(c.isupper() for c in word[1:]) else word.lower() for word in name.split())


def _names(tools: list[ToolFacts]) -> str:
    return _and_names([t.name for t in tools[:3]])


def _and_names(names: list[str]) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def _or_names(names: list[str]) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} or {names[-1]}"


def _clip(text: str, limit: int = 120) -> str:
    text = text.rstrip(";:,. ")  # quoted inside a sentence that goes on: without the mark that ended it
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"
