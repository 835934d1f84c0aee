/** Colours shared by charts and the CSS (see styles/base.css): one meaning per colour. */
export const COLORS = {
  ink: '#1d2330',
  muted: '#5b6475',
  grid: '#d8dde6',
  accent: '#2456c9',
  good: '#1f8a4c',
  bad: '#c2372b',
  neutral: '#f2f4f8',
  band: 'rgba(36, 86, 201, 0.15)',
} as const;

/** Low to high for sequential heat maps (white to accent), and bad-neutral-good for diverging ones. */
export const SEQUENTIAL = ['#f4f6fb', '#b9c9ef', '#6f8fdc', '#2456c9', '#16348a'];
export const DIVERGING = ['#c2372b', '#ef9a86', '#f7f7f7', '#8fc7a4', '#1f8a4c'];
