import { readFileSync } from "node:fs";
import type { Faker } from "@faker-js/faker";
import { SynthError } from "../../errors/synth-error.js";
import { Rng } from "../../random/rng.js";
import type { Sample } from "../sampler.js";
import { plainIfValues } from "../plain-text.js";
import { BASE_LOCALE, LOCALE_OVERLAYS } from "./locales/index.js";

export const POOL_SIZE = 4096;
/** The method whose words free text is drawn from (statistics with `words`). */
export const LOREM_WORD = "lorem.word";
/**
 * A method drawing from a finite list of L values repeats itself: 4096 draws give about
 * L(1 - e^(-4096/L)) distinct values (2,240 for faker's ~3,000 first names), while a method that
 * composes values (sentences, e-mails) repeats almost never. Under this many distinct: a list.
 */
const FINITE_LIST_LIMIT = Math.floor(POOL_SIZE * 0.9);

/** The methods whose pools the build draws ahead of time (dist/pools/faker.json), in this order. */
export const PREBUILT_METHODS = [
  "person.firstName", "person.lastName", "person.middleName", "person.fullName", "person.jobTitle", "person.jobArea",
  "person.prefix", "location.city", "location.county", "location.street", "location.streetAddress", "location.country",
  "company.name", "commerce.department", "commerce.productName", "internet.domainWord", "animal.type", "color.human",
  "lorem.word", "word.noun", "word.adjective", "word.verb", "music.genre", "vehicle.manufacturer",
] as const;

/** The locales whose pools the build also draws: their overlays' methods (others share the base pools). */
export const PREBUILT_LOCALES = Object.keys(LOCALE_OVERLAYS);

export type Sex = "female" | "male";

/** faker methods that take a sex, and how it is passed to each. */
const SEXED_ARGUMENTS: Readonly<Record<string, (sex: Sex) => unknown[]>> = {
  "person.firstName": (sex) => [sex],
  "person.middleName": (sex) => [sex],
  "person.prefix": (sex) => [sex],
  "person.fullName": (sex) => [{ sex }],
};

/** Whether a faker method can draw values for one sex (person.firstName("female")). */
export function takesSex(name: string): boolean {
  return Object.hasOwn(SEXED_ARGUMENTS, name);
}

/**
 * The key a method's pool is kept under: the method's name alone for what the base locale draws (as
 * before locales existed, so the prebuilt pools and their output stay as they were), prefixed with the
 * locale where the locale changes the values, and suffixed with the sex for one sex's values.
 */
export function poolKey(locale: string | undefined, name: string, sex?: Sex): string {
  const own = locale !== undefined && (locale !== BASE_LOCALE || (LOCALE_OVERLAYS[locale]?.methods.includes(name) ?? false));
  return `${own ? `${locale}/` : ""}${name}${sex ? `:${sex}` : ""}`;
}

/** The pool keys a method needs: its own, and one per sex where it takes one (a column may be linked to a sex). */
function keysOf(locale: string | undefined, name: string): string[] {
  const key = poolKey(locale, name);
  return takesSex(name) ? [key, poolKey(locale, name, "female"), poolKey(locale, name, "male")] : [key];
}

/**
 * Checks a schema's `x-synth-locale`: one of faker's locales. en_GB (the base) needs no look-up;
 * another locale loads faker's index of every locale, which only such schemas pay for.
 */
export async function checkLocale(locale: unknown, pointer: string): Promise<string> {
  if (typeof locale !== "string") throw new SynthError("SCHEMA_INVALID", "x-synth-locale must be a locale name such as \"en_GB\"", { pointer });
  if (locale === BASE_LOCALE) return locale;
  const { allLocales } = await import("@faker-js/faker");
  if (locale === "base" || !Object.hasOwn(allLocales, locale)) {
    const near = Object.keys(allLocales).filter((name) => name !== "base" && name.toLowerCase().split("_")[0] === locale.toLowerCase().split(/[_-]/)[0]);
    const listed = near.slice(0, 6).map((n) => `"${n}"`).join(", ") + (near.length > 6 ? ", …" : "");
    const hint = near.length > 0 ? ` (did you mean ${listed}?)` : " (faker's locale names, e.g. \"en_GB\", \"fr\", \"de_AT\")";
    throw new SynthError("SCHEMA_INVALID", `unknown locale "${locale}"${hint}`, { pointer });
  }
  return locale;
}

const PREBUILT_URL = new URL("../../../dist/pools/faker.json", import.meta.url);

/** The pools file, read on first use (a schema without faker methods never reads it); null if absent. */
let prebuiltFile: Buffer | null | undefined;

