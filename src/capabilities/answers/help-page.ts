/**
 * The hosted help page: the widget's panel open on a page of its own, for a link in an email or
 * a shop without the SDK. `/help?key=<ingest key>` for anyone; a shop linking a signed-in customer
 * adds `customer=<id>&hash=<user hash>`, as it would put them in its own pages; `lang` picks the
 * language. Everything it does goes through the same widget calls.
 */
export function helpPage(): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Help</title><style>body{font:16px/1.45 system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem}</style></head>
<body><main id="help"></main>
<script>
  window.cxloop = window.cxloop || [];
  (function () {
    var p = new URLSearchParams(location.search);
    if (p.get('customer')) cxloop.push(['identify', p.get('customer'), undefined, { userHash: p.get('hash') || undefined }]);
    cxloop.push(['init', { key: p.get('key') || '', surveys: false }]);
    cxloop.push(['help', { inline: true, language: p.get('lang') || undefined }]);
  })();
</script>
<script async src="/sdk.js"></script>
</body></html>`;
}
