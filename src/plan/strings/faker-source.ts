import { readFileSync } from "node:fs";
import type { Faker } from "@faker-js/faker";
import { SynthError } from "../../errors/synth-error.js";
import { Rng } from "../../random/rng.js";
import type { Sample } from "../sampler.js";
import { plainIfValues } from "../plain-text.js";

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

/** Draws the pools of PREBUILT_METHODS (for the build): exactly what a run would draw itself. */
export async function drawPrebuiltPools(): Promise<Record<string, string[]>> {
  const source = new FakerSource();
  await source.load();
  for (const name of PREBUILT_METHODS) source.pool(name, "");
  return Object.fromEntries(PREBUILT_METHODS.map((name) => [name, knownPool(name)!]));
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

  get loaded(): boolean {
    return this.faker !== undefined || this.adopted;
  }

  /**
   * Imports faker unless every method named can be served from a pool already drawn (by the build,
   * or by the thread that handed its pools over), which saves the import and the drawing.
   */
  async load(methods: readonly string[] = []): Promise<void> {
    if (this.faker || this.adopted) return;
    if (handedOver || (methods.length > 0 && methods.every(isFinitePool))) {
      this.adopted = true;
      return;
    }
    // The en_GB entry point loads only its locale chain (en_GB, en, base): a fifth of the time and
    // memory of the package index, which loads every locale. Its instance supplies the Faker class
    // and the merged definitions; our own instance redirects faker's randomness to our Rng.
    const { faker: prebuilt } = await import("@faker-js/faker/locale/en_GB");
    const Faker = prebuilt.constructor as typeof import("@faker-js/faker").Faker;
    this.faker = new Faker({
      locale: prebuilt.rawDefinitions,
      randomizer: { next: () => this.liveRng.float53(), seed: () => undefined },
    });
  }

  private method(name: string, pointer: string): () => unknown {
    // Adopted pools were drawn (and their method names checked) by the thread that handed them over.
    if (!this.faker && this.adopted && knownPool(name) !== undefined && (handedOver || isFinitePool(name))) return () => undefined;
    if (!this.faker) throw new SynthError("INTERNAL", "faker was not loaded before compiling", { pointer });
    const [moduleName, methodName] = name.split(".");
    const module = moduleName ? (this.faker as unknown as Record<string, unknown>)[moduleName] : undefined;
    const fn = module && methodName ? (module as Record<string, unknown>)[methodName] : undefined;
    if (typeof fn !== "function" || !/^[a-z][a-zA-Z]*\.[a-z][a-zA-Z]*$/.test(name)) {
      throw new SynthError("UNKNOWN_GENERATOR", `unknown faker method "${name}" (expected module.method, e.g. person.lastName)`, { pointer });
    }
    return () => (fn as () => unknown).call(module);
  }

  /** A sampler for a faker method such as "person.lastName". Throws UNKNOWN_GENERATOR naming the pointer. */
  sampler(name: string, pointer: string): Sample<string> {
    const cached = this.samplers.get(name);
    if (cached) return cached;
    const call = this.method(name, pointer);
    let sample: Sample<string>;
    try {
      sample = this.pooledOrLive(name, call);
    } catch (error) {
      if (error instanceof SynthError) throw error;
      throw new SynthError("UNKNOWN_GENERATOR", `faker method "${name}" cannot be called without arguments`, { pointer });
    }
    this.samplers.set(name, sample);
    return sample;
  }

  /** The values a finite-list method can give, or undefined for composing methods. */
  pool(name: string, pointer: string): readonly string[] | undefined {
    const call = this.method(name, pointer);
    const values = this.draw(name, call);
    return isFiniteList(values) ? values : undefined;
  }

  private draw(name: string, call: () => unknown): string[] {
    const drawn = knownPool(name);
    if (drawn) return drawn;
    // The pool depends only on the method's name: the same on every machine and in every worker.
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
