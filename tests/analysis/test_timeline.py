import pytest

from docgraph.analysis import timeline


def _rows(rows):
    return [(r["date"], r["source_name"], r["type"], r["target_name"]) for r in rows]


def test_timeline_entity_in_year_range(tiny_graph):
    rows = timeline(tiny_graph, "Mali", start=2013, end=2019)
    assert _rows(rows) == [
        ("2013", "France", "FUNDED", "Mali"),
        ("2013-01", "France", "DEPLOYED_TROOPS_IN", "Mali"),
        ("2014-02", "Mali", "MEMBER_OF", "G5 Sahel"),
        ("2019", "Dennis Hankins", "AMBASSADOR_TO", "Mali"),
        ("2019", "United States", "FUNDED", "Mali"),
    ]
    assert rows[1]["sentence"] == (
        "France deployed 4,500 troops to Mali in January 2013 [citation needed]."
    )
    assert rows[1]["properties"] == {"troops": 4500, "since": "2013-01", "until": 2022}
    assert (rows[1]["field"], rows[1]["year"], rows[1]["document"]) == ("since", 2013, "sahel.txt")


def test_timeline_since_and_until_are_two_rows(tiny_graph):
    rows = timeline(tiny_graph, "G5 Sahel")
    mali = [(r["date"], r["field"]) for r in rows if r["source"] == "country:mali"]
    assert mali == [("2014-02", "since"), ("2022-05", "until")]


def test_timeline_whole_graph(tiny_graph):
    rows = timeline(tiny_graph)
    assert rows[0]["date"] == "1960"
    assert rows[-1]["date"] == "2022-05"
    assert len(rows) == 16  # 14 dated relationships, two with since and until
    years = [r["year"] for r in rows]
    assert years == sorted(years)


@pytest.mark.parametrize("start, end, count", [(2022, None, 3), (None, 1975, 3), (2030, 2040, 0)])
def test_timeline_open_ranges(tiny_graph, start, end, count):
    assert len(timeline(tiny_graph, start=start, end=end)) == count
