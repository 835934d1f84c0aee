/**
 * The participant's page: one HTML shell and one script, no framework, so it loads fast on a phone
 * over a venue's Wi-Fi. The script keeps the participant's key in the browser (localStorage, per
 * link), joins with it once and then sends each judgement as it is tapped; a reload or a second
 * tab finds the same seat. Everything shown comes from the API (/v1/participant), written into the
 * page as text, never as HTML.
 */

export const PARTICIPANT_SCRIPT_PATH = '/workshop-assets/participant.js';

/** The page's own policy: its script and calls to this server, nothing else; no framing, no Referer (the address holds the token). */
export const PARTICIPANT_PAGE_HEADERS = {
  'content-security-policy':
    "default-src 'none'; script-src 'self'; connect-src 'self'; style-src 'unsafe-inline'; " +
    "frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  'cache-control': 'no-store',
} as const;

export const participantPage = (): string => `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Workshop</title>
<style>
  * { box-sizing: border-box; }
  body { font: 16px/1.4 system-ui, sans-serif; margin: 0; color: #1f2933; background: #f5f7fa; }
  main { max-width: 44rem; margin: 0 auto; padding: 1rem; }
  header { position: sticky; top: 0; background: #f5f7fa; padding: .5rem 0; border-bottom: 1px solid #d9e2ec; z-index: 1; }
  h1 { font-size: 1.25rem; margin: 0 0 .25rem; }
  h2 { font-size: 1.05rem; margin: 1.5rem 0 .5rem; }
  .item { background: #fff; border: 1px solid #d9e2ec; border-radius: .5rem; padding: .75rem; margin: .5rem 0; }
  .item.done { border-color: #7bc47f; }
  .q { margin: 0 0 .5rem; }
  .label { font-size: .85rem; color: #52606d; margin: .5rem 0 .25rem; }
  .choices { display: flex; flex-wrap: wrap; gap: .375rem; }
  button { font: inherit; min-height: 44px; min-width: 44px; padding: .375rem .625rem; border: 1px solid #9aa5b1;
    border-radius: .375rem; background: #fff; color: #1f2933; }
  button[aria-pressed="true"] { background: #2f6fab; border-color: #2f6fab; color: #fff; }
  input { font: inherit; padding: .5rem; width: 100%; min-height: 44px; border: 1px solid #9aa5b1; border-radius: .375rem; }
  .error { color: #ab091e; }
  #progress { font-size: .9rem; color: #52606d; }
</style>
</head>
<body>
<main id="app"><p>Loading...</p></main>
<script src="${PARTICIPANT_SCRIPT_PATH}"></script>
</body>
</html>`;

