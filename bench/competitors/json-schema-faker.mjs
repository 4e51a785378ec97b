// Usage: node json-schema-faker.mjs SCHEMA ROWS OUT.csv
// json-schema-faker 0.6.3 (createGeneratorSync, seeded) + csv-stringify: the schema-driven baseline.
import fs from "node:fs";
import { createGeneratorSync } from "json-schema-faker";
import { stringify } from "csv-stringify/sync";

const [schemaPath, rowsText, outPath] = process.argv.slice(2);
const schema = JSON.parse(fs.readFileSync(schemaPath, "utf8"));
const rows = Number(rowsText);
const columns = Object.keys(schema.properties);
const generator = createGeneratorSync({ seed: 1 });
const out = fs.openSync(outPath, "w");
fs.writeSync(out, columns.join(",") + "\n");
let batch = [];
for (let i = 0; i < rows; i++) {
  batch.push(generator.generate(schema));
  if (batch.length === 1000) {
    fs.writeSync(out, stringify(batch, { columns }));
    batch = [];
  }
}
if (batch.length > 0) fs.writeSync(out, stringify(batch, { columns }));
fs.closeSync(out);
