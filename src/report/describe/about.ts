/**
 * What a requester needs to know about the dataset as a whole, from the schema's annotations: who
 * holds it, whom to ask, under what licence, how current the real data is, what it covers, which
 * version. One `x-dataset` object at the schema's root (documented in the README):
 *
 *   "x-dataset": { "publisher": "...", "contact": "...", "licence": "...",
 *                  "referenceDate": "2026-03-31", "coverage": "...", "version": "..." }
 */

export interface DatasetAbout {
  publisher?: string;
  contact?: string;
  licence?: string;
  referenceDate?: string;
  coverage?: string;
  version?: string;
}

/** The fields in the order they are shown, with the words shown for each. */
export const ABOUT_FIELDS: ReadonlyArray<[keyof DatasetAbout, string]> = [
  ["publisher", "Held by"],
  ["contact", "Contact"],
  ["licence", "Licence"],
  ["referenceDate", "Real data as at"],
  ["coverage", "Coverage"],
  ["version", "Version"],
];

export function datasetAbout(root: Record<string, unknown>): DatasetAbout {
  const node = root["x-dataset"];
  if (node === null || typeof node !== "object" || Array.isArray(node)) return {};
  const raw = node as Record<string, unknown>;
  const about: DatasetAbout = {};
  const take = (key: keyof DatasetAbout, ...names: string[]) => {
    for (const name of names) {
      const value = raw[name];
      if (typeof value === "string" && value.trim() !== "") {
        about[key] = value.trim();
        return;
      }
      if (typeof value === "number") {
        about[key] = String(value);
        return;
      }
    }
  };
  take("publisher", "publisher");
  take("contact", "contact");
  take("licence", "licence", "license");
  take("referenceDate", "referenceDate");
  take("coverage", "coverage");
  take("version", "version");
  return about;
}

/** The steps of a request, each a sentence and the command that does it. */
export function requestSteps(schemaFile: string, statsFile: string | undefined): Array<{ say: string; command: string }> {
  const stats = statsFile ? ` --stats ${quote(statsFile)}` : "";
  const schema = quote(schemaFile);
  return [
    { say: "Start a request that lists every column, none selected:", command: `npx synth request init --schema ${schema} --output request.json` },
    { say: "In request.json, select the columns you need, say why for each, and coarsen what you can (years for dates, bands for numbers, groups for codes). Then check it:", command: `npx synth request check request.json --schema ${schema}${stats}` },
    { say: "Try your analysis on a dummy extract shaped exactly as the request asks:", command: `npx synth generate --schema ${schema}${stats} --request request.json --rows 1000 --output extract.csv` },
    { say: "Send request.json, with the check's report, to the contact above.", command: "" },
  ];
}

function quote(path: string): string {
  return /^[A-Za-z0-9_./-]+$/.test(path) ? path : `'${path.replace(/'/g, "'\\''")}'`;
}
