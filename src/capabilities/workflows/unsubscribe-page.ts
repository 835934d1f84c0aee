const escape = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!,
  );

/**
 * The page behind an unsubscribe link. Opening it changes nothing (link scanners open links);
 * the button POSTs, as a mail client's one-click does.
 */
export function unsubscribePage(token: string, state: 'ask' | 'done'): string {
  const body =
    state === 'done'
      ? '<h1>You are unsubscribed</h1><p>You will get no more marketing email from us. Order and delivery messages you asked for still come.</p>'
      : `<h1>Unsubscribe?</h1><p>Stop marketing email from us. Order and delivery messages you asked for still come.</p>
         <form method="post" action="/unsubscribe/${escape(token)}"><button type="submit">Unsubscribe</button></form>`;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>Unsubscribe</title><style>body{font:16px/1.5 system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem}button{font:inherit;padding:.5rem 1rem}</style>
</head><body>${body}</body></html>`;
}
