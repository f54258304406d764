// ICU's view of plain texts, as a browser's Text Fragments matcher has it: UAX #29 word
// boundaries (Intl.Segmenter) and primary-strength equality of characters (Intl.Collator,
// sensitivity "base"). Reads {"texts": {id: text}, "chars": "..."} on stdin; writes
// {"bounds": {id: [code point positions]}, "classes": {char: key or ""}} ("" = ignorable).
import { readFileSync } from "node:fs";

const input = JSON.parse(readFileSync(0, "utf8"));
const segmenter = new Intl.Segmenter("en", { granularity: "word" });
const collator = new Intl.Collator("en", { sensitivity: "base", usage: "search" });

const bounds = {};
const chars = new Set(Array.from(input.chars || ""));
for (const [id, text] of Object.entries(input.texts)) {
  // UTF-16 index -> code point index
  const cp = new Map();
  let i = 0, k = 0;
  for (const ch of text) { cp.set(i, k); i += ch.length; k += 1; chars.add(ch); }
  cp.set(i, k);
  const found = [];
  for (const seg of segmenter.segment(text)) found.push(cp.get(seg.index));
  found.push(k);
  bounds[id] = found;
}
const reps = [];
const classes = {};
for (const ch of [...chars].sort()) {
  if (collator.compare(ch, "") === 0) { classes[ch] = ""; continue; }
  let rep = reps.find((r) => collator.compare(ch, r) === 0);
  if (rep === undefined) { reps.push(ch); rep = ch; }
  classes[ch] = "k" + reps.indexOf(rep);
}
process.stdout.write(JSON.stringify({ bounds, classes }));
