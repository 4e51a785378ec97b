import { renderHtml } from "./html.js";
import { renderMarkdown } from "./markdown.js";
import { buildDictionary, type DescribeInput, type Dictionary } from "./model.js";
import { renderText } from "./text.js";

import { DESCRIBE_FORMATS, type DescribeFormat } from "./formats.js";
export { DESCRIBE_FORMATS, type DescribeFormat };

export interface DescribeOptions {
  format?: DescribeFormat;
  /** Colour for the text format (default false). */
  color?: boolean;
  width?: number;
}

/** Renders a built dictionary in one of the formats. */
export function renderDictionary(dictionary: Dictionary, options: DescribeOptions = {}): string {
  const format = options.format ?? "text";
  if (format === "markdown") return renderMarkdown(dictionary);
  if (format === "html") return renderHtml(dictionary);
  return renderText(dictionary, { color: options.color ?? false, ...(options.width ? { width: options.width } : {}) });
}

/**
 * A data dictionary of a schema (plus statistics and a dummy sample): for each column its meaning,
 * type, emptiness, codes, range and distribution, dummy examples, and identifier/special-category flags.
 */
export async function describe(input: DescribeInput, options: DescribeOptions = {}): Promise<string> {
  return renderDictionary(await buildDictionary(input), options);
}

export { buildDictionary, type DescribeInput, type Dictionary, type DictionaryColumn } from "./model.js";
export { schemaColumns, type ColumnInfo, type Code } from "./columns.js";
