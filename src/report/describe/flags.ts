/**
 * Flags a column for the people who read a dictionary or sign a release: whether it identifies a
 * person, whether it holds special-category data under UK GDPR Article 9, and whether it holds another
 * kind of sensitive data that is not Article 9 but needs the same care (criminal offence data under
 * Article 10, safeguarding, socio-economic circumstances). From the schema's `x-identifier` and
 * `x-special-category` annotations; where a column has none, guessed from whole words of its name and
 * title. Data apart from logic: each guess is one row of the tables below, and always shown as a guess.
 */

export type IdentifierLevel = "direct" | "indirect";

export interface Flag<T extends string> {
  value: T;
  /** "schema" when the schema's own annotation says so; "guess" when inferred from the name. */
  source: "schema" | "guess";
}

/** Sensitive kinds that are not Article 9 special categories, each flagged by its own name. */
export type SensitiveKind = "criminal offence" | "safeguarding" | "socio-economic" | "sensitive";

export interface SensitiveFlag extends Flag<string> {
  kind: SensitiveKind;
}

/** What a reader is told a sensitive kind is. */
export const SENSITIVE_LABELS: Record<SensitiveKind, string> = {
  "criminal offence": "Criminal offence data (UK GDPR Article 10)",
  safeguarding: "Safeguarding",
  "socio-economic": "Socio-economic",
  sensitive: "Sensitive",
};

/** The label of an Article 9 flag. */
export const SPECIAL_CATEGORY_LABEL = "Special category (UK GDPR Article 9)";

/**
 * A phrase matches when its words appear in this order as whole words of the name and title (so
 * "health" does not match "healthy_weight_band"'s neighbour words by accident, and "body mass" of a
 * penguin is not "body mass index"). A trailing "s" on the last word of the text is allowed.
 */
type Phrase = string;

const IDENTIFIER_RULES: ReadonlyArray<{ phrases: Phrase[]; level: IdentifierLevel }> = [
  { phrases: ["nhs number", "nhs no", "nhs", "chi number"], level: "direct" },
  { phrases: ["ni number", "ni no", "national insurance", "nino"], level: "direct" },
  { phrases: ["upn", "unique pupil number", "uln"], level: "direct" },
  { phrases: ["passport", "driving licence", "driving license", "ssn", "social security"], level: "direct" },
  {
    phrases: ["forename", "surname", "first name", "given name", "last name", "family name", "full name", "middle name", "maiden name", "firstname", "lastname", "fullname"],
    level: "direct",
  },
  { phrases: ["email", "e mail", "email address", "phone", "telephone", "mobile number", "phone number"], level: "direct" },
  { phrases: ["address line", "address 1", "address 2", "street", "house number", "house name"], level: "direct" },
  { phrases: ["postcode", "post code", "zip", "zip code"], level: "indirect" },
  { phrases: ["date of birth", "dob", "birth date", "birthdate"], level: "indirect" },
  { phrases: ["date of death", "dod"], level: "indirect" },
];

/** The Article 9 categories, each with the phrases that say a column holds it. */
const ARTICLE_9: ReadonlyArray<{ category: string; phrases: Phrase[] }> = [
  { category: "ethnicity", phrases: ["ethnicity", "ethnic", "ethnic origin", "ethnic group", "ethnic category", "race", "racial origin"] },
  { category: "political opinions", phrases: ["political", "political opinion", "political party", "politics"] },
  { category: "religion", phrases: ["religion", "religious", "faith", "belief", "philosophical belief"] },
  { category: "trade union membership", phrases: ["trade union", "union membership", "union member"] },
  { category: "genetic", phrases: ["genetic", "genome", "genotype", "dna"] },
  { category: "biometric", phrases: ["biometric", "fingerprint", "facial image", "iris scan"] },
  {
    category: "health",
    phrases: [
      "health",
      "diagnosis",
      "diagnosed",
      "diagnoses",
      "disability",
      "disabled",
      "medical",
      "medication",
      "vaccination",
      "vaccine",
      "immunisation",
      "immunization",
      "bmi",
      "body mass index",
      "asthma",
      "diabetes",
      "diabetic",
      "mental health",
      "pregnancy",
      "pregnant",
      "clinical",
      "gestation",
      "birth weight",
      "sen",
      "special educational need",
      "ehcp",
      "illness",
      "allergy",
      "mmr",
    ],
  },
  { category: "sex life or sexual orientation", phrases: ["sexual orientation", "sexuality", "sex life"] },
];

