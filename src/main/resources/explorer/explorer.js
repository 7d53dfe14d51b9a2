// Shared helpers, the search box, the language switch and the page router.
// Everything from the node or a peer is put on screen with textContent, never as HTML.
'use strict';

/** Makes an element: el('a', {href: '/x', class: 'c'}, 'text', child, ...). */
function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') e.className = v;
    else if (k === 'onclick') e.addEventListener('click', v);
    else e.setAttribute(k, v);
  }
  append(e, children);
  return e;
}

function append(parent, children) {
  for (const c of children.flat(Infinity)) {
    if (c === undefined || c === null || c === false) continue;
    parent.appendChild(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return parent;
}

/** Replaces what parent holds with children (null and false are left out, arrays flattened). */
function fill(parent, ...children) {
  parent.replaceChildren();
  return append(parent, children);
}

/** An SVG element (for the Merkle tree and the sequence diagram). */
function svg(tag, attrs, ...children) {
  const e = document.createElementNS('http://www.w3.org/2000/svg', tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v !== undefined && v !== null) e.setAttribute(k, v);
  }
  for (const c of children.flat(Infinity)) {
    if (c === undefined || c === null) continue;
    e.appendChild(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return e;
}

class HttpError extends Error {
  constructor(status, text) { super(text || ('HTTP ' + status)); this.status = status; }
}

async function fetchText(path) {
  const r = await fetch(path, {headers: {'Accept': 'application/json, text/plain'}});
  const body = await r.text();
  if (!r.ok) throw new HttpError(r.status, body.trim());
  return body;
}

async function api(path) {
  return JSON.parse(await fetchText(path));
}

/** Integer base units as coins, like Bitcoin prints them: 100000000 -> "1", 150000 -> "0.0015". */
function coins(units) {
  const n = BigInt(units);
  const neg = n < 0n;
  const a = neg ? -n : n;
  const whole = a / 100000000n;
  let frac = (a % 100000000n).toString().padStart(8, '0').replace(/0+$/, '');
  return (neg ? '-' : '') + whole.toString() + (frac ? '.' + frac : '');
}

function coinsText(units) {
  return coins(units) + ' MINI';
}

function bytesText(n) {
  if (n < 1024) return n + ' B';
  if (n < 1024 * 1024) return (n / 1024).toFixed(1) + ' kB';
  return (n / 1024 / 1024).toFixed(1) + ' MB';
}

function timeText(seconds) {
  const d = new Date(seconds * 1000);
  return d.toLocaleString(currentLang() === 'zh' ? 'zh-CN' : 'en-GB');
}

function agoText(seconds) {
  const s = Math.max(0, Math.round(Date.now() / 1000 - seconds));
  if (s < 90) return t('ago.s', s);
  if (s < 5400) return t('ago.m', Math.round(s / 60));
  if (s < 86400 * 2) return t('ago.h', Math.round(s / 3600));
  return t('ago.d', Math.round(s / 86400));
}

function numberText(n) {
  return Number(n).toLocaleString(currentLang() === 'zh' ? 'zh-CN' : 'en-US');
}

/** A hash shown whole but in a monospace, breakable span. */
function hashSpan(h) {
  return el('span', {class: 'hash'}, h);
}

function blockLink(hash, text) {
  return el('a', {href: '/block/' + encodeURIComponent(hash), class: 'hash'}, text || hash);
}

function heightLink(height) {
  return el('a', {href: '/block-height/' + encodeURIComponent(height)}, numberText(height));
}

function txLink(txid, text) {
  return el('a', {href: '/tx/' + encodeURIComponent(txid), class: 'hash'}, text || txid);
}

function addressLink(address) {
  return el('a', {href: '/address/' + encodeURIComponent(address), class: 'hash'}, address);
}

function short(h) {
  return h.length > 20 ? h.slice(0, 10) + '…' + h.slice(-8) : h;
}

/** A two-column table of label/value rows. */
function facts(rows) {
  return el('dl', {class: 'facts'},
    rows.filter(r => r).map(([k, v]) => [el('dt', {}, k), el('dd', {}, v)]));
}

function table(headers, rows, cls) {
  return el('table', {class: 'list ' + (cls || '')},
    el('thead', {}, el('tr', {}, headers.map(h => el('th', {}, h)))),
    el('tbody', {}, rows.map(cells => el('tr', {}, cells.map(c => el('td', {}, c))))));
}

function section(title, ...children) {
  return el('section', {class: 'card'}, el('h2', {}, title), ...children);
}

function showError(main, e) {
  main.replaceChildren(el('section', {class: 'card error'},
    el('h1', {}, e.status === 404 ? t('notfound') : t('error', e.message)),
    e.status === 404 && e.message ? el('p', {class: 'muted'}, e.message) : null));
}

// ---- live events, shared by the pages ----------------------------------------------------------

/**
 * Calls onBatch(events) with each batch of node events (and onMissed(count) when some were
 * dropped). With stream set, from the Server-Sent Events stream (falling back to polling if the
 * node has no stream to spare); else by polling once a second, which is all a page that only
 * refreshes a table needs, and leaves the node's few streams to the protocol view.
 */
function subscribeEvents(onBatch, onMissed, onMode, stream) {
  // A page that only refreshes needs no events from before it ('now'); the protocol view starts
  // with the node's latest ones (null: the node picks how many).
  let last = stream ? null : 'now';
  let stopped = false;
  const poll = async () => {
    onMode && onMode('polling');
    while (!stopped) {
      try {
        const r = await api('/explorer/events.json' + (last === null ? '' : '?after=' + last));
        if (r.missed > 0 && onMissed) onMissed(r.missed);
        if (!r.events.length) {
          if (last === null || last === 'now') last = r.last;
        } else {
          last = r.events[r.events.length - 1].seq;
          onBatch(r.events);
        }
      } catch (e) { /* the node may be restarting: try again */ }
      await new Promise(res => setTimeout(res, 1000));
    }
  };
  if (!stream || !window.EventSource) { poll(); return () => { stopped = true; }; }
  const source = new EventSource('/explorer/events');
  let opened = false;
  source.onopen = () => { opened = true; onMode && onMode('stream'); };
  source.onmessage = m => {
    const events = JSON.parse(m.data);
    if (events.length) last = events[events.length - 1].seq;
    onBatch(events);
  };
  source.addEventListener('missed', m => onMissed && onMissed(JSON.parse(m.data).count));
  source.onerror = () => {
    // A refused stream (503: too many open) never opens: fall back to polling.
    if (!opened || source.readyState === EventSource.CLOSED) {
      source.close();
      poll();
    }
  };
  return () => { stopped = true; source.close(); };
}

// ---- search ------------------------------------------------------------------------------------

async function exists(path) {
  try { await fetchText(path); return true; } catch (e) { return false; }
}

/** Where a search for q leads: a height, a block hash, a txid or an address; null if nowhere. */
async function searchTarget(q) {
  q = q.trim();
  if (/^\d{1,10}$/.test(q)) {
    return (await exists('/api/block-height/' + q)) ? '/block-height/' + q : null;
  }
  if (/^[0-9a-fA-F]{64}$/.test(q)) {
    const h = q.toLowerCase();
    if (await exists('/api/block/' + h)) return '/block/' + h;
    if (await exists('/api/tx/' + h)) return '/tx/' + h;
    return null;
  }
  if (/^[1-9A-HJ-NP-Za-km-z]{25,40}$/.test(q) && await exists('/api/address/' + q)) {
    return '/address/' + q;
  }
  return null;
}

function setUpSearch() {
  const form = document.getElementById('search');
  const input = document.getElementById('search-input');
  const error = document.getElementById('search-error');
  form.addEventListener('submit', async ev => {
    ev.preventDefault();
    const q = input.value.trim();
    if (!q) return;
    const target = await searchTarget(q);
    if (target) {
      location.href = target;
    } else {
      error.textContent = t('search.none', q);
      error.hidden = false;
    }
  });
  input.addEventListener('input', () => { error.hidden = true; });
}

// ---- pages -------------------------------------------------------------------------------------

const ROUTES = [];

/**
 * Registers a page: pattern is a RegExp over the path; render(main, match) draws it. A page whose
 * data arrives after render returns (drawsLater) calls markDrawn() itself when it is on screen.
 */
function page(pattern, render, drawsLater) {
  ROUTES.push({pattern, render, drawsLater});
}

/**
 * Marks the page's data as drawn: a performance mark, whose time counts from the start of the
 * navigation, and html[data-drawn]. The page-load benchmark reads them.
 */
function markDrawn() {
  if (document.documentElement.dataset.drawn) return;
  performance.mark('minicoin-drawn');
  document.documentElement.dataset.drawn = location.pathname;
}

let stopPage = null;

async function route() {
  const main = document.getElementById('main');
  const path = decodeURIComponent(location.pathname);
  if (stopPage) { stopPage(); stopPage = null; }
  delete document.documentElement.dataset.drawn;
  document.querySelectorAll('header nav a').forEach(a => {
    const href = a.getAttribute('href');
    a.classList.toggle('active', href === '/' ? path === '/' : path.startsWith(href));
  });
  for (const r of ROUTES) {
    const m = path.match(r.pattern);
    if (m) {
      try {
        const stop = await r.render(main, m);
        if (typeof stop === 'function') stopPage = stop;
        if (!r.drawsLater) markDrawn();
      } catch (e) {
        showError(main, e);
        markDrawn();
      }
      return;
    }
  }
  showError(main, new HttpError(404, ''));
  markDrawn();
}

function setUpLanguage() {
  document.querySelectorAll('.lang button').forEach(b => b.addEventListener('click', () => {
    localStorage.setItem('minicoin.lang', b.dataset.lang);
    translateStatic();
    route(); // draw the page again in the new language
  }));
}

document.addEventListener('DOMContentLoaded', () => {
  translateStatic();
  setUpSearch();
  setUpLanguage();
  route();
});