/** A pool drawn by the build: the same values a run would draw, without importing faker at all. */
function prebuiltPool(name: string): string[] | undefined {
  if (prebuiltFile === undefined) {
    try {
      prebuiltFile = readFileSync(PREBUILT_URL);
    } catch {
      prebuiltFile = null;
    }
  }
  return prebuiltFile === null ? undefined : poolInFile(prebuiltFile, name);
}

/**
 * One pool from the text of the pools file (JSON.stringify of { note, pools }). The file holds 1.3 MB
 * of pools and a run needs one or two, so the pool's array is cut out after its key and parsed alone,
 * a tenth of the time of parsing it all. The array ends at one of the "]" after its "[": the first
 * slice that parses is the one, as no shorter text from that "[" is a whole JSON value.
 */
export function poolInFile(file: Buffer, name: string): string[] | undefined {
  const key = Buffer.from(`${JSON.stringify(name)}:[`);
  const at = file.indexOf(key);
  if (at < 0) return undefined;
  const open = at + key.length - 1;
  for (let close = file.indexOf("]", open); close >= 0; close = file.indexOf("]", close + 1)) {
    try {
      return JSON.parse(file.toString("utf8", open, close + 1)) as string[];
    } catch {
      // that "]" was inside a value
    }
  }
  return undefined;
}

/**
 * Pools drawn, read from the build's file or handed over in this thread, by method. A pool depends
 * only on the method's name (and faker's version), so every plan in the thread shares it, and a
 * worker thread can be handed the pools its main thread drew instead of importing faker and drawing
 * them again.
 */
const drawnPools = new Map<string, string[]>();

/** The pool of a method drawn here so far, or else drawn by the build. */
function knownPool(name: string): string[] | undefined {
  let pool = drawnPools.get(name);
  if (pool === undefined) {
    pool = prebuiltPool(name);
    if (pool !== undefined) drawnPools.set(name, pool);
  }
  return pool;
}

/** Whether any method here was called live (so a worker would need faker itself). */
let liveUsed = false;
/** Pools handed over by a thread that compiled the same plan and called no method live. */
let handedOver = false;

const finiteness = new WeakMap<string[], boolean>();

function isFiniteList(values: string[]): boolean {
  let finite = finiteness.get(values);
  if (finite === undefined) {
    finite = new Set(values).size <= FINITE_LIST_LIMIT;
    finiteness.set(values, finite);
  }
  return finite;
}

/** Whether a method's values come from a pool already drawn here that is a finite list. */
function isFinitePool(name: string): boolean {
  const pool = knownPool(name);
  return pool !== undefined && isFiniteList(pool);
}

/**
 * Draws the pools of PREBUILT_METHODS (for the build), for the base locale and each prebuilt locale,
 * with one pool per sex for methods that take one: exactly what a run would draw itself.
 */
export async function drawPrebuiltPools(): Promise<Record<string, string[]>> {
  const keys = new Set<string>();
  for (const locale of [undefined, ...PREBUILT_LOCALES]) {
    const source = new FakerSource(locale);
    await source.load();
    for (const name of PREBUILT_METHODS) {
      source.pool(name, "");
      if (takesSex(name)) for (const sex of ["female", "male"] as const) source.pool(name, "", sex);
      for (const key of keysOf(locale, name)) keys.add(key);
    }
  }
  return Object.fromEntries([...keys].map((key) => [key, knownPool(key)!]));
}

export interface FakerPools {
  pools: Record<string, string[]>;
  live: boolean;
}

/** The pools drawn so far in this thread, to hand to workers compiling the same plan. */
export function fakerPools(): FakerPools {
  return { pools: Object.fromEntries(drawnPools), live: liveUsed };
}

/** Adopts another thread's pools; without live methods, faker is then never imported here. */
export function adoptFakerPools(handed: FakerPools): void {
  for (const [name, values] of Object.entries(handed.pools)) drawnPools.set(name, values);
  handedOver = !handed.live;
}

/**
 * faker, loaded only when a schema asks for it (it costs ~150 ms to import), and used the fast way:
 * methods that pick from a finite locale list are drawn into a pool once and then sampled with our
 * own Rng; methods that compose values (sentences, emails) are called live with faker's randomness
 * redirected to the row's Rng.
 */
export class FakerSource {
  private faker: Faker | undefined;
  private liveRng: Rng = new Rng(0);
  private readonly samplers = new Map<string, Sample<string>>();

  private adopted = false;

  /** `locale`: a schema's x-synth-locale (already checked); undefined for the base, as before locales. */
  constructor(readonly locale?: string) {}

  get loaded(): boolean {
    return this.faker !== undefined || this.adopted;
  }

