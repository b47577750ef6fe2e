"""A citation, `<source id> <section>` (e.g. "003 二(一)"): the one place it is split."""

from __future__ import annotations


def split(citation: str) -> tuple[str, str]:
    """("003", "二(一)") from "003 二(一)"; the section is '' when only the id is given."""
    head, _, section = citation.strip().partition(" ")
    return head, section.strip()


def source_id(citation: str) -> str:
    """The source a citation names: its first word."""
    return split(citation)[0]
