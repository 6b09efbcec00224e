"""Families and editions: grouping, stepping, and comparability as the data declares it."""

from __future__ import annotations

from dataclasses import replace

from cityrank_tui.core.families import families, family_key, incomparable_reason


def test_families_keep_catalogue_order_and_editions_oldest_first(catalog):
    found = families(catalog.indexes.values())
    assert [f.key for f in found][:3] == ["ici", "gii", "ieci"]
    gii = found[1]
    assert gii.label == "GII" and gii.ids == ["gii-2022", "gii-2023", "gii-2024", "gii-2025"]
    assert gii.latest.id == "gii-2025"
    assert gii.step("gii-2023", 1).id == "gii-2024" and gii.previous("gii-2023").id == "gii-2022"
    assert gii.step("gii-2025", 1) is None and gii.previous("gii-2022") is None
    assert sum(len(f.editions) for f in found) == len(catalog.indexes)


def test_an_import_is_its_own_family_unless_it_declares_one(catalog):
    info = catalog.get("gii-2024")
    imported = replace(info, id="mine", bundled=False, family="imported")
    assert family_key(imported) == "mine"
    assert family_key(replace(imported, family="gii")) == "gii"
    grouped = families([catalog.get("gii-2024"), imported, replace(imported, id="b", family="gii")])
    assert [(f.key, f.ids) for f in grouped] == [("gii", ["b", "gii-2024"]), ("mine", ["mine"])]


def test_comparability_is_what_the_publisher_declares(catalog):
    get = catalog.get
    assert incomparable_reason(get("gii-2024"), get("gii-2025")) == "VC deals added"
    assert incomparable_reason(get("gii-2023"), get("gii-2024")) is None
    assert incomparable_reason(None, get("gii-2022")) is None  # nothing to compare with
    assert incomparable_reason(get("gawc-2020"), get("gawc-2024")) == "classes, not ranks"
    assert incomparable_reason(get("ieci-2024"), get("ieci-2025")) == "new method, 50 cities"
    assert incomparable_reason(get("gfci-37"), get("gfci-38")) is None
