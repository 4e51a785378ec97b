import type { ValidateFunction } from "ajv";
import { SynthError } from "../../errors/synth-error.js";
import type { Compiled, CompileInput } from "../../generate/compile.js";
import { declaredRules } from "../../plan/dependence/row-columns.js";
import type { Plan } from "../../plan/plan.js";
import { Rng, hashString } from "../../random/rng.js";
import { ruleColumns, ruleHolds, ruleWords, type OrderRule, type Rule } from "../../rules/index.js";
import { shiftLike } from "./shift.js";
import { childrenCount } from "./children-count.js";
import { keyColumn, type KeyColumn } from "./keys.js";
import type { LinkedKey, TableLink } from "./link.js";
import { ParentLocator } from "./parent-locator.js";

type Row = Record<string, unknown>;

/** A table of a package as other tables see it: its keys and its rows, by row number. */
export interface LinkedTable {
  rows: number;
  keyAt(row: number): unknown[];
  recordAt(row: number): Row;
}

/** Redraws of a row whose copied or key values break one of its rules, before giving up. */
const MAX_ATTEMPTS = 100;

interface ResolvedKey {
  key: LinkedKey;
  parent: LinkedTable | "self";
  stream: number;
}

function propertyOf(compiled: Compiled, column: string): Record<string, unknown> {
  const schema = compiled.loaded.schema as Record<string, unknown>;
  const property = ((schema.properties ?? {}) as Record<string, unknown>)[column];
  return property !== null && typeof property === "object" ? (property as Record<string, unknown>) : {};
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
    const parent = key.parent ? linkedOf(await compile(key.parent)) : "self";
    keys.push({ key, parent, stream: hashString(`fk:${link.table}:${key.fields.join(",")}`) });
  }
  const driving = keys.find((k) => k.key.driving && k.parent !== "self");
  const locator = driving ? new ParentLocator(driving.key.parentRows, childrenCount(driving.key.bins, driving.key.meanChildren, seed, `${link.table}:${driving.key.fields.join(",")}`)) : undefined;
  if (locator && locator.children !== link.rows) throw new SynthError("INTERNAL", `table "${link.table}" was planned for ${link.rows} rows but its parents have ${locator.children} children`);
  const drivingFields = new Set(driving?.key.fields ?? []);
  // Primary-key columns that are not the parent's key: a number within the parent when the key is
  // (parent, sequence), otherwise distinct by row number.
  const ownKeyFields = link.primaryKey.filter((f) => !drivingFields.has(f));
  const sequenceWithinParent = driving !== undefined && ownKeyFields.length === 1 && link.primaryKey.length > 1 && typesOf(propertyOf(compiled, ownKeyFields[0]!)).includes("integer");
  const ownKeys = new Map<string, KeyColumn>();
  for (const field of ownKeyFields) {
    if (sequenceWithinParent) {
      const property = propertyOf(compiled, field);
      const low = typeof property.minimum === "number" ? Math.ceil(property.minimum) : 1;
      ownKeys.set(field, (row) => low + locator!.find(row).index);
    } else {
      ownKeys.set(field, keyColumn(link.table, field, propertyOf(compiled, field), compiled.stats, link.rows, seed));
    }
  }
  const keyAt = (row: number): unknown[] => {
    const parentKey = driving && driving.parent !== "self" ? driving.parent.keyAt(locator!.find(row).parent) : [];
    return link.primaryKey.map((field) => {
      const own = ownKeys.get(field);
      if (own) return own(row);
      return parentKey[driving!.key.fields.indexOf(field)];
    });
  };

  const written = new Set<string>([...link.primaryKey, ...keys.flatMap((k) => [...k.key.fields, ...(k.key.inherited ?? []).map((i) => i.column)])]);
  const validatorOf = (column: string): ValidateFunction => compiled.loaded.validatorAt(`/properties/${column.replace(/~/g, "~0").replace(/\//g, "~1")}`);
  const validators = new Map<string, ValidateFunction>([...written].map((column) => [column, validatorOf(column)]));
  const rules: Rule[] = [...declaredRules(compiled.loaded.schema).map((r) => r.rule), ...(compiled.stats?.rules ?? [])].filter((rule) => ruleColumns(rule).some((c) => written.has(c)));
  const inheritedColumns = new Set(keys.flatMap((k) => (k.key.inherited ?? []).map((i) => i.column)));
  const followers = new Map<string, OrderRule[]>();
  for (const rule of [...declaredRules(compiled.loaded.schema).map((r) => r.rule), ...(compiled.stats?.rules ?? [])]) {
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
  let parentRecord: { parent: number; row: Row } | undefined;

  const join = (record: Row, row: number): void => {
    const position = locator?.find(row);
    for (const resolved of keys) {
      const { key } = resolved;
      let values: unknown[];
      if (resolved === driving) {
        values = (resolved.parent as LinkedTable).keyAt(position!.parent);
        if (key.inherited && key.inherited.length > 0) {
          if (parentRecord?.parent !== position!.parent) parentRecord = { parent: position!.parent, row: (resolved.parent as LinkedTable).recordAt(position!.parent) };
          for (const { column, from } of key.inherited) {
            const drawn = record[column];
            record[column] = parentRecord.row[from];
            // Values drawn after the copied one (an order rule's gap) move with it.
            for (const rule of followers.get(column) ?? []) {
              const moved = shiftLike(record[rule.second], drawn, record[column]);
              if (moved !== undefined) record[rule.second] = moved;
            }
          }
        }
      } else {
        linkRng.seedRow(seed, row, resolved.stream);
        const nullable = key.fields.every((f) => validators.get(f)!(null));
        if (nullable && key.emptyShare !== undefined && linkRng.chance(key.emptyShare)) {
          values = key.fields.map(() => null);
        } else {
          const parentRows = resolved.parent === "self" ? link.rows : key.parentRows;
          if (parentRows === 0) {
            if (!nullable) throw new SynthError("UNSATISFIABLE", `refers to a table with no rows and cannot be empty`, { column: key.fields[0]! });
            values = key.fields.map(() => null);
          } else {
            const target = linkRng.below(parentRows);
            values = resolved.parent === "self" ? keyAt(target) : resolved.parent.keyAt(target);
          }
        }
      }
      key.fields.forEach((field, i) => (record[field] = values[i]));
    }
    if (ownKeys.size > 0 || link.primaryKey.length > 0) {
      const own = keyAt(row);
      link.primaryKey.forEach((field, i) => (record[field] = own[i]));
    }
  };

  const check = (record: Row): Rule | string | undefined => {
    for (const [column, validate] of movedValidators) {
      const value = record[column] === undefined ? null : record[column];
      if (!validate(value) || !withinPublished(column, value)) return column;
    }
    for (const [column, validate] of validators) {
      const value = record[column] === undefined ? null : record[column];
      if (!validate(value)) throw new SynthError("SCHEMA_CONTRADICTION", `gets the value ${JSON.stringify(value)} from the key or parent it follows, which its own schema does not allow: give it the same type and range as the column it refers to`, { column });
    }
    return rules.find((rule) => !ruleHolds(rule, (c) => (record[c] === undefined ? null : record[c])));
  };

  const sample = (rng: Rng, row: number): unknown => {
    let broken: Rule | string | undefined;
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const record = base.sample(rng, row) as Row;
      join(record, row);
      broken = check(record);
      if (!broken) return record;
    }
    if (typeof broken === "string") throw new SynthError("GENERATION_FAILED", `row ${row} of "${link.table}": moved with the value copied from its parent, the column kept falling outside its schema`, { column: broken });
    throw new SynthError("GENERATION_FAILED", `row ${row} of "${link.table}" kept breaking the rule "${ruleWords(broken!)}" with the values its parent and keys give it`, { column: ruleColumns(broken!)[0]! });
  };
  const plan: Plan = { columns: base.columns, nestedColumns: base.nestedColumns, sample, exact: base.exact, warnings: base.warnings };
  const recordRng = new Rng(seed);
  const table: LinkedTable = {
    rows: link.rows,
    keyAt,
    recordAt(row) {
      recordRng.seedRow(seed, row);
      return sample(recordRng, row) as Row;
    },
  };
  return { plan, table };
}

function typesOf(property: Record<string, unknown>): string[] {
  const type = property.type;
  return (Array.isArray(type) ? type : [type]).filter((t) => typeof t === "string") as string[];
}

/** A compiled table's linked view (compile attaches it when the input has a link). */
function linkedOf(compiled: Compiled): LinkedTable {
  if (!compiled.linked) throw new SynthError("INTERNAL", "a parent table was compiled without its link");
  return compiled.linked;
}
