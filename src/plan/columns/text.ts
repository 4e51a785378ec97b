import type { CharacterClasses, QuantilePoint } from "../../stats/types.js";
import type { Sample } from "../sampler.js";
import { isPlainText, plain } from "../plain-text.js";
import { quantileDraw, weightedIndex } from "./inverse-cdf.js";

const CLASS_CHARACTERS: Record<keyof CharacterClasses, string> = {
  upper: "ABCDEFGHIJKLMNOPRSTW",
  lower: "eeeeaaaoooiiinnsshrdlcumwfgypb",
  digit: "0123456789",
  space: " ",
  punctuation: ".,-'",
  other: "&/()",
};

/**
 * Text with the published length distribution and character mix, and nothing else of the real
 * values: the safe stand-in for free text.
 */
export function textFromStats(length: ReadonlyArray<QuantilePoint<number>> | undefined, characters: CharacterClasses | undefined, bounds: [number, number]): Sample<string> {
  const drawLength = length ? quantileDraw(length) : undefined;
  const classes = (Object.keys(CLASS_CHARACTERS) as Array<keyof CharacterClasses>).filter((c) => (characters?.[c] ?? 0) > 0);
  const alphabetClasses = classes.length > 0 ? classes : (["lower"] as const);
  const pickClass = weightedIndex(alphabetClasses.map((c) => characters?.[c] ?? 1));
  const alphabets = alphabetClasses.map((c) => CLASS_CHARACTERS[c]);
  const [min, max] = bounds;
  const sample: Sample<string> = (rng) => {
    let n = drawLength ? Math.round(drawLength(rng)) : min + rng.below(Math.min(max, min + 12) - min + 1);
    if (n < min) n = min;
    if (n > max) n = max;
    let text = "";
    for (let i = 0; i < n; i++) {
      const alphabet = alphabets[pickClass(rng)]!;
      text += alphabet[rng.below(alphabet.length)];
    }
    return text;
  };
  return alphabets.every(isPlainText) ? plain(sample) : sample;
}
