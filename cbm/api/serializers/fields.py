"""Fields that refuse what JSON did not say: a number for a string, 1 for true, a date that
does not exist."""

import datetime
import re

from rest_framework import serializers

slug = serializers.SlugRelatedField


class StrictCharField(serializers.CharField):
    """A string, and only a string: 12345 or true is refused, not turned into "12345"."""

    default_error_messages = {"not_a_string": "Must be a string, not {kind}."}

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("not_a_string", kind=type(data).__name__)
        return super().to_internal_value(data)


class RealDateField(serializers.DateField):
    """YYYY-MM-DD; a well-formed date that does not exist (2024-02-30) says so."""

    def to_internal_value(self, value):
        if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            try:
                datetime.date.fromisoformat(value)
            except ValueError:
                raise serializers.ValidationError(f"{value} is not a real date.") from None
        elif not isinstance(value, str):
            raise serializers.ValidationError("Must be a date as a string, YYYY-MM-DD.")
        return super().to_internal_value(value)


class StrictBooleanField(serializers.BooleanField):
    """true or false, as JSON says them: never 0, 1 or "yes"."""

    def to_internal_value(self, data):
        if not isinstance(data, bool):
            self.fail("invalid", input=data)
        return data


class StrictIntegerField(serializers.IntegerField):
    """A JSON number, or a string of ASCII digits: never "١٢" or "1.0" or true."""

    def to_internal_value(self, data):
        if isinstance(data, bool) or not (
            isinstance(data, int) or (isinstance(data, str) and data.isascii() and data.isdigit())
        ):
            self.fail("invalid")
        return super().to_internal_value(data)
