/** "-" as --output means standard output, as in csvkit, xsv and jq ("-" as an input is standard input). */
export const STANDARD_OUTPUT = "-";
