import type { ValidateFunction } from "ajv";
import { SynthError } from "../../errors/synth-error.js";
import type { Compiled, CompileInput } from "../../generate/compile.js";
import { declaredRules } from "../../plan/dependence/row-columns.js";
import type { Plan } from "../../plan/plan.js";
import { Rng, hashString } from "../../random/rng.js";
import { ruleColumns, ruleHolds, ruleWords, type OrderRule, type Rule } from "../../rules/index.js";
import { shiftLike } from "./shift.js";
import type { FieldPlan } from "../../plan/types/node-plan.js";
import { OMIT } from "../../plan/types/object.js";
import type { LinkedKey, TableLink } from "./link.js";
import { keysFromInput, tableKeys, type TableKeys } from "./table-keys.js";

type Row = Record<string, unknown>;

/** A table of a package as other tables see it: its keys and its rows, by row number. */
export interface LinkedTable extends TableKeys {
  recordAt(row: number): Row;
}

/** Redraws of a row whose copied or key values break one of its rules, before giving up. */
const MAX_ATTEMPTS = 100;

interface ResolvedKey {
  key: LinkedKey;
  parent: LinkedTable | TableKeys | "self";
  stream: number;
}


/**
 * Wraps a table's compiled plan so that its rows join the package: primary keys from the row number,
 * foreign keys that name an existing parent row (the driving key laying children out parent by
 * parent, as many as the published distribution gives), and columns that copy the parent's value.
 * Every value put in is checked against the column's schema, and a row whose rules it breaks is drawn
 * again; past that, generation stops naming the rule.
 */
