"""YAML hazards: every bad file gets a clear finding, never a traceback, a hang or a blow-up.

The corpus in tests/bad/yaml pins the exact `validate` output of each case;
the tests below pin what the corpus cannot show (time, memory, side effects).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

import pytest
from badcases import BAD, MINI, assemble, cases, check, validate
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from scorecard.cli.app import app
from scorecard.findings import DataError
from scorecard.load import dataset, yamltree
from scorecard.render.clean import hidden

REPO = Path(__file__).parent.parent
FILE_LEVEL = {"file-missing", "file-unreadable", "file-too-large", "yaml-empty", "data-folder"}
FINDING = re.compile(
    r"^(?P<file>indicators\.yaml|actions\.yaml)(?::(?P<line>\d+):(?P<col>\d+))?: "
    r"(?:error|warning)\[(?P<code>[a-z0-9-]+)\]: .+; .+$"
)


@pytest.mark.parametrize("case", cases("yaml"), ids=lambda p: p.name)
def test_each_bad_yaml_file_gets_exactly_its_expected_findings(case, tmp_path):
    check(case, tmp_path)


@pytest.mark.parametrize("case", cases("yaml") + cases("model"), ids=lambda p: p.name)
def test_every_finding_names_its_file_and_where_there_is_one_its_line_and_column(case):
    for line in (case / "expected.txt").read_text(encoding="utf-8").splitlines()[:-1]:
        match = FINDING.match(line)
        assert match, line
        assert (match["line"] is None) == (match["code"] in FILE_LEVEL), line


def _char_at(case: Path, name: str, line: int, column: int) -> str:
    text = (case / name).read_bytes().decode("utf-8-sig")
    return text.splitlines()[line - 1][column - 1]


@pytest.mark.parametrize("case,first_char", [
    ("tab-indentation", "\t"), ("unclosed-quote", '"'), ("unclosed-quote-to-the-end", '"'),
    ("alias", "*"), ("alias-bomb", "*"), ("merge-key", "*"), ("python-tag", "!"), ("tag-str", "!"),
    ("duplicate-key", "k"), ("deep-flow-nesting", "["), ("multiple-documents", "-"),
    ("complex-key", "["), ("backslash-in-double-quotes", "\\"),
])
def test_the_position_points_at_the_offending_text(case, first_char):
    folder = BAD / "yaml" / case
    line = (folder / "expected.txt").read_text(encoding="utf-8").splitlines()[0]
    match = FINDING.match(line)
    assert _char_at(folder, match["file"], int(match["line"]), int(match["col"])) == first_char


def test_a_syntax_error_in_one_file_still_lets_the_other_files_findings_through():
    out = (BAD / "yaml" / "syntax-error-in-one-file-findings-in-other" / "expected.txt").read_text(
        encoding="utf-8")
    assert "indicators.yaml:68:17: error[yaml-syntax]" in out
    assert "actions.yaml:14:5: error[schema-unknown-key]" in out
    assert "actions.yaml:31:16: error[ref-unknown]: unknown programme 'empowr'" in out


def test_a_gbk_file_is_told_to_save_as_utf8(tmp_path):
    result = check(BAD / "yaml" / "gbk-encoding", tmp_path)
    assert "GBK" in result.stderr and "save the file as UTF-8" in result.stderr


def test_a_bom_and_crlf_line_ends_are_accepted_with_the_same_positions(tmp_path):
    result = check(BAD / "yaml" / "bom-and-crlf-accepted", tmp_path)
    assert result.exit_code == 0
    plain = validate(assemble(BAD / "model" / "target-equals-floor", tmp_path / ".."))
    assert "indicators.yaml:70:29: warning[source-conflict]" in plain.stderr  # one comment line more
    assert "indicators.yaml:69:29: warning[source-conflict]" in result.stderr


def test_a_python_tag_is_never_constructed(tmp_path):
    marker = tmp_path / "pwned"
    raw = f'a: !!python/object/apply:os.system ["touch {marker}"]\n'.encode()
    with pytest.raises(DataError) as err:
        yamltree.parse(raw, Path("x.yaml"))
    assert err.value.findings[0].code == "yaml-tag"
    assert not marker.exists()


def _bomb(levels: int) -> bytes:
    lines = ['l0: &l0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"l{i}: &l{i} [{', '.join([f'*l{i - 1}'] * 9)}]" for i in range(1, levels)]
    return ("\n".join(lines) + "\n").encode()


def test_an_alias_bomb_fails_fast_without_eating_memory():
    raw = _bomb(30)  # 9**30 strings if expanded
    tracemalloc.start()
    start = time.perf_counter()
    with pytest.raises(DataError) as err:
        yamltree.parse(raw, Path("bomb.yaml"))
    elapsed = time.perf_counter() - start
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert err.value.findings[0].code == "yaml-alias"
    assert (err.value.findings[0].line, err.value.findings[0].column) == (2, 10)
    assert elapsed < 0.5 and peak < 1_000_000


@pytest.mark.parametrize("text, position", [
    # Older libyaml takes ~40 s on this (quadratic); libyaml 0.2.5+ stops it at level
    # 1,000 by itself. Either way the finding names the 33rd level.
    ("a: " + "[" * 100_000 + "]" * 100_000, (1, 35)),
    ("a: " + "{b: " * 50_000 + "}" * 50_000, (1, 128)),
    ("".join(" " * i + "-\n" for i in range(1_000)), (33, 33)),
    ("".join(" " * i + f"k{i}:\n" for i in range(1_000)), (33, 33)),
])
def test_deep_nesting_stops_at_the_first_level_too_deep(text, position):
    start = time.perf_counter()
    with pytest.raises(DataError) as err:
        yamltree.parse(text.encode(), Path("deep.yaml"))
    assert time.perf_counter() - start < 1
    finding = err.value.findings[0]
    assert finding.code == "yaml-too-deep"
    assert (finding.line, finding.column) == position
    assert finding.message == f"more than {yamltree.MAX_DEPTH} levels of nesting"


def test_nesting_just_within_the_limit_is_data():
    text = "a: " + "[" * (yamltree.MAX_DEPTH - 1) + "]" * (yamltree.MAX_DEPTH - 1)
    assert yamltree.parse(text.encode(), Path("ok.yaml")).data["a"] is not None


def test_an_oversized_file_is_refused_before_it_is_read(tmp_path):
    folder = assemble(BAD / "yaml" / "bom-and-crlf-accepted", tmp_path)
    with (folder / "indicators.yaml").open("r+b") as handle:
        handle.truncate(10 * 1024**3)  # 10 GB, sparse: reading it would exhaust memory
    start = time.perf_counter()
    result = validate(folder)
    assert time.perf_counter() - start < 2
    assert result.exit_code == 1
    assert result.stderr.startswith(
        "indicators.yaml: error[file-too-large]: 10,737,418,240 bytes; the limit is 1,048,576;")


def test_a_file_just_over_the_limit_is_refused_when_parsed():
    raw = b"a: " + b"x" * yamltree.MAX_BYTES
    with pytest.raises(DataError) as err:
        yamltree.parse(raw, Path("big.yaml"))
    assert err.value.findings[0].code == "file-too-large"


def test_too_many_values_are_refused_where_the_limit_is_passed():
    raw = ("a: [" + "1," * yamltree.MAX_VALUES + "1]\n").encode()  # small bytes, heavy data
    start = time.perf_counter()
    with pytest.raises(DataError) as err:
        yamltree.parse(raw, Path("many.yaml"))
    assert time.perf_counter() - start < 3
    finding = err.value.findings[0]
    assert (finding.code, finding.line, finding.column) == ("file-too-large", 1, 199_999)
    assert finding.message == "more than 100,000 values"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_fifo_in_place_of_a_data_file_is_refused_not_waited_on(tmp_path):
    for name in ("indicators.yaml", "actions.yaml"):
        (tmp_path / name).write_bytes((MINI / name).read_bytes())
    (tmp_path / "actions.yaml").unlink()
    os.mkfifo(tmp_path / "actions.yaml")
    run = subprocess.run(
        [sys.executable, "-m", "scorecard", "validate", "--data", str(tmp_path)],
        capture_output=True, text=True, timeout=30, env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    assert run.returncode == 1
    assert f"{tmp_path / 'actions.yaml'}: error[file-unreadable]: this is not a regular file" in run.stderr


# Property tests: whatever the text or bytes, a finding or data; never a traceback or a hang.

_YAML_BITS = st.sampled_from([
    "[", "]", "{", "}", ":", ": ", "- ", ",", "#", "&a", "*a", "!", "!!str", "|", ">", "'", '"',
    "%", "@", "`", "?", "~", "\t", "\n", "\r\n", "  ", "\\", "---", "...", "a", "1", "0x1",
    "1e999", ".nan", "yes", "上海", "\x1b", "\x00", "\x85", "\u2028", "\ufeff", "\ud7ff",
])
_SCALARS = st.sampled_from([
    "yes", "No", "on", "OFF", "~", "null", "", "true", "False", "012", "0o17", "0x1F", "1:20",
    "2020-01-01", "1_000", "1,000", "12%", "-0", "+1", "1e3", "1e999", "-1e999", ".nan", ".Inf",
    "9" * 400, "0.1", "-.5", "'q'", '"dq"', "[]", "{}", "[a, 1]", "{a: 1}", "&x 1", "*x", "!!str 1",
    "上海", "a b", "a: b", "- a", "#c", "|", ">", "@x", "`x`", "=1+1", "\\", "\"\\q\"",
]) | st.integers().map(str) | st.text(max_size=5)
_KEYS = st.sampled_from(["id", "year", "value", "source", "name", "zh", "en", "a", "1", "? a", ""])


@st.composite
def lines(draw) -> bytes:
    """Lines of plausible YAML shapes: indents, '- ' items, keys, tricky plain scalars."""
    out = []
    for _ in range(draw(st.integers(1, 12))):
        indent = " " * draw(st.integers(0, 6))
        dash = draw(st.sampled_from(["", "- "]))
        key = draw(st.one_of(st.just(""), _KEYS.map(lambda k: k + ": ")))
        out.append(indent + dash + key + draw(_SCALARS))
    return "\n".join(out).encode("utf-8", "surrogatepass")


_MINI = (MINI / "indicators.yaml").read_text(encoding="utf-8")
_VALUE_AT = [m.end() for m in re.finditer(r"(?:: |- |\[|, )", _MINI)]


@st.composite
def mangled(draw) -> bytes:
    """The mini fixture with a few values swapped or bytes spliced: reaches the schema
    and check code, not only the parser."""
    text = _MINI
    for _ in range(draw(st.integers(1, 4))):
        if draw(st.booleans()):
            at = draw(st.sampled_from(_VALUE_AT))
            end = at + len(re.match(r"[^,}\]\n]*", text[at:]).group())
            text = text[:at] + draw(_SCALARS) + text[end:]
        else:
            at = draw(st.integers(0, len(text)))
            cut = draw(st.integers(0, 20))
            text = text[:at] + draw(st.lists(_YAML_BITS, max_size=4).map("".join)) + text[at + cut:]
    return text.encode("utf-8", "surrogatepass")


_ANY_FILE = st.one_of(
    st.binary(max_size=300),
    st.lists(_YAML_BITS, max_size=60).map(lambda bits: "".join(bits).encode("utf-8", "surrogatepass")),
    lines(),
    mangled(),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(raw=_ANY_FILE)
def test_the_loader_turns_any_bytes_into_data_or_findings(raw):
    try:
        tree = yamltree.parse(raw, Path("x.yaml"))
    except DataError as err:
        assert err.findings and all(f.file == "x.yaml" for f in err.findings)
        return
    ti = yamltree.parse((MINI / "indicators.yaml").read_bytes(), Path("indicators.yaml"))
    location = dataset.Location(Path("."), "option")
    try:
        dataset.load_texts(location, ti, tree)
        dataset.load_texts(location, tree, ti)
    except DataError as err:
        assert err.findings


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(raw=_ANY_FILE)
def test_validate_on_any_bytes_exits_0_or_1_with_one_line_per_finding(raw, tmp_path):
    (tmp_path / "actions.yaml").write_bytes((MINI / "actions.yaml").read_bytes())
    (tmp_path / "indicators.yaml").write_bytes(raw)
    result = CliRunner().invoke(app, ["validate", "--data", str(tmp_path)])
    assert isinstance(result.exception, (SystemExit, type(None))), repr(result.exception)
    assert result.exit_code in (0, 1)
    lines = result.stderr.splitlines()
    assert lines[-1].startswith("scorecard: ")
    assert all(line.startswith(str(tmp_path)) for line in lines[:-1]), lines
    assert not any(hidden(ch) for ch in result.stderr.replace("\n", ""))
    as_json = CliRunner().invoke(app, ["validate", "--data", str(tmp_path), "-f", "json"])
    assert json.loads(as_json.stdout)["valid"] is (result.exit_code == 0)
