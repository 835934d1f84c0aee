import type { HelpOptions, HelpReply } from './help-types.ts';
import { helpWords, type HelpWords } from './help-words.ts';
import { randomId } from './identity.ts';

const CSS = `.cxh-open{position:fixed;left:1rem;bottom:1rem;z-index:2147482000;font:600 16px/1 system-ui,sans-serif;
min-height:2.75rem;padding:.5rem 1.25rem;border-radius:1.5rem;border:2px solid #1f4e79;background:#1f4e79;color:#fff;cursor:pointer}
.cxh{background:#fff;color:#111;font:16px/1.45 system-ui,sans-serif;border:2px solid #1f4e79;border-radius:.75rem;padding:1rem;
display:flex;flex-direction:column;gap:.5rem;box-sizing:border-box}.cxh-corner{position:fixed;left:1rem;bottom:4.5rem;z-index:2147482001;
width:calc(100% - 2rem);max-width:26rem;max-height:calc(100vh - 6rem);box-shadow:0 8px 24px rgba(0,0,0,.2)}
.cxh h2{font-size:1.1rem;margin:0 2rem 0 0}.cxh-log{overflow:auto;flex:1;display:flex;flex-direction:column;gap:.5rem}
.cxh-q{align-self:flex-end;background:#e8f0f8;border-radius:.5rem;padding:.4rem .7rem;max-width:85%}
.cxh-a{border-left:3px solid #1f4e79;padding:.2rem .7rem}.cxh-a dl{display:grid;grid-template-columns:auto 1fr;gap:.1rem .75rem;margin:.4rem 0}
.cxh-a dt{font-weight:600}.cxh-a dd{margin:0}.cxh form{display:flex;gap:.5rem;flex-wrap:wrap}.cxh input,.cxh textarea{font:inherit;flex:1;min-width:10rem;
padding:.4rem;border:1px solid #555;border-radius:.4rem}.cxh button{font:inherit;min-height:2.5rem;padding:.25rem 1rem;border-radius:.4rem;
border:2px solid #1f4e79;background:#1f4e79;color:#fff;cursor:pointer}.cxh .cxh-sec{background:#fff;color:#1f4e79}
.cxh .cxh-x{position:absolute;top:.4rem;right:.4rem;background:#fff;color:#111;border:0;font-size:1.5rem;line-height:1;padding:0 .5rem}
.cxh :focus-visible,.cxh-open:focus-visible{outline:3px solid #b35900;outline-offset:2px}.cxh-row{display:flex;gap:.4rem;flex-wrap:wrap;align-items:center}
.cxh-sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}.cxh[hidden]{display:none}`;

export interface HelpActions {
  ask(question: string, conversationId: string, turnId: string, language: string): Promise<HelpReply>;
  vote(conversationId: string, turnId: string, helped: boolean): Promise<unknown>;
  handoff(conversationId: string, email: string | undefined, message: string | undefined): Promise<unknown>;
  ces(conversationId: string, score: number): Promise<unknown>;
  identified(): boolean;
}

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Record<string, unknown> = {},
  ...children: (Node | string)[]
) {
  const node = document.createElement(tag);
  Object.assign(node, props);
  node.append(...children);
  return node;
}

/**
 * The help widget: a button that opens a help panel (or the panel alone, inline, on the hosted
 * page). The visitor asks in their words and gets the contextual answer or the best articles, says
 * whether it helped, and if not can hand the conversation to a person. Keyboard first: the panel
 * is a labelled dialog, focus moves to the question field, Escape closes and gives focus back to
 * the button, and answers are announced through a polite live region. Texts from the server go in
 * as text; only article HTML, which the server sanitised when it was applied, goes in as markup.
 */
export class HelpWidget {
  private readonly words: HelpWords;
  private readonly language: string;
  private readonly conversationId = randomId();
  private readonly panel: HTMLElement;
  private readonly log: HTMLElement;
  private readonly input: HTMLInputElement;
  private readonly button: HTMLButtonElement | null;

