"""Constraints a team writes in its text but leaves unset in the fields.

"We only use open source" in the text with the box unticked is common: people describe their limits in words
and skip the form. The fields are what the recommender holds every pick to, so it does not guess them from the
text (a team may mention AWS because it is leaving it); it says which field the text seems to ask for, quoting
the words, so the person can set it.
"""

import re
from dataclasses import dataclass

from recommender.stacks.constraints import CLOUD_NAMES, Constraints

_OPEN_SOURCE = re.compile(
    r"\b(?:(?:only|just|strictly|exclusively) (?:use |run |want |allowed )?open[- ]source"
    r"|open[- ]source (?:only|tools only|software only)"
    r"|no (?:proprietary|commercial|paid|closed[- ]source) (?:tools|software|licen[cs]es|products|vendors))\b",
    re.I,
)
_SELF_HOSTED = re.compile(
    r"\b(?:on[- ]prem(?:ise|ises)?|air[- ]?gapped"  # not "self-host": "we don't want to self-host" is common
    r"|(?:on|stay on|inside|within) our own (?:servers|hardware|machines|GPUs|data ?cent(?:er|re)s?|infrastructure)"
    r"|(?:no|can(?:no|')t use (?:the|a|any)) (?:public )?cloud"
    r"|(?:can(?:no|')t|must not|mustn't|may not|never) leave (?:our|the) (?:[\w-]+ )?(?:network|premises|servers))\b",
    re.I,
)
# Words that turn "our on-prem cluster" into the place a team is leaving, not where it wants to be.
_LEAVING = re.compile(r"\b(?:off|away from|leaving|out of|migrat\w* (?:off|from)|moving from)\s+(?:our|the)?\s*$", re.I)
_MANAGED = re.compile(
    r"\b(?:(?:don't|do not|doesn't|does not|never|nobody|no one|none of us) (?:wants? to|will|can) "
    r"(?:run|manage|operate|maintain|babysit|host|self-host)(?: any| our own)? "
    r"(?:servers|infrastructure|infra|clusters|anything|it)"
    r"|fully managed|serverless|no (?:ops|devops|infra(?:structure)?|platform) (?:team|people|engineers?))\b",
    re.I,
)
_LOW_BUDGET = re.compile(
    r"\b(?:no|zero|tiny|small|tight|limited|shoestring|minimal) (?:budget|money|funding)"
    r"(?! (?:worries|concerns|issues|problems|limits?|constraints?|cap)\b)"
    r"|(?:can(?:no|')t|cannot|won't) (?:afford|pay for) (?:licen[cs]es|tools|software|vendors|saas)"
    r"|bootstrapp(?:ed|ing)|free tools only|(?:budget|money) is tight\b",
    re.I,
)
_DENIED = re.compile(
    r"\b(?:not|never|don't|do not|doesn't|does not|isn't|is not)\s+(?:have\s+|on\s+)?(?:an?\s+)?$", re.I
)
# Words that make a cloud named just after them one the team is not on: "not on AWS, we use Azure".
_NOT_ON = re.compile(r"\b(?:not|no|never|isn't|aren't|without)\s+(?:on|in|using|use|an?)?\s*$", re.I)
# Any case: terse texts say "forecasting on aws"; whole words only, so "awsome" is not AWS.
_CLOUDS = {
    "aws": re.compile(r"\b(?:AWS|Amazon Web Services|SageMaker)\b", re.I),
    "gcp": re.compile(r"\b(?:GCP|Google Cloud|Vertex AI|BigQuery)\b", re.I),
    "azure": re.compile(r"\bAzure\b", re.I),
}


@dataclass(frozen=True)
class Hint:
    field: str
    value: str | bool
    quote: str
    message: str

    def as_dict(self) -> dict:
        return {"field": self.field, "value": self.value, "quote": self.quote, "message": self.message}


def unset_in_text(text: str, constraints: Constraints) -> list[Hint]:
    """The fields the text asks for in words while they are left at their defaults, or set to something else
    (hosting "managed" on a text that must stay air-gapped, the cloud AWS on a text that runs on Azure)."""
    hints = []
    if not constraints.open_source_only and (match := _OPEN_SOURCE.search(text)):
        hints.append(
            Hint(
                "open_source_only",
                True,
                match.group(0),
                f"Your text says “{match.group(0)}”, but “open source only” is not set, so picks may not "
                "be open source. Set it to hold every pick to it.",
            )
        )
    self_hosted = next((m for m in _SELF_HOSTED.finditer(text) if not _LEAVING.search(text[: m.start()])), None)
    managed = _MANAGED.search(text)
    if constraints.hosting != "managed" and managed and not self_hosted:
        effect = (
            "tools you would have to run yourself may be picked"
            if constraints.hosting == "any"
            else "hosted services are left out"
        )
        hints.append(
            Hint(
                "hosting",
                "managed",
                managed.group(0),
                f"Your text says “{managed.group(0)}”, but hosting is “{constraints.hosting}”, so {effect}. "
                "Choose managed to keep to hosted services and libraries.",
            )
        )
    if constraints.hosting != "self-hosted" and (match := self_hosted) and not managed:
        effect = "managed services may be picked" if constraints.hosting == "any" else "managed services are picked"
        hints.append(
            Hint(
                "hosting",
                "self-hosted",
                match.group(0),
                f"Your text says “{match.group(0)}”, but hosting is “{constraints.hosting}”, so {effect}. "
                "Choose self-hosted to keep them out.",
            )
        )
    named = {cloud: match for cloud, pattern in _CLOUDS.items() if (match := _on_cloud(pattern, text))}
    if len(named) == 1 and constraints.cloud not in named:
        cloud, match = next(iter(named.items()))
        setting = f"the cloud is set to {CLOUD_NAMES[constraints.cloud]}" if constraints.cloud else "no cloud is set"
        hints.append(
            Hint(
                "cloud",
                cloud,
                match.group(0),
                f"Your text mentions {match.group(0)}, but {setting}. Choose {CLOUD_NAMES[cloud]} to get its own "
                "components first and nothing tied to another cloud.",
            )
        )
    if constraints.budget is None and (match := _low_budget(text)):
        hints.append(
            Hint(
                "budget",
                "low",
                match.group(0),
                f"Your text says “{match.group(0)}”, but no budget is set. Choose low to favour tools with no "
                "licence cost.",
            )
        )
    return hints


def _low_budget(text: str) -> re.Match | None:
    """The first words that say the budget is low, unless denied ("we don't have a tight budget")."""
    for match in _LOW_BUDGET.finditer(text):
        if not _DENIED.search(text[: match.start()]):
            return match
    return None


def _on_cloud(pattern: re.Pattern, text: str) -> re.Match | None:
    """The first mention of a cloud that the team is not leaving or saying it is not on."""
    for match in pattern.finditer(text):
        before = text[: match.start()]
        if not (_LEAVING.search(before) or _NOT_ON.search(before)):
            return match
    return None


def constraints_with_hints(result: dict) -> dict | None:
    """A stored result's constraints with the fields its hints ask for set: what "Recommend again" posts. None
    when it has no hints. A team size read from the text is left blank, to be read again."""
    hints = result.get("hints") or []
    if not hints:
        return None
    constraints = {**result.get("constraints", {}), **{hint["field"]: hint["value"] for hint in hints}}
    if result.get("team_size_read"):
        constraints["team_size"] = None
    return constraints
