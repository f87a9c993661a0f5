"""Whether a text says its model runs on the device: in an app on phones, in the browser, on a board at the
edge, on a laptop with no server behind it.

Such a team's serving is a runtime that ships inside its app (LiteRT, ONNX Runtime, llama.cpp), not an
inference server, and text similarity alone does not see it: the server that integrates with everything
outscores the runtime. The catalog marks the tools that run models on devices (hosting "on-device"); a text that
says so prefers them (engine.W_DEVICE), and the why quotes it.

"Phone" or "mobile app" alone is not enough: a mobile app usually calls a model on a server, and "phone calls"
are data. The words must put the model on the device. A laptop is named only with "locally" or "offline": people
run notebooks and experiments on theirs.
"""

import re

from recommender.stacks import needs

_HARDWARE = (
    r"(?:smart)?phones?|handsets?|tablets?|kiosks?|head\s+units?"
    r"|wearables?|watches|browsers?|cameras?|drones?|robots?|vehicles?|cars?|trucks?"
    r"|(?:mobile|edge|embedded|iot|end[- ]user|customer|user)\s+(?:devices?|hardware|boards?|gateways?|phones?)"
    r"|Raspberry\s+Pis?|Jetsons?|microcontrollers?|MCUs?|Android|iOS"
)
_ON_DEVICE = re.compile(
    r"\bon[- ](?:the[- ])?devices?\b(?![- ]+(?:management|fleet|registry))"
    r"|\b(?:run|runs|running|ran|inference|predictions?|deployed|lives?|work|works|working)\s+(?:[\w,-]+\s+){0,4}?"
    r"(?:on|in|inside)\s+(?:(?:the|our|their|its|each|every|a|an|my|your)\s+)?(?:[\w-]+['’]s?\s+)?"
    rf"(?:{_HARDWARE})\b"
    r"|\bat\s+the\s+edge\b|\bedge\s+(?:devices?|hardware|boxes|box|boards?|gateways?|inference|deployment)\b"
    r"|\bembedded\s+(?:devices?|boards?|hardware|targets?)\b|\btiny\s?ML\b|\bmicrocontrollers?\b"
    r"|\bRaspberry\s+Pis?\b|\bJetson\b|\blocal\s+(?:LLMs?|language\s+models?)\b"
    r"|\b(?:runs?|running|work(?:s|ing)?|completely|fully|entirely)\s+(?:fully\s+|entirely\s+|completely\s+)?"
    r"(?:locally|offline)\b"
    r"|\b(?:in|inside)\s+(?:the|a|our)\s+(?:web\s+)?browser\b",
    re.I,
)
# "We do not run anything at the edge", "nothing on-device": the words are there, the wish is not.
_DENIED = re.compile(
    r"\b(?:not|never|no|nothing|don['’]t|doesn['’]t|won['’]t|isn['’]t|aren['’]t|without)\s+(?:\w+\s+){0,3}$", re.I
)


def on_device(text: str) -> str | None:
    """The sentence that puts the model on the device, or None when none does."""
    for sentence in needs.sentences(text):
        for match in _ON_DEVICE.finditer(sentence):
            if not _DENIED.search(sentence[: match.start()]):
                return sentence
    return None
