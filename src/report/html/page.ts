import { TOOL_VERSION } from "../../version.js";
import { esc } from "./escape.js";

/**
 * The opening of every page synth writes, up to `<body>`: one self-contained document (its styles
 * inline, nothing fetched), sized for phones, naming the synth version that wrote it.
 */
export function pageStart(title: string, css: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="synth ${esc(TOOL_VERSION)}">
<title>${esc(title)}</title>
<style>${css}</style>
</head>
<body>
`;
}
