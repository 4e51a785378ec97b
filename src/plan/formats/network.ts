import type { Rng } from "../../random/rng.js";
import type { Sample } from "../sampler.js";

const HEX = "0123456789abcdef";
const HEX2: readonly string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, "0"));

/** RFC 2606 reserves these: a dummy address can never reach a real person. */
export const RESERVED_DOMAINS = ["example.org", "example.com", "example.net"] as const;

/** RFC 5737 documentation networks: never routed, never a real host. */
const IPV4_DOCUMENTATION = ["192.0.2.", "198.51.100.", "203.0.113."] as const;

export const sampleUuid: Sample<string> = (rng) => {
  const a = rng.nextU32(), b = rng.nextU32(), c = rng.nextU32(), d = rng.nextU32();
  return (
    HEX2[a & 255]! + HEX2[(a >>> 8) & 255] + HEX2[(a >>> 16) & 255] + HEX2[a >>> 24] + "-" +
    HEX2[b & 255] + HEX2[(b >>> 8) & 255] + "-4" + HEX[(b >>> 16) & 15] + HEX2[b >>> 24] + "-" +
    HEX2[(c & 63) | 128] + HEX2[(c >>> 8) & 255] + "-" +
    HEX2[(c >>> 16) & 255] + HEX2[c >>> 24] + HEX2[d & 255] + HEX2[(d >>> 8) & 255] + HEX2[(d >>> 16) & 255] + HEX2[d >>> 24]
  );
};

export const sampleIpv4: Sample<string> = (rng) => IPV4_DOCUMENTATION[rng.below(3)]! + (1 + rng.below(254));

/** RFC 3849's documentation prefix 2001:db8::/32. */
export const sampleIpv6: Sample<string> = (rng) => {
  let text = "2001:db8";
  for (let i = 0; i < 6; i++) text += ":" + rng.nextU32().toString(16).slice(0, 1 + rng.below(4));
  return text;
};

function pick<T>(rng: Rng, list: readonly T[]): T {
  return list[rng.below(list.length)]!;
}

/** Lower-case ASCII words for local parts, host labels and paths. */
export function wordSampler(words: readonly string[]): Sample<string> {
  const clean = words.map((w) => w.toLowerCase().replace(/[^a-z]/g, "")).filter((w) => w.length > 0);
  const pool = clean.length > 0 ? clean : ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot"];
  return (rng) => pick(rng, pool);
}

export function emailSampler(word: Sample<string>): Sample<string> {
  return (rng, row) => {
    const first = word(rng, row);
    const last = word(rng, row);
    const style = rng.below(3);
    const local = style === 0 ? first + "." + last : style === 1 ? first[0] + last + rng.below(100) : first + rng.below(1000);
    return local + "@" + pick(rng, RESERVED_DOMAINS);
  };
}

export function hostnameSampler(word: Sample<string>): Sample<string> {
  return (rng, row) => word(rng, row) + "." + pick(rng, RESERVED_DOMAINS);
}

export function uriSampler(word: Sample<string>): Sample<string> {
  return (rng, row) => "https://" + pick(rng, RESERVED_DOMAINS) + "/" + word(rng, row) + "/" + rng.below(10000);
}

export function uriReferenceSampler(word: Sample<string>): Sample<string> {
  return (rng, row) => "/" + word(rng, row) + "/" + rng.below(10000);
}
