"""Pydantic validation errors → findings with file, line and column.

Pydantic reports a `loc` path; the parsed tree knows where each path stands in
the text, so every error can point at the line the user must change.
"""

from __future__ import annotations

import types
import typing
from dataclasses import dataclass

from pydantic import BaseModel, ValidationError

from scorecard import findings as F
from scorecard.load.yamltree import _FLOAT, Tree, dotted, underflows, wide_punctuation

# Keys an earlier version wrote, by path and file model: what to write instead.
_OLD_FORMS = {
    ("bands",): {"IndicatorsFile": (
        "`bands` now sits in `method:` with the SDG Index's words: write "
        "`method: {bands: {challenges_remain: 75, moderate_challenges: 50, significant_challenges: 25}}` "
        "(on_track → challenges_remain, moderate → moderate_challenges, "
        "significant → significant_challenges)")},
}

_TRAPS = {
    "yes": "YAML 1.1 reads it as true", "no": "YAML 1.1 reads it as false",
    "on": "YAML 1.1 reads it as true", "off": "YAML 1.1 reads it as false",
}


def validate(model: type[BaseModel], tree: Tree) -> tuple[BaseModel | None, list[F.Finding]]:
    try:
        return model.model_validate(tree.data), []
    except ValidationError as err:
        return None, [_finding(e, model, tree) for e in err.errors(include_url=False)]


def validate_entry(root: type[BaseModel], path: tuple, data, tree: Tree) -> tuple[BaseModel | None, list[F.Finding]]:
    """One entry of a file (the value at `path` of a `root` file), validated alone, with
    findings placed and worded as a whole file's would be."""
    entry = _model_at(root, path)
    try:
        return entry.model_validate(data), []
    except ValidationError as err:
        return None, [_finding({**e, "loc": (*path, *e["loc"])}, root, tree)
                      for e in err.errors(include_url=False)]


@dataclass
class Partial:
    """What can still be checked in a file that failed validation.

    `lists` maps each top-level list to its entries, None in place of an invalid
    entry (a list that is missing or not a list is absent: nothing can be said
    about it). `claimed` holds the ids the invalid entries give, so a reference to
    an entry with a typo elsewhere is not reported as unknown as well; it is None
    when an invalid entry gives no id, as any reference might then mean it.
    """

    lists: dict[str, list]
    claimed: dict[str, set[str] | None]


def salvage(model: type[BaseModel], tree: Tree) -> Partial:
    """Validate each entry of each top-level list on its own, keeping what passes."""
    data = tree.data if isinstance(tree.data, dict) else {}
    lists: dict[str, list] = {}
    claimed: dict[str, set[str] | None] = {}
    for name, info in model.model_fields.items():
        entry = _list_of_models(info.annotation)
        value = data.get(name)
        if entry is None or not isinstance(value, list):
            continue
        entries: list = []
        ids: set[str] | None = set()
        for raw in value:
            try:
                entries.append(entry.model_validate(raw))
            except ValidationError:
                entries.append(None)
                if ids is not None and isinstance(raw, dict) and isinstance(raw.get("id"), str):
                    ids.add(raw["id"])
                else:
                    ids = None
        lists[name], claimed[name] = entries, ids
    return Partial(lists, claimed)


def _list_of_models(annotation):
    if typing.get_origin(annotation) is list:
        (entry,) = typing.get_args(annotation)
        return entry if _is_model(entry) else None
    return None


def _finding(error: dict, model: type[BaseModel], tree: Tree) -> F.Finding:
    loc = tuple(error["loc"])
    if loc and loc[-1] == "[key]":  # a key of a keyed mapping (targets: near/mid/long)
        loc = loc[:-1]
        allowed = _expected(error)
        hint = F.did_you_mean(loc[-1], allowed) or f"allowed keys here: {', '.join(allowed)}"
        return F.make(F.SCHEMA_VALUE, tree.file, f"unknown key {F.quote(loc[-1])}",
                      pos=tree.key_position(loc) or tree.position(loc), path=dotted(loc), hint=hint)
    if error["type"] == "missing":
        return F.make(F.SCHEMA_MISSING, tree.file, f"field {loc[-1]!r} is required here",
                      pos=tree.position(loc[:-1]), path=dotted(loc))
    if error["type"] == "extra_forbidden" and loc in _OLD_FORMS and model.__name__ in _OLD_FORMS[loc]:
        return F.make(F.OLD_FORM, tree.file, _OLD_FORMS[loc][model.__name__],
                      pos=tree.key_position(loc) or tree.position(loc), path=dotted(loc))
    if error["type"] == "extra_forbidden":
        allowed = _fields_at(model, loc[:-1])
        hint = (wide_punctuation(str(loc[-1])) or F.did_you_mean(loc[-1], allowed)
                or f"allowed fields here: {', '.join(allowed)}")
        return F.make(F.SCHEMA_UNKNOWN_KEY, tree.file, f"unknown field {F.quote(loc[-1])}",
                      pos=tree.key_position(loc) or tree.position(loc), path=dotted(loc), hint=hint)
    kind, message, hint, quote_raw = _bad_value(error, loc, model)
    raw = tree.raw(loc) if quote_raw else None
    if raw is not None:
        message = f"{message}, found {F.quote(raw)}"
        hint = _trap_hint(raw, error["type"]) or hint
    return F.make(kind, tree.file, message, pos=tree.position(loc), path=dotted(loc), hint=hint)


