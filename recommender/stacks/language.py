"""Whether a use case seems written in a language other than English, which the model reads poorly.

all-MiniLM-L6-v2 was trained on English: a German or Spanish text is embedded, but its clauses land far from
every example sentence and the stack comes out thin or wrong with nothing to say why. The text is not refused
(a team may mix English tool names into its own language), but the result says so. Told apart by the small
words every sentence has: English ones against those of the languages teams most often write in, or by a
script other than the Latin alphabet.
"""

import re
import unicodedata

_WORD = re.compile(r"[^\W\d_]+")
_ENGLISH = frozenset([
    "the", "a", "an", "and", "or", "of", "to", "in", "on", "for", "with", "we", "our", "is", "are", "it",
    "that", "this", "be", "from", "by", "at", "as", "i", "my", "us", "you", "not", "but", "have", "has", "can",
    "need", "needs", "want", "will", "do", "does",
])  # fmt: skip
# German, French, Spanish, Italian, Portuguese, Dutch, Swedish: articles, conjunctions, pronouns.
_OTHER = frozenset([
    "der", "die", "das", "und", "wir", "ist", "ein", "eine", "mit", "für", "nicht", "sind", "auf", "unsere",
    "unser", "le", "la", "les", "et", "des", "une", "nous", "est", "pour", "avec", "sont", "dans", "notre",
    "nos", "el", "los", "las", "y", "que", "una", "para", "con", "nosotros", "es", "en", "nuestro", "nuestra",
    "il", "di", "che", "per", "sono", "un", "nostro", "nostra", "o", "os", "as", "um", "uma", "não", "com",
    "nosso", "nossa", "een", "het", "wij", "niet", "voor", "onze", "zijn", "och", "att", "det", "är", "för",
    "vi", "inte",
]) - _ENGLISH  # fmt: skip
MIN_LETTERS = 12  # below this a script says little
NOTE = (
    "This text does not seem to be in English. The recommender reads English far better than other languages, "
    "so this stack may miss what you need; write the use case in English if you can."
)


def seems_english(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    other_script = sum(1 for c in letters if not unicodedata.name(c, "").startswith("LATIN"))
    if len(letters) >= MIN_LETTERS and other_script > len(letters) / 2:
        return False
    words = [w.lower() for w in _WORD.findall(text)]
    english = sum(1 for w in words if w in _ENGLISH)
    other = sum(1 for w in words if w in _OTHER)
    return not (other >= 3 and other > english)


def notes(text: str) -> list[str]:
    return [] if seems_english(text) else [NOTE]
