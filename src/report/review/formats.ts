export const REVIEW_FORMATS = ["html", "markdown"] as const;
export type ReviewFormat = (typeof REVIEW_FORMATS)[number];

/** The format a review file's name asks for: Markdown for .md, HTML otherwise. */
export function reviewFormatFor(path: string): ReviewFormat {
  return /\.(md|markdown)$/i.test(path) ? "markdown" : "html";
}
