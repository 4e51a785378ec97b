import { sensitiveWords } from "../report/describe/flags.js";
import { isNumeric, isTemporal, schemaColumns, typeLabel, type ColumnInfo } from "../report/describe/columns.js";
import { loadSchema, prepareSchema } from "../schema/load.js";
import { REQUEST_FORMAT, REQUEST_VERSION, type ColumnRequest, type RequestFile } from "./types.js";
import { setProperty } from "../io/own-property.js";

export const REQUEST_SCHEMA_ID = "https://github.com/synth-data/synth/schemas/request.schema.json";

/** The coarser forms that apply to a column, as hints for whoever fills the request in. */
export function coarseningsFor(column: ColumnInfo): string[] {
  const out: string[] = [];
  const temporal = isTemporal(column);
  if (temporal) out.push("year", "month", ...(temporal === "datetime" ? ["date"] : []), "age-years", '{"to":"age-band","bands":[...]}');
  if (column.format === "uk-postcode" || /post ?code/i.test(column.name.replace(/_/g, " "))) out.push("postcode-outward", "postcode-area");
  if (isNumeric(column) && !column.codes) out.push('{"to":"band","width":...}');
  if (column.codes) out.push('{"to":"codes","keep":[...]}', '{"to":"groups","groups":{...}}');
  return out;
}

function about(column: ColumnInfo): string {
  const parts = [column.title ?? column.name, typeLabel(column)];
  if (column.identifier) parts.push(`${column.identifier.value} identifier${column.identifier.source === "guess" ? " (guess)" : ""}`);
  if (column.specialCategory) parts.push(`special category: ${column.specialCategory.value}${column.specialCategory.source === "guess" ? " (guess)" : ""}`);
  if (column.sensitive) parts.push(`${sensitiveWords(column.sensitive)}${column.sensitive.source === "guess" ? " (guess)" : ""}`);
  if (column.codes) parts.push(`codes ${column.codes.map((c) => String(c.value)).join(" ")}`.slice(0, 120));
  const coarser = coarseningsFor(column);
  if (coarser.length > 0) parts.push(`coarsen: ${coarser.join(" | ")}`);
  return parts.join(" · ");
}

/**
 * A request skeleton for a holder's schema: every column listed, none selected, the free-text
 * fields empty for the requester to fill in.
 */
export function initRequest(schema: string | object): RequestFile {
  const loaded = typeof schema === "string" ? loadSchema(schema) : prepareSchema(schema);
  const root = (loaded.schema !== null && typeof loaded.schema === "object" ? loaded.schema : {}) as Record<string, unknown>;
  const columns: Record<string, ColumnRequest> = {};
  for (const column of schemaColumns(loaded)) setProperty(columns, column.name, { selected: false, about: about(column), purpose: "" });
  return {
    $schema: REQUEST_SCHEMA_ID,
    format: REQUEST_FORMAT,
    version: REQUEST_VERSION,
    dataset: {
      ...(typeof root.title === "string" ? { title: root.title } : {}),
      ...(typeof root.$id === "string" ? { id: root.$id } : {}),
      ...(typeof schema === "string" ? { schema } : {}),
    },
    requester: { organisation: "", team: "", contact: "" },
    purpose: "",
    lawfulBasis: "",
    columns,
    filters: [],
  };
}
