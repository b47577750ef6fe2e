"""Whatever the data holds, what scorecard prints is harmless and says what the data says.

Rich markup prints as written; ESC sequences, carriage returns, backspaces and
bidi overrides are shown as escapes on the terminal and in every format (JSON
keeps the exact text, escaped); a CSV cell is never a live formula while numbers
stay numbers; any locale, a closed pipe or an unexpected error ends in one line
on stderr at most, never a traceback.
"""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from scorecard.cli import app as cli
from scorecard.render import render
from scorecard.render.clean import hidden, visible
from scorecard.render.csvout import cell
from scorecard.render.document import Column, Document, Section
from scorecard.render.markdown import escape

REPO = Path(__file__).parent.parent
MINI = Path(__file__).parent / "data" / "mini"
FORMATS = ("table", "json", "csv", "markdown")
TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")
HOSTILE = [
    "[bold]loud[/] [link=https://evil.example]click[/link] [/]",
    "\x1b[31mred\x1b[0m\x1b]8;;https://evil.example\x07link\x1b]8;;\x07",
    "over\rwritten\bX",
    "abc\u202edcba\u2066iso\u2069",
    "=HYPERLINK(\"https://evil.example\",\"x\")",
    "a|b\\|c\nnext line <script>x</script>",
    "上海\u3000国际\u200b中心\ufeff",
]


def _hidden_in(text: str, allowed: str = "\n") -> list[str]:
    return [ch for ch in text if ch not in allowed and hidden(ch)]


def _yaml_string(text: str) -> str:
    """`text` as a YAML double-quoted scalar, every unusual character escaped."""
    out = []
    for ch in text:
        if ch in '"\\':
            out.append("\\" + ch)
        elif ch.isprintable():
            out.append(ch)
        else:
            out.append(f"\\u{ord(ch):04x}" if ord(ch) < 0x10000 else f"\\U{ord(ch):08x}")
    return '"' + "".join(out) + '"'


def _dataset_with(folder: Path, text: str) -> Path:
    """The mini fixture with `text` in names, units, goals, sections of citations and reasons."""
    q = _yaml_string(text)
    cite = _yaml_string("003 " + text)
    ind = (MINI / "indicators.yaml").read_text(encoding="utf-8")
    for old, new in [
        ("{zh: 基础研究投入占研发经费比重, en: Basic research share of R&D}", f"{{zh: {q}, en: {q}}}"),
        ("{zh: 东京, en: Tokyo}", f"{{zh: {q}, en: {q}}}"),
        ("{zh: 原始创新动力不强, en: Weak original innovation}", f"{{zh: {q}, en: {q}}}"),
        ('{year: 2020, value: 8, source: "003 二(一)"}', f"{{year: 2020, value: 8, source: {cite}}}"),
        ('{year: 2021, value: 10, source: "003 二(二)"}', f"{{year: 2021, value: 10, source: {cite}}}"),
        ('reason: "a third of the way to 15%"', f"reason: {q}"),
        ('unit: {zh: 家, en: companies}', f"unit: {{zh: {q}, en: {q}}}"),
    ]:
        assert old in ind
        ind = ind.replace(old, new, 1)
    act = (MINI / "actions.yaml").read_text(encoding="utf-8")
    for old, new in [
        ("{zh: 实施高水平基础研究计划, en: High-level basic research}", f"{{zh: {q}, en: {q}}}"),
        ("{zh: 聚焦“补短板”, en: Fix the shortfalls}", f"{{zh: {q}, en: {q}}}"),
        ("{zh: 赋能计划, en: Empowerment programme}", f"{{zh: {q}, en: {q}}}"),
    ]:
        assert old in act
        act = act.replace(old, new, 1)
    (folder / "indicators.yaml").write_text(ind, encoding="utf-8")
    (folder / "actions.yaml").write_text(act, encoding="utf-8")
    return folder


