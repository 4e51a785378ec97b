import type { LocaleDefinition } from "@faker-js/faker";
import { FEMALE_FORENAMES, MALE_FORENAMES, SURNAMES } from "./en-gb-people.js";

/**
 * Definitions synth lays over faker's own for a locale, where faker's are not that locale's (faker's
 * en_GB has no names of its own), and the faker methods whose values they change. Methods not listed
 * draw exactly what they draw without the locale annotation.
 */
export interface LocaleOverlay {
  definitions: LocaleDefinition;
  methods: readonly string[];
}

// No "generic" list: faker then draws a name without a sex from the female or the male list, and a
// name for one sex from that sex's list alone (with a generic list it mixes unisex names in).
const forenames = { female: [...FEMALE_FORENAMES], male: [...MALE_FORENAMES] };

export const LOCALE_OVERLAYS: Readonly<Record<string, LocaleOverlay>> = {
  en_GB: {
    definitions: { person: { first_name: forenames, middle_name: forenames, last_name: { generic: [...SURNAMES] } } },
    methods: ["person.firstName", "person.middleName", "person.lastName", "person.fullName"],
  },
};

/**
 * The locale synth loads when a schema names none: faker's en_GB definitions as they are, as in every
 * version before `x-synth-locale`, so such schemas keep their output byte for byte.
 */
export const BASE_LOCALE = "en_GB";
