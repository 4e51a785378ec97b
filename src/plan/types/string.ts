import { SynthError } from "../../errors/synth-error.js";
import { identifierType } from "../../identifiers/index.js";
import { compilePattern, patternCharacterRanges, type PatternOptions } from "../../random/regex/compile-pattern.js";
import type { CompileContext } from "../context.js";
import { type Facts, pointerOf } from "../facts.js";
import { formatSampler, isKnownFormat, type FormatEnvironment } from "../formats/index.js";
import { wordSampler } from "../formats/network.js";
import type { Sample } from "../sampler.js";
import type { NodePlan } from "./node-plan.js";
import { isPlainRange, plain } from "../plain-text.js";

const LETTERS = "abcdefghijklmnopqrstuvwxyz";
const FALLBACK_WORDS = ["alder", "birch", "cedar", "elm", "hazel", "larch", "maple", "oak", "rowan", "willow", "ash", "beech"];

/** Number formats are bounds on numbers, not strings: a string generator ignores them. */
const NUMBER_FORMATS = new Set(["int32", "int64", "float", "double"]);

export function formatEnvironment(ctx: CompileContext, pointer: string): FormatEnvironment {
  let words: Sample<string> | undefined;
  return {
    // Drawn only for formats that use words (e-mail, hosts, URIs): drawing the pool costs ~40 ms.
    get words() {
      words ??= wordSampler((ctx.faker.loaded ? ctx.faker.pool("person.lastName", pointer) : undefined) ?? FALLBACK_WORDS);
      return words;
    },
  };
}

/** A string of letters whose length is uniform in [min, max]. */
export function lettersSampler(min: number, max: number): Sample<string> {
  const span = max - min + 1;
  return plain((rng) => {
    const length = min + rng.below(span);
    let text = "";
    for (let i = 0; i < length; i++) text += LETTERS[rng.below(26)];
    return text;
  });
}

export function lengthBounds(facts: Facts): [number, number] {
  const min = facts.minLength ?? 0;
  const max = facts.maxLength ?? Math.max(min + 12, 12);
  if (min > max) throw new SynthError("UNSATISFIABLE", `minLength ${min} is greater than maxLength ${max}`, { pointer: pointerOf(facts) });
  return [min, max];
}

/** The realistic-value source the schema names, if any: x-faker, x-synth-type or a format. */
export function namedStringSource(facts: Facts, ctx: CompileContext): Sample<string> | undefined {
  const pointer = pointerOf(facts);
  if (facts.synthType !== undefined) {
    const type = identifierType(facts.synthType);
    if (!type) throw new SynthError("UNKNOWN_GENERATOR", `unknown x-synth-type "${facts.synthType}"`, { pointer });
    return type.sample;
  }
  if (facts.faker !== undefined) return ctx.faker.sampler(facts.faker, pointer);
  const formats = facts.formats.filter((f) => !NUMBER_FORMATS.has(f));
  for (const format of formats) {
    if (!isKnownFormat(format)) throw new SynthError("UNKNOWN_FORMAT", `unknown format "${format}"`, { pointer });
  }
  const format = formats[0];
  return format === undefined ? undefined : formatSampler(format, formatEnvironment(ctx, pointer), pointer);
}

/** A pattern's sampler, marked plain when the pattern can only produce plain characters. */
export function patternSampler(pattern: string, options: PatternOptions): Sample<string> {
  const sample = compilePattern(pattern, options);
  const characters = patternCharacterRanges(pattern);
  return characters !== undefined && characters.every(([first, last]) => isPlainRange(first, last)) ? plain(sample) : sample;
}

/** Pattern errors come from the regex compiler without a place: add the schema pointer. */
function compilePatternAt(pattern: string, bounds: { minLength?: number; maxLength?: number }, pointer: string): Sample<string> {
  try {
    return patternSampler(pattern, bounds);
  } catch (error) {
    if (error instanceof SynthError && error.place.pointer === undefined) {
      throw new SynthError(error.code, error.message, { ...error.place, pointer: pointer + "/pattern" });
    }
    throw error;
  }
}

export function compileString(facts: Facts, ctx: CompileContext): NodePlan {
  const pointer = pointerOf(facts);
  const [minLength, maxLength] = lengthBounds(facts);
  const lengthLimited = facts.minLength !== undefined || facts.maxLength !== undefined;
  const named = namedStringSource(facts, ctx);
  const formatCount = facts.formats.filter((f) => !NUMBER_FORMATS.has(f)).length;
  if (named) {
    const onlySource = facts.patterns.length === 0 && !lengthLimited && formatCount <= 1;
    return { sample: named, exact: onlySource && facts.faker === undefined };
  }
  if (facts.patterns.length > 0) {
    // The pattern sampler re-checks its own pattern and the length bounds on every value.
    const bounds = { ...(facts.minLength !== undefined ? { minLength } : {}), ...(facts.maxLength !== undefined ? { maxLength } : {}) };
    return { sample: compilePatternAt(facts.patterns[0]!, bounds, pointer), exact: facts.patterns.length === 1 };
  }
  const max = facts.maxLength === undefined ? Math.max(minLength, Math.min(minLength + 9, 12)) : maxLength;
  const min = facts.minLength === undefined ? Math.min(3, max) : minLength;
  return { sample: lettersSampler(min, max), exact: true };
}
