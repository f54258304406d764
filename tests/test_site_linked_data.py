"""schema.org JSON-LD on the served site, read as search engines read it: extracted from the
HTML by extruct, every node's properties checked against the schema.org vocabulary (the
msgspec-schemaorg models, generated from schema.org), and its values against the data. The
claim page's Text Fragment link, and what it says where there is none."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import extruct
import msgspec_schemaorg.models as vocabulary
from datasette_helpers import db_copy, get, make_datasette

import fr_az_crisis
from fr_az_crisis.interchange.schema_org import WORK_TYPES
from fr_az_crisis.schema_names import actors, claims, sources
from fr_az_crisis.schema_names import text_fragments as T

BASE = "http://localhost/"


def jsonld(html: str) -> list[dict[str, Any]]:
    return list(extruct.extract(html, base_url=BASE, syntaxes=["json-ld"])["json-ld"])


def unknown_properties(node: Any, where: str = "$") -> list[str]:
    """Properties a node uses that schema.org does not give its @type (inherited included)."""
    found: list[str] = []
    if isinstance(node, list):
        for i, item in enumerate(node):
            found += unknown_properties(item, f"{where}[{i}]")
    elif isinstance(node, dict):
        kind = node.get("@type")
        if kind:
            model = getattr(vocabulary, kind, None)
            assert model is not None, f"{where}: {kind} is not a schema.org type"
            allowed = set(model.__struct_encode_fields__) | {"@context", "@type", "@id"}
            found += [f"{where}.{k} ({kind})" for k in node if k not in allowed]
        for key, value in node.items():
            found += unknown_properties(value, f"{where}.{key}")
    return found


def test_the_home_page_describes_the_dataset(db: Path) -> None:
    page = get(make_datasette(db), "/")
    assert page.status_code == 200
    (node,) = jsonld(page.text)
    assert unknown_properties(node) == []
    tables = fr_az_crisis.tables()
    assert node["@type"] == "Dataset" and node["@id"] == BASE
    assert node["version"] == fr_az_crisis.__version__
    assert node["license"][0] == "https://creativecommons.org/licenses/by/4.0/"
    assert node["license"][1]["@type"] == "CreativeWork"
    assert node["creditText"].endswith(f"dataset version {fr_az_crisis.__version__}. {BASE}")
    assert [d["contentUrl"] for d in node["distribution"]] == [
        f"{BASE}fr_az_crisis/{t}.csv?_stream=on" for t in tables
    ]
    assert node["temporalCoverage"] == "2020-01-01/2024-04-17"
    assert "citation" not in node  # schema.org citation names works the dataset cites


def test_each_claim_page_carries_its_claim(db: Path) -> None:
    ds = make_datasette(db)
    table = fr_az_crisis.load(claims.TABLE)
    who = {r[actors.actor_id]: r for r in fr_az_crisis.load(actors.TABLE).iter_rows(named=True)}
    where = {
        r[sources.source_id]: r for r in fr_az_crisis.load(sources.TABLE).iter_rows(named=True)
    }
    checked = with_same_as = 0
    for claim in table.iter_rows(named=True):
        page = get(ds, f"/fr_az_crisis/claims/{claim[claims.claim_id]}")
        assert page.status_code == 200
        (node,) = jsonld(page.text)
        assert unknown_properties(node) == [], claim[claims.claim_id]
        url = f"{BASE}fr_az_crisis/claims/{claim[claims.claim_id]}"
        assert (node["@type"], node["@id"], node["url"]) == ("Claim", url, url)
        assert node.get("text") == claim[claims.quote]
        assert node["abstract"] == claim[claims.summary]
        claimant = who[claim[claims.claimant_actor_id]]
        assert node["author"]["name"] == claimant[actors.name]
        expected_kind = "Person" if claimant[actors.kind] == actors.Kind.PERSON else "Organization"
        assert node["author"]["@type"] == expected_kind
        if claimant[actors.wikidata_id]:
            assert (
                node["author"]["sameAs"]
                == f"https://www.wikidata.org/wiki/{claimant[actors.wikidata_id]}"
            )
            with_same_as += 1
        else:
            assert "sameAs" not in node["author"]
        source = where[claim[claims.source_id]]
        assert node["appearance"]["name"] == source[sources.title]
        assert node["appearance"].get("url") == source[sources.url]
        assert node["appearance"]["@type"] == WORK_TYPES[source[sources.genre]]
        checked += 1
    assert checked == table.height and with_same_as > 0


def test_every_genre_has_a_schema_org_type() -> None:
    assert set(WORK_TYPES) == set(sources.Genre.ALL)
    assert all(getattr(vocabulary, kind, None) for kind in WORK_TYPES.values())


def test_a_claim_page_links_to_its_words_on_the_publishers_page(db: Path) -> None:
    page = get(make_datasette(db), "/fr_az_crisis/claims/massis_azerbaijan_announces_expulsion")
    links = re.findall(r'<a href="([^"]+)" id="fragment-link"', page.text)
    assert links == [
        "https://massispost.com/2023/12/azerbaijan-expels-two-french-diplomats/"
        "#:~:text=Azerbaijan%20announced%20the%20expulsion%20of%20two%20French%20diplomats"
        "%20on%20Tuesday"
    ]


def test_a_quote_without_a_unique_fragment_gets_no_link_and_says_why(
    db: Path, tmp_path: Path
) -> None:
    claim_id = "massis_azerbaijan_announces_expulsion"
    broken = db_copy(
        db,
        tmp_path / "fr_az_crisis.db",
        (
            f"update {T.TABLE} set {T.fragment_status} = ?, {T.fragment_link} = null, "
            f"{T.text_directive} = null where {T.claim_id} = ?",
            (T.FragmentStatus.NOT_UNIQUE, claim_id),
        ),
    )
    page = get(make_datasette(broken), f"/fr_az_crisis/claims/{claim_id}")
    assert 'id="fragment-link"' not in page.text
    assert re.search(
        r'id="fragment-none".*?No link to these words: Every directive tried', page.text, re.S
    )


def test_no_data_text_can_close_the_json_ld_script(db: Path, tmp_path: Path) -> None:
    claim_id = "massis_azerbaijan_announces_expulsion"
    hostile = db_copy(
        db,
        tmp_path / "fr_az_crisis.db",
        (
            f"update {claims.TABLE} set {claims.summary} = ? where {claims.claim_id} = ?",
            ("</script><script>alert(1)</script> & more", claim_id),
        ),
    )
    page = get(make_datasette(hostile), f"/fr_az_crisis/claims/{claim_id}")
    script = re.search(
        r'<script type="application/ld\+json" id="claim-jsonld">(.*?)</script>', page.text, re.S
    )
    assert script and "</" not in script.group(1)
    (node,) = jsonld(page.text)
    assert node["abstract"] == "</script><script>alert(1)</script> & more"