def _bad_value(error: dict, loc: tuple, model) -> tuple[F.Kind, str, str, bool]:
    """Pydantic's message in the words of someone editing YAML: kind, message, hint,
    and whether to quote the text as written (not when the message shows it)."""
    etype, ctx, given = error["type"], error.get("ctx") or {}, error.get("input")
    if etype in ("value_error", "assertion_error"):
        return F.SCHEMA_VALUE, error["msg"].removeprefix("Value error, "), "", True
    if etype == "string_pattern_mismatch" and loc and loc[-1] == "id":
        return F.SCHEMA_VALUE, ("an id holds letters, digits, '-', '_' and '.' only, "
                                "and starts with a letter or digit"), "", True
    if etype in ("model_type", "model_attributes_type", "dict_type"):
        hint = ""
        if isinstance(given, str):
            hint = wide_punctuation(given) or hint
        return F.SCHEMA_TYPE, f"expected fields written as `key: value`, found {_shape(given)}", hint, False
    if etype == "list_type":
        return (F.SCHEMA_TYPE, f"expected a list, found {_shape(given)}",
                "write a list as [a, b], or one '- ' item per line", False)
    if etype == "too_short":
        found = ctx.get("actual_length") or "none"
        return (F.SCHEMA_VALUE, f"needs at least {ctx.get('min_length')} item(s), found {found}",
                "add the entries this list needs", True)
    if etype == "string_too_short" and ctx.get("min_length") == 1:
        return F.SCHEMA_VALUE, "must not be empty", "write the text", False
    if etype.startswith(("greater", "less", "literal", "string_too", "too_", "string_pattern")):
        return F.SCHEMA_VALUE, error["msg"], "", True
    return F.SCHEMA_TYPE, error["msg"], "", True


def _shape(value: object) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "nothing"
    return f"the value {F.quote(value)}"


def _expected(error: dict) -> list[str]:
    expected = (error.get("ctx") or {}).get("expected", "")
    return [part.strip(" '") for part in expected.replace(" or ", ", ").split(",") if part.strip(" '")]


def _trap_hint(raw: str, etype: str) -> str:
    low = raw.strip().lower()
    if low in _TRAPS:
        return f"{raw!r} is text here ({_TRAPS[low]}); write the value you mean, quoted if it is text"
    if low.lstrip("+-").startswith("0") and low.lstrip("+-").isdigit() and len(low.lstrip("+-")) > 1:
        return f"{raw!r} has a leading zero (YAML 1.1 reads it as octal); write it without the zero"
    if ":" in raw and raw.replace(":", "").isdigit():
        return f"{raw!r} is read as text (YAML 1.1 would read base-60); write a plain number"
    if len(raw) == 10 and raw[4:5] == "-" and raw[7:8] == "-":
        return "a date is not a number here; write the year as a number, e.g. 2024"
    if etype == "finite_number" or low in (".nan", ".inf", "-.inf", "+.inf", "nan", "inf"):
        return "NaN, infinity and numbers beyond 1e308 are not figures; leave the entry out when there is none"
    if etype in ("float_type", "int_type") and _FLOAT.match(raw) and underflows(raw):
        return f"{raw!r} is too close to 0 to be stored (it would read as 0); write 0 if that is meant"
    if etype == "string_type":
        return f'put it in quotes, "{raw}", to make it text'
    if etype in ("float_type", "int_type", "float_parsing", "int_parsing") and raw:
        return "write a plain number without quotes or units, e.g. 12.5"
    return ""


def _fields_at(model: type[BaseModel], loc: tuple) -> list[str]:
    cls = _model_at(model, loc)
    return sorted(cls.model_fields) if cls else []


def _model_at(cls, loc: tuple):
    """Follow a pydantic `loc` through the annotations to the model class it names."""
    annotation = cls
    for part in loc:
        annotation = _strip_optional(annotation)
        if _is_model(annotation):
            field = annotation.model_fields.get(part) if isinstance(part, str) else None
            if field is None:
                return None
            annotation = field.annotation
        elif typing.get_origin(annotation) is list and isinstance(part, int):
            annotation = typing.get_args(annotation)[0]
        elif typing.get_origin(annotation) is dict:
            annotation = typing.get_args(annotation)[1]
        else:
            return None
    annotation = _strip_optional(annotation)
    return annotation if _is_model(annotation) else None


def _is_model(annotation) -> bool:
    # On Python 3.10 `list[X]` passes isinstance(…, type) but not issubclass.
    return (isinstance(annotation, type) and typing.get_origin(annotation) is None
            and issubclass(annotation, BaseModel))


def _strip_optional(annotation):
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        if len(args) == 1:
            return args[0]
    return annotation
