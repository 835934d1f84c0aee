import type { PendingSurvey, Progress, Question } from './types.ts';

const CSS = `.cxl-pop{position:fixed;right:1rem;bottom:1rem;z-index:2147483000;max-width:24rem;width:calc(100% - 2rem);
background:#fff;color:#111;border:2px solid #1f4e79;border-radius:.75rem;padding:1rem;font:16px/1.4 system-ui,sans-serif;
box-shadow:0 8px 24px rgba(0,0,0,.2)}.cxl-pop fieldset{border:0;margin:0;padding:0}.cxl-pop legend{font-weight:600;margin:0 2rem .5rem 0}
.cxl-scale{display:flex;flex-wrap:wrap;gap:.25rem}.cxl-pop label{display:inline-flex;align-items:center;gap:.25rem;
min-width:2.5rem;min-height:2.5rem;padding:.25rem .5rem;border:1px solid #1f4e79;border-radius:.4rem;cursor:pointer}
.cxl-opts label{display:flex;margin:.25rem 0}.cxl-pop textarea{width:100%;min-height:5rem;font:inherit}
.cxl-pop button{font:inherit;min-height:2.5rem;padding:.25rem 1rem;border-radius:.4rem;border:2px solid #1f4e79;
background:#1f4e79;color:#fff;margin:.75rem .5rem 0 0;cursor:pointer}.cxl-pop .cxl-sec{background:#fff;color:#1f4e79}
.cxl-pop .cxl-close{position:absolute;top:.25rem;right:.25rem;margin:0;background:#fff;color:#111;border:0;font-size:1.5rem;line-height:1}
.cxl-pop :focus-visible{outline:3px solid #b35900;outline-offset:2px}.cxl-ends{font-size:.85rem;color:#333;display:flex;justify-content:space-between}`;

type Props = Partial<{
  id: string;
  className: string;
  textContent: string;
  type: string;
  name: string;
  value: string;
  maxLength: number;
}>;

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Props = {},
  ...children: (Node | string)[]
) {
  const node: HTMLElementTagNameMap[K] = document.createElement(tag);
  Object.assign(node, props);
  node.append(...children);
  return node;
}

function choices(question: Question): { value: string; label: string }[] {
  if (question.scale) {
    const { min, max } = question.scale;
    return Array.from({ length: max - min + 1 }, (_, i) => ({
      value: String(min + i),
      label: String(min + i),
    }));
  }
  return (question.options ?? []).map((o) => ({ value: o.id, label: o.label }));
}

export interface PopoverActions {
  answer(question: string, value: unknown): Promise<Progress>;
  dismiss(): void;
}

/**
 * An in-page survey: a non-modal dialog in the corner, one question at a time. Reachable and
 * usable by keyboard (focus moves into it, Escape dismisses, focus returns where it was), and
 * every text from the server goes in as text, never as markup.
 */
export class Popover {
  private readonly root: HTMLDivElement;
  private readonly returnFocus: Element | null;
  private readonly status: HTMLParagraphElement;

  constructor(
    private readonly pending: PendingSurvey,
    private readonly actions: PopoverActions,
  ) {
    if (!document.getElementById('cxl-style'))
      document.head.append(el('style', { id: 'cxl-style', textContent: CSS }));
    this.returnFocus = document.activeElement;
    this.status = el('p', { className: 'cxl-status' });
    this.status.setAttribute('role', 'status');
    this.root = el('div', { className: 'cxl-pop' });
    this.root.setAttribute('role', 'dialog');
    this.root.setAttribute('aria-label', pending.survey.name);
    this.root.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') this.dismiss();
    });
    document.body.append(this.root);
  }

  show(questionId: string | null): void {
    const question = this.pending.survey.questions.find((q) => q.id === questionId);
    if (!question) return this.thank();
    const legendId = `cxl-q-${question.id}`;
    const close = el('button', { type: 'button', className: 'cxl-close', textContent: '×' });
    close.setAttribute('aria-label', 'Dismiss survey');
    close.addEventListener('click', () => this.dismiss());
    const legend = el('legend', { id: legendId, textContent: question.text });
    const fieldset = el('fieldset', {}, legend);
    fieldset.setAttribute('aria-labelledby', legendId);
    if (question.kind === 'text') {
      const area = el('textarea', { name: 'value', maxLength: question.maxLength ?? 2000 });
      area.setAttribute('aria-labelledby', legendId);
      fieldset.append(area);
    } else {
      const type = question.kind === 'multiple' ? 'checkbox' : 'radio';
      const group = el('div', { className: question.scale ? 'cxl-scale' : 'cxl-opts' });
      for (const c of choices(question))
        group.append(el('label', {}, el('input', { type, name: 'value', value: c.value }), c.label));
      fieldset.append(group);
      if (question.ends && (question.ends[0] || question.ends[1]))
        fieldset.append(
          el(
            'div',
            { className: 'cxl-ends' },
            el('span', { textContent: question.ends[0] }),
            el('span', { textContent: question.ends[1] }),
          ),
        );
    }
    const form = el('form', {}, fieldset, el('button', { type: 'submit', textContent: 'Send' }));
    if (!question.required) {
      const skip = el('button', { type: 'button', className: 'cxl-sec', textContent: 'Skip' });
      skip.addEventListener('click', () => void this.submit(question, null));
      form.append(skip);
    }
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      void this.submit(question, this.valueOf(question, form));
    });
    this.status.textContent = '';
    this.root.replaceChildren(close, form, this.status);
    (form.querySelector('input,textarea') as HTMLElement | null)?.focus();
  }

  private valueOf(question: Question, form: HTMLFormElement): unknown {
    const data = new FormData(form);
    if (question.kind === 'multiple') return data.getAll('value');
    const value = data.get('value');
    return value === null || value === '' ? undefined : question.scale ? Number(value) : value;
  }

  private async submit(question: Question, value: unknown) {
    if (value === undefined || (Array.isArray(value) && value.length === 0)) {
      this.status.textContent = 'Please choose an answer.';
      return;
    }
    try {
      const progress = await this.actions.answer(question.id, value);
      this.show(progress.next);
    } catch {
      this.status.textContent = 'Sorry, that did not work. Please try again.';
    }
  }

  private thank() {
    const ok = el('button', { type: 'button', textContent: 'Close' });
    ok.addEventListener('click', () => this.close());
    this.root.replaceChildren(el('p', { textContent: this.pending.survey.thankYou }), ok);
    this.root.querySelector('p')!.setAttribute('role', 'status');
    ok.focus();
  }

  private dismiss() {
    this.actions.dismiss();
    this.close();
  }

  close() {
    this.root.remove();
    if (this.returnFocus instanceof HTMLElement) this.returnFocus.focus();
  }
}
