"""Attribution matches the words: whose words a quote is, told by the source's own marks.

- A source_voice claim speaks for the source's outlet.
- A direct_quote lies wholly inside the source's quotation marks: not one word of narration.
- Narration and quoted words are told apart: every passage an archived text puts in quotation
  marks is attributed, at least in part, by a direct_quote claim (the narration around it is a
  claim of its own, paraphrase or source_voice).
- is_translated and original_language are set only on direct quotes, and agree with the
  source's language.
- Words a claim's summary puts in quotation marks are words of its quote: a loaded term is
  quoted, not paraphrased into something else, and never invented.
"""

from __future__ import annotations

import polars as pl

from fr_az_crisis.checks import Check, CheckResult
from fr_az_crisis.package_data import PackageData
from fr_az_crisis.problems import Problem
from fr_az_crisis.quotations import (
    has_words,
    overlapping,
    passages,
    quoted_regions,
    split_span,
    words,
)
from fr_az_crisis.schema_names import claims, sources
from fr_az_crisis.table_reading import ROW

C = claims
QUOTING = (C.Attribution.DIRECT_QUOTE,)
SOURCE_LANGUAGE, OUTLET = "_language", "_outlet"
# Attributed passages: a frame of (source, start ``_a``, end ``_b``) for the rows decided at
# once, a tuple for each passage found by the walk over the rest.
Covered = pl.DataFrame | tuple[str, int, int]


def check_attribution(pkg: PackageData) -> CheckResult:
    rel = pkg.path(C.TABLE)
    frame = (
        pkg.typed[C.TABLE]
        .with_columns(pl.col(C.attribution).cast(pl.String))
        .join(
            pkg.typed[sources.TABLE].select(
                sources.source_id,
                pl.col(sources.outlet_actor_id).alias(OUTLET),
                pl.col(sources.language).alias(SOURCE_LANGUAGE),
            ),
            on=C.source_id,
            how="left",
        )
    )
    regions = {sid: quoted_regions(text) for sid, text in pkg.texts.items()}
    passages = passage_frame(regions)
    covered: list[Covered] = []
    problems = check_source_voice(rel, frame)
    problems += check_quote_marks(rel, frame, pkg.texts, regions, passages, covered)
    problems += check_quotes_attributed(pkg, passages, covered)
    problems += check_translation(rel, frame)
    problems += check_summary_quotes(rel, frame)
    return CheckResult(problems, rows=frame.height)


def check_source_voice(rel: str, frame: pl.DataFrame) -> list[Problem]:
    wrong = frame.filter(
        (pl.col(C.attribution) == C.Attribution.SOURCE_VOICE)
        & (pl.col(C.claimant_actor_id) != pl.col(OUTLET))
    )
    return [
        Problem(
            "source-voice-claimant",
            rel,
            r[ROW],
            C.claimant_actor_id,
            f"{r[C.claim_id]} is source_voice, but its claimant {r[C.claimant_actor_id]} is not "
            f"the outlet of {r[C.source_id]} ({r[OUTLET]})",
        )
        for r in wrong.iter_rows(named=True)
    ]


def _spans(frame: pl.DataFrame, texts: dict[str, str], kinds: tuple[str, ...]) -> pl.DataFrame:
    return frame.filter(
        pl.col(C.attribution).is_in(kinds)
        & pl.col(C.char_start).is_not_null()
        & pl.col(C.char_end).is_not_null()
        & pl.col(C.source_id).is_in(list(texts))
    )


def check_quote_marks(
    rel: str,
    frame: pl.DataFrame,
    texts: dict[str, str],
    regions: dict[str, list[tuple[int, int]]],
    passages: pl.DataFrame,
    covered: list[Covered],
) -> list[Problem]:
    """A direct quote has words, and all of them inside the source's quotation marks. Records,
    in ``covered`` (source, start, end), the quoted passages each direct quote attributes."""
    problems = []
    rows = _spans(frame, texts, QUOTING).select(
        ROW, C.claim_id, C.source_id, C.char_start, C.char_end, C.quote
    )
    wholly = _wholly_inside(rows, passages)
    # The common case, decided for all rows at once: a quote with words, wholly inside one
    # quoted passage. It attributes that passage; nothing else needs to be looked at.
    simple = wholly.filter(pl.col(C.quote).str.contains(r"[^\W_]"))
    covered.append(simple.select(C.source_id, "_a", "_b"))
    rest = rows.join(simple.select(ROW), on=ROW, how="anti")
    for row, claim_id, sid, start, end, _ in rest.iter_rows():
        text = texts[sid]
        if not 0 <= start < end <= len(text):
            continue  # the quotes check reports the offsets
        found = overlapping(regions[sid], start, end)
        if len(found) == 1 and found[0][0] <= start and end <= found[0][1]:
            inside, outside = text[start:end], ""  # the common case: wholly inside one passage
        else:
            inside, outside = split_span(text, start, end, found)
        for a, b in found:
            if has_words(text[max(a, start) : min(b, end)]):
                covered.append((sid, a, b))
        if has_words(outside) or not has_words(inside):
            shown = " ".join(words(outside))[:60] or "no quoted words"
            problems.append(
                Problem(
                    "quote-attribution",
                    rel,
                    row,
                    C.attribution,
                    f"{claim_id} is a direct_quote, but its quote has words outside the "
                    f"source's quotation marks ({shown!r}): split the narration off",
                )
            )
    return problems


