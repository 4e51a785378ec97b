import { SynthError } from "../../errors/synth-error.js";
import { identifierType, identifierTypes } from "../../identifiers/index.js";
import type { Sample } from "../sampler.js";
import { plain } from "../plain-text.js";
import { DEFAULT_DATE_RANGE, TWO_DIGITS, isoDate, isoDateTime, secondsToIsoTime } from "./calendar.js";
import {
  emailSampler,
  hostnameSampler,
  sampleIpv4,
  sampleIpv6,
  sampleUuid,
  uriReferenceSampler,
  uriSampler,
} from "./network.js";

/** What a format needs from its surroundings: a source of realistic words. */
export interface FormatEnvironment {
  words: Sample<string>;
}

type FormatDefinition = (env: FormatEnvironment) => Sample<string>;

const SECONDS_PER_DAY = 86400;
const dayRange = DEFAULT_DATE_RANGE.to - DEFAULT_DATE_RANGE.from + 1;

const sampleDate: Sample<string> = (rng) => isoDate(DEFAULT_DATE_RANGE.from + rng.below(dayRange));
const sampleDateTime: Sample<string> = (rng) => isoDateTime(DEFAULT_DATE_RANGE.from + rng.below(dayRange), rng.below(SECONDS_PER_DAY));
const sampleTime: Sample<string> = (rng) => secondsToIsoTime(rng.below(SECONDS_PER_DAY)) + "Z";

const BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/** One entry per format synth can generate. Identifier types (nhs-number, ...) are looked up separately. */
const FORMATS: Record<string, FormatDefinition> = {
  date: () => sampleDate,
  "date-time": () => sampleDateTime,
  "iso-date-time": () => sampleDateTime,
  time: () => sampleTime,
  "iso-time": () => sampleTime,
  duration: () => (rng) => (rng.chance(0.5) ? "P" + (1 + rng.below(400)) + "D" : "PT" + (1 + rng.below(48)) + "H"),
  email: (env) => emailSampler(env.words),
  "idn-email": (env) => emailSampler(env.words),
  hostname: (env) => hostnameSampler(env.words),
  "idn-hostname": (env) => hostnameSampler(env.words),
  uri: (env) => uriSampler(env.words),
  url: (env) => uriSampler(env.words),
  iri: (env) => uriSampler(env.words),
  "uri-reference": (env) => uriReferenceSampler(env.words),
  "iri-reference": (env) => uriReferenceSampler(env.words),
  "uri-template": (env) => (rng, row) => uriSampler(env.words)(rng, row) + "/{id}",
  uuid: () => sampleUuid,
  ipv4: () => sampleIpv4,
  ipv6: () => sampleIpv6,
  regex: () => (rng) => ["^[a-z]+$", "[0-9]{2,4}", "^(yes|no)$", "\\d+"][rng.below(4)]!,
  "json-pointer": (env) => (rng, row) => "/" + env.words(rng, row) + "/" + rng.below(10),
  "json-pointer-uri-fragment": (env) => (rng, row) => "#/" + env.words(rng, row),
  "relative-json-pointer": (env) => (rng, row) => rng.below(3) + "/" + env.words(rng, row),
  byte: () => (rng) => {
    let text = "";
    for (let i = 0; i < 4; i++) text += BASE64[rng.below(64)]! + BASE64[rng.below(64)] + BASE64[rng.below(64)] + BASE64[rng.below(64)];
    return text;
  },
  password: (env) => (rng, row) => env.words(rng, row) + TWO_DIGITS[rng.below(100)] + "!",
  binary: (env) => env.words,
};

export function isKnownFormat(name: string): boolean {
  return name in FORMATS || identifierType(name) !== undefined;
}

export const KNOWN_FORMATS: readonly string[] = Object.keys(FORMATS);

/**
 * Formats whose values never hold a quote, comma, backslash or control character: digits and
 * separators, hex, base64, and words cleaned to a-z (see wordSampler). "regex" is not among them.
 */
const PLAIN_FORMATS = new Set([
  "date", "date-time", "iso-date-time", "time", "iso-time", "duration", "email", "idn-email", "hostname", "idn-hostname",
  "uri", "url", "iri", "uri-reference", "iri-reference", "uri-template", "uuid", "ipv4", "ipv6", "json-pointer",
  "json-pointer-uri-fragment", "relative-json-pointer", "byte", "password", "binary",
]);

// UK identifiers are letters, digits and spaces.
for (const type of identifierTypes) plain(type.sample);

/** A sampler for a string format; throws UNKNOWN_FORMAT naming the pointer when synth has none. */
export function formatSampler(name: string, env: FormatEnvironment, pointer: string): Sample<string> {
  const identifier = identifierType(name);
  if (identifier) return identifier.sample;
  const definition = FORMATS[name];
  if (!definition) throw new SynthError("UNKNOWN_FORMAT", `unknown format "${name}"`, { pointer });
  const sample = definition(env);
  return PLAIN_FORMATS.has(name) ? plain(sample) : sample;
}
