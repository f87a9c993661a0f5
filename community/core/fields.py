"""Serializer fields for API input that hold a request to what the schema says of it."""

from rest_framework import serializers


class StrictCharField(serializers.CharField):
    """Text, and only text, within its limits as sent.

    DRF's CharField also takes a number (12 becomes "12") and checks `max_length` after trimming, so 6,000
    spaces after a short text pass a 5,000-character limit. The schema says `type: string` and `maxLength`;
    this field refuses what the schema refuses. NUL bytes are refused by CharField already (PostgreSQL cannot
    store them), with a 400 that names the field.
    """

    def to_internal_value(self, data: object) -> str:
        if not isinstance(data, str):
            self.fail("invalid")
        if self.max_length is not None and len(data) > self.max_length:
            self.fail("max_length", max_length=self.max_length)
        return super().to_internal_value(data)
