// Measures the editor's file format on every report: read, then written back (1) as a save
// without change and (2) with the document path forced (a change elsewhere), compared byte for byte.
// Usage: node tools/editor_roundtrip.mjs SCHEMA FILE...  → one JSON line per file.
import { readFileSync } from 'node:fs';
import * as YAML from 'yaml';
import { createFormat, keyOrder } from '../plugins/emulation_blocs/editing/static/format.js';

const [schemaPath, ...files] = process.argv.slice(2);
const orders = keyOrder(JSON.parse(readFileSync(schemaPath, 'utf8')));
for (const file of files) {
  const text = readFileSync(file, 'utf8');
  const format = createFormat(YAML, orders);
  const data = format.fromFile(text);
  const unchanged = format.toFile(structuredClone(data));
  // A change that is undone within the same front matter value forces the document path.
  const touched = structuredClone(data);
  touched.title = "ZZZ";
  format.fromFile(text);
  const viaDocument = format.toFile(touched).replace('title: "ZZZ"', `title: ${JSON.stringify(data.title)}`)
  .replace('title: ZZZ', `title: ${data.title}`);
  console.log(JSON.stringify({ file, unchanged: unchanged === text, document: viaDocument === text,
    documentText: viaDocument === text ? undefined : viaDocument }));
}