export async function linkPlan(compiled: Compiled, link: TableLink, compile: (input: CompileInput) => Promise<Compiled>): Promise<{ plan: Plan; table: LinkedTable }> {
  const base = compiled.plan;
  const seed = compiled.seed;
  const keys: ResolvedKey[] = [];
  for (const key of link.foreignKeys) {
    // A parent whose values are copied is compiled whole; for the others, its keys are enough.
    const copies = (key.inherited ?? []).length > 0;
    const parent: LinkedTable | TableKeys | "self" = !key.parent ? "self" : copies ? linkedOf(await compile(key.parent)) : keysFromInput(key.parent);
    keys.push({ key, parent, stream: hashString(`fk:${link.table}:${key.fields.join(",")}`) });
  }
  const driving = keys.find((k) => k.key.driving && k.parent !== "self");
  const own = tableKeys(link, compiled.loaded.schema, compiled.stats, seed, driving?.parent as TableKeys | undefined);
  const locator = own.locator;
  const keyAt = own.keyAt;

  const written = new Set<string>([...link.primaryKey, ...keys.flatMap((k) => [...k.key.fields, ...(k.key.inherited ?? []).map((i) => i.column)])]);
  const validatorOf = (column: string): ValidateFunction => compiled.loaded.validatorAt(`/properties/${column.replace(/~/g, "~0").replace(/\//g, "~1")}`);
  const validators = new Map<string, ValidateFunction>([...written].map((column) => [column, validatorOf(column)]));
  const tableRules: Rule[] = [...declaredRules(compiled.loaded.schema).map((r) => r.rule), ...(compiled.stats?.rules ?? [])];
  const rules = tableRules.filter((rule) => ruleColumns(rule).some((c) => written.has(c)));
  const inheritedColumns = new Set(keys.flatMap((k) => (k.key.inherited ?? []).map((i) => i.column)));
  const followers = new Map<string, OrderRule[]>();
  for (const rule of tableRules) {
    if (rule.kind !== "order" || !inheritedColumns.has(rule.first) || written.has(rule.second)) continue;
    followers.set(rule.first, [...(followers.get(rule.first) ?? []), rule]);
  }
  // A moved value outside its column's schema (a date past the maximum) means drawing the row again.
  const movedValidators = new Map<string, ValidateFunction>([...followers.values()].flat().map((rule) => [rule.second, validatorOf(rule.second)]));
  // Nor may it leave the column's published range (a dose given after the extract was taken).
  const withinPublished = (column: string, value: unknown): boolean => {
    const own = compiled.stats?.columns[column];
    const quantiles = own && (own.kind === "number" || own.kind === "date" || own.kind === "datetime") ? own.quantiles : undefined;
    if (!quantiles || quantiles.length === 0 || value === null) return true;
    const low = quantiles[0]![1];
    const high = quantiles.at(-1)![1];
    if (typeof value === "number" && typeof low === "number" && typeof high === "number") return value >= low && value <= high;
    if (typeof value === "string" && typeof low === "string" && typeof high === "string") return Date.parse(value) >= Date.parse(low) && Date.parse(value) <= Date.parse(high);
    return true;
  };
  const linkRng = new Rng(seed);
  const copying = (driving?.key.inherited ?? []).length > 0;
  let parentRecord: { parent: number; row: Row } | undefined;

  const nullable = new Map(keys.map((k) => [k, k.key.fields.every((f) => validators.get(f)!(null))]));
  /** The key columns of a row (its primary key and every foreign key), kept for the row last asked. */
  let keyedRow = -1;
  let keyed: Row = {};
  const keyValues = (row: number): Row => {
    if (row === keyedRow) return keyed;
    const values: Row = {};
    const position = locator?.find(row);
    for (const resolved of keys) {
      const { key } = resolved;
      let parts: unknown[];
      if (resolved === driving) {
        parts = (resolved.parent as TableKeys).keyAt(position!.parent);
      } else {
        linkRng.seedRow(seed, row, resolved.stream);
        const parentRows = resolved.parent === "self" ? link.rows : key.parentRows;
        const empty = nullable.get(resolved)! && ((key.emptyShare !== undefined && linkRng.chance(key.emptyShare)) || parentRows === 0);
        if (empty) parts = key.fields.map(() => null);
        else if (parentRows === 0) throw new SynthError("UNSATISFIABLE", "refers to a table with no rows and cannot be empty", { column: key.fields[0]! });
        else {
          const target = linkRng.below(parentRows);
          parts = resolved.parent === "self" ? keyAt(target) : resolved.parent.keyAt(target);
        }
      }
      key.fields.forEach((field, i) => (values[field] = parts[i]));
    }
    if (link.primaryKey.length > 0) {
      const own = keyAt(row);
      link.primaryKey.forEach((field, i) => (values[field] = own[i]));
    }
    keyedRow = row;
    keyed = values;
    return values;
  };

  /** Copies the parent's values into a drawn record, moving the values drawn after them along. */
  const inherit = (record: Row, row: number): void => {
    if (!driving || !copying) return;
    const parent = locator!.find(row).parent;
    if (parentRecord?.parent !== parent) parentRecord = { parent, row: (driving.parent as LinkedTable).recordAt(parent) };
    for (const { column, from } of driving.key.inherited ?? []) {
      const drawn = record[column];
      record[column] = parentRecord.row[from];
      // Values drawn after the copied one (an order rule's gap) move with it.
      for (const rule of followers.get(column) ?? []) {
        const moved = shiftLike(record[rule.second], drawn, record[column]);
        if (moved !== undefined) record[rule.second] = moved;
      }
    }
  };

  const contradiction = (column: string, value: unknown) =>
    new SynthError("SCHEMA_CONTRADICTION", `gets the value ${JSON.stringify(value)} from the key or parent it follows, which its own schema does not allow: give it the same type and range as the column it refers to`, { column });

  const check = (record: Row): Rule | string | undefined => {
    for (const [column, validate] of movedValidators) {
      const value = record[column] === undefined ? null : record[column];
      if (!validate(value) || !withinPublished(column, value)) return column;
    }
    for (const [column, validate] of validators) {
      const value = record[column] === undefined ? null : record[column];
      if (!validate(value)) throw contradiction(column, value);
    }
    return rules.find((rule) => !ruleHolds(rule, (c) => (record[c] === undefined ? null : record[c])));
  };

  const sample = (rng: Rng, row: number): unknown => {
    let broken: Rule | string | undefined;
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const record = base.sample(rng, row) as Row;
      inherit(record, row);
      Object.assign(record, keyValues(row));
      broken = check(record);
      if (!broken) return record;
    }
    if (typeof broken === "string") throw new SynthError("GENERATION_FAILED", `row ${row} of "${link.table}": moved with the value copied from its parent, the column kept falling outside its schema`, { column: broken });
    throw new SynthError("GENERATION_FAILED", `row ${row} of "${link.table}" kept breaking the rule "${ruleWords(broken!)}" with the values its parent and keys give it`, { column: ruleColumns(broken!)[0]! });
  };
  // Without copies or rules to keep, a row is its own fields with the key columns put in: the writer
  // can then write it field by field, as for a single table, without building the record.
  const fields =
    base.fields && !copying && rules.length === 0
      ? base.fields.map((field): FieldPlan => {
          const validate = validators.get(field.name);
          if (!validate) return field;
          const name = field.name;
          return {
            name,
            draw: (rng, row) => {
              // Drawn all the same: later fields may rest on what this one draws (a row model starts with the first field).
              field.draw(rng, row);
              const value = keyValues(row)[name];
              if (!validate(value ?? null)) throw contradiction(name, value);
              return value;
            },
          };
        })
      : undefined;
  const sampleFields = fields
    ? (rng: Rng, row: number): unknown => {
        const record: Row = {};
        for (const field of fields) {
          const value = field.draw(rng, row);
          if (value !== OMIT) record[field.name] = value;
        }
        return record;
      }
    : undefined;
  const plan: Plan = { columns: base.columns, nestedColumns: base.nestedColumns, sample: sampleFields ?? sample, exact: base.exact, warnings: base.warnings, ...(fields ? { fields } : {}) };
  const recordRng = new Rng(seed);
  const table: LinkedTable = {
    ...own,
    recordAt(row) {
      recordRng.seedRow(seed, row);
      // The row as the table's own file has it, whichever way the writer makes it.
      return plan.sample(recordRng, row) as Row;
    },
  };
  return { plan, table };
}


/** A compiled table's linked view (compile attaches it when the input has a link). */
function linkedOf(compiled: Compiled): LinkedTable {
  if (!compiled.linked) throw new SynthError("INTERNAL", "a parent table was compiled without its link");
  return compiled.linked;
}