COMMANDS = [["gaps"], ["actions"], ["goals"], ["indicators"], ["show", "basic-research-share"],
            ["show", "fortune500"], ["show", "A1"], ["show", "innovation"], ["export"]]


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _check_output(out: str, fmt: str, text: str) -> None:
    if fmt == "csv":
        assert not _hidden_in(out.removeprefix("\ufeff"), "\n\r\t")
        rows = list(csv.reader(io.StringIO(out.removeprefix("\ufeff"))))
        cells = [c for row in rows for c in row]
        assert not [c for c in cells if c.lstrip().startswith(TRIGGERS) and not _is_number(c)]
        assert any(visible(text, "\n\t") in c for c in cells)
    elif fmt == "json":
        assert not _hidden_in(out)
        assert text in set(_strings(json.loads(out)))
    elif fmt == "markdown":
        assert not _hidden_in(out)
        assert escape(text) in out
    else:
        assert not _hidden_in(out)
        first = visible(text, "\n").split("\n")[0].rstrip()
        assert first in out


@pytest.mark.parametrize("n", range(len(HOSTILE)))
def test_hostile_text_in_the_data_prints_literally_in_every_command_and_format(n, tmp_path):
    """Each text goes through every format of a third of the commands, in turn."""
    text = HOSTILE[n]
    folder = _dataset_with(tmp_path, text)
    runner = CliRunner()
    for i, command in enumerate(COMMANDS):
        if (i + n) % 3:
            continue
        for fmt in FORMATS:
            lang = ("zh", "en")[i % 2]
            result = runner.invoke(cli.app, [*command, "--data", str(folder), "-f", fmt, "--lang", lang])
            assert result.exit_code == 0, (command, fmt, result.stderr)
            assert not _hidden_in(result.stderr)
            _check_output(result.stdout, fmt, text)


def test_rich_markup_in_a_name_is_printed_as_written_not_styled(tmp_path):
    folder = _dataset_with(tmp_path, HOSTILE[0])
    out = CliRunner().invoke(cli.app, ["gaps", "--data", str(folder), "--lang", "en"]).stdout
    assert "[bold]loud[/] [link=https://evil.example]click[/link] [/]" in out


def test_escape_sequences_are_shown_not_sent(tmp_path):
    folder = _dataset_with(tmp_path, HOSTILE[1])
    out = CliRunner().invoke(cli.app, ["show", "basic-research-share", "--data", str(folder)]).stdout
    assert "\\x1b[31mred\\x1b[0m" in out and "\x1b" not in out
    doc = json.loads(CliRunner().invoke(
        cli.app, ["export", "--data", str(folder)]).stdout)
    assert doc["indicators"][0]["name"]["en"] == HOSTILE[1]  # JSON keeps the exact text


# Render level, for any text at all.

def _doc(text: str) -> Document:
    columns = [Column("name", "name"), Column("value", "value", numeric=True)]
    rows = [{"name": text, "value": -1.5}, {"name": "plain", "value": 1234567.25}]
    return Document({"title": text}, [Section("rows", text, columns, rows)], [text], text)


@settings(max_examples=150, deadline=None)
@given(text=st.text(max_size=40))
def test_any_text_renders_literally_and_harmlessly_in_every_format(text):
    doc = _doc(text)

    out = render(doc, "json")
    assert not _hidden_in(out)
    back = json.loads(out)
    assert back["rows"][0]["name"] == text and back["title"] == text
    assert back["rows"][0]["value"] == -1.5

    out = render(doc, "csv")
    assert out.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(out.removeprefix("\ufeff"))))
    shown = visible(text, "\n\t")
    live = shown.startswith(TRIGGERS) or shown.lstrip().startswith(TRIGGERS)
    assert rows[1] == ["rows", "'" + shown if live else shown, "-1.5"]
    assert rows[2] == ["rows", "plain", "1234567.25"]

    out = render(doc, "markdown")
    assert not _hidden_in(out)
    row = next(line for line in out.splitlines() if line.endswith("| -1.5 |"))
    assert row == f"| {escape(text)} | -1.5 |"
    assert "\n" not in escape(text) and "|" not in escape(text).replace("\\|", "")

    out = render(doc, "table", width=1000)
    assert not _hidden_in(out)
    for part in visible(text, "\n").split("\n"):
        assert part.strip() == "" or part.rstrip() in out


