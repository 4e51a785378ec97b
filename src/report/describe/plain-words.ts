import { identifierType } from "../../identifiers/index.js";
import type { ValueGenerator } from "../../stats/types.js";

/**
 * What a requester is told about how a column's dummy values are made, and what shape its values
 * have, in words rather than generator names ("faker person.firstName") or regular expressions.
 */

/** faker methods by what they make; any other method is named from its own words. */
const FAKER_WORDS: Record<string, string> = {
  "person.firstName": "made-up forenames",
  "person.lastName": "made-up surnames",
  "person.middleName": "made-up middle names",
  "person.fullName": "made-up full names",
  "person.prefix": "made-up titles (Mr, Ms, Dr, ...)",
  "internet.email": "made-up e-mail addresses",
  "phone.number": "made-up telephone numbers",
  "location.streetAddress": "made-up street addresses",
  "location.city": "made-up town names",
  "location.county": "made-up county names",
  "company.name": "made-up company names",
  "lorem.sentence": "placeholder sentences (lorem ipsum)",
  "lorem.words": "placeholder words (lorem ipsum)",
};

const FORMAT_WORDS: Record<string, string> = {
  uuid: "random UUIDs",
  email: "made-up e-mail addresses",
  date: "dates",
  "date-time": "dates and times",
  uri: "made-up web addresses",
  hostname: "made-up host names",
  ipv4: "made-up IPv4 addresses",
};

function splitWords(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, "$1 $2").toLowerCase();
}

/** "made-up forenames", "valid NHS numbers from the range reserved for testing", "text of the form ...". */
export function generatorWords(generator: ValueGenerator): string {
  if ("faker" in generator) {
    const known = FAKER_WORDS[generator.faker];
    if (known) return known;
    const method = generator.faker.split(".").pop() ?? generator.faker;
    return `made-up ${splitWords(method)} values`;
  }
  if ("type" in generator) return identifierWords(generator.type);
  if ("format" in generator) return FORMAT_WORDS[generator.format] ?? identifierWords(generator.format);
  const shape = patternWords(generator.pattern);
  return shape ? `made-up codes: ${shape}` : "made-up codes of a fixed shape";
}

function identifierWords(type: string): string {
  const found = identifierType(type);
  if (found) return `valid ${found.title}s, made up${found.title.includes("postcode") ? "" : " (from test ranges where there are any)"}`;
  return `made-up ${splitWords(type).replace(/-/g, " ")} values`;
}

/** A format of the schema for people: "date", "date and time", "NHS number". */
export function formatWords(format: string): string {
  if (format === "date") return "date";
  if (format === "date-time") return "date and time";
  if (format === "email") return "e-mail address";
  if (format === "uuid") return "UUID";
  const found = identifierType(format);
  return found ? found.title : format;
}

const CLASS_WORDS: Record<string, [string, string]> = {
  "A-Z": ["capital letter", "capital letters"],
  "a-z": ["lower-case letter", "lower-case letters"],
  "0-9": ["digit", "digits"],
  "A-Za-z": ["letter", "letters"],
  "a-zA-Z": ["letter", "letters"],
  "A-Z0-9": ["capital letter or digit", "capital letters or digits"],
  "0-9A-Z": ["capital letter or digit", "capital letters or digits"],
  "A-Za-z0-9": ["letter or digit", "letters or digits"],
};

function classWords(body: string): [string, string] | undefined {
  const known = CLASS_WORDS[body];
  if (known) return known;
  const digits = /^(\d)-(\d)$/.exec(body);
  if (digits) return [`digit ${digits[1]} to ${digits[2]}`, `digits ${digits[1]} to ${digits[2]}`];
  if (/^[A-Za-z0-9]+$/.test(body)) {
    const list = [...body].join(", ");
    return [`one of ${list}`, `characters from ${list}`];
  }
  return undefined;
}

function countWords(min: number, max: number | undefined, [one, many]: [string, string]): string {
  if (max === min) return min === 1 ? `a ${one}` : `${min} ${many}`;
  if (max === undefined) return min === 0 ? `any number of ${many}` : `${min} or more ${many}`;
  return `${min} to ${max} ${many}`;
}

/**
 * A simple pattern (`^[A-Z]{2}[0-9]{6}$`) in words ("2 capital letters, then 6 digits"), or
 * undefined when it uses anything beyond character classes, literals and counts.
 */
export function patternWords(pattern: string): string | undefined {
  let rest = pattern.replace(/^\^/, "").replace(/\$$/, "");
  const parts: string[] = [];
  while (rest.length > 0) {
    let unit: [string, string] | undefined;
    let literal: string | undefined;
    let m: RegExpExecArray | null;
    if ((m = /^\[([^\]^\\]+)\]/.exec(rest))) unit = classWords(m[1]!);
    else if ((m = /^\\d/.exec(rest))) unit = ["digit", "digits"];
    else if ((m = /^\\([-./ ])/.exec(rest))) literal = m[1]!;
    else if ((m = /^[A-Za-z0-9 \-/:]/.exec(rest))) literal = m[0];
    else return undefined;
    if (!unit && literal === undefined) return undefined;
    rest = rest.slice(m[0].length);
    let min = 1;
    let max: number | undefined = 1;
    const q = /^(\{(\d+)(,(\d*))?\}|\?|\+|\*)/.exec(rest);
    if (q) {
      rest = rest.slice(q[0].length);
      if (q[0] === "?") [min, max] = [0, 1];
      else if (q[0] === "+") [min, max] = [1, undefined];
      else if (q[0] === "*") [min, max] = [0, undefined];
      else {
        min = Number(q[2]);
        max = q[3] === undefined ? min : q[4] === "" ? undefined : Number(q[4]);
      }
    }
    if (literal !== undefined) {
      const shown = literal === " " ? "a space" : `“${literal}”`;
      parts.push(min === 1 && max === 1 ? shown : max === 1 && min === 0 ? `${shown} or nothing` : `${shown} ${countWords(min, max, ["time", "times"]).replace(/^a time$/, "once")}`);
    } else parts.push(max === 1 && min === 0 ? `${countWords(1, 1, unit!)} or nothing` : countWords(min, max, unit!));
  }
  return parts.length > 0 ? parts.join(", then ") : undefined;
}
