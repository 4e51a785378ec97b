import { SynthError, type ErrorPlace } from "../../errors/synth-error.js";
import type { Sample } from "../../plan/sampler.js";
import { numberCaptureGroups } from "./capture-groups.js";
import { countCodePoints, type CodePointRange } from "./code-points.js";
import { patternCharacters } from "./pattern-characters.js";
import { compileNode } from "./compile-node.js";
import { exactByConstruction } from "./exactness.js";
import { GenerationState } from "./generation-state.js";
import { padToMinLength } from "./padding.js";
import { buildMatcher, parsePattern, quotePattern } from "./parse-pattern.js";

export interface PatternOptions {
  /** JSON Schema minLength, in code points. */
  minLength?: number;
  /** JSON Schema maxLength, in code points. */
  maxLength?: number;
  /** How many repetitions past its minimum `*`, `+` or `{n,}` may produce. Default 8. */
  maxRepeat?: number;
  /** Where the pattern sits, for error messages. */
  place?: ErrorPlace;
}

const DEFAULT_MAX_REPEAT = 8;
/** Lookarounds, `\b` and tight length budgets are met by retrying; 50 misses means give up. */
const MAX_ATTEMPTS = 50;
/** Refuse patterns whose shortest match is absurd (`a{1000000000}`) rather than exhaust memory. */
const LONGEST_MINIMUM_MATCH = 1_000_000;

/**
 * A generator of strings that match `pattern` (with the "u" flag, unanchored, as JSON Schema reads
 * it) and fit the length bounds. Every result is checked against the real RegExp before it is
 * returned, so the generator's best-effort parts (lookarounds, `\b`, backreferences under tight
 * budgets) can never leak a wrong string; patterns that are exact by construction (exactness.ts)
 * skip that check, and without length bounds are drawn straight from the compiled tree.
 */
export function compilePattern(pattern: string, options: PatternOptions = {}): Sample<string> {
  const place = options.place ?? {};
  const matcher = buildMatcher(pattern, place);
  const ast = parsePattern(pattern, place);
  const minLength = options.minLength ?? 0;
  const maxLength = options.maxLength ?? Infinity;
  const maxRepeat = options.maxRepeat ?? DEFAULT_MAX_REPEAT;
  requireCount("minLength", minLength, place);
  if (maxLength !== Infinity) requireCount("maxLength", maxLength, place);
  requireCount("maxRepeat", maxRepeat, place);
  const bounds = describeBounds(minLength, maxLength);
  const unsatisfiable = (why: string): SynthError =>
    new SynthError("UNSATISFIABLE", `no string matching pattern ${quotePattern(pattern)} ${why}`, place);

  if (minLength > maxLength) throw unsatisfiable(`can have ${bounds}`);
  const groups = numberCaptureGroups(ast);
  const root = compileNode(ast, {
    pattern,
    place,
    maxRepeat,
    groups,
    groupMaxLength: new Map(),
  });
  if (root.impossible) throw unsatisfiable("exists: it requires a character from an empty set");
  if (root.minLength > maxLength) {
    throw unsatisfiable(`has ${bounds}: every match has at least ${root.minLength} characters`);
  }
  const fullyAnchored = root.anchoredStart && root.anchoredEnd;
  if (fullyAnchored && root.maxLength < minLength) {
    throw unsatisfiable(`has ${bounds}: every match has at most ${root.maxLength} characters`);
  }
  if (root.minLength > LONGEST_MINIMUM_MATCH) {
    throw new SynthError(
      "SCHEMA_UNSUPPORTED",
      `pattern ${quotePattern(pattern)} only matches strings of ${root.minLength} or more characters`,
      place,
    );
  }

  const generator = padToMinLength(root, minLength);
  const emit = generator.emit;
  const state = new GenerationState(groups.count);
  const checksLength = minLength > 0 || maxLength !== Infinity;
  const exact = exactByConstruction(ast);
  if (exact && !checksLength && generator === root && root.direct !== undefined) return root.direct;

  return (rng) => {
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      state.reset();
      emit(rng, state, minLength, maxLength);
      const candidate = state.text;
      // Length first: it is cheap, and a regex prone to backtracking should only see plausible text.
      if (checksLength) {
        const length = countCodePoints(candidate);
        if (length < minLength || length > maxLength) continue;
      }
      if (exact || matcher.test(candidate)) return candidate;
    }
    throw new SynthError(
      "GENERATION_FAILED",
      `could not generate a string matching pattern ${quotePattern(pattern)}${checksLength ? ` with ${bounds}` : ""} ` +
        `in ${MAX_ATTEMPTS} attempts; the pattern may be impossible to satisfy (misplaced anchors, contradictory lookarounds)`,
      place,
    );
  };
}

/** The code points strings generated for `pattern` may contain, or undefined if it does not spell them out (see pattern-characters.ts). */
export function patternCharacterRanges(pattern: string): CodePointRange[] | undefined {
  return patternCharacters(parsePattern(pattern, {}));
}

/** A test for whether a string satisfies `pattern` as JSON Schema reads it. */
export function patternMatcher(pattern: string, place: ErrorPlace = {}): (text: string) => boolean {
  const matcher = buildMatcher(pattern, place);
  return (text) => matcher.test(text);
}

function requireCount(name: string, value: number, place: ErrorPlace): void {
  if (Number.isInteger(value) && value >= 0) return;
  throw new SynthError("SCHEMA_INVALID", `${name} must be a non-negative integer, not ${value}`, place);
}

function describeBounds(minLength: number, maxLength: number): string {
  if (maxLength === Infinity) return `length >= ${minLength}`;
  if (minLength === maxLength) return `length ${minLength}`;
  return `length ${minLength}..${maxLength}`;
}
