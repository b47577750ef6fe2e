"""Renderers: one per output format, each taking a `Document` and returning text."""

FORMATS = ("table", "json", "csv", "markdown")


def render(doc, fmt: str, *, width: int | None = None, color: bool = False) -> str:
    """Dispatch to the renderer for `fmt`; imports only the one that is used."""
    if fmt == "json":
        from scorecard.render.jsonout import render as out
    elif fmt == "csv":
        from scorecard.render.csvout import render as out
    elif fmt == "markdown":
        from scorecard.render.markdown import render as out
    else:
        from scorecard.render.table import render as out

        return out(doc, width=width, color=color)
    return out(doc)
