"""Labels against the data's languages: each label gives the text in every declared
language and in no other, or is plain text in a one-language dataset.

The languages are declared once, at the top of `indicators.yaml`; a label in either
file is checked against them, with the position of the label or of the stray key.
"""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import BaseModel

from scorecard import findings as F
from scorecard.load.schema import Partial
from scorecard.load.yamltree import Tree, dotted
from scorecard.model import IndicatorsFile, Text


def declared(ind, tree: Tree | None) -> list[str] | None:
    """The data's languages, from the validated file or, when it failed, from its text; None
    when they cannot be known (then no label is checked)."""
    if isinstance(ind, IndicatorsFile):
        return ind.languages
    if tree is None or not isinstance(tree.data, dict):
        return None
    if "languages" not in tree.data:
        return IndicatorsFile.model_fields["languages"].default_factory()
    given = tree.data["languages"]
    if isinstance(given, list) and given and all(isinstance(x, str) and x for x in given):
        return given if len(set(given)) == len(given) else None
    return None


def check(ind, act, ti: Tree | None, ta: Tree | None) -> Iterator[F.Finding]:
    languages = declared(ind, ti)
    if languages is None:
        return
    for file, tree in ((ind, ti), (act, ta)):
        if file is None or tree is None:
            continue
        for path, label in _labels(file):
            yield from _check(label, languages, tree, path)


def _labels(file) -> Iterator[tuple[tuple, Text]]:
    if isinstance(file, Partial):
        for name, entries in file.lists.items():
            for i, entry in enumerate(entries):
                if entry is not None:
                    yield from _walk(entry, (name, i))
    else:
        yield from _walk(file, ())


def _walk(value, path: tuple) -> Iterator[tuple[tuple, Text]]:
    if isinstance(value, Text):
        yield path, value
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from _walk(getattr(value, name), (*path, name))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _walk(item, (*path, i))
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _walk(item, (*path, key))


def _check(label: Text, languages: list[str], tree: Tree, path: tuple) -> Iterator[F.Finding]:
    listed = ", ".join(languages)
    given = label.languages
    if given is None:
        if len(languages) > 1:
            example = ", ".join(f"{lang}: …" for lang in languages)
            yield F.make(F.LABEL_LANGUAGES, tree.file, f"plain text where the data's languages are {listed}",
                         pos=tree.position(path), path=dotted(path),
                         hint=f"give the text in each: {{{example}}}; a one-language dataset "
                         "declares it at the top of indicators.yaml, e.g. `languages: [en]`")
        return
    for lang in given:
        if lang not in languages:
            hint = F.did_you_mean(lang, languages) or f"add {F.quote(lang)} to `languages:`, or remove it here"
            yield F.make(F.LABEL_LANGUAGES, tree.file,
                         f"language {F.quote(lang)} is not one of the data's languages ({listed})",
                         pos=tree.key_position((*path, lang)) or tree.position((*path, lang)),
                         path=dotted((*path, lang)), hint=hint)
    missing = [lang for lang in languages if lang not in given]
    if missing:
        yield F.make(F.LABEL_LANGUAGES, tree.file,
                     f"no text in {', '.join(map(F.quote, missing))} (the data's languages are {listed})",
                     pos=tree.position(path), path=dotted(path),
                     hint=f"add {', '.join(f'{lang}: …' for lang in missing)}")