def passage_frame(regions: dict[str, list[tuple[int, int]]]) -> pl.DataFrame:
    """Every quoted passage as a row: source, start ``_a``, end ``_b``, sorted."""
    return pl.DataFrame(
        {
            C.source_id: [sid for sid, found in regions.items() for _ in found],
            "_a": [a for found in regions.values() for a, _ in found],
            "_b": [b for found in regions.values() for _, b in found],
        },
        schema={C.source_id: pl.String, "_a": pl.Int64, "_b": pl.Int64},
    ).sort(C.source_id, "_a")


def _wholly_inside(rows: pl.DataFrame, passages: pl.DataFrame) -> pl.DataFrame:
    """Rows whose span lies inside one quoted passage, with that passage as ``_a``, ``_b``:
    the last passage starting at or before the span's start (an as-of join per source), when
    it also ends at or after the span's end."""
    spans = rows.with_columns(pl.col(C.source_id).cast(pl.String)).sort(C.source_id, C.char_start)
    joined = spans.join_asof(
        passages,
        left_on=C.char_start,
        right_on="_a",
        by=C.source_id,
        strategy="backward",
        check_sortedness=False,
    )
    return joined.filter(
        (pl.col(C.char_start) >= 0)
        & (pl.col(C.char_start) < pl.col(C.char_end))
        & pl.col("_b").is_not_null()
        & (pl.col(C.char_end) <= pl.col("_b"))
    )


def check_quotes_attributed(
    pkg: PackageData, passages: pl.DataFrame, covered: list[Covered]
) -> list[Problem]:
    """Each quoted passage of an archived text shares words with some direct_quote claim.

    ``covered`` holds frames and (source, start, end) tuples of attributed passages; the
    passages left over are found by an anti join, and only those are read in Python."""
    frames = [c for c in covered if isinstance(c, pl.DataFrame)]
    loose = [c for c in covered if isinstance(c, tuple)]
    frames.append(pl.DataFrame(loose, schema=passages.schema, orient="row"))
    attributed = pl.concat([f.cast(passages.schema) for f in frames])
    left = passages.join(attributed, on=[C.source_id, "_a", "_b"], how="anti")
    problems = []
    for sid, a, b in left.sort(C.source_id, "_a").iter_rows():
        text = pkg.texts[sid]
        if not has_words(text[a:b]):
            continue
        problems.append(
            Problem(
                "quote-unattributed",
                pkg.definition.text_path(sid),
                None,
                None,
                f"{text[a:b][:70]!r} is in quotation marks, but no direct_quote claim says "
                "whose words they are",
                span=(a, b),
            )
        )
    return problems


def check_translation(rel: str, frame: pl.DataFrame) -> list[Problem]:
    problems = []
    flagged = frame.filter(
        pl.col(C.is_translated).is_not_null() | pl.col(C.original_language).is_not_null()
    )
    for r in flagged.iter_rows(named=True):
        translated, original = r[C.is_translated], r[C.original_language]
        field, why = None, ""
        if r[C.attribution] not in QUOTING:
            field = C.is_translated if translated is not None else C.original_language
            why = f"set on a {r[C.attribution]} claim, which quotes no words"
        elif translated is True and original == r[SOURCE_LANGUAGE]:
            field, why = C.original_language, f"translated, yet said in the source's {original!r}"
        elif translated is False and original not in (None, r[SOURCE_LANGUAGE]):
            field = C.is_translated
            why = f"said in {original!r} but quoted untranslated in {r[SOURCE_LANGUAGE]!r}"
        if field:
            problems.append(Problem("translation", rel, r[ROW], field, f"{r[C.claim_id]}: {why}"))
    return problems


def check_summary_quotes(rel: str, frame: pl.DataFrame) -> list[Problem]:
    problems = []
    quoted = frame.filter(pl.col(C.summary).str.contains('["“]'))
    for r in quoted.iter_rows(named=True):
        quote = r[C.quote] or ""
        for passage in passages(r[C.summary]):
            if passage not in quote:
                problems.append(
                    Problem(
                        "summary-quote",
                        rel,
                        r[ROW],
                        C.summary,
                        f"{r[C.claim_id]}: {passage!r} is quoted but is not in the claim's quote",
                    )
                )
    return problems


CHECK = Check(
    "attribution",
    "Attribution matches the words: quotation marks, outlet voice, translation, quoted summaries",
    (C.TABLE, sources.TABLE),
    check_attribution,
)
