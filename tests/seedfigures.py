"""Every number printed in the two seed papers, with its section: the manifest the data is checked against.

The papers are not part of the repository, so their numbers are: `tests/seeds/manifest.json` holds
each number as printed (Arabic or Chinese), the section it sits in (as the data cites it: "二(一)",
"四(一)7", "二 注①"), a few characters of text either side, its kind, and each paper's SHA-256.
`tests/test_data.py` checks the data against the manifest on every run, and the manifest against the
papers when `../shared/seeds` is present.

    python tests/seedfigures.py            # does the manifest match the papers?
    python tests/seedfigures.py --write    # write it again from the papers

What counts as a number:

- every run of Arabic digits, with its decimals, a range (8~10) or a fraction (1/33) read as one;
  footnote marks (¹ ² ①);
- Chinese numerals that state a quantity: fractions (三分之一), 一半, multiples (一倍, 2倍 is Arabic),
  一番, none (无一), ordinals (第一), counts of two or more (两个, 三大, 六个方面, 四个), plan periods
  (十三五), years written out (二零三五年), and the enumerators 一是, 二是…; 一 as the article
  "a" (一个系统工程, 一批) is not a number, nor are names built on 双 or 一 (双循环, 一带一路).

Each number gets a kind, read off the text alone:

- `bibliographic`: the title block, author notes and the reference list;
- `section`: the numbering of headings, lists (1. 2.), enumerations (一是) and tables (表1);
- `reference`: footnote marks and the numbers of notes;
- `year`: a year (2015年, 二零三五年), a date's month and day, a plan period (十四五);
- `figure`: everything else. A figure must be encoded in the data (inside a `quote`) or listed in
  `tests/seeds/unscored.yaml` with its reason.
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
from dataclasses import asdict, dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
MANIFEST = HERE / "seeds" / "manifest.json"
SEEDS = HERE.parents[1] / "shared" / "seeds"
SEED_FILES = {"000": "000_4eefa319374f4f6d.txt", "003": "003_f68b69ac679efc2e.txt"}
WINDOW = 8  # characters of text kept on each side of a number

CN = "零一二两三四五六七八九十百千"
COUNTERS = "个项家大类种重批条届年次名位地"
_TOKEN = re.compile("|".join([
    r"(?P<arabic>\d+(?:\.\d+)?(?:[~～]\d+(?:\.\d+)?|/\d+|(?:-\d+)+)?)",
    r"(?P<mark>[¹²³①②③④⑤⑥⑦⑧⑨⑩])",
    rf"(?P<fraction>[{CN}]+分之[{CN}]+)",
    r"(?P<half>一半)",
    rf"(?P<times>[{CN}]+倍|(?<=翻了)[一两二三]番|(?<=翻)[一两二三]番)",
    r"(?P<none>无一)",
    r"(?P<ordinal>第[一二三四五六七八九十]+)",
    r"(?P<plan>十[一二三四五六七八九]五(?=”|规划))",
    r"(?P<written_year>[零〇一二三四五六七八九]{4}(?=年))",
    r"(?P<enumerator>(?<![\u4e00-\u9fff])[一二三四五六七八九十]是)",
    rf"(?P<count>[两二三四五六七八九十百]+(?:小时|方面|[{COUNTERS}]))",
]))

_NUMBERING = re.compile(r"(?P<arabic>\d+)|(?P<mark>[①②③④⑤⑥⑦⑧⑨⑩])|(?P<heading>[一二三四五六七八九十]+)")
_TOP = re.compile(r"^([一二三四五六七八九十]+)、")
_SUB = re.compile(r"^[(（]([一二三四五六七八九十]+)[)）]")
_ITEM = re.compile(r"^(\d+)\s*[.．]\s*\S")
_FOOTNOTE = re.compile(r"^\d*\s*([①②③④⑤⑥⑦⑧⑨⑩])\s*\S{4}")  # "2 ①根据…": a note at the foot of a page
_NOTE = re.compile(r"^(\d+)\s+\S")  # "1 联系强度指…" under 注释


@dataclass(frozen=True)
class Figure:
    seed: str
    section: str
    text: str  # the number as printed, spaces removed
    kind: str  # figure, year, section, reference or bibliographic
    before: str  # up to WINDOW characters before it, spaces removed
    after: str  # up to WINDOW characters after it


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def sections(text: str) -> list[tuple[str, str, bool]]:
    """The paper as (section, squeezed text, is structure) runs, in order.

    Title block → 题录, abstract → 摘要, the text before part 一 → 引言, then 一 / 一(一) /
    四(一)7, page notes → "<part> 注①", author notes → 作者简介, the reference list → 参考文献,
    end notes → 注释1… A heading's own numbering is a run of its own, marked as structure.
    """
    runs: list[tuple[str, str, bool]] = []
    top = sub = item = ""
    state = "题录"  # 题录, 摘要, 引言, body, footnote, 参考文献, 注释
    foot = ""
    for raw in text.split("\n"):
        line = raw.strip()
        if not line:
            continue
        if state == "footnote":
            runs.append((foot, squeeze(line), False))
            if line.endswith("。"):
                state = "body"
            continue
        if line.startswith("【"):
            if re.match(r"【摘\s*要】", line):
                state = "摘要"
                runs.append(("摘要", squeeze(line), False))
                if line.endswith("。"):
                    state = "引言"
            else:
                runs.append(("题录", squeeze(line), False))
                state = "引言" if state in ("摘要", "题录") and "分类号" in line else state
            continue
        if state == "摘要":
            runs.append(("摘要", squeeze(line), False))
            if line.endswith("。"):
                state = "引言"
            continue
        if line.startswith("¹") and "作者简介" in line:
            runs.append(("作者简介", squeeze(line), False))
            continue
        if line.startswith("参考文献"):
            state = "参考文献"
        elif line.startswith("注释"):
            state = "注释"
        if state == "参考文献":
            runs.append(("参考文献", squeeze(line), False))
            continue
        if state == "注释":
            m = _NOTE.match(line)
            if m:
                runs.append((f"注释{m[1]}", m[1], True))
                runs.append((f"注释{m[1]}", squeeze(line[m.end(1):]), False))
            else:
                runs.append(("注释", squeeze(line), False))
            continue
        m = _TOP.match(line)
        if m:
            top, sub, item, state = m[1], "", "", "body"
            runs.append((top, squeeze(m[0]), True))
            runs.append((top, squeeze(line[m.end():]), False))
            continue
        if state in ("题录", "引言"):
            runs.append((state, squeeze(line), False))
            continue
        m = _SUB.match(line)
        if m:
            sub, item = m[1], ""
            runs.append((f"{top}({sub})", squeeze(m[0]), True))
            runs.append((f"{top}({sub})", squeeze(line[m.end():]), False))
            continue
        m = _ITEM.match(line)
        if m and sub:
            item = m[1]
            label = f"{top}({sub}){item}"
            runs.append((label, squeeze(line[:m.end() - 1]), True))
            runs.append((label, squeeze(line[m.end() - 1:]), False))
            continue
        m = _FOOTNOTE.match(line)
        if m and "根据" in line[:12]:
            foot = f"{top} 注{m[1]}"
            head = line[:m.end(1)]
            runs.append((foot, squeeze(head), True))
            runs.append((foot, squeeze(line[m.end(1):]), False))
            state = "body" if line.endswith("。") else "footnote"
            continue
        label = f"{top}({sub}){item}" if sub else top
        runs.append((label, squeeze(line), False))
    return runs


def _kind(group: str, section: str, structure: bool, text: str, start: int, end: int) -> str:
    if section in ("题录", "作者简介", "参考文献"):
        return "bibliographic"
    if structure:
        return "reference" if group == "mark" or section.startswith("注") or "注" in section else "section"
    if group == "mark":
        return "reference"
    if group == "enumerator":
        return "section"
    if group in ("written_year", "plan"):
        return "year"
    if group == "arabic":
        value = text[start:end]
        following = text[end:end + 1]
        if re.fullmatch(r"(19|20)\d\d", value) and (following == "年" or text[start - 1:start] == "《"):
            return "year"
        if following in ("月", "日") and re.search(r"(19|20)\d\d年\d*月?$", text[max(0, start - 8):start]):
            return "year"
        if text[max(0, start - 1):start] == "表":
            return "section"
        if text[end:end + 1] in "①②③④⑤⑥⑦⑧⑨⑩" or text[max(0, start - 1):start] in "①②③④⑤⑥⑦⑧⑨⑩":
            return "reference"
    return "figure"


def extract(seed: str, text: str) -> list[Figure]:
    """Every number in one paper, in reading order."""
    runs = sections(text)
    body = "".join(t for _, t, _ in runs)
    out: list[Figure] = []
    at = 0
    for section, chunk, structure in runs:
        for m in (_NUMBERING if structure else _TOKEN).finditer(chunk):
            start, end = at + m.start(), at + m.end()
            kind = _kind(m.lastgroup, section, structure, body, start, end)
            out.append(Figure(seed, section, m[0], kind, body[max(0, start - WINDOW):start],
                              body[end:end + WINDOW]))
        at += len(chunk)
    return out


def tokens(quote: str) -> list[tuple[int, str]]:
    """The numbers a quote prints, as (position, text) in the squeezed quote."""
    return [(m.start(), m[0]) for m in _TOKEN.finditer(squeeze(quote))]


def agrees(quote: str, start: int, figure: dict) -> bool:
    """Whether the number at `start` of the (squeezed) quote is this figure of the manifest: the
    same text, and the words either side the manifest's as far as the quote reaches."""
    text, before, after = figure["text"], figure["before"], figure["after"]
    if quote[start:start + len(text)] != text:
        return False
    left, right = quote[:start], quote[start + len(text):]
    k, j = min(len(left), len(before)), min(len(right), len(after))
    return (k == 0 or left[-k:] == before[-k:]) and right[:j] == after[:j]


