import { renderReviewHtml } from "./html.js";
import { renderReviewMarkdown } from "./markdown.js";
import { buildReview, type Review, type ReviewInput } from "./model.js";

import { REVIEW_FORMATS, reviewFormatFor, type ReviewFormat } from "./formats.js";
export { REVIEW_FORMATS, reviewFormatFor, type ReviewFormat };

export function renderReview(review: Review, format: ReviewFormat = "html"): string {
  return format === "markdown" ? renderReviewMarkdown(review) : renderReviewHtml(review);
}

/**
 * The page a data owner's reviewer signs before statistics leave: per column what is published and
 * why it is safe, every disclosure rule applied and every value withheld, the dependence model and
 * rules, and a checklist. Built from the statistics file (and its schema) alone.
 */
export function review(input: ReviewInput, format: ReviewFormat = "html"): string {
  return renderReview(buildReview(input), format);
}

export { buildReview, type Review, type ReviewInput };
