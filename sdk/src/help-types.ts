/** The help widget's exchanges with the cxloop server (see /openapi.json, tag "answers"). */
export interface HelpReply {
  conversationId: string;
  turnId: string;
  intent: string | null;
  confidence: number;
  answer: {
    text: string;
    facts: { label: string; value: string }[];
    link: { label: string; url: string } | null;
    personal: boolean;
  } | null;
  articles: { id: string; title: string; html: string }[];
  handoff: { offered: boolean; available: boolean };
}

export interface HelpOptions {
  /** Open at once, in the page's flow instead of a corner (the hosted help page). */
  inline?: boolean;
  /** The customer's language (en, de, fr); the browser's by default. */
  language?: string;
}
