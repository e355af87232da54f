import pytest

from docgraph.analysis import EntityNotFound, profile


def _names(rows):
    return [r["name"] for r in rows]


def test_profile_memberships_and_funding_totals(tiny_graph):
    p = profile(tiny_graph, "Mali")
    assert (p["id"], p["name"], p["label"]) == ("country:mali", "Mali", "Country")
    assert p["aliases"] == ["Republic of Mali"]
    assert _names(p["memberships"]["current"]) == ["ECOWAS"]
    assert _names(p["memberships"]["former"]) == ["G5 Sahel"]
    assert p["memberships"]["former"][0]["until"] == "2022-05"
    received = p["funding"]["received"]
    assert [(r["name"], r["amount"], r["currency"]) for r in received] == [
        ("France", 5_000_000, "EUR"),
        ("United States", 10_000_000, "USD"),
    ]
    assert p["funding"]["received_totals"] == {"EUR": 5_000_000, "USD": 10_000_000}
    assert p["funding"]["given"] == [] and p["funding"]["given_totals"] == {}


def test_profile_leaders_envoys_relations(tiny_graph):
    p = profile(tiny_graph, "Mali")
    assert [(r["name"], r["title"], r["since"]) for r in p["leaders"]] == [
        ("Assimi Goïta", "President", 2021)
    ]
    assert [(r["name"], r["type"]) for r in p["envoys"]] == [("Dennis Hankins", "AMBASSADOR_TO")]
    assert {
        t: [(r["direction"], r["name"]) for r in rows] for t, rows in p["relations"].items()
    } == {
        "DEPLOYED_TROOPS_IN": [("in", "France")],
        "DIPLOMATIC_RELATIONS": [("out", "United States")],
        "EXPELLED": [("out", "France")],
        "LOCATED_IN": [("in", "Niger River")],
    }
    assert p["relations"]["DEPLOYED_TROOPS_IN"][0]["troops"] == 4500
    assert [(r["name"], r["weight"]) for r in p["related"]] == [("Niger", 3), ("2020 coup", 1)]


def test_profile_organization_members_and_donors(tiny_graph):
    p = profile(tiny_graph, "G-5 Sahel")
    assert _names(p["members"]["current"]) == ["Niger"]
    assert _names(p["members"]["former"]) == ["Mali"]
    assert _names(p["funding"]["received"]) == ["European Union", "United States", "France"]
    assert p["funding"]["received_totals"] == {"EUR": 58_000_000, "USD": 60_000_000}


def test_profile_donor_totals(tiny_graph):
    p = profile(tiny_graph, "France")
    assert p["funding"]["given_totals"] == {"EUR": 13_000_000}
    assert _names(p["funding"]["given"]) == ["Mali", "G5 Sahel"]


def test_profile_membership_without_status_is_current(tiny_graph):
    assert _names(profile(tiny_graph, "Niger")["memberships"]["current"]) == ["ECOWAS", "G5 Sahel"]


def test_profile_person(tiny_graph):
    p = profile(tiny_graph, "Dennis Hankins")
    assert [(r["name"], r["type"]) for r in p["envoy_posts"]] == [
        ("Mali", "AMBASSADOR_TO"),
        ("United States", "AMBASSADOR_OF"),
    ]


def test_profile_unknown(tiny_graph):
    with pytest.raises(EntityNotFound):
        profile(tiny_graph, "Atlantis")
