"""Every command's table, in every language, at 80, 120 and 200 columns: nothing wider than
the terminal, no number or id split across lines, every kept column's header whole, and
the columns left out named in the output's language.

Each command runs once through the CLI on a terminal of 80 columns (`output.terminal`
answers as a terminal would); the document it printed is then laid out again at 120 and
200 columns by the same renderer.
"""

import re
import shutil
from pathlib import Path

import pytest
from rich.cells import cell_len
from typer.testing import CliRunner

import scorecard.render as render_module
from scorecard.cli import output
from scorecard.cli.app import app
from scorecard.render import table

DATA = Path(__file__).parent / "data"
FULL = DATA / "bundled-0.2"  # a frozen copy of the whole 0.2 data: 80 indicators, 37 actions
WIDTHS = (80, 120, 200)
LANGS = ("en", "zh")

COMMANDS = {
    "gaps": ["gaps"],
    "gaps long": ["gaps", "-H", "long"],
    "actions": ["actions"],
    "goals": ["goals"],
    "indicators": ["indicators"],
    "show indicator": ["show", "fortune500"],
    "show action": ["show", "L05"],
    "show shortfall": ["show", "openness"],
    "show source": ["show", "000"],
    "validate": ["validate", "--data", DATA / "mini", "--limit", "100"],
    "export": ["export", "-f", "table"],
    "diff": ["diff", DATA / "audit"],
    "set": ["set", "basic-research-share", "9", "--year", "2023", "--source", "003 二(一)"],
    "robustness": ["robustness", "-n", "20"],
}

# Closing punctuation no line of a cell may begin with.
_CLOSING = "、，。：；！？）」』】〉》"
_ASCII_RUNS = re.compile(r"[\x21-\x7e\u00b7-\u00ff≤≥≈×→⇒–−…]+")


@pytest.fixture(scope="module")
def printed(tmp_path_factory):
    """(command, lang) → (document, what the command printed at 80 columns)."""
    found = {}
    patch = pytest.MonkeyPatch()
    seen = []
    real = render_module.render

    def recording(doc, fmt, *, width=None, color=False):
        seen.append(doc)
        return real(doc, fmt, width=width, color=color)

    patch.setattr(output, "terminal", lambda: (80, False))
    patch.setattr(render_module, "render", recording)
    runner = CliRunner()
    try:
        for name, args in COMMANDS.items():
            for lang in LANGS:
                args_ = [str(a) for a in args] + ["--lang", lang]
                if "--data" not in args_:
                    folder = FULL
                    if name == "set":
                        folder = tmp_path_factory.mktemp("set") / "data"
                        shutil.copytree(FULL, folder)
                    args_ += ["--data", str(folder)]
                seen.clear()
                result = runner.invoke(app, args_)
                assert result.exit_code in (0, 1), (name, lang, result.stderr)
                assert len(seen) == 1, (name, lang, result.stderr)
                found[name, lang] = (seen[0], result.stdout)
    finally:
        patch.undo()
    return found


def _check(doc, text: str, width: int) -> None:
    lines = text.splitlines()
    assert max(cell_len(line) for line in lines) <= width
    flat = "".join(text.split())
    for section in doc.sections:
        if not section.rows:
            continue
        p = table.plan(section, width)
        hidden = [c.header for i, c in enumerate(section.columns) if i not in p.kept and c.header]
        if hidden:
            assert "".join(doc.hidden_note.format(columns=doc.separator.join(hidden)).split()) in flat
        for i in p.kept:
            column = section.columns[i]
            # (None of these holds a line break, so each found in the text is found on one line.)
            for word in p.headers[i].split():
                assert word in text, (section.key, column.key, word)
            for cell in p.cells[i]:
                if column.wrapping:
                    # Every number, id or other Latin word of the cell on one line.
                    for word in _ASCII_RUNS.findall(cell):
                        assert word in text, (section.key, column.key, word)
                else:
                    for part in cell.split("\n"):
                        assert part in text, (section.key, column.key, part)
    for line in lines:
        assert not re.search(rf"(^|  )[{_CLOSING}]", line), line


@pytest.mark.parametrize("name", COMMANDS)
@pytest.mark.parametrize("lang", LANGS)
def test_every_command_prints_at_80_columns_with_no_split_number_or_id(printed, name, lang):
    doc, text = printed[name, lang]
    _check(doc, text, 80)


@pytest.mark.parametrize("name", COMMANDS)
@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("width", WIDTHS[1:])
def test_every_command_fits_wider_terminals_too(printed, name, lang, width):
    doc, _ = printed[name, lang]
    _check(doc, table.render(doc, width=width), width)


def test_at_80_columns_gaps_keeps_what_matters_most_and_says_what_it_left_out(printed):
    doc, text = printed["gaps", "en"]
    assert "Indicator" in text and "Latest" in text and "Target" in text and "Score" in text
    assert "(Shortfall, Status, Best peer: hidden at this width; widen the terminal or use" in text
    zh_doc, zh = printed["gaps", "zh"]
    assert "（短板，最佳标杆：此宽度下未显示；请加宽终端或使用 --format）" in zh


def test_in_a_pipe_the_table_is_as_wide_as_its_content(mini):
    text = CliRunner().invoke(app, ["indicators", "--data", str(FULL), "--lang", "en"]).stdout
    assert "hidden" not in text
    assert max(cell_len(line) for line in text.splitlines()) > 200
    assert "Target Near term" in text
