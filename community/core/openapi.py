"""The API schema's shared rules: every operation documents the errors it can answer with, not only success.

A client generated from the schema (or a fuzzer checking the API against it) must know that a write can be
refused or throttled, and that an id may not exist. The rules follow what the API does everywhere:
- 400 with `{"field": ["message"]}` (or `{"detail": …}` for a body that does not parse) for any operation: a
  field or query parameter refused, a rule of the current state (a run already over), or a NUL byte anywhere
  in the query string (community.core.nulbytes);
- 401 for any operation: a write without credentials where one is needed, or a token that is not valid;
- 403 for writes: another person's post, or a signed-in session without its CSRF token;
- 404 for any operation with a path parameter;
- 415 for writes whose body is of a type the API cannot read;
- 429 for writes past the per-person write rate.
An optional query parameter sent empty (`?limit=`, as a form leaves a blank field) counts as not sent, so the
schema says `allowEmptyValue` for each.
"""

from drf_spectacular.openapi import AutoSchema as SpectacularAutoSchema
from drf_spectacular.plumbing import ResolvedComponent

WRITE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}

DETAIL = ResolvedComponent(
    name="ErrorDetail",
    type=ResolvedComponent.SCHEMA,
    object="ErrorDetail",
    schema={
        "type": "object",
        "description": "What went wrong, in one sentence.",
        "properties": {"detail": {"type": "string"}},
        "required": ["detail"],
    },
)
FIELD_ERRORS = ResolvedComponent(
    name="FieldErrors",
    type=ResolvedComponent.SCHEMA,
    object="FieldErrors",
    schema={
        "type": "object",
        "description": (
            "The fields (or query parameters) that were refused, each with its messages; `non_field_errors` for "
            "a rule about the whole request, `detail` for a body that could not be parsed."
        ),
        "additionalProperties": {},
    },
)


class AutoSchema(SpectacularAutoSchema):
    def get_operation(self, *args, **kwargs) -> dict | None:
        operation = super().get_operation(*args, **kwargs)
        if operation is None:
            return None
        for parameter in operation.get("parameters", []):
            if parameter["in"] == "query" and not parameter.get("required"):
                parameter["allowEmptyValue"] = True
        for code, description, component in self._errors(operation):
            self.registry.register_on_missing(component)
            operation["responses"].setdefault(
                code,
                {"content": {"application/json": {"schema": component.ref}}, "description": description},
            )
        return operation

    def _errors(self, operation: dict) -> list[tuple[str, str, ResolvedComponent]]:
        locations = {parameter["in"] for parameter in operation.get("parameters", [])}
        writes = self.method in WRITE_METHODS
        errors = [("400", "Invalid input: each refused field is named with its messages.", FIELD_ERRORS)]
        errors.append(("401", "Not signed in where this needs it, or the token is not valid.", DETAIL))
        if writes:
            errors.append(("403", "Not allowed for this person, or a session request without its CSRF token.", DETAIL))
        if "path" in locations:
            errors.append(("404", "Nothing has that id.", DETAIL))
        if writes:
            # A body whose content type the API cannot read (a multipart body with no parts, say).
            errors.append(("415", "The request body's content type cannot be read.", DETAIL))
            errors.append(("429", "Too many writes: the message says when to try again.", DETAIL))
        return errors
