/**
 * The events self-service leaves on the customer's timeline. The retail template maps them to
 * its "FAQ and self-service answers" touchpoint (`faq`), so scores, pain points, drivers and the
 * cross-impact count self-service like any other touchpoint.
 */
export const ANSWER_EVENTS = {
  asked: 'Self-Service Question Asked',
  answered: 'Self-Service Answer Given',
  voted: 'Self-Service Answer Voted',
  handedOff: 'Self-Service Handed Off',
  articleViewed: 'Help Article Viewed',
} as const;

/** What counts as contacting a person, for deflection: a support ticket, or our own hand-off. */
export const CONTACT_EVENTS = ['Support Ticket Opened', ANSWER_EVENTS.handedOff] as const;

/** The CES answer after self-service is feedback at this touchpoint, with this source. */
export const SELF_SERVICE_TOUCHPOINT = 'faq';
export const CES_SOURCE = 'answers-widget';
