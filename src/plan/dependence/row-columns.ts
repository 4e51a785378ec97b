import { joinPointer } from "../../errors/json-pointer.js";
import { mostSpecificError } from "../../schema/ajv-message.js";
import { SynthError } from "../../errors/synth-error.js";
import { ruleColumns } from "../../rules/index.js";
import type { Rule } from "../../rules/types.js";
import { ownValidator } from "../../schema/own-validators.js";
import type { Located } from "../../schema/ref-index.js";
import { isoToSeconds } from "../formats/calendar.js";
import type { StatsFile } from "../../stats/types.js";
import type { CompileContext } from "../context.js";
import type { Facts } from "../facts.js";
import { isPlain, isPlainValue, plain, withNumberText } from "../plain-text.js";
import type { Sample } from "../sampler.js";
import type { NodePlan } from "../types/node-plan.js";
import { OMIT } from "../types/object.js";
import { columnUnit, type ColumnUnit } from "./column-unit.js";
import { compileRowModel, type PlacedRule, type RowModel } from "./row-model.js";
import { sexedSampler, type SexLink } from "./sex-link.js";

/** The rules a schema declares for its rows: `x-synth-rules` at its root, checked against the rule format. */
export function declaredRules(schema: unknown): PlacedRule[] {
  if (schema === null || typeof schema !== "object" || !("x-synth-rules" in schema)) return [];
  const rules = (schema as Record<string, unknown>)["x-synth-rules"];
  const validate = ownValidator("rules");
  if (!validate(rules)) {
    const error = mostSpecificError(validate.errors);
    throw new SynthError("RULE_INVALID", `not a valid rule: ${error?.message ?? "invalid"}`, { pointer: "/x-synth-rules" + (error?.pointer ?? "") });
  }
  return (rules as Rule[]).map((rule, i) => ({ rule, pointer: joinPointer("/x-synth-rules", i) }));
}

/**
 * Collects the columns that are drawn together by the row model while the row's plan is compiled
 * (each column still compiles its own plan, which checks its statistics against the schema), then
 * compiles the model. Columns elsewhere in the row read their values from the model's slots.
 */
export class RowColumns {
  readonly names: ReadonlySet<string>;
  private readonly units: ColumnUnit[] = [];
  private readonly slots = new Map<string, number>();
  private readonly rules: PlacedRule[];
  private model: RowModel | undefined;

  constructor(
    private readonly stats: StatsFile | undefined,
    schemaRules: PlacedRule[],
    private readonly ctx: CompileContext,
    /** Name columns whose values follow a sex column (x-synth-sex), by name column. */
    private readonly sexLinks: ReadonlyMap<string, SexLink> = new Map(),
  ) {
    // A schema written by profile repeats the statistics' rules: each is kept, and checked, once.
    const seen = new Set<string>();
    this.rules = [...(stats?.rules ?? []).map((rule, i) => ({ rule, pointer: joinPointer("/rules", i) })), ...schemaRules].filter((placed) => {
      const key = JSON.stringify(placed.rule);
      return !seen.has(key) && (seen.add(key), true);
    });
    const names = new Set<string>();
    for (const node of stats?.model?.nodes ?? []) names.add(node.column);
    for (const placed of this.rules) for (const column of ruleColumns(placed.rule)) names.add(column);
    for (const link of sexLinks.values()) names.add(link.name).add(link.column);
    this.names = names;
  }

  get empty(): boolean {
    return this.names.size === 0;
  }

  /** Registers a row-model column and returns the plan that reads its value from the model. */
  column(name: string, facts: Facts, ownPlan: NodePlan, required: boolean, allowsNull: boolean, exact: boolean): NodePlan {
    const node = this.stats?.model?.nodes.find((n) => n.column === name);
    const link = this.sexLinks.get(name);
    const sexed = link ? sexedSampler(link, this.ctx.faker) : undefined;
    const unit = columnUnit(
      {
        name,
        stats: this.stats?.columns[name],
        facts,
        plan: ownPlan,
        ...(node ? { modelStates: node.states } : {}),
        empty: allowsNull ? null : required ? undefined : OMIT,
        exact: exact && !sexed,
        ...(link && sexed ? { given: { column: link.column, sample: sexed.sample } } : {}),
      },
      {
        ctx: this.ctx,
        isoToSeconds,
        validatorFor: (f) => {
          const validators = f.parts.filter((p: Located) => p.base !== "").map((p: Located) => this.ctx.loaded.validatorAt(p.pointer, p.doc));
          return (value) => validators.every((validate) => validate(value));
        },
      },
    );
    const slot = this.units.length;
    this.units.push(unit);
    this.slots.set(name, slot);
    const read: Sample<unknown> = () => this.model!.values[slot];
    const units = unit.scale?.units;
    if (units) {
      // Rounded numbers are written from their whole units, as independent ones are.
      const text = units.text;
      return { exact: true, sample: withNumberText(read, () => {
        const n = this.model!.units[slot]!;
        return Number.isNaN(n) ? this.model!.values[slot] : text(n);
      }) };
    }
    const plainValues = unit.states.every((s) => ("value" in s ? isPlainValue(s.value) : "from" in s ? unit.scale?.plain !== false : "empty" in s || (isPlain(ownPlan.sample) && (sexed?.parts.every(isPlain) ?? true))));
    return { exact: true, sample: plainValues ? plain(read) : read };
  }

  /** Compiles the model once every column has been seen; undefined when the row needs none. */
  finish(): RowModel | undefined {
    if (this.empty) return undefined;
    for (const name of this.names) {
      if (!this.slots.has(name)) {
        const place = this.rules.find((r) => ruleColumns(r.rule).includes(name));
        throw new SynthError(place ? "RULE_INVALID" : "STATS_CONTRADICTS_SCHEMA", `"${name}" is not a column of the table`, { column: name, ...(place ? { pointer: place.pointer } : { pointer: "/model" }) });
      }
    }
    this.model = compileRowModel(this.units, this.stats?.model, this.rules, this.ctx.options.maxAttempts);
    return this.model;
  }
}

/** The row's plan with the model drawn first, for the record sampler and for writers' fast path. */
export function withRowModel(plan: NodePlan, model: RowModel): NodePlan {
  const inner = plan.sample;
  const sample: Sample<unknown> = (rng, row) => {
    model.fill(rng, row);
    return inner(rng, row);
  };
  const fields = plan.fields;
  if (!fields || fields.length === 0) return { ...plan, sample, fields: undefined } as NodePlan;
  const [first, ...rest] = fields;
  const firstDraw = first!.draw;
  const drawFirst: Sample<unknown> = (rng, row) => {
    model.fill(rng, row);
    return firstDraw(rng, row);
  };
  return { ...plan, sample, fields: [{ name: first!.name, draw: isPlain(firstDraw) ? plain(drawFirst) : drawFirst }, ...rest] };
}