  /**
   * Imports faker unless every method named can be served from a pool already drawn (by the build,
   * or by the thread that handed its pools over), which saves the import and the drawing.
   */
  async load(methods: readonly string[] = []): Promise<void> {
    if (this.faker || this.adopted) return;
    if (handedOver || (methods.length > 0 && methods.every((name) => keysOf(this.locale, name).every(isFinitePool)))) {
      this.adopted = true;
      return;
    }
    // The en_GB entry point loads only its locale chain (en_GB, en, base): a fifth of the time and
    // memory of the package index, which loads every locale. Its instance supplies the Faker class
    // and the merged definitions; our own instance redirects faker's randomness to our Rng.
    // Any other locale comes from faker's index (checkLocale has already loaded it).
    const { faker: prebuilt } = await import("@faker-js/faker/locale/en_GB");
    const Faker = prebuilt.constructor as typeof import("@faker-js/faker").Faker;
    const own = this.locale === undefined || this.locale === BASE_LOCALE ? prebuilt : (await import("@faker-js/faker")).allFakers[this.locale as keyof typeof import("@faker-js/faker").allFakers];
    if (!own) throw new SynthError("INTERNAL", `locale "${this.locale}" was not checked before loading`);
    const overlay = this.locale === undefined ? undefined : LOCALE_OVERLAYS[this.locale];
    this.faker = new Faker({
      locale: overlay ? [overlay.definitions, own.rawDefinitions] : own.rawDefinitions,
      randomizer: { next: () => this.liveRng.float53(), seed: () => undefined },
    });
  }

  private method(name: string, pointer: string, sex?: Sex): () => unknown {
    const key = poolKey(this.locale, name, sex);
    // Adopted pools were drawn (and their method names checked) by the thread that handed them over.
    if (!this.faker && this.adopted && knownPool(key) !== undefined && (handedOver || isFinitePool(key))) return () => undefined;
    if (!this.faker) throw new SynthError("INTERNAL", "faker was not loaded before compiling", { pointer });
    const [moduleName, methodName] = name.split(".");
    const module = moduleName ? (this.faker as unknown as Record<string, unknown>)[moduleName] : undefined;
    const fn = module && methodName ? (module as Record<string, unknown>)[methodName] : undefined;
    if (typeof fn !== "function" || !/^[a-z][a-zA-Z]*\.[a-z][a-zA-Z]*$/.test(name)) {
      throw new SynthError("UNKNOWN_GENERATOR", `unknown faker method "${name}" (expected module.method, e.g. person.lastName)`, { pointer });
    }
    if (sex === undefined) return () => (fn as () => unknown).call(module);
    const sexed = SEXED_ARGUMENTS[name];
    if (!sexed) throw new SynthError("UNKNOWN_GENERATOR", `faker method "${name}" cannot draw values for one sex`, { pointer });
    const args = sexed(sex);
    return () => (fn as (...a: unknown[]) => unknown).apply(module, args);
  }

  /**
   * A sampler for a faker method such as "person.lastName", or with `sex` one drawing that sex's
   * values (person.firstName("female")). Throws UNKNOWN_GENERATOR naming the pointer.
   */
  sampler(name: string, pointer: string, sex?: Sex): Sample<string> {
    const key = poolKey(this.locale, name, sex);
    const cached = this.samplers.get(key);
    if (cached) return cached;
    const call = this.method(name, pointer, sex);
    let sample: Sample<string>;
    try {
      sample = this.pooledOrLive(key, call);
    } catch (error) {
      if (error instanceof SynthError) throw error;
      throw new SynthError("UNKNOWN_GENERATOR", `faker method "${name}" cannot be called without arguments`, { pointer });
    }
    this.samplers.set(key, sample);
    return sample;
  }

  /** The values a finite-list method can give, or undefined for composing methods. */
  pool(name: string, pointer: string, sex?: Sex): readonly string[] | undefined {
    const call = this.method(name, pointer, sex);
    const values = this.draw(poolKey(this.locale, name, sex), call);
    return isFiniteList(values) ? values : undefined;
  }

  private draw(name: string, call: () => unknown): string[] {
    const drawn = knownPool(name);
    if (drawn) return drawn;
    // The pool depends only on its key (the method's name, and locale and sex where given): the same
    // on every machine and in every worker.
    const rng = new Rng(0x5eed, name.length);
    this.liveRng = rng;
    const values: string[] = new Array(POOL_SIZE);
    for (let i = 0; i < POOL_SIZE; i++) values[i] = String(call());
    drawnPools.set(name, values);
    return values;
  }

  private pooledOrLive(name: string, call: () => unknown): Sample<string> {
    const values = this.draw(name, call);
    if (isFiniteList(values)) {
      return plainIfValues(values, (rng) => values[rng.below(POOL_SIZE)]!);
    }
    liveUsed = true;
    return (rng) => {
      this.liveRng = rng;
      return String(call());
    };
  }
}
