"""Compare schemas/plover.json with the PLOVER manual it transcribes.

Usage: python scripts/check_plover_declaration.py [--manual PATH]

The export and its tests read only schemas/plover.json (a clean clone has no manual beside
it); this script is how the transcription was checked, and how to check it again after the
manual changes: the record's fields and which are required, the entity, text, citation and
location objects, each category's quad, modes and recipient rule, and the contexts. Lines
the manual comments out (``%``) are ignored: it keeps an older score table that way. Exit 0
when they agree, 1 with each difference.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
QUADS = {
    "VERBAL COOPERATION": 1,
    "MATERIAL COOPERATION": 2,
    "VERBAL CONFLICT": 3,
    "MATERIAL CONFLICT": 4,
}


def _table_rows(tex: str, label: str) -> list[list[str]]:
    """The rows of the tabular that ends at ``\\label{label}``, cells split on ``&``."""
    end = tex.index(f"\\label{{{label}}}")
    start = tex.rindex("\\begin{tabular}", 0, end)
    body = tex[start : tex.index("\\end{tabular}", start)]
    rows = []
    for line in body.split("\\\\"):
        cells = [re.sub(r"\\_", "_", c).strip() for c in line.replace("\\hline", "").split("&")]
        if len(cells) > 1 and cells[0] and not cells[0].startswith(("Name", "\\begin")):
            rows.append(cells)
    return rows


def read_manual(path: Path) -> dict[str, object]:
    tex = "\n".join(
        line
        for line in path.read_text(encoding="utf-8").splitlines()
        if not line.lstrip().startswith("%")
    )
    found: dict[str, object] = {
        "record": {r[0]: r[-1] == "Y" for r in _table_rows(tex, "tab:json")},
        "entity": [r[0] for r in _table_rows(tex, "tab:actorinfo")],
        "textInfo": [r[0] for r in _table_rows(tex, "tab:textinfo")],
        "citeInfo": [r[0] for r in _table_rows(tex, "tab:citeinfo") if r[0]],
        "location": [r[0] for r in _table_rows(tex, "tab:locations")],
    }
    categories: dict[str, dict[str, object]] = {}
    chapter = tex[tex.index("\\chapter{Event Categories}") : tex.index("\\chapter{Contexts}")]
    for section in re.split(r"\n\\section\{", chapter)[1:]:
        name = section.split("}", 1)[0]
        quad = re.search(r"Quad category: ([A-Z ]+)\}", section)
        recipient = re.search(r"Requires recipient: (\w+)\}", section)
        modes: list[str] = []
        caption = re.search(r"\\caption\{(?:\\plcat\{)?" + name + r"\}? modes", section)
        if caption:
            table = section[caption.end() : section.index("\\end{tabular}", caption.end())]
            modes = re.findall(r"^\s*([a-z][a-z-]*)\s*&", table, re.M)
        categories[name] = {
            "quad": QUADS[quad.group(1).strip()] if quad else None,
            "requiresRecipient": bool(recipient and recipient.group(1) == "Yes"),
            "modes": modes,
        }
    found["categories"] = categories
    contexts = tex[tex.index("\\label{tab:general-contexts}") : tex.index("\\end{longtable}")]
    found["contexts"] = [
        re.sub(r"\\_", "_", m)
        for m in re.findall(r"^(?:\\hyperref\[[^\]]*\]\{)?([a-z\\_]+)\}?\s*&", contexts, re.M)
    ]
    return found


def differences(manual: dict[str, object], declared: dict[str, object]) -> list[str]:
    out = []
    record = {k: v["required"] for k, v in declared["record"]["fields"].items()}  # type: ignore[index]
    if record != manual["record"]:
        out.append(f"record fields: declared {record}, manual {manual['record']}")
    for key in ("entity", "textInfo", "citeInfo", "location"):
        names = list(declared[key]["fields"])  # type: ignore[index]
        if names != manual[key]:
            out.append(f"{key}: declared {names}, manual {manual[key]}")
    values = declared["categories"]["values"]  # type: ignore[index]
    if values != manual["categories"]:
        for name in sorted(set(values) | set(manual["categories"])):  # type: ignore[arg-type]
            a, b = values.get(name), manual["categories"].get(name)  # type: ignore[attr-defined]
            if a != b:
                out.append(f"category {name}: declared {a}, manual {b}")
    if declared["contexts"]["values"] != manual["contexts"]:  # type: ignore[index]
        out.append(
            f"contexts: declared {declared['contexts']['values']}, manual {manual['contexts']}"
        )  # type: ignore[index]
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--manual",
        type=Path,
        default=ROOT.parent / "shared" / "codebooks" / "PLOVER_MANUAL.tex",
        help="the manual's LaTeX source (default: shared/codebooks/ beside the checkout)",
    )
    args = parser.parse_args(argv)
    declared = json.loads((ROOT / "schemas" / "plover.json").read_text(encoding="utf-8"))
    found = differences(read_manual(args.manual), declared)
    for line in found:
        print(line)
    print(
        "schemas/plover.json agrees with the manual" if not found else f"{len(found)} differences"
    )
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
