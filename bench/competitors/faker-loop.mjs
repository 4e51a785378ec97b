// Usage: node faker-loop.mjs ROWS OUT.csv
// A plain loop of @faker-js/faker calls for the reference schema's ten columns + csv-stringify: what
// people write by hand when they skip the schema.
import fs from "node:fs";
import { faker } from "@faker-js/faker/locale/en_GB";
import { stringify } from "csv-stringify/sync";

const [rowsText, outPath] = process.argv.slice(2);
const rows = Number(rowsText);
faker.seed(1);
const columns = ["patient_id", "nhs_number", "sex", "date_of_birth", "postcode", "ethnicity", "admitted_at", "length_of_stay", "cost_gbp", "email"];
const ETHNICITY = ["A", "B", "C", "D", "E", "F", "G", "H", "J", "K", "L", "M", "N", "P", "R", "S", "Z", null];
const out = fs.openSync(outPath, "w");
fs.writeSync(out, columns.join(",") + "\n");
let batch = [];
for (let i = 0; i < rows; i++) {
  batch.push([
    faker.string.uuid(),
    faker.string.numeric(10),
    faker.helpers.arrayElement(["F", "M", "I", "U"]),
    faker.date.birthdate().toISOString().slice(0, 10),
    faker.location.zipCode(),
    faker.helpers.arrayElement(ETHNICITY),
    faker.date.past({ years: 10 }).toISOString().slice(0, 19) + "Z",
    faker.number.int({ min: 0, max: 365 }),
    faker.number.float({ min: 0, max: 250000, fractionDigits: 2 }),
    faker.internet.email({ provider: "example.org" }),
  ]);
  if (batch.length === 1000) {
    fs.writeSync(out, stringify(batch));
    batch = [];
  }
}
if (batch.length > 0) fs.writeSync(out, stringify(batch));
fs.closeSync(out);
