"""How text breaks into lines and how a table's columns share a width (`render/layout.py`)."""

from rich.cells import cell_len

from scorecard.render import layout
from scorecard.render.document import Column, Document, Section, ids
from scorecard.render.table import render


def test_words_break_at_blanks_only():
    assert layout.wrap("Foreign-invested enterprises in Shanghai", 20) == [
        "Foreign-invested", "enterprises in", "Shanghai"]


def test_a_relation_or_an_operator_stays_with_its_figure():
    assert layout.wrap("> 240 (2020)", 6) == ["> 240", "(2020)"]
    assert layout.wrap("9 + 51 × 1/3 = 26", 5) == ["9", "+ 51", "× 1/3", "= 26"]


def test_chinese_breaks_between_characters_but_never_before_closing_punctuation():
    lines = layout.wrap("聚焦补短板，以构建动力源为主线、打造完整的现代化经济体系。", 10)
    assert all(cell_len(line) <= 10 for line in lines)
    assert not any(line[0] in "，、。" for line in lines)
    assert "".join(lines) == "聚焦补短板，以构建动力源为主线、打造完整的现代化经济体系。"


def test_section_marks_years_and_latin_words_in_chinese_stay_whole():
    assert [p for _, p in layout.pieces("二(一)")] == ["二(一)"]
    assert [p for _, p in layout.pieces("2020年上海")] == ["2020年", "上", "海"]
    assert [p for _, p in layout.pieces("推进QFII和RQFII直接")] == ["推", "进", "QFII", "和", "RQFII", "直", "接"]


def test_an_opening_bracket_never_ends_a_line():
    assert layout.wrap("目标（以新加坡为100）", 8) == ["目标（以", "新加坡", "为100）"]


def test_headers_break_at_blanks_only():
    assert layout.wrap("目标 近期", 6, between=False) == ["目标", "近期"]
    assert layout.longest("目标近期", between=False) == 8


def test_a_word_wider_than_the_line_is_cut_as_the_last_resort():
    assert layout.wrap("services-trade-national-share", 10) == ["services-t", "rade-natio", "nal-share"]


def test_a_number_column_keeps_its_widest_cell_and_a_text_column_its_longest_word():
    number = layout.measure("Value", ["1,195*", "13.2*"], wraps=False, min_width=10)
    text = layout.measure("Name", ["Enterprises of all kinds in Shanghai"], wraps=True, min_width=10)
    assert (number.natural, number.least) == (6, 6)
    assert (text.natural, text.least) == (36, 11)  # "Enterprises"


def test_columns_of_the_highest_priority_number_go_first_and_priority_one_stays():
    m = layout.Measure(10, 10, (10,))
    kept, widths = layout.fit([m, m, m, m], [1, 3, 2, 3], width=30)
    assert kept == [0, 2]  # the rightmost 3, then the other 3; 2 fits
    assert widths == [10, 10]
    kept, _ = layout.fit([m, m], [1, 1], width=5)
    assert kept == [0, 1]


def test_the_column_one_long_cell_stretches_gives_way_before_a_column_every_row_fills():
    name = layout.Measure(40, 10, (4, 12, 12, 14, 15, 40))  # the header, then one long name
    status = layout.Measure(20, 10, (6, 20, 20, 20, 20, 20))  # every row as wide
    assert layout.share([name, status], 50) == [30, 20]


def test_a_short_cell_stays_whole_beside_a_long_one_that_wraps_anyway():
    name = layout.Measure(60, 10, (4, 60, 60, 60))
    status = layout.Measure(16, 10, (6, 16, 16, 16))
    assert layout.share([name, status], 46) == [30, 16]  # two lines a row, status whole


def _doc(width_of_id: int = 12) -> Document:
    rows = [{"id": f"indicator-{n:0{width_of_id - 10}d}", "name": "A rather long indicator name " * 2,
             "value": 123.25 * n, "note": "low priority words"} for n in range(1, 4)]
    columns = [ids("id", "ID"), Column("name", "Name", min_width=12), Column("value", "Value", numeric=True),
               Column("note", "Note", priority=2)]
    return Document({}, [Section("rows", "Rows", columns, rows)], hidden_note="({columns}: hidden)")


def test_a_table_fits_its_width_drops_what_must_go_and_says_so():
    text = render(_doc(), width=40)
    assert all(cell_len(line) <= 40 for line in text.splitlines())
    assert "(Note: hidden)" in text
    for n in (1, 2, 3):
        assert f"indicator-{n:02d}" in text
    assert "123.25" in text and "369.75" in text


def test_in_a_pipe_nothing_is_wrapped_or_dropped():
    text = render(_doc(), width=None)
    assert "hidden" not in text
    assert ("indicator-01  " + "A rather long indicator name " * 2).rstrip() in text


def test_a_table_prints_the_same_whatever_the_width_of_a_cell_in_the_middle():
    doc = _doc()
    doc.sections[0].rows[1]["name"] = "short"
    lines = render(doc, width=60).splitlines()
    header = next(i for i, line in enumerate(lines) if line.startswith("ID"))
    assert lines[header + 2].startswith("indicator-01  A rather long")
    assert any(line.startswith("indicator-02  short") for line in lines)


def test_past_every_least_width_words_are_cut_but_numbers_stay_whole():
    name = layout.measure("Name", ["Foreign companies listed on an exchange"], wraps=True, min_width=10)
    latest = layout.measure("Latest", ["> 240 (2020)"], wraps=True, min_width=6, cut=False)
    widths = layout.share([name, latest], 12)
    assert widths[1] == latest.least == 6 and widths[0] == 6
