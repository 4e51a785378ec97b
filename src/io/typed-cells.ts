import type { Cell } from "./read-table.js";
import { setProperty } from "./own-property.js";

/**
 * CSV cells are text; a schema describes values. A column's JSON type says how to read its text:
 * "12" is the number 12 in an integer column and the string "12" in a string column. Text that does
 * not read as the column's type is left as text, so that validation reports it rather than hiding it.
 */
export type CellType = "integer" | "number" | "boolean" | "string" | "any";

const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

export function typedCell(cell: Cell | undefined, type: CellType): Cell | undefined {
  if (typeof cell !== "string") return cell;
  switch (type) {
    case "integer":
    case "number":
      return NUMBER.test(cell) ? Number(cell) : cell;
    case "boolean": {
      const lower = cell.toLowerCase();
      return lower === "true" ? true : lower === "false" ? false : cell;
    }
    default:
      return cell;
  }
}

/** The cell type a JSON Schema property declares: its first non-null type. */
export function cellTypeOf(property: unknown): CellType {
  if (property === null || typeof property !== "object") return "any";
  const declared = (property as { type?: unknown }).type;
  const types = Array.isArray(declared) ? declared : [declared];
  for (const type of types) {
    if (type === "integer" || type === "number" || type === "boolean" || type === "string") return type;
  }
  const values = (property as { enum?: unknown[] }).enum;
  if (Array.isArray(values)) {
    if (values.some((v) => typeof v === "number")) return "number";
    if (values.some((v) => typeof v === "boolean")) return "boolean";
  }
  return "any";
}

/** A row as an object whose values follow the columns' types, ready for a JSON Schema validator. */
export function typedRecord(columns: readonly string[], cells: ReadonlyArray<Cell | undefined>, types: readonly CellType[]): Record<string, Cell> {
  const record: Record<string, Cell> = {};
  for (let i = 0; i < columns.length; i++) {
    const cell = typedCell(cells[i], types[i] ?? "any");
    if (cell !== undefined) setProperty(record, columns[i]!, cell);
  }
  return record;
}
