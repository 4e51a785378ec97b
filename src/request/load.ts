import { readFileSync } from "node:fs";
import type { ErrorObject, ValidateFunction } from "ajv";
import { readJsonFile } from "../io/json-file.js";
import { ownValidator } from "../schema/own-validators.js";

const REQUEST_SCHEMA_URL = new URL("../../schemas/request.schema.json", import.meta.url);

export function requestSchema(): object {
  return JSON.parse(readFileSync(REQUEST_SCHEMA_URL, "utf8")) as object;
}

function requestValidator(): ValidateFunction {
  return ownValidator("request");
}

export interface FormatIssue {
  pointer: string;
  message: string;
}

function describe(error: ErrorObject): string {
  const params = error.params as Record<string, unknown>;
  if (error.keyword === "additionalProperties") return `unexpected property "${String(params.additionalProperty)}"`;
  if (error.keyword === "required") return `"${String(params.missingProperty)}" is required`;
  if (Array.isArray(params.allowedValues)) return `${error.message}: ${params.allowedValues.map((v) => JSON.stringify(v)).join(", ")}`;
  if (error.keyword === "const") return `must be ${JSON.stringify(params.allowedValue)}`;
  return error.message ?? "invalid";
}

/**
 * Checks a request document against schemas/request.schema.json: one issue per place, the most
 * specific ajv has (oneOf failures report every branch; the deepest reads best).
 */
export function requestFormatIssues(document: unknown): FormatIssue[] {
  const validate = requestValidator();
  if (validate(document)) return [];
  const errors = validate.errors ?? [];
  const byPlace = new Map<string, ErrorObject>();
  const pointerOf = (e: ErrorObject) => (e.keyword === "required" ? `${e.instancePath}/${String((e.params as { missingProperty: string }).missingProperty)}` : e.keyword === "additionalProperties" ? `${e.instancePath}/${String((e.params as { additionalProperty: string }).additionalProperty)}` : e.instancePath);
  for (const error of errors) {
    if (error.keyword === "oneOf" || error.keyword === "anyOf") continue;
    const place = pointerOf(error);
    if (!byPlace.has(place)) byPlace.set(place, error);
  }
  if (byPlace.size === 0 && errors[0]) byPlace.set(errors[0].instancePath, errors[0]);
  // Within a oneOf, a branch's complaint about a deeper place explains more than a sibling's about its parent.
  const places = [...byPlace.keys()];
  return places
    .filter((p) => !places.some((q) => q !== p && q.startsWith(p + "/") && byPlace.get(p)!.keyword !== "required"))
    .map((p) => ({ pointer: p, message: describe(byPlace.get(p)!) }));
}

export function readRequestFile(path: string): unknown {
  return readJsonFile(path);
}
