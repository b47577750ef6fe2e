"""The report in the programs it is made for: the page in headless Chromium (no console message,
no request), the Markdown through pandoc to a Word document (no warning). Each test runs where
its program is installed and is skipped, saying so, where it is not."""

from __future__ import annotations

import json
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from scorecard.cli.app import app
from test_report import charted

BUNDLED = Path(__file__).parent / "data" / "bundled-0.2"  # a frozen copy of the bundled data
CHROMIUM = next(filter(None, map(shutil.which, ("chromium", "chromium-browser", "google-chrome"))), None)
QUIET = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]
runner = CliRunner()


def report(tmp_path: Path, *args) -> Path:
    out = tmp_path / ("report.md" if "markdown" in args else "report.html")
    result = runner.invoke(app, ["report", "--data", str(BUNDLED), "-o", str(out), *args])
    assert result.exit_code == 0, result.stderr
    return out


def page_requests(net_log: Path) -> list[str]:
    """What the page asked the network for: requests with a document behind them (the
    browser's own requests have no origin), anything but the file itself."""
    log = json.loads(net_log.read_text(encoding="utf-8"))
    kinds = {number: name for name, number in log["constants"]["logEventTypes"].items()}
    out = []
    for event in log["events"]:
        params = event.get("params") or {}
        if kinds.get(event["type"]) == "URL_REQUEST_START_JOB" and "url" in params:
            if params.get("initiator") != "not an origin" and not params["url"].startswith(("file:", "data:")):
                out.append(params["url"])
    return out


@pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (apt-get install chromium)")
def test_the_page_opens_in_chromium_with_no_console_message_and_no_request(tmp_path):
    page = report(tmp_path, "--lang", "zh")
    net_log = tmp_path / "net.json"
    run = subprocess.run([CHROMIUM, *QUIET, f"--user-data-dir={tmp_path / 'profile'}", "--enable-logging=stderr",
                          "--v=0", f"--log-net-log={net_log}", "--dump-dom", page.as_uri()],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr[-2000:]
    assert [line for line in run.stderr.splitlines() if ":CONSOLE" in line] == []
    assert page_requests(net_log) == []
    assert run.stdout.count("<svg") == len(charted(BUNDLED)) and "</html>" in run.stdout  # rendered whole


@pytest.mark.skipif(shutil.which("pandoc") is None, reason="pandoc is not installed (https://pandoc.org)")
def test_pandoc_makes_a_word_document_without_a_warning(tmp_path):
    report(tmp_path, "-f", "markdown", "--lang", "zh")
    run = subprocess.run(["pandoc", "report.md", "-o", "report.docx"], cwd=tmp_path, capture_output=True,
                         text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    warnings = [line for line in run.stderr.splitlines() if "WARNING" in line]
    if shutil.which("rsvg-convert") is None:
        # pandoc puts each SVG chart in the document, and a PNG copy for older Words when
        # rsvg-convert (librsvg) is there to draw one; without it, it says so for each chart.
        warnings = [w for w in warnings if "rsvg-convert" not in w]
    assert warnings == []
    with zipfile.ZipFile(tmp_path / "report.docx") as docx:
        assert len([n for n in docx.namelist() if n.endswith(".svg")]) == len(charted(BUNDLED))
        document = docx.read("word/document.xml").decode("utf-8")
    assert "上海" in document and "<w:tbl>" in document
