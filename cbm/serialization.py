"""`dumpdata`/`loaddata` JSON that keeps microseconds (Django's encoder cuts times to
milliseconds, so a backup would not round-trip). Registered as "json" in SERIALIZATION_MODULES."""

import datetime

from django.core.serializers import json
from django.core.serializers.json import (
    Deserializer,  # noqa: F401  (the module's interface)
    DjangoJSONEncoder,
)
from django.utils.timezone import is_aware


class ExactJSONEncoder(DjangoJSONEncoder):
    def default(self, o):
        if isinstance(o, datetime.datetime):
            text = o.isoformat()
            return text.removesuffix("+00:00") + "Z" if text.endswith("+00:00") else text
        if isinstance(o, datetime.time):
            if is_aware(o):
                raise ValueError("JSON can't represent timezone-aware times.")
            return o.isoformat()
        return super().default(o)


class Serializer(json.Serializer):
    def _init_options(self):
        self.options.setdefault("cls", ExactJSONEncoder)
        super()._init_options()
