"""JSON: one document, stable keys, Chinese kept readable (not \\u-escaped);
only hidden characters are escaped, so the text round-trips exactly."""

from __future__ import annotations

import json
import math

from scorecard.render.clean import figure, json_text
from scorecard.render.document import Document


def _clean(value):
    if isinstance(value, float):
        if math.isnan(value) or math.isinf(value):
            return None
        return figure(value)
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_clean(v) for v in value]
    return value


def render(doc: Document, *, width: int | None = None, color: bool = False) -> str:
    if doc.as_json is not None:
        body = doc.as_json
    else:
        body = dict(doc.meta)
        for section in doc.sections:
            body[section.key] = section.rows
    return json_text(json.dumps(_clean(body), ensure_ascii=False, indent=2)) + "\n"
