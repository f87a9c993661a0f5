"""Whether a use case has any words to read at all.

The model embeds anything, and keyboard mashing ("asdf qwer zxcv") lands near some stage by chance: the page
then quoted it back as asking for modelling libraries. A text with no word the model knows whole and no tool
name from the catalog is refused with a message instead. Terse texts of tool names ("xgboost kubeflow dvc")
pass on the catalog's names.
"""

import re

from recommender import encoder
from recommender.stacks.snapshot import snapshot

_WORD = re.compile(r"[^\W\d_]{2,}")
UNREADABLE = (
    "We could not find a word we know in this text. Describe what you are building in English, in a sentence "
    "or two: the data, the model, who uses it."
)


_tool_words: tuple[str, frozenset[str]] = ("", frozenset())


def _catalog_words() -> frozenset[str]:
    """The words of the catalog's tool slugs, kept per catalog version rather than split again per request."""
    global _tool_words
    snap = snapshot()
    if _tool_words[0] != snap.version:
        _tool_words = (snap.version, frozenset(part for slug in snap.ids_by_slug for part in slug.split("-")))
    return _tool_words[1]


def readable(text: str) -> bool:
    words = set(_WORD.findall(text.lower()))
    return bool(words & encoder.vocabulary() or words & _catalog_words())
