export type CheckFormat = "text" | "markdown" | "json";
export const CHECK_FORMATS: readonly CheckFormat[] = ["text", "markdown", "json"];
