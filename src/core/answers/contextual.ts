import type { Intent } from './intents.ts';
import { returnDeadline, type OrderState } from './orders.ts';

export type AnswerLanguage = 'en' | 'de' | 'fr';
export const ANSWER_LANGUAGES: readonly AnswerLanguage[] = ['en', 'de', 'fr'];

/** The best of our languages for a request's (e.g. "de-AT" -> "de"); English otherwise. */
export function answerLanguage(requested: string | undefined): AnswerLanguage {
  const base = (requested ?? '').toLowerCase().split(/[-_]/)[0] ?? '';
  return (ANSWER_LANGUAGES as readonly string[]).includes(base) ? (base as AnswerLanguage) : 'en';
}

export interface Fact {
  label: string;
  value: string;
}

/** An answer from the customer's own data: a sentence, the facts it rests on, and what next. */
export interface ContextualAnswer {
  intent: Intent;
  text: string;
  facts: Fact[];
  link: { label: string; url: string } | null;
  /** The question needs a person (an address change): the widget offers the hand-off at once. */
  handoff: boolean;
  /** Whether it rests on the customer's own order (false: no order, or not identified). */
  personal: boolean;
}

interface Words {
  signIn: string;
  noOrder: string;
  order: string;
  status: Record<OrderState['status'], string>;
  carrier: string;
  promised: string;
  newEstimate: string;
  delivered: string;
  track: string;
  late: (days: number, delivered: boolean) => string;
  onTime: string;
  notDue: string;
  statusLine: (id: string, status: string) => string;
  notDelivered: string;
  returnBy: (deadline: string) => string;
  returnClosed: (deadline: string) => string;
  returnDeadline: string;
  returnRequested: string;
  refundIssued: (amount: string) => string;
  refundPending: string;
  refundDate: string;
  noReturn: string;
  address: string;
}

const WORDS: Record<AnswerLanguage, Words> = {
  en: {
    signIn: 'Sign in to the shop and ask again to see your own order.',
    noOrder: 'We found no order in your account.',
    order: 'Order',
    status: {
      placed: 'placed, not shipped yet',
      shipped: 'on its way',
      delayed: 'delayed',
      delivered: 'delivered',
    },
    carrier: 'Carrier',
    promised: 'Promised delivery',
    newEstimate: 'New estimate',
    delivered: 'Delivered',
    track: 'Track your parcel',
    late: (d, delivered) =>
      delivered
        ? `It arrived ${d} ${d === 1 ? 'day' : 'days'} after the promised date.`
        : `It is late by ${d} ${d === 1 ? 'day' : 'days'}: we are sorry.`,
    onTime: 'It arrived on time.',
    notDue: 'It is on schedule.',
    statusLine: (id, s) => `Your order ${id} is ${s}.`,
    notDelivered: 'The return window starts when your order is delivered.',
    returnBy: (d) => `You can send it back until ${d}.`,
    returnClosed: (d) => `The return window closed on ${d}.`,
    returnDeadline: 'Return by',
    returnRequested: 'Return requested',
    refundIssued: (a) => `Your refund${a} has been issued.`,
    refundDate: 'Refund issued',
    refundPending: 'We received your return request; the refund has not been issued yet.',
    noReturn: 'There is no return on your latest order, so no refund is due for it.',
    address: 'A person has to change a delivery address: hand this over and our team will do it.',
  },
  de: {
    signIn: 'Melden Sie sich im Shop an und fragen Sie erneut, um Ihre Bestellung zu sehen.',
    noOrder: 'Wir haben keine Bestellung in Ihrem Konto gefunden.',
    order: 'Bestellung',
    status: {
      placed: 'aufgegeben, noch nicht versandt',
      shipped: 'unterwegs',
      delayed: 'verspätet',
      delivered: 'zugestellt',
    },
    carrier: 'Versanddienst',
    promised: 'Zugesagte Lieferung',
    newEstimate: 'Neue Schätzung',
    delivered: 'Zugestellt',
    track: 'Sendung verfolgen',
    late: (d, delivered) =>
      delivered
        ? `Sie kam ${d} ${d === 1 ? 'Tag' : 'Tage'} nach dem zugesagten Datum an.`
        : `Sie ist ${d} ${d === 1 ? 'Tag' : 'Tage'} verspätet, das tut uns leid.`,
    onTime: 'Sie kam pünktlich an.',
    notDue: 'Sie liegt im Zeitplan.',
    statusLine: (id, s) => `Ihre Bestellung ${id} ist ${s}.`,
    notDelivered: 'Die Rückgabefrist beginnt mit der Zustellung.',
    returnBy: (d) => `Sie können sie bis zum ${d} zurücksenden.`,
    returnClosed: (d) => `Die Rückgabefrist endete am ${d}.`,
    returnDeadline: 'Rücksendung bis',
    returnRequested: 'Rücksendung angemeldet',
    refundIssued: (a) => `Ihre Erstattung${a} wurde veranlasst.`,
    refundDate: 'Erstattet am',
    refundPending: 'Ihre Rücksendung ist angemeldet; die Erstattung ist noch nicht veranlasst.',
    noReturn: 'Zu Ihrer letzten Bestellung gibt es keine Rücksendung, also keine Erstattung.',
    address: 'Eine Lieferadresse ändert ein Mensch: Geben Sie die Frage an unser Team weiter.',
  },
  fr: {
    signIn: 'Connectez-vous à la boutique et reposez la question pour voir votre commande.',
    noOrder: "Nous n'avons trouvé aucune commande sur votre compte.",
    order: 'Commande',
    status: {
      placed: 'enregistrée, pas encore expédiée',
      shipped: 'en route',
      delayed: 'en retard',
      delivered: 'livrée',
    },
    carrier: 'Transporteur',
    promised: 'Livraison promise',
    newEstimate: 'Nouvelle estimation',
    delivered: 'Livrée le',
    track: 'Suivre le colis',
    late: (d, delivered) =>
      delivered
        ? `Elle est arrivée ${d} ${d === 1 ? 'jour' : 'jours'} après la date promise.`
        : `Elle a ${d} ${d === 1 ? 'jour' : 'jours'} de retard, nous en sommes désolés.`,
    onTime: "Elle est arrivée à l'heure.",
    notDue: 'Elle est dans les temps.',
    statusLine: (id, s) => `Votre commande ${id} est ${s}.`,
    notDelivered: 'Le délai de retour commence à la livraison.',
    returnBy: (d) => `Vous pouvez la renvoyer jusqu'au ${d}.`,
    returnClosed: (d) => `Le délai de retour a pris fin le ${d}.`,
    returnDeadline: "Retour jusqu'au",
    returnRequested: 'Retour demandé',
    refundIssued: (a) => `Votre remboursement${a} a été effectué.`,
    refundDate: 'Remboursé le',
    refundPending: "Votre retour est enregistré ; le remboursement n'a pas encore été effectué.",
    noReturn: "Votre dernière commande n'a pas de retour, donc pas de remboursement.",
    address: "Une adresse de livraison se change par une personne : transmettez la demande à l'équipe.",
  },
};

