import type { Random } from './random.ts';
import { COMMENT_RATE } from './rates.ts';

export type Sentiment = 'negative' | 'neutral' | 'positive';
export type Topic =
  | 'productPages'
  | 'presales'
  | 'checkout'
  | 'delivery'
  | 'lateDelivery'
  | 'unboxing'
  | 'support'
  | 'relationship';

/** Short free-text answers, as customers write them; the angry ones are there on purpose. */
const COMMENTS: Record<Topic, Record<Sentiment, readonly string[]>> = {
  productPages: {
    negative: [
      "Photos don't show the size at all.",
      "Couldn't find the dimensions anywhere.",
      'Filters reset every time I go back. Annoying.',
    ],
    neutral: ['Descriptions are okay.', 'Would like more customer photos.'],
    positive: ['Clear info and good reviews.', 'Easy to compare the models.'],
  },
  presales: {
    negative: [
      "The bot couldn't answer a simple sizing question.",
      'Waited ages for a real person.',
      'Useless chat, it just kept sending me links.',
    ],
    neutral: ['Got an answer, a bit generic.'],
    positive: ['Helpful advice on which model to pick.', 'Quick answer, thanks!'],
  },
  checkout: {
    negative: [
      'The checkout kept asking me to re-enter my address.',
      'Way too many steps just to pay.',
      'Promo code field emptied my cart. Nearly gave up.',
      'Why do I need an account to buy one thing?',
      'Page froze at the payment step and I had to start over.',
      'Worst checkout I have ever used. Fix it!',
    ],
    neutral: ['Fine, but the shipping options were confusing.', 'It worked, took longer than expected.'],
    positive: ['Quick and easy.', 'Apple Pay made it painless.', 'Saved my details, done in a minute.'],
  },
  delivery: {
    negative: ['Box was crushed when it arrived.', 'Courier left it out in the rain.'],
    neutral: ['Arrived, packaging could be better.', 'Okay, but the delivery window was vague.'],
    positive: ['Came a day early, great!', 'Fast delivery and well packed.', 'Right on time, thanks.'],
  },
  lateDelivery: {
    negative: [
      'Arrived five days late and nobody told me why.',
      'Needed it for a birthday and it came after. Really disappointed.',
      'Tracking said out for delivery for three days.',
      'LATE AGAIN. This is the last time I order from you.',
      'Delayed twice, not a word of apology. Unacceptable.',
    ],
    neutral: ['Late, but at least you warned me.', 'Took a week longer than promised.'],
    positive: ['A bit late, but the driver was lovely.'],
  },
  unboxing: {
    negative: ['So much plastic in the packaging.', 'The instructions were missing.'],
    neutral: ['Packaging was fine.'],
    positive: ['Beautiful packaging, felt like a gift.', 'Everything neatly packed.'],
  },
  support: {
    negative: [
      'Had to explain my problem three times.',
      'Forty minutes on hold and still no fix.',
      'The agent just pasted a link to the FAQ.',
      'Useless. Nobody actually read my message.',
    ],
    neutral: ['Got there eventually.', 'Solved, but it took a few emails.'],
    positive: [
      'Sorted in five minutes, thank you!',
      'Really helpful agent, the refund came straight away.',
      'Friendly and quick.',
    ],
  },
  relationship: {
    negative: [
      'Products are fine but the service lets you down.',
      'Too many problems with my last order.',
      'Would not recommend after this experience.',
      'Never again. Terrible from start to finish.',
    ],
    neutral: ['Decent shop, nothing special.', 'Prices are good, service is average.'],
    positive: [
      'Love the products, already told my sister.',
      'Reliable and easy, my go-to shop.',
      'Great quality and quick delivery.',
    ],
  },
};

/** Sentiment of a score: NPS detractor/passive/promoter, CSAT 1-2/3/4-5, CES 1-3/4-5/6-7. */
export function sentimentOf(metric: 'nps' | 'csat' | 'ces', score: number): Sentiment {
  const [low, high] = metric === 'nps' ? [6, 9] : metric === 'csat' ? [2, 4] : [3, 6];
  return score <= low ? 'negative' : score >= high ? 'positive' : 'neutral';
}

/** A comment for some responses, chosen by topic and sentiment; undefined for the rest. */
export function maybeComment(rng: Random, topic: Topic, sentiment: Sentiment): string | undefined {
  return rng.chance(COMMENT_RATE[sentiment]) ? rng.pick(COMMENTS[topic][sentiment]) : undefined;
}
