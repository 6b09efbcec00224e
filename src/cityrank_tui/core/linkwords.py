"""What an import's report says about names it could not link for certain: each name with the
places it could mean (so the user can add a country, or see which was taken), and names a
lossy save damaged ('?ód?' for Łódź: a file saved in an encoding that lacks those letters).
"""

from __future__ import annotations

import polars as pl

from .textnorm import fold_series

LOSSY = ("?", "\ufffd")  # what a save in a narrower encoding leaves for letters it cannot hold


# the GeoNames places' names folded, for the one places frame they were last folded for: an
# import looks them up three times (linking, the namesakes, the places taken), folded once
_FOLDED: list[tuple[pl.DataFrame, pl.Series]] = []


def folded_names(places: pl.DataFrame) -> pl.Series:
    """`fold_series(places["name"])`, folded once per places frame."""
    held = _FOLDED[0] if _FOLDED else None
    if held is None or held[0] is not places:  # (a local pair: another thread may replace it)
        held = (places, fold_series(places["name"]))
        _FOLDED[:] = [held]
    return held[1]


def place_words(places: pl.DataFrame) -> pl.DataFrame:
    """geonameid -> 'Name, Admin area' (the admin area where GeoNames gives one a name)."""
    admin = (
        pl.col("admin1_name") if "admin1_name" in places.columns else pl.lit(None, dtype=pl.String)
    )
    return places.select(
        "geonameid",
        pl.concat_str([pl.col("name"), admin], separator=", ", ignore_nulls=True).alias("_where"),
    )


def candidates(pairs: pl.DataFrame, known: pl.DataFrame, places: pl.DataFrame) -> pl.DataFrame:
    """_row -> `_of`: the cities a row's name could mean, most populous first, as
    'Victoria, Hong Kong, Hong Kong [victoria-hk] | Victoria, Seychelles [victoria-sc]'.
    `pairs`: _row and city_id (known cities) or geonameid (GeoNames places), one row per
    candidate; `known`: Catalog.city_keys (city_id, name, country, geonameid)."""
    words = place_words(places)
    people = places.select("geonameid", "population")
    if "city_id" in pairs.columns:
        described = (
            pairs.join(
                known.select("city_id", "name", "country", "geonameid").unique("city_id"),
                on="city_id",
                how="left",
            )
            .join(words, on="geonameid", how="left")
            .join(people, on="geonameid", how="left")
        )
        label = pl.concat_str(
            [
                pl.coalesce("_where", "name"),
                pl.lit(", "),
                pl.col("country").fill_null("?"),
                pl.lit(" ["),
                pl.col("city_id"),
                pl.lit("]"),
            ]
        )
    else:
        described = pairs.join(
            places.select("geonameid", "country_iso2", "population"), on="geonameid", how="left"
        ).join(words, on="geonameid", how="left")
        label = pl.concat_str([pl.col("_where"), pl.lit(", "), pl.col("country_iso2")])
    return (
        described.with_columns(label.alias("_label"))
        .sort(["_row", "population"], descending=[False, True], nulls_last=True)
        .group_by("_row", maintain_order=True)
        .agg(pl.col("_label").unique(maintain_order=True).str.join(" | ").alias("_of"))
    )


def lossy(names: pl.Series) -> pl.Series:
    """Names holding '?' or the replacement character, each once, in file order."""
    hit = names.str.contains_any(list(LOSSY))  # one pass over a million names, not two
    return names.filter(hit.fill_null(False)).unique(maintain_order=True)


def lossy_line(names: pl.Series, shown: str) -> str:
    """The report's line for names a lossy save damaged (`shown`: the names as listed)."""
    return (
        f"{names.len():,} {'name holds' if names.len() == 1 else 'names hold'} '?' or '\ufffd' "
        f"where a letter should be, as a file saved in an encoding without those letters "
        f"leaves them (Łódź saved as cp1252 reads '?ód?'): {shown}. They were kept as "
        "written; save the file as UTF-8 and import it again to link them"
    )


def namesakes_of(
    places: pl.DataFrame,
    cities: pl.DataFrame,
    rows: pl.DataFrame,
    chosen: pl.DataFrame,
    names: pl.Series,
) -> pl.Series:
    """'London (also London, Ontario, CA)' for each row without a country linked to a known
    city while GeoNames has other places whose main name is that name. `rows`: _row (each
    row's position among them), _key and country_iso2; `chosen`: _row and city_id."""
    keys = places.select("geonameid", key=folded_names(places))
    # only the rows linked to a known city (`_row` is a row's position in `rows`), and of
    # those only rows whose name is a place's: a million rows are not joined to learn that
    named = keys["key"].hash().implode()  # told by hashes first, then by the texts
    plain = (
        rows[chosen["_row"]]
        .filter(pl.col("country_iso2").is_null() & pl.col("_key").hash().is_in(named))
        .join(keys.select("key"), left_on="_key", right_on="key", how="semi")
        .join(chosen, on="_row")
    )
    if plain.is_empty():
        return pl.Series("name", [], dtype=pl.String)
    own = cities.select("city_id", pl.col("geonameid").alias("_own")).unique("city_id")
    pairs = (
        plain.join(keys, left_on="_key", right_on="key")
        .join(own, on="city_id", how="left")
        .filter(pl.col("_own").is_null() | (pl.col("geonameid") != pl.col("_own")))
        .select("_row", "geonameid")
    )
    if pairs.is_empty():
        return pl.Series("name", [], dtype=pl.String)
    return (
        candidates(pairs, cities, places)
        .join(names.to_frame("name").with_row_index("_row"), on="_row", how="left")
        .select(pl.format("{} (also {})", "name", "_of"))
        .to_series()
        .unique(maintain_order=True)
    )


def placed(
    frame: pl.DataFrame, known: pl.DataFrame, new: pl.DataFrame, places: pl.DataFrame
) -> pl.Series:
    """'London -> London, Ontario, Canada' for each linked name whose place GeoNames shares its
    name with another (two Londons, two Suzhous): which one was taken, by its state or province.
    `frame`: the linked entries (name, city_ids, country_name); `known`: Catalog.city_keys;
    `new`: the GeoNames places this import first links (city_id, geonameid)."""
    ids = pl.concat(
        [known.select("city_id", "geonameid"), new.select("city_id", "geonameid")]
    ).unique("city_id", keep="first")
    keys = places.select("geonameid", _key=folded_names(places))
    shared = keys.filter(pl.len().over("_key") > 1).select("geonameid")
    if shared.is_empty():
        return pl.Series("name", [], dtype=pl.String)
    ids = ids.join(shared, on="geonameid", how="semi")  # the few cities that may be meant
    first = frame["city_ids"].list.first()
    at = first.is_in(ids["city_id"].implode()).arg_true()  # the few rows that may be listed
    linked = (
        frame[at]
        .select("name", "country_name", city_id=first.gather(at))
        .with_columns(_at=at)
        .join(ids, on="city_id", how="inner")
        .join(place_words(places), on="geonameid", how="left")
        .sort("_at")  # in the file's (rank) order, whatever order the joins left
    )
    return (
        linked.select(
            pl.concat_str(
                [pl.col("name"), pl.lit(" -> "), pl.col("_where"), pl.lit(", "), "country_name"],
                ignore_nulls=True,
            )
        )
        .to_series()
        .unique(maintain_order=True)
    )
