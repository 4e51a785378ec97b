import { joinPointer } from "../../errors/json-pointer.js";
import { SynthError } from "../../errors/synth-error.js";
import type { Rng } from "../../random/rng.js";
import { sameCode } from "../../rules/values.js";
import type { RuleValue } from "../../rules/types.js";
import type { Located } from "../../schema/ref-index.js";
import type { ColumnStats } from "../../stats/types.js";
import type { Sample } from "../sampler.js";
import { takesSex, type FakerSource, type Sex } from "../strings/faker-source.js";

/**
 * `x-synth-sex` on a name column: its values agree with a sex column of the same row. Codes listed
 * under `female` draw female names, those under `male` male names, and every other code (not known,
 * not stated, indeterminate, empty) draws from both lists, half and half.
 */
export interface SexLink {
  /** The name column. */
  name: string;
  /** The sex column it reads. */
  column: string;
  female: RuleValue[];
  male: RuleValue[];
  /** The faker method the names come from (one that takes a sex). */
  method: string;
  pointer: string;
}

const isCode = (v: unknown): v is RuleValue => typeof v === "string" || typeof v === "number" || typeof v === "boolean";

/** The name column's faker method: from its statistics, else its x-faker, else person.firstName. */
function methodOf(name: string, parts: Located[], stats: ColumnStats | undefined, pointer: string): string {
  const fromStats = stats?.kind === "string" && stats.generator && "faker" in stats.generator ? stats.generator.faker : undefined;
  // Free text (lengths only) gives way to names; published categories or another generator do not.
  if (stats && fromStats === undefined && !(stats.kind === "string" && !stats.generator)) {
    throw new SynthError("SCHEMA_CONTRADICTION", `x-synth-sex needs "${name}" drawn from faker's person names, but its statistics give it other values`, { pointer, column: name });
  }
  const fromSchema = parts.map((p) => (p.node as Record<string, unknown>)["x-faker"]).find((v): v is string => typeof v === "string");
  const method = fromStats ?? fromSchema ?? "person.firstName";
  if (!takesSex(method)) throw new SynthError("SCHEMA_INVALID", `x-synth-sex needs a faker method that takes a sex (person.firstName, person.middleName, person.prefix, person.fullName), not "${method}"`, { pointer, column: name });
  return method;
}

/**
 * The sex links a table declares, by name column. Checks each against the table: the sex column
 * exists and is another column, the codes are scalars listed once, and (when the sex column lists its
 * codes) each code is one of them.
 */
export function sexLinks(properties: ReadonlyMap<string, Located[]>, columnStats: Readonly<Record<string, ColumnStats>>, codesOf: (column: string) => readonly unknown[] | undefined): Map<string, SexLink> {
  const links = new Map<string, SexLink>();
  for (const [name, parts] of properties) {
    const part = parts.find((p) => p.node !== null && typeof p.node === "object" && Object.hasOwn(p.node, "x-synth-sex"));
    if (!part) continue;
    const pointer = joinPointer(part.pointer, "x-synth-sex");
    const spec = (part.node as Record<string, unknown>)["x-synth-sex"];
    if (spec === null || typeof spec !== "object" || Array.isArray(spec)) throw new SynthError("SCHEMA_INVALID", 'x-synth-sex must be an object: {"column": "sex", "female": ["2"], "male": ["1"]}', { pointer });
    const { column, female, male, ...rest } = spec as Record<string, unknown>;
    const extra = Object.keys(rest)[0];
    if (extra !== undefined) throw new SynthError("SCHEMA_INVALID", `x-synth-sex has no "${extra}" (it takes column, female and male)`, { pointer: joinPointer(pointer, extra) });
    if (typeof column !== "string") throw new SynthError("SCHEMA_INVALID", "x-synth-sex needs the name of the sex column in \"column\"", { pointer: joinPointer(pointer, "column") });
    if (column === name || !properties.has(column)) throw new SynthError("SCHEMA_INVALID", column === name ? "x-synth-sex names the column it is on" : `x-synth-sex names a column "${column}" the table does not have`, { pointer: joinPointer(pointer, "column") });
    const codes = codesOf(column);
    const seen: RuleValue[] = [];
    for (const [key, list] of [["female", female], ["male", male]] as const) {
      if (!Array.isArray(list) || list.length === 0 || !list.every(isCode)) throw new SynthError("SCHEMA_INVALID", `x-synth-sex needs "${key}": a list of the sex column's codes`, { pointer: joinPointer(pointer, key) });
      list.forEach((code, i) => {
        if (seen.some((s) => sameCode(code, s))) throw new SynthError("SCHEMA_INVALID", `code ${JSON.stringify(code)} is listed twice`, { pointer: joinPointer(pointer, key, i) });
        if (codes && !codes.some((c) => c !== null && sameCode(c, code))) throw new SynthError("SCHEMA_INVALID", `code ${JSON.stringify(code)} is not a code of "${column}" (its codes: ${codes.filter((c) => c !== null).map((c) => JSON.stringify(c)).join(", ")})`, { pointer: joinPointer(pointer, key, i) });
        seen.push(code);
      });
    }
    const method = methodOf(name, parts, columnStats[name], pointer);
    links.set(name, { name, column, female: female as RuleValue[], male: male as RuleValue[], method, pointer });
  }
  return links;
}

/** Draws a name for a sex code: the female or male list, or either, half and half, for other codes. */
export function sexedSampler(link: SexLink, faker: FakerSource): { sample: (code: unknown, rng: Rng, row: number) => string; parts: Sample<string>[] } {
  const female = faker.sampler(link.method, link.pointer, "female" satisfies Sex);
  const male = faker.sampler(link.method, link.pointer, "male" satisfies Sex);
  return {
    sample(code, rng, row) {
      if (link.female.some((c) => sameCode(code, c))) return female(rng, row);
      if (link.male.some((c) => sameCode(code, c))) return male(rng, row);
      return rng.chance(0.5) ? female(rng, row) : male(rng, row);
    },
    parts: [female, male],
  };
}