export const participantScript = (): string => `'use strict';
(function () {
  var token = location.pathname.split('/').pop();
  var storeKey = 'cxloop-workshop-key:' + token;
  var app = document.getElementById('app');
  var state = null;

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    (children || []).forEach(function (c) { node.append(c); });
    return node;
  }
  function newKey() {
    var bytes = new Uint8Array(32);
    crypto.getRandomValues(bytes);
    var s = '';
    bytes.forEach(function (b) { s += String.fromCharCode(b); });
    return btoa(s).replace(/\\+/g, '-').replace(/\\//g, '_').replace(/=+$/, '');
  }
  function call(method, path, body) {
    var headers = { 'content-type': 'application/json' };
    var key = localStorage.getItem(storeKey);
    if (key) headers['x-participant-key'] = key;
    return fetch(path, { method: method, headers: headers, body: body === undefined ? undefined : JSON.stringify(body) })
      .then(function (r) { return r.json().then(function (j) { return { status: r.status, body: j }; }); });
  }
  function message(text, cls) { app.replaceChildren(el('p', { class: cls || '' }, [text])); }

  function showJoin(info, error) {
    var name = el('input', { id: 'name', autocomplete: 'name', maxlength: '80', 'aria-label': 'Your name' });
    var join = el('button', { id: 'join', type: 'button' }, ['Join']);
    var err = el('p', { class: 'error', role: 'alert' }, [error || '']);
    join.addEventListener('click', function () {
      if (!name.value.trim()) { err.textContent = 'Please enter your name.'; return; }
      var key = newKey();
      localStorage.setItem(storeKey, key);
      call('POST', '/v1/workshop-join/' + token, { name: name.value.trim(), key: key }).then(function (r) {
        if (r.status === 200) return load();
        localStorage.removeItem(storeKey);
        err.textContent = r.body.error ? r.body.error.message : 'Could not join.';
      });
    });
    app.replaceChildren(
      el('h1', {}, [info.workshop.name]),
      el('p', {}, ['Join this journey-mapping workshop. No account needed: your name is shown to the facilitator.']),
      el('p', { id: 'seats' }, [info.seatsLeft + ' seats left']),
      el('label', { for: 'name', class: 'label' }, ['Your name']), name, join, err,
    );
  }

  function choices(scale, current, onPick, prefix) {
    var row = el('div', { class: 'choices', role: 'group' });
    var values = [];
    for (var v = scale.min; v <= scale.max; v++) values.push(v);
    values.push(null);
    values.forEach(function (v) {
      var text = v === null ? "Don't know" : v + ' ' + scale.labels[v - scale.min];
      var b = el('button', { type: 'button', 'aria-pressed': String(current !== undefined && current === v),
        'data-value': v === null ? 'unknown' : String(v), 'data-item': prefix }, [text]);
      b.addEventListener('click', function () { onPick(v); });
      row.append(b);
    });
    return row;
  }

  function send(judgement) {
    call('PUT', '/v1/participant/judgements', { judgements: [judgement] }).then(function (r) {
      if (r.status !== 200) { alert(r.body.error ? r.body.error.message : 'Not saved'); return; }
      load();
    });
  }

  function name(id) {
    var t = state.touchpoints.find(function (x) { return x.id === id; });
    return t ? t.name : id;
  }

  function render() {
    var p = state.progress;
    var header = el('header', {}, [
      el('h1', {}, [state.workshop.name]),
      el('div', { id: 'progress', role: 'status' }, [
        state.participant.name + ': ' + p.answered + ' of ' + p.items + ' answered, ' + p.left + ' left',
      ]),
    ]);
    var tps = el('section', {}, [el('h2', {}, ['1. Each touchpoint'])]);
    state.touchpoints.forEach(function (t) {
      var done = t.effort !== undefined && t.importance !== undefined;
      tps.append(el('div', { class: 'item' + (done ? ' done' : ''), 'data-touchpoint': t.id }, [
        el('p', { class: 'q' }, [el('strong', {}, [t.name]), ' (' + t.stage + ')']),
        el('div', { class: 'label' }, ['Effort it asks of the customer']),
        choices(state.scales.effort, t.effort, function (v) { send({ kind: 'effort', from: t.id, value: v }); }, 'effort:' + t.id),
        el('div', { class: 'label' }, ['Importance to the customer']),
        choices(state.scales.importance, t.importance, function (v) { send({ kind: 'importance', from: t.id, value: v }); }, 'importance:' + t.id),
      ]));
    });
    var pairs = el('section', {}, [el('h2', {}, ['2. Influence between touchpoints (' + state.pairs.length + ' pairs)'])]);
    state.pairs.forEach(function (pr) {
      pairs.append(el('div', { class: 'item' + (pr.value !== undefined ? ' done' : ''), 'data-pair': pr.from + '>' + pr.to }, [
        el('p', { class: 'q' }, ['When ', el('strong', {}, [name(pr.from)]), ' goes badly, how much more likely is a bad experience at ',
          el('strong', {}, [name(pr.to)]), '?']),
        choices(state.scales.influence, pr.value, function (v) { send({ kind: 'influence', from: pr.from, to: pr.to, value: v }); }, 'influence:' + pr.from + '>' + pr.to),
      ]));
    });
    var scrollY = window.scrollY;
    app.replaceChildren(header, tps, pairs, el('p', {}, [p.left === 0 ? 'All done. Thank you!' : '']));
    window.scrollTo(0, scrollY);
  }

  function load() {
    if (!localStorage.getItem(storeKey)) {
      return call('GET', '/v1/workshop-join/' + token).then(function (r) {
        if (r.status !== 200) return message(r.body.error ? r.body.error.message : 'This link is not valid.', 'error');
        showJoin(r.body);
      });
    }
    return call('GET', '/v1/participant').then(function (r) {
      if (r.status === 401) { localStorage.removeItem(storeKey); return load(); }
      if (r.status !== 200) return message(r.body.error ? r.body.error.message : 'Something went wrong.', 'error');
      state = r.body;
      render();
    });
  }
  load();
})();
`;
