import { InvalidArgumentError } from "commander";

/** commander argument parsers: each rejects with one line that names the flag's rule. */

export function nonNegativeInteger(max = Number.MAX_SAFE_INTEGER) {
  return (raw: string): number => {
    if (!/^\d+$/.test(raw.trim())) throw new InvalidArgumentError("expected a whole number (0 or more).");
    const value = Number(raw);
    if (!Number.isSafeInteger(value) || value > max) throw new InvalidArgumentError(`expected a whole number no larger than ${max}.`);
    return value;
  };
}

export function positiveInteger(max = Number.MAX_SAFE_INTEGER) {
  const parse = nonNegativeInteger(max);
  return (raw: string): number => {
    const value = parse(raw);
    if (value < 1) throw new InvalidArgumentError("expected a whole number of at least 1.");
    return value;
  };
}

export function positiveNumber(raw: string): number {
  const value = Number(raw);
  if (!/^[0-9.eE+-]+$/.test(raw.trim()) || !Number.isFinite(value) || value <= 0) {
    throw new InvalidArgumentError("expected a number greater than 0.");
  }
  return value;
}

export function oneOf<T extends string>(choices: readonly T[]) {
  return (raw: string): T => {
    if (!(choices as readonly string[]).includes(raw)) throw new InvalidArgumentError(`expected one of: ${choices.join(", ")}.`);
    return raw as T;
  };
}

/** Collects a repeatable flag's values. */
export function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}
