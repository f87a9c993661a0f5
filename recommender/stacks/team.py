"""How many people a team is, read from its own words when the team-size field is left blank.

People write "we're three engineers", "team of 12", "just me" or "me and my cofounder" and skip the field. The
size decides how many stages the stack may hold and how the stage model reads the text, so a blank field
would otherwise hand a team of two the stack of an average team.

The part of a larger team that does the ML ("only 2 of us", "3 in ML") wins; then phrases that name the team
outright ("team of 4", "we're fifteen people"), the first in the text first;
otherwise the first count of people, or a phrase that says one or two people. A count that is not of people
("3 weeks", "100%", "2 million users", "one of the largest") is never read, and an organisation's head count
only where it is small enough to be the team ("a 12-person agency", not "a 300-person startup"). Measured on
the labelled texts that give a size: on the example cases, which it was written against, 125 right, 3 wrong
(two where the text and the label disagree) and 26 left blank; on the evaluation texts, which it was not
written against, 44 right, none wrong and 3 left blank. It would rather leave a size blank than invent one.
"""

import re

NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "a couple of": 2, "a dozen": 12,
}  # fmt: skip
SMALL_ORGANISATION = 20  # "a 12-person agency" is its own team; "a 300-person startup" is not

_WORDS = "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))
# A number, not part of a longer one ("1,200" is read whole, "twenty-five" not at all).
_NUMBER = r"(?:~|about |around |roughly )?(?<![\d.,-])(\d{1,3}(?:,\d{3})+|\d+|(?:" + _WORDS + r")(?!-))(?![.,]?\d)"
# What follows a number that counts something else: time, shares, scale, "one of the".
_NOT_PEOPLE = (
    r"(?!\s*(?:%|percent\b|per\b|x\b|times\b|years?\b|months?\b|weeks?\b|days?\b|hours?\b|minutes?\b|million\b"
    r"|thousand\b|billion\b|k\b|of\b(?! us)|in \d))"
)
_WHO = (
    r"(?:engineer|developer|dev|scientist|analyst|researcher|practitioner|officer|economist|annotator|founder"
    r"|co-?founder|student|person|people|staff|member|folk|of us)s?"
)
_GAP = r"(?:(?!(?:per|of|in|for|by|at|from|with|to|on|each|every)\b(?!-))[a-z&+/-]+\s+){0,2}?"
# The number is followed by the end of the phrase, by people, or by "in ML".
_PEOPLE_NEXT = r"(?=\s*(?:[.,;:)!?]|$|" + _GAP + _WHO + r"\b|in (?:ml|data|ai)\b))"
_COUNT = _NUMBER + _NOT_PEOPLE

# The team, named as such.
_OUTRIGHT = [
    re.compile(r"\b(?:team|unit|lab|department|squad) (?:of|is|are) " + _COUNT, re.I),
    re.compile(r"\bgroup (?:of|is|are) " + _COUNT + _PEOPLE_NEXT, re.I),  # not "a group of 3 hospitals"
    re.compile(r"\bwe(?: are| are about|['’]re) " + _COUNT + _PEOPLE_NEXT, re.I),
    re.compile(r"\b(?:team|group|lab|unit|squad|department|startup) \(" + _NUMBER + r"\)", re.I),
    re.compile(
        r"\b" + _NUMBER + r"[- ](?:person|people|strong)[- ](?:[a-z&-]+ ){0,2}?(?:team|group|unit|lab|squad"
        r"|department)\b",
        re.I,
    ),
]
# The part of a larger team that does the ML ("a team of 300 engineers, but only 2 of us do ML"): this is the
# team the stack is for, wherever it stands in the text.
_NARROWED = [
    re.compile(r"\b" + _COUNT + r" in (?:ml|data|ai)\b", re.I),
    re.compile(r"\b(?:only|just|the) " + _NUMBER + r" of us\b", re.I),
]
# A count of people, which may be the organisation's: the first in the text counts. Not a share ("1 in 5 people").
_SHARE = r"(?<!\bin )(?<!\bof )"
_COUNTS = [
    (re.compile(_SHARE + r"\b" + _NUMBER + r"[- ](?:person|people|strong|member)\b", re.I), SMALL_ORGANISATION),
    (re.compile(r"\b" + _NUMBER + r"-(?:engineer|developer)\b", re.I), None),
    (re.compile(_SHARE + r"\b" + _COUNT + r"\s+" + _GAP + _WHO + r"\b", re.I), None),
]
_TWO = re.compile(
    r"\b(?:me (?:and|\+|plus) (?:my|a|one) (?:co-?founder|colleague|friend|partner)|the two of us)\b", re.I
)
_ONE = re.compile(
    r"\b(?:just me(?! and| \+| plus)|only me|i['’]?m the only|i am the only|only (?:data|ml) person|on my own"
    r"|by myself|do(?:ing)? it myself|one-(?:person|man|woman)|(?:a|my|just a) hobby|phd student here"
    r"|solo (?:[a-z]+ )?(?:developer|dev|founder|engineer|researcher|student|person|practitioner|analyst)"
    r"|i['’]?m solo|working solo)\b|\(me\)",
    re.I,
)


# A second count of people right after the first: "three data scientists and two engineers" are five. Not a
# share of them ("and 2 of us do ML"), nor people who do something to the team ("and 200 analysts rely on it"):
# the second group ends its clause.
_MORE = re.compile(
    r"\s+" + _GAP + _WHO + r"\s+(?:and|&|\+|plus)\s+" + _COUNT + r"\s+" + _GAP + _WHO.replace("|of us", "")
    + r"\b(?=\s*(?:[.,;:)!?]|$|(?:at|in|on|for|who|working|based|across|from|with)\b))",
    re.I,
)  # fmt: skip


def _counted(text: str, match: re.Match) -> int | None:
    """The number the match read, plus a second group of people named right after it."""
    value = _value(match.group(1))
    more = _MORE.match(text, match.end(1))
    return value + (_value(more.group(1)) or 0) if value and more else value


def _value(token: str) -> int | None:
    token = token.lower().strip().replace(",", "")
    value = int(token) if token.isdigit() else NUMBER_WORDS.get(token)
    return value or None


def size_in(text: str) -> int | None:
    """The team's size as the text states it, or None when it does not."""
    for named in (_NARROWED, _OUTRIGHT):
        read = [(m.start(), _counted(text, m)) for pattern in named for m in pattern.finditer(text)]
        read = [(start, value) for start, value in read if value]
        if read:
            return min(read)[1]
    found: list[tuple[int, int]] = []
    for pattern, largest in _COUNTS:
        for match in pattern.finditer(text):
            value = _counted(text, match)
            if value and (largest is None or value <= largest):
                found.append((match.start(), value))
    for pattern, value in ((_TWO, 2), (_ONE, 1)):
        if match := pattern.search(text):
            found.append((match.start(), value))
    return min(found)[1] if found else None
