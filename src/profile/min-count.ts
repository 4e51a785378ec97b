/** K: nothing is published that rests on fewer than this many records (profile and compare). */
export const DEFAULT_MIN_COUNT = 10;
