import { joinPointer } from "../../errors/json-pointer.js";
import { identifierType } from "../../identifiers/index.js";
import { patternReason, quotePattern } from "../../random/regex/parse-pattern.js";
import { eachColumn, wholeProblem } from "./columns.js";
import type { ContractCheck } from "./problem.js";

/** strftime tokens synth writes dates with. */
const TEXT_FORMAT_TOKEN = /%[YmdHMSz%]/g;

/**
 * Text: character-class shares make the whole; a generator's pattern is a regular expression and its
 * synth type is one synth has; a date's textFormat uses tokens synth can write. Which faker methods and
 * formats exist is known only where values are drawn (src/plan), which names this file in its errors.
 */
export const textCheck: ContractCheck = function* (stats) {
  for (const { name, column, at } of eachColumn(stats)) {
    if (column.kind === "string" && column.codes) {
      const where = joinPointer(at, "codes");
      const { codes, lengths, delimiter, suppressed } = column.codes;
      const seen = new Set<string>();
      for (const [i, code] of codes.entries()) {
        if (seen.has(code.value)) yield { pointer: joinPointer(where, "codes", i, "value"), column: name, message: `code ${JSON.stringify(code.value)} is listed twice` };
        else if (delimiter !== "" && code.value.includes(delimiter.trim() || delimiter)) yield { pointer: joinPointer(where, "codes", i, "value"), column: name, message: `code ${JSON.stringify(code.value)} holds the delimiter ${JSON.stringify(delimiter)}` };
        seen.add(code.value);
      }
      const codeShares = wholeProblem([...codes.map((c) => c.frequency), suppressed?.frequency ?? 0], suppressed ? "code frequencies with the suppressed share" : "code frequencies");
      if (codeShares) yield { pointer: joinPointer(where, "codes"), column: name, message: codeShares };
      const lengthShares = wholeProblem(lengths.map((l) => l.frequency), "list-length frequencies");
      if (lengthShares) yield { pointer: joinPointer(where, "lengths"), column: name, message: lengthShares };
      const longest = Math.max(0, ...lengths.map((l) => l.length));
      if (longest > codes.length) yield { pointer: joinPointer(where, "lengths"), column: name, message: `lists of ${longest} distinct codes cannot be drawn from ${codes.length} published codes` };
    }
    if (column.kind === "string" && column.characters) {
      const problem = wholeProblem(Object.values(column.characters), "character-class shares");
      if (problem) yield { pointer: joinPointer(at, "characters"), column: name, message: problem };
    }
    if ((column.kind === "string" || column.kind === "identifier") && column.generator) {
      const generator = column.generator;
      if ("pattern" in generator) {
        try {
          new RegExp(generator.pattern, "u");
        } catch (error) {
          yield { pointer: joinPointer(at, "generator", "pattern"), column: name, message: `pattern ${quotePattern(generator.pattern)} is not a valid regular expression (${patternReason(error)})` };
        }
      }
      if ("type" in generator && identifierType(generator.type) === undefined) {
        yield { pointer: joinPointer(at, "generator", "type"), column: name, message: `synth has no type "${generator.type}"` };
      }
    }
    if ((column.kind === "date" || column.kind === "datetime") && column.textFormat !== undefined) {
      const unknown = /%.?/.exec(column.textFormat.replace(TEXT_FORMAT_TOKEN, ""));
      if (unknown) {
        yield { pointer: joinPointer(at, "textFormat"), column: name, message: `textFormat ${JSON.stringify(column.textFormat)} uses "${unknown[0]}", which synth cannot write (it writes %Y %m %d %H %M %S %z and %%)` };
      }
    }
  }
};
