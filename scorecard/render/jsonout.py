"""JSON: one document, stable keys, Chinese kept readable (not \\u-escaped)."""

from __future__ import annotations

import json
import math

from scorecard.render.document import Document


def _clean(value):
    if isinstance(value, float):
        if math.isnan(value) or math.isinf(value):
            return None
        return round(value, 4)
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_clean(v) for v in value]
    return value


def render(doc: Document) -> str:
    if doc.as_json is not None:
        body = doc.as_json
    else:
        body = dict(doc.meta)
        for section in doc.sections:
            body[section.key] = section.rows
    return json.dumps(_clean(body), ensure_ascii=False, indent=2) + "\n"
