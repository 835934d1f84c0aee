import { defaultLanguage, type Survey } from '../../../core/surveys/schema.ts';
import { languageChain, localize } from '../../../core/surveys/text.ts';
import { html } from './html.ts';
import { oneClickChoices, scaleEnds } from './scale.ts';

export interface InvitationEmail {
  subject: string;
  html: string;
  text: string;
  headers: Record<string, string>;
}

export interface EmailLinks {
  /** The hosted survey page. */
  page: string;
  /** One-click answer link for a value of the first question. */
  answer: (questionId: string, value: string) => string;
  /** The unsubscribe page (GET shows a button) and RFC 8058 one-click target (POST). */
  unsubscribe: string;
}

/**
 * The invitation email: the first question in the body so one click on a score records it and
 * opens the rest of the survey, a plain-text twin, and unsubscribe headers that mail clients
 * turn into their own one-click button (RFC 2369 and RFC 8058).
 */
export function invitationEmail(survey: Survey, language: string | null, links: EmailLinks): InvitationEmail {
  const chain = languageChain(language, defaultLanguage(survey));
  const subject = survey.email ? localize(survey.email.subject, chain) : survey.name;
  const intro = survey.email?.intro ? localize(survey.email.intro, chain) : '';
  const first = survey.questions[0]!;
  const question = localize(first.text, chain);
  const choices = oneClickChoices(first, chain) ?? [];
  const ends = scaleEnds(first, chain);
  const lang = chain[0]!;

  const buttons = choices.map(
    (c) =>
      html`<td style="padding:2px">
        <a
          href="${links.answer(first.id, c.value)}"
          style="display:inline-block;min-width:32px;padding:10px 8px;border:1px solid #1f4e79;border-radius:4px;color:#1f4e79;text-decoration:none;text-align:center;font:bold 16px sans-serif"
          >${c.label}</a
        >
      </td>`,
  );
  const body = html`<!doctype html>
    <html lang="${lang}">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width" />
        <title>${subject}</title>
      </head>
      <body style="margin:0;padding:16px;font:16px/1.5 sans-serif;color:#1a1a1a">
        ${intro ? html`<p>${intro}</p>` : ''}
        <p style="font-weight:bold">${question}</p>
        ${
          choices.length
            ? html`<table role="presentation">
                <tr>
                  ${buttons}
                </tr>
              </table>`
            : html`<p><a href="${links.page}">Answer</a></p>`
        }
        ${ends && (ends[0] || ends[1]) ? html`<p style="font-size:13px;color:#555">${choices[0]?.label} = ${ends[0]}, ${choices[choices.length - 1]?.label} = ${ends[1]}</p>` : ''}
        <p><a href="${links.page}">Open the survey</a></p>
        <p style="font-size:12px;color:#666">
          Do not want these emails? <a href="${links.unsubscribe}">Unsubscribe</a>.
        </p>
      </body>
    </html>`;

  const text = [
    intro,
    question,
    ...(choices.length ? choices.map((c) => `  ${c.label}: ${links.answer(first.id, c.value)}`) : []),
    ends && (ends[0] || ends[1])
      ? `(${choices[0]?.label} = ${ends[0]}, ${choices[choices.length - 1]?.label} = ${ends[1]})`
      : '',
    `Open the survey: ${links.page}`,
    '',
    `Unsubscribe: ${links.unsubscribe}`,
  ]
    .filter((line, i) => line !== '' || i > 3)
    .join('\n');

  return {
    subject,
    html: body.value,
    text,
    headers: {
      'List-Unsubscribe': `<${links.unsubscribe}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    },
  };
}
