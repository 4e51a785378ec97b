/**
 * JSON for people to review: indented like JSON.stringify(value, null, 2), except that arrays of
 * scalars (a quantile point [0.25, 41.5], an enum) and small objects of scalars (a category) stay on one
 * line. A statistics file with 101 quantile points per column stays readable in a diff.
 */
export function formatJson(value: unknown): string {
  return format(value, "") + "\n";
}

const INLINE_WIDTH = 100;

function isScalar(value: unknown): boolean {
  return value === null || typeof value !== "object";
}

function format(value: unknown, indent: string): string {
  if (isScalar(value)) return JSON.stringify(value) ?? "null";
  const inner = indent + "  ";
  if (Array.isArray(value)) {
    if (value.length === 0) return "[]";
    if (value.every(isScalar)) {
      const line = `[${value.map((v) => JSON.stringify(v)).join(", ")}]`;
      if (line.length <= INLINE_WIDTH) return line;
    }
    return `[\n${value.map((v) => inner + format(v, inner)).join(",\n")}\n${indent}]`;
  }
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
  if (entries.length === 0) return "{}";
  if (entries.every(([, v]) => isScalar(v))) {
    const line = `{ ${entries.map(([k, v]) => `${JSON.stringify(k)}: ${JSON.stringify(v)}`).join(", ")} }`;
    if (line.length <= INLINE_WIDTH) return line;
  }
  return `{\n${entries.map(([k, v]) => `${inner}${JSON.stringify(k)}: ${format(v, inner)}`).join(",\n")}\n${indent}}`;
}