def covers(quote: str, figure: dict) -> bool:
    """Whether the quote prints this figure of the manifest."""
    q = squeeze(quote)
    return any(agrees(q, m.start(), figure) for m in re.finditer(re.escape(figure["text"]), q))


def build(seeds: Path = SEEDS) -> dict:
    manifest: dict = {"seeds": {}, "figures": []}
    for seed, name in SEED_FILES.items():
        path = seeds / name
        figures = extract(seed, path.read_text("utf-8"))
        kinds: dict[str, int] = {}
        for f in figures:
            kinds[f.kind] = kinds.get(f.kind, 0) + 1
        manifest["seeds"][seed] = {"file": name, "sha256": sha256(path), "numbers": len(figures),
                                   "kinds": dict(sorted(kinds.items()))}
        manifest["figures"] += [asdict(f) for f in figures]
    return manifest


def dumps(manifest: dict) -> str:
    """One figure a line, so that a change to the papers reads as a short diff."""
    lines = ["{", '  "seeds": ' + json.dumps(manifest["seeds"], ensure_ascii=False, sort_keys=True) + ",",
             '  "figures": [']
    rows = [json.dumps(f, ensure_ascii=False) for f in manifest["figures"]]
    lines += [f"    {r}," for r in rows[:-1]] + [f"    {rows[-1]}"] if rows else []
    lines += ["  ]", "}"]
    return "\n".join(lines) + "\n"


def load() -> dict:
    return json.loads(MANIFEST.read_text("utf-8"))


def main(argv: list[str]) -> int:
    if not all((SEEDS / n).is_file() for n in SEED_FILES.values()):
        print(f"the papers are not at {SEEDS}", file=sys.stderr)
        return 2
    text = dumps(build())
    if "--write" in argv:
        MANIFEST.parent.mkdir(exist_ok=True)
        MANIFEST.write_text(text, "utf-8")
        print(f"wrote {MANIFEST}")
        return 0
    same = MANIFEST.is_file() and MANIFEST.read_text("utf-8") == text
    print("the manifest matches the papers" if same else "the manifest is stale: run with --write")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
