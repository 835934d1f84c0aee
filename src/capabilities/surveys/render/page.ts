import type { AnswerValue } from '../../../core/surveys/answers.ts';
import type { Question } from '../../../core/surveys/questions.ts';
import { isChoice, isScored, scaleOf } from '../../../core/surveys/questions.ts';
import type { Survey } from '../../../core/surveys/schema.ts';
import { localize } from '../../../core/surveys/text.ts';
import { html, type Html } from './html.ts';
import { scaleEnds } from './scale.ts';

/** Mobile-first, high-contrast, with visible focus; the page needs no script at all. */
const STYLE = `
*{box-sizing:border-box}body{margin:0;font:18px/1.5 system-ui,sans-serif;color:#111;background:#f6f7f9}
main{max-width:40rem;margin:0 auto;padding:1rem}h1{font-size:1.25rem;margin:.5rem 0 1rem}
fieldset{border:0;margin:0;padding:0}legend{font-size:1.2rem;font-weight:600;margin-bottom:.75rem}
.scale{display:flex;flex-wrap:wrap;gap:.4rem}.scale label,.options label{display:flex;align-items:center;gap:.5rem;
min-width:3rem;min-height:3rem;padding:.5rem .75rem;border:2px solid #1f4e79;border-radius:.5rem;background:#fff;cursor:pointer}
.options{display:grid;gap:.5rem}.ends{display:flex;justify-content:space-between;font-size:.9rem;color:#333;margin:.25rem 0 1rem}
input[type=radio],input[type=checkbox]{width:1.25rem;height:1.25rem;accent-color:#1f4e79}
textarea{width:100%;min-height:8rem;font:inherit;padding:.5rem;border:2px solid #555;border-radius:.5rem}
button{font:inherit;min-height:3rem;padding:.5rem 1.25rem;border-radius:.5rem;border:2px solid #1f4e79;margin:1rem .5rem 0 0}
.primary{background:#1f4e79;color:#fff}.secondary{background:#fff;color:#1f4e79}
:focus-visible{outline:3px solid #b35900;outline-offset:2px}.alert{border-left:4px solid #b00020;padding:.5rem 1rem;background:#fff}
.progress{color:#333;font-size:.9rem}`;

export function layout(lang: string, title: string, body: Html): string {
  return html`<!doctype html>
    <html lang="${lang}">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex" />
        <title>${title}</title>
        <style>
          ${STYLE}
        </style>
      </head>
      <body>
        <main>${body}</main>
      </body>
    </html>`.value;
}

function input(question: Question, chain: string[], current: AnswerValue | undefined): Html {
  const describedBy = `${question.id}-ends`;
  if (isScored(question)) {
    const { min, max } = scaleOf(question);
    const ends = scaleEnds(question, chain);
    const values = Array.from({ length: max - min + 1 }, (_, i) => min + i);
    return html`<div class="scale" aria-describedby="${describedBy}">
        ${values.map(
          (v) =>
            html`<label
              ><input
                type="radio"
                name="value"
                value="${v}"
                ${question.required ? html` required` : ''}${current === v ? html` checked` : ''}
              />${v}</label
            >`,
        )}
      </div>
      ${ends && (ends[0] || ends[1]) ? html`<div class="ends" id="${describedBy}"><span>${min}: ${ends[0]}</span><span>${max}: ${ends[1]}</span></div>` : ''}`;
  }
  if (isChoice(question)) {
    const type = question.kind === 'single' ? 'radio' : 'checkbox';
    const chosen = Array.isArray(current) ? current : [current];
    return html`<div class="options">
      ${question.options.map(
        (o) =>
          html`<label
            ><input
              type="${type}"
              name="value"
              value="${o.id}"
              ${type === 'radio' && question.required ? html` required` : ''}${chosen.includes(o.id) ? html` checked` : ''}
            />${localize(o.label, chain)}</label
          >`,
      )}
    </div>`;
  }
  const placeholder =
    question.kind === 'text' && question.placeholder ? localize(question.placeholder, chain) : '';
  return html`<textarea
    name="value"
    id="${question.id}-text"
    maxlength="${question.kind === 'text' ? question.maxLength : 2000}"
    placeholder="${placeholder}"
    ${question.required ? html` required` : ''}
  ></textarea>`;
}

export interface QuestionPage {
  survey: Survey;
  question: Question;
  chain: string[];
  action: string;
  progress: { index: number; total: number };
  error?: string;
  /** What the respondent sent, to show again beside an error. */
  current?: AnswerValue;
}

/** One question as a plain form that posts back to the page, then redirects to the next. */
export function questionPage(p: QuestionPage): string {
  const text = localize(p.question.text, p.chain);
  const legendId = `${p.question.id}-legend`;
  return layout(
    p.chain[0]!,
    `${text} - ${p.survey.name}`,
    html`<h1>${p.survey.name}</h1>
      <p class="progress">Question ${p.progress.index} of ${p.progress.total}</p>
      ${p.error ? html`<p class="alert" role="alert">${p.error}</p>` : ''}
      <form method="post" action="${p.action}">
        <input type="hidden" name="question" value="${p.question.id}" />
        <fieldset aria-labelledby="${legendId}">
          <legend id="${legendId}">
            ${text}${p.question.required ? html` <span aria-hidden="true">*</span>` : ''}
          </legend>
          ${p.question.kind === 'text' ? html`<label for="${p.question.id}-text" class="progress">Your answer</label>` : ''}
          ${input(p.question, p.chain, p.current)}
        </fieldset>
        <button type="submit" class="primary">Next</button>
        ${p.question.required ? '' : html`<button type="submit" class="secondary" name="skip" value="1" formnovalidate>Skip</button>`}
      </form>`,
  );
}

export function messagePage(lang: string, title: string, message: string): string {
  return layout(
    lang,
    title,
    html`<h1>${title}</h1>
      <p>${message}</p>`,
  );
}

export function thankYouPage(survey: Survey, chain: string[]): string {
  const text = survey.thankYou ? localize(survey.thankYou, chain) : 'Your answers have been recorded.';
  return layout(
    chain[0]!,
    `Thank you - ${survey.name}`,
    html`<h1>Thank you</h1>
      <p role="status">${text}</p>`,
  );
}

export function unsubscribePage(action: string, done: boolean): string {
  return layout(
    'en',
    done ? 'Unsubscribed' : 'Unsubscribe',
    done
      ? html`<h1>You are unsubscribed</h1>
          <p role="status">You will not receive survey invitations from us any more.</p>`
      : html`<h1>Unsubscribe</h1>
          <p>Stop receiving survey invitations from us?</p>
          <form method="post" action="${action}">
            <button type="submit" class="primary">Unsubscribe</button>
          </form>`,
  );
}