/** Other sensitive kinds, by the phrases that suggest them. */
const OTHER_SENSITIVE: ReadonlyArray<{ kind: Exclude<SensitiveKind, "sensitive">; phrases: Phrase[] }> = [
  { kind: "criminal offence", phrases: ["criminal", "criminal record", "offence", "offense", "offending", "conviction", "caution or conviction"] },
  { kind: "safeguarding", phrases: ["safeguarding", "child protection", "looked after", "child in need", "care order"] },
  { kind: "socio-economic", phrases: ["socio economic", "free school meal", "fsm", "pupil premium", "deprivation", "imd", "household income", "income"] },
];

/** The name and title as lower-case words: camelCase, `_`, `-`, `.` and other punctuation split words. */
export function nameWords(name: string, title: string | undefined): string[] {
  return `${name} ${title ?? ""}`
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

function hasPhrase(words: readonly string[], phrase: Phrase): boolean {
  const want = phrase.split(" ");
  for (let i = 0; i + want.length <= words.length; i++) {
    if (want.every((w, j) => words[i + j] === w || (j === want.length - 1 && words[i + j] === w + "s"))) return true;
  }
  return false;
}

const matches = (words: readonly string[], phrases: readonly Phrase[]) => phrases.some((p) => hasPhrase(words, p));

export function identifierFlag(name: string, title: string | undefined, annotation: unknown): Flag<IdentifierLevel> | undefined {
  if (annotation === "direct" || annotation === "indirect") return { value: annotation, source: "schema" };
  if (annotation === true) return { value: "direct", source: "schema" };
  if (annotation === false || annotation === "none") return undefined;
  const words = nameWords(name, title);
  const rule = IDENTIFIER_RULES.find((r) => matches(words, r.phrases));
  return rule ? { value: rule.level, source: "guess" } : undefined;
}

/** Which Article 9 category, or which other sensitive kind, a schema annotation's words name. */
function classify(value: string): { article9?: string; kind?: Exclude<SensitiveKind, "sensitive"> } {
  const words = nameWords(value, undefined);
  const kind = OTHER_SENSITIVE.find((r) => matches(words, r.phrases))?.kind;
  if (kind) return { kind };
  const article9 = ARTICLE_9.find((r) => r.category === value.toLowerCase() || matches(words, r.phrases))?.category;
  return article9 ? { article9 } : {};
}

export interface Sensitivity {
  /** An Article 9 special category. */
  specialCategory?: Flag<string>;
  /** Another sensitive kind (never called a special category). */
  sensitive?: SensitiveFlag;
}

/**
 * How sensitive a column is. `x-special-category` says so in the schema: an Article 9 category
 * ("ethnicity", "health", ...) is flagged as one; any other value ("safeguarding", "socio-economic",
 * "criminal offence") is flagged by its own name, not as a special category; `true` is a special
 * category unnamed; `false` or "none" silences a guess.
 */
export function sensitivityFlags(name: string, title: string | undefined, annotation: unknown): Sensitivity {
  if (annotation === false || annotation === "none") return {};
  if (annotation === true) return { specialCategory: { value: "special category", source: "schema" } };
  if (typeof annotation === "string" && annotation !== "") {
    const found = classify(annotation);
    if (found.article9) return { specialCategory: { value: annotation, source: "schema" } };
    return { sensitive: { value: annotation, kind: found.kind ?? "sensitive", source: "schema" } };
  }
  const words = nameWords(name, title);
  const other = OTHER_SENSITIVE.find((r) => matches(words, r.phrases));
  if (other) return { sensitive: { value: other.kind, kind: other.kind, source: "guess" } };
  const rule = ARTICLE_9.find((r) => matches(words, r.phrases));
  return rule ? { specialCategory: { value: rule.category, source: "guess" } } : {};
}

/** Words for a flag, as every renderer shows it: "special category: health", "safeguarding". */
export function sensitiveWords(flag: SensitiveFlag): string {
  if (flag.kind === "sensitive") return `sensitive: ${flag.value}`;
  if (flag.kind === "criminal offence") return "criminal offence data (Article 10)";
  return flag.kind;
}
