"""`scorecard export --template csv`: the sheet to fill for `scorecard import`.

One row per indicator and per peer it has figures for, with the latest scored figure
beside the blank cells of a new one. `import` reads the blank cells back, and reads past
the columns written for the reader (`name`, `unit`, `peer_name`, `latest_…`); a row left
blank is skipped.
"""

from __future__ import annotations

from scorecard.load.dataset import Dataset
from scorecard.render.document import Column, Document, Section
from scorecard.score.figures import latest_by_peer
from scorecard.score.targets import plans
from scorecard.views.labels import word

# The cells a new figure fills; `source_title` and `source_year` only for a publication not
# yet in the data's sources.
NEW = ("year", "value", "relation", "source", "quote", "note", "source_title", "source_year")
LATEST = ("latest_year", "latest_value", "latest_relation", "latest_source")


def document(ds: Dataset, lang: str) -> Document:
    rows = []
    for ind_id, p in plans(ds).items():
        ind = p.indicator
        points = [(None, p.series[-1] if p.series else None),
                  *sorted(latest_by_peer(p.benchmarks).items())]
        for peer, latest in points:
            rows.append({
                "id": ind_id, "name": ind.name.get(lang), "unit": ind.unit.get(lang), "peer": peer,
                "peer_name": ds.peers[peer].name.get(lang) if peer else None,
                "latest_year": latest.year if latest else None,
                "latest_value": latest.value if latest else None,
                "latest_relation": latest.bound if latest else None,
                "latest_source": latest.source if latest else None,
                **{key: None for key in NEW},
            })
    fields = ("id", "name", "unit", "peer", "peer_name", *LATEST, *NEW)
    columns = [Column(key, key) for key in fields]
    return Document({}, [Section("figures", word("figures", lang), columns, rows, fields=fields)],
                    hidden_note=word("hidden_columns", lang))
