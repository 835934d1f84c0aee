/** The routine retail intents the contextual answers cover; anything else is searched in the articles. */
export const INTENTS = ['order_status', 'return_item', 'refund_status', 'change_address'] as const;
export type Intent = (typeof INTENTS)[number];
/** The class of questions the contextual answers do not cover (trained on, never answered). */
export const NO_INTENT = 'none';

export const isIntent = (name: string): name is Intent => (INTENTS as readonly string[]).includes(name);

/** Below this posterior the question goes to article search instead (see classifier.ts). */
export const DEFAULT_CONFIDENCE = 0.55;

/** The tag that marks the article each intent's answer links to (the return policy, say). */
export const INTENT_ARTICLE_TAG: Record<Intent, string> = {
  order_status: 'shipping',
  return_item: 'returns',
  refund_status: 'refunds',
  change_address: 'address',
};