  constructor(
    private readonly actions: HelpActions,
    private readonly options: HelpOptions = {},
  ) {
    ({ language: this.language, words: this.words } = helpWords(
      options.language ?? navigator.language ?? 'en',
    ));
    const w = this.words;
    if (!document.getElementById('cxh-css'))
      document.head.append(el('style', { id: 'cxh-css', textContent: CSS }));
    const titleId = `cxh-title-${this.conversationId.slice(0, 6)}`;
    this.log = el('div', { className: 'cxh-log' });
    this.log.setAttribute('role', 'log');
    this.log.setAttribute('aria-live', 'polite');
    this.input = el('input', { type: 'text', name: 'question', maxLength: 500, autocomplete: 'off' });
    const inputId = `cxh-q-${this.conversationId.slice(0, 6)}`;
    this.input.id = inputId;
    const form = el(
      'form',
      {},
      el('label', { className: 'cxh-sr', htmlFor: inputId, textContent: w.label }),
      this.input,
      el('button', { type: 'submit', textContent: w.ask }),
    );
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      void this.ask();
    });
    this.panel = el(
      'section',
      { className: options.inline ? 'cxh' : 'cxh cxh-corner' },
      el('h2', { id: titleId, textContent: w.title }),
      this.log,
      form,
    );
    this.panel.setAttribute('role', options.inline ? 'region' : 'dialog');
    this.panel.setAttribute('aria-labelledby', titleId);
    this.panel.lang = this.language;
    if (options.inline) {
      this.button = null;
      document.body.append(this.panel);
      return;
    }
    const close = el('button', { type: 'button', className: 'cxh-x', textContent: '×' });
    close.setAttribute('aria-label', w.close);
    close.addEventListener('click', () => this.close());
    this.panel.style.position = 'fixed';
    this.panel.append(close);
    this.panel.hidden = true;
    this.panel.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') this.close();
    });
    this.button = el('button', { type: 'button', className: 'cxh-open', textContent: w.open });
    this.button.setAttribute('aria-expanded', 'false');
    this.button.addEventListener('click', () => (this.panel.hidden ? this.show() : this.close()));
    document.body.append(this.button, this.panel);
  }

  show() {
    this.panel.hidden = false;
    this.button?.setAttribute('aria-expanded', 'true');
    this.input.focus();
  }

  close() {
    if (this.options.inline) return;
    this.panel.hidden = true;
    this.button?.setAttribute('aria-expanded', 'false');
    this.button?.focus();
  }

  private say(...children: (Node | string)[]) {
    const node = el('div', { className: 'cxh-a' }, ...children);
    this.log.append(node);
    node.scrollIntoView?.({ block: 'nearest' });
    return node;
  }

  private async ask() {
    const question = this.input.value.trim();
    if (!question) return;
    this.input.value = '';
    this.log.append(el('div', { className: 'cxh-q', textContent: question }));
    const waiting = this.say(this.words.thinking);
    const turnId = randomId();
    let reply: HelpReply;
    try {
      reply = await this.actions.ask(question, this.conversationId, turnId, this.language);
    } catch {
      waiting.textContent = this.words.failed;
      return;
    }
    waiting.remove();
    this.render(reply);
  }

  private render(reply: HelpReply) {
    const w = this.words;
    const parts: Node[] = [];
    if (reply.answer) {
      parts.push(el('p', { textContent: reply.answer.text }));
      if (reply.answer.facts.length) {
        const dl = el('dl');
        for (const f of reply.answer.facts)
          dl.append(el('dt', { textContent: f.label }), el('dd', { textContent: f.value }));
        parts.push(dl);
      }
      if (reply.answer.link) {
        parts.push(
          el(
            'p',
            {},
            el('a', {
              href: reply.answer.link.url,
              target: '_blank',
              rel: 'noopener noreferrer',
              textContent: reply.answer.link.label,
            }),
          ),
        );
      }
    }
    for (const a of reply.articles) {
      const body = el('div');
      body.innerHTML = a.html; // sanitised by the server when the article was applied
      const details = el('details', {}, el('summary', { textContent: a.title }), body);
      if (!reply.answer && reply.articles.length === 1) details.open = true;
      parts.push(details);
    }
    if (!reply.answer && reply.articles.length === 0) parts.push(el('p', { textContent: w.none }));
    const answer = this.say(...parts);
    if (reply.answer || reply.articles.length) this.askHelped(answer, reply);
    if (reply.handoff.offered) this.offerPerson(answer, reply.handoff.available);
  }

  private askHelped(answer: HTMLElement, reply: HelpReply) {
    const w = this.words;
    const yes = el('button', { type: 'button', className: 'cxh-sec', textContent: w.yes });
    const no = el('button', { type: 'button', className: 'cxh-sec', textContent: w.no });
    const row = el('div', { className: 'cxh-row' }, el('span', { textContent: w.helped }), yes, no);
    answer.append(row);
    const vote = (helped: boolean) => {
      row.replaceChildren();
      void this.actions.vote(reply.conversationId, reply.turnId, helped).catch(() => undefined);
      if (helped) {
        row.append(el('span', { textContent: w.glad }));
        if (this.actions.identified()) this.askEffort(answer);
      } else this.offerPerson(answer, reply.handoff.available);
    };
    yes.addEventListener('click', () => vote(true));
    no.addEventListener('click', () => vote(false));
  }

  private askEffort(answer: HTMLElement) {
    const w = this.words;
    const group = el('div', { className: 'cxh-row' });
    group.setAttribute('role', 'group');
    group.setAttribute('aria-label', w.ces);
    group.append(el('span', { textContent: `${w.ces} (1 = ${w.cesEnds[0]}, 7 = ${w.cesEnds[1]})` }));
    for (let s = 1; s <= 7; s++) {
      const b = el('button', { type: 'button', className: 'cxh-sec', textContent: String(s) });
      b.addEventListener('click', () => {
        group.replaceChildren(el('span', { textContent: w.thanks }));
        void this.actions.ces(this.conversationId, s).catch(() => undefined);
      });
      group.append(b);
    }
    answer.append(group);
  }

  private offerPerson(answer: HTMLElement, available: boolean) {
    const w = this.words;
    if (answer.querySelector('.cxh-person')) return;
    if (!available) {
      answer.append(el('p', { className: 'cxh-person', textContent: w.unavailable }));
      return;
    }
    const start = el('button', { type: 'button', className: 'cxh-person', textContent: w.person });
    answer.append(start);
    start.addEventListener('click', () => {
      const form = el('form', { className: 'cxh-person' });
      const fields: HTMLInputElement[] = [];
      if (!this.actions.identified()) {
        const email = el('input', { type: 'email', name: 'email', required: true });
        email.setAttribute('aria-label', w.email);
        email.placeholder = w.email;
        fields.push(email);
        form.append(email);
      }
      const message = el('input', { type: 'text', name: 'message', maxLength: 2000 });
      message.setAttribute('aria-label', w.message);
      message.placeholder = w.message;
      form.append(message, el('button', { type: 'submit', textContent: w.send }));
      start.replaceWith(form);
      (fields[0] ?? message).focus();
      form.addEventListener('submit', (e) => {
        e.preventDefault();
        const email = fields[0]?.value || undefined;
        void this.actions
          .handoff(this.conversationId, email, message.value || undefined)
          .then(() => form.replaceWith(el('p', { textContent: w.handed })))
          .catch(() => form.append(el('p', { textContent: w.failed })));
      });
    });
  }
}
