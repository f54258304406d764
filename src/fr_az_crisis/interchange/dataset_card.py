"""A dataset card for data hubs: a folder with one Parquet file per table and a README.md
whose YAML front matter names each table as a config (the Hugging Face Hub's "manual
configuration"; ``events`` is the default, so the folder loads without a config name).

Every number and list in the card is computed from the package: the tables and their rows,
the archived texts and their outlets (as the actors table describes them, in the project's
words: the project records no political leaning), the quotes given in translation, the
dates covered. Enumerations are written as plain strings, dates as dates, so the ``datasets``
library reads the types the Table Schemas declare.
"""

from __future__ import annotations

import json
from typing import Any

import polars as pl

from fr_az_crisis.definition import Definition
from fr_az_crisis.interchange.declarations import (
    Identifiers,
    citation_bibtex,
    citation_text,
)
from fr_az_crisis.schema_names import actors as A
from fr_az_crisis.schema_names import claims as C
from fr_az_crisis.schema_names import events as E
from fr_az_crisis.schema_names import sources as S

DEFAULT_CONFIG = E.TABLE


def parquet_frame(frame: pl.DataFrame) -> pl.DataFrame:
    """Enumerations as strings: data-hub readers type a column, not a dictionary of values."""
    return frame.with_columns(
        [pl.col(c).cast(pl.String) for c, t in frame.schema.items() if isinstance(t, pl.Enum)]
    )


def _yaml(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def front_matter(definition: Definition, descriptor: dict[str, Any], data_path: str) -> str:
    lines = [
        "---",
        "license: other",
        "license_name: cc-by-4.0-and-publishers-rights",
        "license_link: LICENSE-DATA.md",
        f"pretty_name: {_yaml(descriptor['title'])}",
        "language:",
        "- en",
        "size_categories:",
        "- n<1K",
        "tags:",
        *[f"- {_yaml(k)}" for k in descriptor.get("keywords", [])],
        "configs:",
    ]
    for table in definition.tables:
        lines += [
            f"- config_name: {table}",
            "  data_files:",
            "  - split: train",
            f"    path: {data_path.format(table=table)}",
        ]
        if table == DEFAULT_CONFIG:
            lines.append("  default: true")
    return "\n".join([*lines, "---", ""])


def _date_range(values: list[Any]) -> str:
    dated = sorted(v for v in values if v is not None)
    return f"{dated[0].isoformat()} to {dated[-1].isoformat()}" if dated else "none"


def limitations(frames: dict[str, pl.DataFrame]) -> list[str]:
    """What the card says about the corpus, each from the tables."""
    sources, actors, claims, events = (frames[t] for t in (S.TABLE, A.TABLE, C.TABLE, E.TABLE))
    archived = sources.filter(pl.col(S.is_archived)).join(
        actors.select(
            pl.col(A.actor_id).alias(S.outlet_actor_id),
            pl.col(A.name).alias("outlet"),
            pl.col(A.country_code).alias("outlet_country"),
            pl.col(A.description).alias("outlet_description"),
        ),
        on=S.outlet_actor_id,
    )
    cited = sources.height - archived.height
    direct = claims.filter(pl.col(C.attribution) == C.Attribution.DIRECT_QUOTE)
    translated = direct.filter(pl.col(C.is_translated).fill_null(False))
    groups = archived[S.independence_group].unique().sort().to_list()
    lines = [
        f"- **A small corpus.** {archived.height} archived texts, each quoted with offsets; "
        f"{cited} more sources are cited for outside facts without their text. The "
        f"{archived.height} texts form {len(groups)} independence groups (texts that derive from "
        f"one another or from one wire story count once): {', '.join(groups)}.",
        "- **The outlets.** The project records no political leaning; its description of each "
        "archived text's outlet, with the outlet's country where recorded:",
    ]
    for r in archived.sort(S.source_id).iter_rows(named=True):
        country = f", {r['outlet_country']}" if r["outlet_country"] else ""
        truncated = " The held text is incomplete." if r[S.is_truncated] else ""
        lines.append(
            f"  - `{r[S.source_id]}`: {r['outlet']}{country}. {r['outlet_description']}{truncated}"
        )
    lines += [
        f"- **Translation.** {translated.height} of the {direct.height} direct quotes are given "
        "in translation (`claims.is_translated`): the words quoted are the outlet's English, "
        "not the speaker's.",
        f"- **Coverage.** Events from {_date_range(events[E.date_start].to_list() + events[E.date_end].to_list())}; "
        f"archived texts published {_date_range(archived[S.published_date].to_list())}; "
        f"claims dated {_date_range(claims[C.claim_date].to_list())}. Nothing later is covered.",
    ]
    return lines


def publishers_fields(definition: Definition) -> list[str]:
    """``table.column`` of every field that holds the publishers' words."""
    return [
        f"{t.name}.{f.name}"
        for t in definition.tables.values()
        for f in t.fields
        if f.publishers_words
    ]


def readme(
    definition: Definition,
    descriptor: dict[str, Any],
    frames: dict[str, pl.DataFrame],
    ids: Identifiers,
    data_path: str,
) -> str:
    where = ids.dataset()
    rows = "\n".join(
        f"| `{name}` | {frames[name].height} | {t.description} |"
        for name, t in definition.tables.items()
    )
    body = [
        f"# {descriptor['title']}",
        "",
        descriptor["description"],
        "",
        f"Version {descriptor['version']}. One config per table (`{DEFAULT_CONFIG}` is the default):",
        "",
        "```python",
        "from datasets import load_dataset",
        f'events = load_dataset("path/to/this/folder", "{DEFAULT_CONFIG}", split="train")',
        "```",
        "",
        "| config | rows | what a row is |",
        "|---|---:|---|",
        rows,
        "",
        "## Limitations",
        "",
        *limitations(frames),
        "",
        "## Licence",
        "",
        "The curated tables (structure, codes, links, dates and every field in the project's own "
        "voice) are under CC BY 4.0. The words of the archived texts ("
        + ", ".join(f"`{name}`" for name in publishers_fields(definition))
        + ") belong to their publishers: held and quoted for verification and research, not "
        "licensed by this project (LICENSE-DATA.md).",
        "",
        "## Citation",
        "",
        citation_text(descriptor, where),
        "",
        "```bibtex",
        citation_bibtex(descriptor, where),
        "```",
        "",
    ]
    return front_matter(definition, descriptor, data_path) + "\n" + "\n".join(body)
