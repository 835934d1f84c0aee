/**
 * The importance-performance quadrants in words, and their colours on the chart. Only the four
 * quadrants are advice and have advice colours; a driver without the evidence for advice is grey,
 * with its reason in words.
 */
export const QUADRANT_LABEL = {
  'concentrate-here': 'concentrate here',
  'keep-up-the-good-work': 'keep up the good work',
  'possible-overkill': 'possible overkill',
  'low-priority': 'low priority',
  'not-enough-evidence': 'not enough evidence',
  'works-against-outcome': 'works against the outcome',
  'not-placed': 'no quadrant',
} as const;

export const QUADRANT_COLOR = {
  'concentrate here': '#c2372b',
  'keep up the good work': '#1f8a4c',
  'possible overkill': '#7a8495',
  'low priority': '#2456c9',
  'not enough evidence': '#b8bfca',
  'works against the outcome': '#b8bfca',
  'no quadrant': '#b8bfca',
};

/** The states that are advice; the others say why there is none. */
export const ADVICE = new Set([
  'concentrate-here',
  'keep-up-the-good-work',
  'possible-overkill',
  'low-priority',
]);
