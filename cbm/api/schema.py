"""Make the OpenAPI schema say what the API does (a drf-spectacular postprocessing hook): who may
call each operation, every error it can answer, and the values its parameters really take."""

from django.db import DatabaseError

from ..models import Actor, Category, Instrument, MeasureType
from ..search import QUERY_MAX
from .filters import FREE_TEXT
from .pagination import PageNumberPagination

ERROR = {
    "type": "object",
    "description": "What went wrong, in words.",
    "properties": {"detail": {"type": "string"}},
    "required": ["detail"],
}
# A 400 names each bad field or parameter ({"field": ["message"]}), or gives a list of messages.
BAD_REQUEST = {"oneOf": [{"type": "object"}, {"type": "array", "items": {"type": "string"}}]}
ERRORS = {
    "400": "Bad request: a malformed or unknown parameter or field; each is named.",
    "401": "Not authenticated (writes need a token or a session).",
    "403": "Authenticated without the permission.",
    "404": "No such object, or a page past the end.",
    "405": "Method not allowed.",
    "409": "Conflict: the row changed under the request.",
    "413": "The request body is too large.",
    "429": "Too many requests (anonymous rate, or too many failed logins).",
    "503": "The database is unavailable; retry after Retry-After seconds.",
}
# The NUL character is refused everywhere (PostgreSQL cannot store it).
NO_NUL = "^[^\\u0000]*$"
# Filters whose values are slugs of rows in the registry: any other value is a 400.
# (The plain `…__slug` filters of terms, provisions and measure types take any value.)
SLUG_PARAMETERS = {
    "measure_type": MeasureType,
    "measure_type_family": MeasureType,
    "category": Category,
    "instrument": Instrument,
    "actor": Actor,
}


def postprocess(result, generator, request, public):
    result.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR
    slugs = _slugs()
    views = {
        (path, method.lower()): getattr(callback, "cls", None)
        for path, _, method, callback in generator.endpoints or []
    }
    for path, operations in result.get("paths", {}).items():
        for method, operation in operations.items():
            _security(path, method, operation)
            if not path.endswith("/auth/token/"):
                # A form's empty field counts as left out (DRF), which JSON Schema cannot say:
                # the API is documented with JSON bodies (forms still work as in the browser).
                for kind in ("application/x-www-form-urlencoded", "multipart/form-data"):
                    operation.get("requestBody", {}).get("content", {}).pop(kind, None)
            _responses(path, method, operation)
            view = views.get((path, method))
            # DRF's filters declare search and ordering on every list; only some lists take them.
            operation["parameters"] = [
                p
                for p in operation.get("parameters", [])
                if p["name"] not in ("search", "ordering")
                or getattr(view, f"{p['name']}_fields", None)
            ]
            for parameter in operation["parameters"]:
                if parameter["name"] == "ordering" and getattr(view, "ordering_fields", None):
                    fields = view.ordering_fields
                    parameter["schema"]["enum"] = [*fields, *(f"-{field}" for field in fields)]
                _constrain(parameter, slugs)
    _require_write_fields(result["components"]["schemas"])
    _curators_only_fields_optional(result["components"]["schemas"])
    return result


def _curators_only_fields_optional(schemas):
    """Links show anonymous clients no curators' notes or user names (LinkSerializer), so
    those fields are present only for curators: not required."""
    from .serializers import LinkSerializer

    for component in ("Mention", "Citation", "Position"):
        schema = schemas.get(component)
        if schema and "required" in schema:
            schema["required"] = [
                name for name in schema["required"] if name not in LinkSerializer.curators_only
            ]


def _slugs():
    try:
        return {
            name: sorted(model.objects.values_list("slug", flat=True))
            for name, model in SLUG_PARAMETERS.items()
        }
    except DatabaseError:  # no database yet (system checks before migrate): no enums
        return {}


def _security(path, method, operation):
    if path.endswith("/auth/token/"):
        operation.pop("security", None)  # the credentials are the body
    elif method == "get" and {} not in operation.get("security", [{}]):
        operation["security"].append({})  # anyone may read


def _responses(path, method, operation):
    responses = operation.setdefault("responses", {})
    codes = ["400", "401", "404", "405", "429", "503"]
    if method != "get" or path.endswith("/auth/token/"):
        codes += ["403", "413"]
    if method in ("post", "patch") and "/auth/" not in path:
        codes.append("409")
    if method == "get":
        codes.append("403")  # a token without the permission, on curator views
    for code in codes:
        if code in responses:
            continue
        schema = BAD_REQUEST if code == "400" else {"$ref": "#/components/schemas/Error"}
        content = {"application/json": {"schema": schema}}
        if "application/ld+json" in _success_types(responses):
            content["application/ld+json"] = {"schema": schema}
        if code == "400" and _has_csv(operation):
            content["text/csv"] = {"schema": {"type": "string"}}  # ?format=csv errors as CSV
        responses[code] = {"description": ERRORS[code], "content": content}


def _success_types(responses):
    return {kind for code in ("200", "201") for kind in responses.get(code, {}).get("content", {})}


def _has_csv(operation):
    return any(
        p["name"] == "format" and "csv" in p.get("schema", {}).get("enum", [])
        for p in operation.get("parameters", [])
    )


def _constrain(parameter, slugs):
    schema = parameter.setdefault("schema", {})
    name = parameter["name"]
    if parameter.get("in") != "query":
        return
    if name == "page":
        schema["minimum"] = 1
    elif name == "page_size":
        schema.update(minimum=1, maximum=PageNumberPagination.max_page_size)
    elif slugs.get(name):
        schema["enum"] = slugs[name]
    elif schema.get("type") == "integer":
        schema.setdefault("minimum", 1)
        schema.setdefault("maximum", 2**63 - 1)
    if schema.get("type") == "string" and "enum" not in schema and "format" not in schema:
        schema.update(minLength=1, pattern=NO_NUL)
    if name in FREE_TEXT:
        schema["maxLength"] = QUERY_MAX


def _require_write_fields(schemas):
    """POST mentions/ and citations/: a passage, a target, and start and end or the words."""
    for component, target in (
        ("MentionWriteRequest", "measure_type"),
        ("CitationWriteRequest", "instrument"),
    ):
        if component in schemas:
            schemas[component]["required"] = ["passage", target]
            schemas[component]["anyOf"] = [{"required": ["start", "end"]}, {"required": ["quote"]}]
    if "PositionWriteRequest" in schemas:  # POST positions/: also an actor, a stance, one target
        schemas["PositionWriteRequest"]["required"] = ["passage", "actor", "stance"]
        schemas["PositionWriteRequest"]["allOf"] = [
            {"anyOf": [{"required": ["start", "end"]}, {"required": ["quote"]}]},
            {"anyOf": [{"required": ["measure_type"]}, {"required": ["instrument"]}]},
        ]
