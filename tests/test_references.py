"""Outside references: citation-only sources, outlet identification, dating and discrepancies."""

from __future__ import annotations

import polars as pl
import pytest

import fr_az_crisis


def test_citation_only_sources_have_a_url_and_no_text() -> None:
    sources = fr_az_crisis.load("sources").filter(~pl.col("is_archived"))
    assert sources.height >= 15
    assert sources["url"].null_count() == 0
    assert sources["sha256"].null_count() == sources.height
    claims = fr_az_crisis.load("claims").join(sources.select("source_id"), on="source_id")
    assert claims.height > 0 and claims["quote"].null_count() == claims.height


def test_every_archived_source_names_its_outlet_with_a_basis() -> None:
    archived = fr_az_crisis.load("sources").filter(pl.col("is_archived"))
    assert archived.height == 5
    assert (archived["outlet_basis"].cast(pl.String) != "unknown").all()
    assert archived["origin_note"].null_count() == 0


def test_every_event_has_a_day_or_says_why_not() -> None:
    events = fr_az_crisis.load("events")
    for row in events.filter(pl.col("date_precision").cast(pl.String) != "day").iter_rows(
        named=True
    ):
        note = row["coding_note"].lower()
        assert any(w in note for w in ("precision", "no day", "bound", "window")), (
            f"{row['event_id']}: coding_note does not say why there is no day"
        )


def test_external_dates_are_backed_by_a_citation_only_claim() -> None:
    events = fr_az_crisis.load("events").filter(
        pl.col("date_basis").cast(pl.String) == "external_reference"
    )
    cited = (
        fr_az_crisis.load("claims")
        .join(fr_az_crisis.load("sources").filter(~pl.col("is_archived")), on="source_id")
        .filter(pl.col("claim_type").cast(pl.String) == "event_report")["event_id"]
    )
    missing = set(events["event_id"]) - set(cited.drop_nulls())
    assert not missing, f"external_reference dates without a reference claim: {missing}"


# The discrepancy items of shared/REFERENCES.md, each tied to the claims involved and to the
# kind of disagreement the audit of issue 13 found it to be.
EXPECTED = [
    ("lemonde_putin_birthday_letter", "vestnik_aliyev_62nd_birthday", "erratum"),  # 61st
    ("massis_aliyev_cancelled_spain_meeting", "massis_oct_five_way_meeting_not_held", "erratum"),
    ("ar_exp_emergency_sessions", "jam_news_unsc_meeting_held", "erratum"),  # sessions
    ("bnn_aliyev_declined_spain_talks", "massis_aliyev_cancelled_spain_meeting", "framing"),
    ("massis_baku_condemned_deals", "asbarez_mfa_condemns_bastion_delivery", "erratum"),
    ("ar_exp_no_french_response", "lemonde_france_reciprocity", "outdated"),  # after 27 Dec
    ("bnn_territory_recaptured", "massis_offensive_population_fled", "framing"),  # Sept 2023
]


@pytest.mark.parametrize(("claim", "related", "kind"), EXPECTED)
def test_each_listed_discrepancy_is_recorded_with_its_kind(
    claim: str, related: str, kind: str
) -> None:
    d = fr_az_crisis.discrepancies()
    match = d.filter((pl.col("claim_id") == claim) & (pl.col("related_claim_id") == related))
    assert match.height == 1 and match["note"][0]
    assert match["relation"].cast(pl.String)[0] == kind


def test_the_three_examples_of_issue_13_are_fixed() -> None:
    """The Charles slip is an erratum and the two claims agree; the two-week window is
    "weeks"; only "as a measure of reciprocity" is the ministry's own quote."""
    relations = fr_az_crisis.load("claim_relations").with_columns(
        pl.col("relation").cast(pl.String)
    )
    pair = relations.filter(
        (pl.col("claim_id") == "massis_aliyev_cancelled_spain_meeting")
        & (pl.col("related_claim_id") == "massis_oct_five_way_meeting_not_held")
    )
    assert sorted(pair["relation"]) == ["corroborates", "erratum"]
    event = fr_az_crisis.load("events").filter(
        pl.col("event_id") == "nagorno_karabakh_population_leaves_2023_09"
    )
    assert event["date_precision"].cast(pl.String)[0] == "weeks"
    claims = fr_az_crisis.load("claims").with_columns(pl.col("attribution").cast(pl.String))
    by_id = {r["claim_id"]: r for r in claims.iter_rows(named=True)}
    assert by_id["lemonde_france_reciprocity"]["attribution"] == "source_voice"
    quoted = by_id["lemonde_france_reciprocity_q"]
    assert (quoted["attribution"], quoted["quote"]) == (
        "direct_quote",
        "as a measure of reciprocity.",
    )
    assert quoted["claimant_actor_id"] == "france_foreign_ministry"
