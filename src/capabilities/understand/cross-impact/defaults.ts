/**
 * The outcomes the cross-impact matrix reports when the request names none. Its own file so the
 * CLI's help can say them without loading the analysis.
 */
export const DEFAULT_OUTCOMES = ['nps', 'repeat-purchase', 'churn'] as const;
