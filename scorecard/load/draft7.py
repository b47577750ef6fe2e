"""The JSON Schema of the data files, generated from the models, for editors.

`scorecard schema` prints it and `scorecard init` writes it beside the data, where a YAML
editor (VS Code's YAML extension, any editor using yaml-language-server) completes keys,
shows each key's description and marks a typo as the user types. Draft-07, which
yaml-language-server completes reliably: pydantic writes 2020-12's `$defs`, so the
definitions are moved to draft-07's `definitions`. The rules that need the whole dataset
(ids that exist, a label in every declared language) stay with `scorecard validate`.
"""

from __future__ import annotations

import json

DRAFT = "http://json-schema.org/draft-07/schema#"
FILES = ("indicators", "actions")


def schema(which: str) -> dict:
    """The schema of `indicators.yaml` or `actions.yaml`."""
    from scorecard.model import ActionsFile, IndicatorsFile

    model = {"indicators": IndicatorsFile, "actions": ActionsFile}[which]
    made = model.model_json_schema(ref_template="#/definitions/{model}")
    definitions = made.pop("$defs", {})
    if which == "actions" and "Moves" in definitions:
        # An action's indicator link may still be a bare id, the older form (docs/data-format.md).
        links = made["properties"] if "Action" not in definitions else definitions["Action"]["properties"]
        links["indicators"]["items"] = {"anyOf": [{"type": "string", "description": "an indicator id"},
                                                  links["indicators"]["items"]]}
    out = {"$schema": DRAFT, **made, "title": f"{which}.yaml",
           "description": f"A scorecard dataset's {which}.yaml; every key is described in docs/data-format.md."}
    if definitions:
        out["definitions"] = definitions
    return out


def text(which: str) -> str:
    return json.dumps(schema(which), ensure_ascii=False, indent=2) + "\n"


def file_name(which: str) -> str:
    return f"{which}.schema.json"


def modeline(which: str) -> str:
    """The first line of a data file that points yaml-language-server at its schema beside it."""
    return f"# yaml-language-server: $schema={file_name(which)}"
