/** The importance-performance quadrants in words, and their colours on the chart. */
export const QUADRANT_LABEL = {
  'concentrate-here': 'concentrate here',
  'keep-up-the-good-work': 'keep up the good work',
  'possible-overkill': 'possible overkill',
  'low-priority': 'low priority',
} as const;

export const QUADRANT_COLOR = {
  'concentrate here': '#c2372b',
  'keep up the good work': '#1f8a4c',
  'possible overkill': '#7a8495',
  'low priority': '#2456c9',
};
