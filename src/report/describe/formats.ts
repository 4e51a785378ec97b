export type DescribeFormat = "text" | "markdown" | "html";
export const DESCRIBE_FORMATS: readonly DescribeFormat[] = ["text", "markdown", "html"];