const day = (at: number) => new Date(at).toISOString().slice(0, 10);

export interface ContextInput {
  intent: Intent;
  /** The identified customer's latest order; undefined for an anonymous visitor. */
  order: OrderState | null | undefined;
  now: number;
  returnWindowDays: number;
  language: AnswerLanguage;
}

/** The answer to one of the routine intents, from the customer's own latest order. */
export function contextualAnswer(input: ContextInput): ContextualAnswer {
  const w = WORDS[input.language];
  const { intent, order } = input;
  const base = { intent, facts: [] as Fact[], link: null, handoff: false, personal: false };
  if (intent === 'change_address') return { ...base, text: w.address, handoff: true };
  if (order === undefined) return { ...base, text: w.signIn };
  if (order === null) return { ...base, text: w.noOrder };
  const facts: Fact[] = [{ label: w.order, value: order.orderId }];
  const personal = { ...base, personal: true, facts };

  if (intent === 'order_status') {
    const lines = [w.statusLine(order.orderId, w.status[order.status])];
    if (order.carrier) facts.push({ label: w.carrier, value: order.carrier });
    if (order.promisedDate) facts.push({ label: w.promised, value: order.promisedDate });
    if (order.newEstimate && order.status !== 'delivered')
      facts.push({ label: w.newEstimate, value: order.newEstimate });
    if (order.deliveredAt !== null) facts.push({ label: w.delivered, value: day(order.deliveredAt) });
    if (order.lateByDays !== null) {
      const delivered = order.status === 'delivered';
      lines.push(
        order.lateByDays > 0 ? w.late(order.lateByDays, delivered) : delivered ? w.onTime : w.notDue,
      );
    }
    const link =
      order.trackingUrl && order.status !== 'delivered' ? { label: w.track, url: order.trackingUrl } : null;
    return { ...personal, text: lines.join(' '), link };
  }
  if (intent === 'return_item') {
    const deadline = returnDeadline(order, input.returnWindowDays);
    if (deadline === null) return { ...personal, text: w.notDelivered };
    facts.push({ label: w.returnDeadline, value: deadline });
    const open = day(input.now) <= deadline;
    return { ...personal, text: open ? w.returnBy(deadline) : w.returnClosed(deadline) };
  }
  // refund_status
  if (order.refund) {
    const r = order.refund;
    const amount = r.amount === null ? '' : ` (${r.amount.toFixed(2)}${r.currency ? ` ${r.currency}` : ''})`;
    facts.push({ label: w.refundDate, value: day(r.issuedAt) });
    return { ...personal, text: w.refundIssued(amount) };
  }
  if (order.returnRequestedAt !== null) {
    facts.push({ label: w.returnRequested, value: day(order.returnRequestedAt) });
    return { ...personal, text: w.refundPending };
  }
  return { ...personal, text: w.noReturn };
}