@pytest.mark.parametrize("text", ["=1+1", "+1", "-1", "@SUM(A1:A9)", "\t=1", "\n=1", "＝1", "－1", "＋1",
                                  "＠x"])
def test_a_csv_cell_that_would_start_a_formula_is_quoted_with_an_apostrophe(text):
    assert cell(text) == "'" + visible(text, "\n\t")


@pytest.mark.parametrize("text", ["\r=1", "\x1b=1", "\u202e=1"])
def test_a_hidden_character_before_a_formula_is_shown_so_no_formula_starts(text):
    assert cell(text) == visible(text) and cell(text).startswith("\\")


@pytest.mark.parametrize("value", [-2, -2.5, 0, 1e-05, 123456789.125])
def test_numbers_in_csv_stay_numbers(value):
    assert cell(value) == value


def test_gaps_csv_keeps_negative_gaps_as_numbers_and_chinese_intact():
    out = CliRunner().invoke(cli.app, ["gaps", "--data", str(MINI), "-f", "csv"]).stdout
    assert out.encode("utf-8").startswith(b"\xef\xbb\xbf")
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(out.removeprefix("\ufeff")))
            if r["section"] == "indicators"}
    assert float(rows["fortune500"]["gap"]) == -2 and rows["fortune500"]["name"] == "世界500强企业总部数"


def test_small_figures_keep_their_digits_in_json_and_csv():
    doc = Document({}, [Section("rows", "", [Column("v", "v")], [{"v": 0.000123456}, {"v": 2 / 3}])])
    assert [r["v"] for r in json.loads(render(doc, "json"))["rows"]] == [0.0001235, 0.6667]
    assert render(doc, "csv").split("\r\n")[1:3] == ["rows,0.0001235", "rows,0.6667"]


# Locales, pipes and crashes.

def _run(*args, env=None, stdout=subprocess.PIPE, **kwargs):
    return subprocess.run([sys.executable, "-m", "scorecard", *args], stdout=stdout,
                          stderr=subprocess.PIPE, timeout=60,
                          env={**os.environ, "PYTHONPATH": str(REPO), **(env or {})}, **kwargs)


@pytest.mark.parametrize("encoding", ["ascii", "latin-1"])
def test_a_pipe_with_a_non_utf8_locale_still_gets_utf8_and_no_crash(encoding):
    env = {"LC_ALL": "C", "LANG": "C", "PYTHONIOENCODING": encoding}
    table = _run("gaps", "--data", str(MINI), env=env)
    assert table.returncode == 0, table.stderr
    assert "基础研究投入占研发经费比重" in table.stdout.decode("utf-8")
    warn = _run("validate", "--data", str(MINI), env=env)
    assert warn.returncode == 0 and "二(一)" in warn.stderr.decode("utf-8")
    bad = _run("validate", "--data", str(MINI / "nowhere" / "上海"), env=env)
    assert bad.returncode == 2 and "上海" in bad.stderr.decode("utf-8")


@pytest.mark.skipif(not hasattr(os, "openpty"), reason="needs a pseudo-terminal")
def test_a_terminal_that_cannot_show_chinese_gets_replacement_marks_not_a_crash():
    leader, follower = os.openpty()
    try:
        run = _run("gaps", "--data", str(MINI), env={"PYTHONIOENCODING": "ascii", "NO_COLOR": "1"},
                   stdout=follower)
    finally:
        os.close(follower)
    out = b""
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:
            break
        if not chunk:
            break
        out += chunk
    os.close(leader)
    assert run.returncode == 0, run.stderr
    assert b"????" in out and b"Traceback" not in out


