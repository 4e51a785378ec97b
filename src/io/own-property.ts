/**
 * Sets a member by name, as an own property whatever the name: `record["__proto__"] = value` would
 * replace the object's prototype instead, and a table or schema may well have a column so named.
 */
export function setProperty(out: Record<string, unknown>, name: string, value: unknown): void {
  if (name === "__proto__") Object.defineProperty(out, name, { value, enumerable: true, writable: true, configurable: true });
  else out[name] = value;
}
