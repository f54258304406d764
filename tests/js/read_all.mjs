#!/usr/bin/env node
// read_all.mjs — open a Data Package with datapackage-js (npm "datapackage", pinned 1.1.10 in
// package.json) and read every table resource with casting per its Table Schema (types +
// constraints), and every other resource (the archived texts) as raw bytes.
//
// usage:  node read_all.mjs path/to/datapackage.json|package.zip [--relations]
//   --relations  also resolve foreign keys (datapackage-js `read({relations: true})`)
// stdout: JSON {"tables": {tableName: rowCount}, "files": {resourceName: byteCount}}
// stderr: warnings (descriptor-profile errors, CSV resources without dialect.delimiter) and failures
// exit:   0 only if every table resource was read; 1 if one failed; 2 if the package did not load
//
// "datapackage" is resolved from the current directory first (e.g. `cd /tmp/js16 && node
// /work/notes/16/read_all.mjs ...`), then from this file's directory, so the script can live
// outside the node project that has the dependency installed.
import { createRequire } from 'node:module'
import path from 'node:path'

function loadDatapackage() {
  const bases = [path.join(process.cwd(), 'noop.js'), import.meta.url]
  for (const base of bases) {
    try { return createRequire(base)('datapackage') } catch { /* try next */ }
  }
  console.error('cannot resolve npm package "datapackage": run `npm install datapackage@1.1.10` in the current directory')
  process.exit(2)
}

// A "table resource": v2 `type: "table"`, v1 `profile: "tabular-data-resource"`, or one with a schema.
const isTableDescriptor = (d) =>
  d.type === 'table' || d.profile === 'tabular-data-resource' || d.schema !== undefined

async function main() {
  const args = process.argv.slice(2)
  const file = args.find((a) => !a.startsWith('--'))
  const relations = args.includes('--relations')
  if (!file) {
    console.error('usage: node read_all.mjs path/to/datapackage.json [--relations]')
    process.exit(2)
  }
  const { Package } = loadDatapackage()
  let pkg
  try {
    // strict: false (the default). In strict mode datapackage-js (a v1 implementation) only treats
    // resources with `profile: "tabular-data-resource"` as tabular and ignores v2 `type: "table"`.
    pkg = await Package.load(path.resolve(file))
  } catch (e) {
    console.error(`package did not load: ${e.message}`)
    for (const x of e.errors || []) console.error(`  ${String(x.message).replace(/\s+/g, ' ')}`)
    process.exit(2)
  }
  for (const e of pkg.errors) console.error(`warning: descriptor: ${e.message.replace(/\s+/g, ' ')}`)

  const counts = {}
  const files = {}
  const failures = {}
  for (const res of pkg.resources) {
    const d = res.descriptor
    if (!isTableDescriptor(d)) {
      try {
        files[res.name] = (await res.rawRead()).length
      } catch (e) {
        failures[res.name] = `raw read failed: ${e.message}`
      }
      continue
    }
    if ((d.format || path.extname(String(d.path || '')).slice(1)) === 'csv' && !(d.dialect && d.dialect.delimiter)) {
      console.error(`warning: ${res.name}: no dialect.delimiter, datapackage-js will sniff it (csv-sniffer can guess " ")`)
    }
    if (!res.tabular) {
      failures[res.name] = 'datapackage-js does not treat this resource as tabular (format/extension not csv/tsv/xls/xlsx?)'
      continue
    }
    const schema = res.schema
    if (schema && !schema.valid) {
      failures[res.name] = 'invalid Table Schema: ' + schema.errors.map((e) => String(e.message).replace(/\s+/g, ' ')).join('; ')
      continue
    }
    try {
      const rows = await res.read({ keyed: true, cast: true, relations })
      counts[res.name] = rows.length
    } catch (e) {
      const details = (e.errors || []).slice(0, 5).map((x) => String(x.message || x))
      failures[res.name] = [e.message, ...details].join(' | ')
    }
  }
  if (Object.keys(counts).length + Object.keys(failures).length === 0) {
    failures['(package)'] = 'no table resources found'
  }
  console.log(JSON.stringify({ tables: counts, files }, null, 2))
  for (const [name, msg] of Object.entries(failures)) console.error(`FAILED ${name}: ${msg}`)
  process.exit(Object.keys(failures).length ? 1 : 0)
}

main().catch((e) => { console.error(e && e.stack ? e.stack : String(e)); process.exit(2) })
