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
from scorecard.load.yamltree import Tree, dotted, wide_punctuation

_TRAPS = {
    "yes": "YAML 1.1 reads it as true", "no": "YAML 1.1 reads it as false",
    "on": "YAML 1.1 reads it as true", "off": "YAML 1.1 reads it as false",
}


def validate(model: type[BaseModel], tree: Tree) -> tuple[BaseModel | None, list[F.Finding]]:
    try:
        return model.model_validate(tree.data), []
    except ValidationError as err:
        return None, [_finding(e, model, tree) for e in err.errors(include_url=False)]


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
    data = tree.data if isinstance(tree.data, dict) else {}
    lists: dict[str, list] = {}
    claimed: dict[str, set[str]] = {}
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
    kind, message, hint = F.SCHEMA_TYPE, error["msg"], ""
    etype = error["type"]
    if loc and loc[-1] == "[key]":  # a key of a keyed mapping (targets: near/mid/long)
        loc = loc[:-1]
        kind, message = F.SCHEMA_VALUE, f"unknown key {F.quote(loc[-1])}"
        allowed = _expected(error)
        hint = F.did_you_mean(loc[-1], allowed) or f"allowed keys here: {', '.join(allowed)}"
        pos = tree.key_positions.get(loc) or tree.position(loc)
    elif etype == "missing":
        kind, message = F.SCHEMA_MISSING, f"field {loc[-1]!r} is required here"
        pos = tree.position(loc[:-1])
    elif etype == "extra_forbidden":
        kind = F.SCHEMA_UNKNOWN_KEY
        allowed = _fields_at(model, loc[:-1])
        message = f"unknown field {F.quote(loc[-1])}"
        suggestion = F.did_you_mean(loc[-1], allowed)
        hint = (wide_punctuation(str(loc[-1])) or suggestion
                or f"allowed fields here: {', '.join(allowed)}")
        pos = tree.key_positions.get(loc) or tree.position(loc)
    else:
        pos = tree.position(loc)
        raw = tree.raw.get(loc)
        if etype in ("value_error", "assertion_error"):
            kind, message = F.SCHEMA_VALUE, message.removeprefix("Value error, ")
        elif etype == "string_pattern_mismatch" and loc[-1] == "id":
            kind = F.SCHEMA_VALUE
            message = "an id holds letters, digits, '-', '_' and '.' only, and starts with a letter or digit"
        elif etype in ("model_type", "model_attributes_type", "dict_type"):
            message, raw = f"expected fields written as `key: value`, found {_shape(error['input'])}", None
            if getattr(_model_at(model, loc), "__name__", "") == "Text":
                hint = "give both languages: {zh: 中文, en: English}"
            if isinstance(error["input"], str):
                hint = wide_punctuation(error["input"]) or hint
        elif etype == "list_type":
            message, raw = f"expected a list, found {_shape(error['input'])}", None
            hint = "write a list as [a, b], or one '- ' item per line"
        elif etype == "too_short":
            kind, message = F.SCHEMA_VALUE, f"needs at least {error['ctx']['min_length']} item(s), found none"
            hint = "add the entries this list needs"
            if error["ctx"].get("actual_length"):
                message = message.replace("none", str(error["ctx"]["actual_length"]))
        elif etype == "string_too_short" and error["ctx"].get("min_length") == 1:
            kind, message, raw = F.SCHEMA_VALUE, "must not be empty", None
            hint = "write the text"
        elif etype.startswith(("greater", "less", "literal", "string_too", "too_", "string_pattern")):
            kind = F.SCHEMA_VALUE
        if raw is not None:
            message = f"{message}, found {F.quote(raw)}"
            hint = _trap_hint(raw, etype) or hint
    return F.make(kind, tree.file, message, pos=pos, path=dotted(loc), hint=hint)


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
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)


def _strip_optional(annotation):
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        if len(args) == 1:
            return args[0]
    return annotation
