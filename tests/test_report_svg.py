"""The report's small charts: well-formed SVG that names and describes itself, with ranks drawn
1 at the top, a bound drawn open with its caret where the true value lies, and labels that fit."""

import xml.etree.ElementTree as ET

from scorecard.report import svg

NS = "{http://www.w3.org/2000/svg}"


def chart(**changes) -> svg.Chart:
    values = dict(ident="chart-1", title="Fortune Global 500 HQs", desc="9 in 2021; targets 26, 43, 60",
                  series=(svg.Point(2021, 9, None, "9"),),
                  goals=(svg.Goal(2027, 26, "26* Near"), svg.Goal(2035, 60, "60* Long")),
                  references=(svg.Reference(60, None, "Beijing 60"), svg.Reference(37, None, "Tokyo 37")))
    return svg.Chart(**{**values, **changes})


def drawn(c: svg.Chart):
    return ET.fromstring(svg.draw(c, standalone=True))


def test_a_chart_names_and_describes_itself():
    root = drawn(chart())
    assert root.get("role") == "img" and root.get("aria-labelledby") == "chart-1-title chart-1-desc"
    assert root.find(f"{NS}title").text == "Fortune Global 500 HQs"
    assert root.find(f"{NS}desc").text == "9 in 2021; targets 26, 43, 60"
    texts = [t.text for t in root.iter(f"{NS}text")]
    assert {"9", "26* Near", "60* Long", "Beijing 60", "Tokyo 37", "2021", "2027", "2035"} <= set(texts)


def test_inline_the_chart_carries_no_namespace_address():
    assert "http" not in svg.draw(chart())


def test_each_target_is_reached_by_a_dashed_path_from_the_first_figure():
    root = drawn(chart())
    dashed = [line for line in root.iter(f"{NS}line") if line.get("stroke-dasharray") == "5 3"]
    assert len(dashed) == 2 and len({(line.get("x1"), line.get("y1")) for line in dashed}) == 1


def _y(root, label: str) -> float:
    return next(float(t.get("y")) for t in root.iter(f"{NS}text") if t.text == label)


def test_ranks_run_with_1_at_the_top():
    root = drawn(chart(series=(svg.Point(2021, 60, None, "60"),), goals=(svg.Goal(2035, 2, "2*"),),
                       references=(), reversed=True))
    ticks = {t.text: float(t.get("y")) for t in root.iter(f"{NS}text") if t.get("text-anchor") == "end"}
    assert ticks["1"] < ticks["20"] < ticks["60"]


def test_a_bound_is_drawn_open_with_its_caret_towards_the_true_value():
    below = drawn(chart(series=(svg.Point(2019, 33.3, "<", "< 33.3"),)))
    [dot] = [c for c in below.iter(f"{NS}circle") if c.get("r") == "3.6"]
    assert dot.get("fill") == "#fff"
    [caret] = below.iter(f"{NS}path")
    tip = float(caret.get("d").split(" L")[1].split(",")[1])
    assert tip > float(dot.get("cy"))  # under a third: the caret points down
    above = drawn(chart(series=(svg.Point(2019, 33.3, ">", "> 33.3"),)))
    [caret] = above.iter(f"{NS}path")
    assert float(caret.get("d").split(" L")[1].split(",")[1]) < float(dot.get("cy"))


def test_peer_labels_never_overlap_and_long_names_are_cut():
    references = tuple(svg.Reference(26, None, f"City number {n} 26") for n in range(4))
    root = drawn(chart(references=references + (svg.Reference(
        60, None, "Foreign property consultancies (CBRE, Cushman & Wakefield, Savills, JLL) 100"),)))
    rail = sorted(float(t.get("y")) for t in root.iter(f"{NS}text") if t.get("x") == str(svg.RIGHT + 13))
    assert all(b - a >= svg.FONT for a, b in zip(rail, rail[1:]))
    assert any(t.text.endswith("…") and svg.text_width(t.text) <= svg.RAIL_WIDTH for t in root.iter(f"{NS}text"))


def test_round_ticks_cover_the_values():
    assert svg.ticks(0, 60) == [0, 20, 40, 60]
    assert svg.ticks(0, 24090) == [0, 10000, 20000, 30000]
    assert svg.ticks(0, 0.7) == [0, 0.2, 0.4, 0.6, 0.8]
    assert svg.ticks(5, 5) == [4, 6, 8, 10]  # one value: a span of its own size around it


def test_a_cjk_label_is_measured_wide():
    assert svg.text_width("上海") == 2 * svg.FONT
    assert svg.text_width("ab") < svg.FONT * 1.2