def test_a_reader_that_leaves_early_gets_no_traceback():
    proc = subprocess.Popen([sys.executable, "-m", "scorecard", "export", "--data", str(MINI)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            env={**os.environ, "PYTHONPATH": str(REPO)})
    proc.stdout.close()  # before the command has written anything
    err = proc.stderr.read().decode("utf-8")
    assert proc.wait(timeout=60) == 1
    assert "Traceback" not in err and "Exception ignored" not in err and "Error" not in err


@pytest.mark.skipif(shutil.which("head") is None, reason="needs head")
def test_piping_into_head_prints_one_line_and_no_traceback():
    big = f"{sys.executable} -m scorecard export --data {MINI} -f csv | head -1"
    run = subprocess.run(big, shell=True, capture_output=True, timeout=60,
                         env={**os.environ, "PYTHONPATH": str(REPO)})
    assert run.stdout.decode("utf-8").startswith("\ufeffsection,id,name,kind")
    assert run.stderr == b""


def test_a_closed_stdout_is_not_a_crash():
    run = _run("gaps", "--data", str(MINI), stdout=None, preexec_fn=lambda: os.close(1))
    assert run.returncode == 0 and b"Traceback" not in run.stderr


def test_user_text_quoted_in_findings_cannot_act_on_the_terminal(tmp_path):
    folder = tmp_path / "data\x1b[2Jfolder\u202e"
    folder.mkdir()
    ind = (MINI / "indicators.yaml").read_text(encoding="utf-8")
    ind = ind.replace("    kind: share\n", '    "\\e[31mkind\\u202e": share\n', 1)
    ind = ind.replace('{peer: tokyo, year: 2021', '{peer: "\\rtok\\byo", year: 2021', 1)
    (folder / "indicators.yaml").write_text(ind, encoding="utf-8")
    shutil.copyfile(MINI / "actions.yaml", folder / "actions.yaml")
    result = CliRunner().invoke(cli.app, ["validate", "--data", str(folder)])
    assert result.exit_code == 1
    assert not _hidden_in(result.stderr)
    assert "data\\x1b[2Jfolder\\u202e/indicators.yaml:" in result.stderr
    assert "unknown field '\\x1b[31mkind\\u202e'" in result.stderr
    assert "unknown peer '\\rtok\\x08yo'" in result.stderr


def test_an_unexpected_error_is_one_line_on_stderr_and_exit_1(monkeypatch, capsys):
    from scorecard.views import gaps

    def broken(*args, **kwargs):
        raise RuntimeError("boom\x1b[31m\nsecond line")

    monkeypatch.setattr(gaps, "document", broken)
    monkeypatch.setattr(sys, "argv", ["scorecard", "gaps", "--data", str(MINI)])
    monkeypatch.delenv("SCORECARD_DEBUG", raising=False)
    with pytest.raises(SystemExit) as stop:
        cli.main()
    assert stop.value.code == 1
    err = capsys.readouterr().err
    assert err == ("scorecard: internal error: RuntimeError: boom\\x1b[31m second line; run again "
                   "with SCORECARD_DEBUG=1 for the traceback, and please report it\n")


def test_scorecard_debug_lets_the_traceback_through(monkeypatch):
    from scorecard.views import gaps

    monkeypatch.setattr(gaps, "document", lambda *a, **k: 1 / 0)
    monkeypatch.setattr(sys, "argv", ["scorecard", "gaps", "--data", str(MINI)])
    monkeypatch.setenv("SCORECARD_DEBUG", "1")
    with pytest.raises(ZeroDivisionError):
        cli.main()


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(min_size=1, max_size=20))
def test_any_text_in_the_yaml_reaches_every_format_intact(text, tmp_path):
    folder = _dataset_with(tmp_path, text)
    for fmt in FORMATS:
        result = CliRunner().invoke(cli.app, ["gaps", "--data", str(folder), "-f", fmt, "--lang", "en"])
        if result.exit_code == 1:  # e.g. an empty-looking citation section: a finding, not a crash
            assert result.stdout == "" and "error[" in result.stderr
            return
        assert result.exit_code == 0, result.stderr
        _check_output(result.stdout, fmt, text)
