"""The API's JSON parser: only text that can be stored and sent back gets past the body."""

from rest_framework import exceptions, parsers

UNPAIRED = "Contains an unpaired surrogate (a \\ud800-\\udfff escape on its own): that is not unicode text."
MAX_DEPTH = 32  # no request the API takes nests deeper than a few levels
TOO_DEEP = f"JSON nested deeper than {MAX_DEPTH} levels: no field of this API takes that."


class JSONParser(parsers.JSONParser):
    """JSON allows a lone surrogate escape such as "\\ud800", and Python parses it into a string that cannot be
    encoded as UTF-8: PostgreSQL, the embedding model and the JSON renderer would each fail on it with a 500.
    It is refused here, once for every field, with a 400 naming the field that holds it."""

    def parse(self, stream, media_type=None, parser_context=None) -> object:
        try:
            data = super().parse(stream, media_type, parser_context)
        except RecursionError:  # a thousand nested brackets exhaust the decoder before any field is read
            raise exceptions.ParseError({"non_field_errors": [TOO_DEEP]}) from None
        if _depth(data) > MAX_DEPTH:
            raise exceptions.ParseError({"non_field_errors": [TOO_DEEP]})
        where = _unpaired_at(data, "")
        if where is not None:
            raise exceptions.ParseError({where or "non_field_errors": [UNPAIRED]})
        return data


def _depth(value: object) -> int:
    """How deeply lists and objects nest, counted without recursion (the walk below recurses)."""
    deepest, pending = 0, [(value, 1)]
    while pending:
        item, level = pending.pop()
        if isinstance(item, dict | list):
            deepest = max(deepest, level)
            if level <= MAX_DEPTH:
                pending += [(child, level + 1) for child in (item.values() if isinstance(item, dict) else item)]
    return deepest


def _unpaired_at(value: object, path: str) -> str | None:
    """The dotted path of the first string (or key) that is not valid unicode; None when all are."""
    if isinstance(value, str):
        return None if _encodable(value) else path
    if isinstance(value, dict):
        for key, item in value.items():
            if not _encodable(key):
                return path  # the key itself cannot be named back
            found = _unpaired_at(item, f"{path}.{key}" if path else key)
            if found is not None:
                return found
    if isinstance(value, list):
        for item in value:
            found = _unpaired_at(item, path)
            if found is not None:
                return found
    return None


def _encodable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True
