/**
 * Guesses, from a column's name and title, whether it directly identifies a person or holds
 * special-category personal data, for schemas that carry no `x-identifier` / `x-special-category`
 * annotation. Data apart from logic: each rule is one row of the tables below. A guess is always
 * reported as a guess.
 */

export type IdentifierLevel = "direct" | "indirect";

export interface Flag<T extends string> {
  value: T;
  /** "schema" when the schema's own annotation says so; "guess" when inferred from the name. */
  source: "schema" | "guess";
}

/** Matched against the column's name and title, lower-cased, with `_`, `-` and `.` read as spaces. */
const IDENTIFIER_RULES: ReadonlyArray<{ pattern: RegExp; level: IdentifierLevel }> = [
  { pattern: /\bnhs (number|no)\b|\bchi number\b|\bnhs\b/, level: "direct" },
  { pattern: /\bni (number|no)\b|national insurance|\bnino\b/, level: "direct" },
  { pattern: /\bupn\b|unique pupil number|\buln\b/, level: "direct" },
  { pattern: /\bpassport\b|driving licen[cs]e|\bssn\b|social security/, level: "direct" },
  { pattern: /\b(fore|first|given|sur|last|family|full|middle|maiden) ?names?\b|\bforename\b|\bsurname\b/, level: "direct" },
  { pattern: /\be ?mail\b|\bphone\b|\btelephone\b|\bmobile\b/, level: "direct" },
  { pattern: /\baddress (line|1|2)\b|\bstreet\b|\bhouse (number|name)\b/, level: "direct" },
  { pattern: /\bpost ?code\b|\bzip\b/, level: "indirect" },
  { pattern: /\bdate of birth\b|\bdob\b|\bbirth ?date\b/, level: "indirect" },
  { pattern: /\bdate of death\b|\bdod\b/, level: "indirect" },
];

/** GDPR Article 9 and 10 categories, plus the name patterns that suggest them. */
const SPECIAL_CATEGORY_RULES: ReadonlyArray<{ pattern: RegExp; category: string }> = [
  { pattern: /\bethnic|\brace\b|\bracial\b/, category: "ethnicity" },
  { pattern: /\breligio|\bfaith\b|\bbelief/, category: "religion" },
  { pattern: /\bsexual|\borientation\b|\bgender identity\b/, category: "sexual orientation" },
  { pattern: /\bbiometric|\bfingerprint|\bfacial\b|\biris\b/, category: "biometrics" },
  { pattern: /\bgenetic|\bdna\b|\bgenome/, category: "genetic" },
  { pattern: /\btrade union\b|\bunion member/, category: "trade union membership" },
  { pattern: /\bpolitic/, category: "political opinions" },
  { pattern: /\bcriminal|\boffen[cs]e|\bconviction|\bcaution\b/, category: "criminal offences" },
  {
    pattern:
      /\bhealth\b|\bdiagnos|\bdisab|\bmedical|\bmedication|\bvaccin|\bimmunis|\bimmuniz|\bbmi\b|\bbody mass\b|\bweight\b|\bgestation|\basthma|\bdiabet|\bmental\b|\bpregnan|\bclinical|\bcondition\b|\bsen\b|\bspecial educational need/,
    category: "health",
  },
];

function words(name: string, title: string | undefined): string {
  return `${name} ${title ?? ""}`.toLowerCase().replace(/[_.\-/()]+/g, " ");
}

export function identifierFlag(name: string, title: string | undefined, annotation: unknown): Flag<IdentifierLevel> | undefined {
  if (annotation === "direct" || annotation === "indirect") return { value: annotation, source: "schema" };
  if (annotation === true) return { value: "direct", source: "schema" };
  if (annotation === false || annotation === "none") return undefined;
  const text = words(name, title);
  const rule = IDENTIFIER_RULES.find((r) => r.pattern.test(text));
  return rule ? { value: rule.level, source: "guess" } : undefined;
}

export function specialCategoryFlag(name: string, title: string | undefined, annotation: unknown): Flag<string> | undefined {
  if (typeof annotation === "string" && annotation !== "" && annotation !== "none") return { value: annotation, source: "schema" };
  if (annotation === true) return { value: "special category", source: "schema" };
  if (annotation === false || annotation === "none") return undefined;
  const text = words(name, title);
  const rule = SPECIAL_CATEGORY_RULES.find((r) => r.pattern.test(text));
  return rule ? { value: rule.category, source: "guess" } : undefined;
}
