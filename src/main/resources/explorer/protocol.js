// /protocol: the live sequence diagram. One lifeline for this node, one per peer; every message
// is an arrow, every node event a note on the node's lifeline. Events arrive in batches from the
// event stream and are drawn at most once per animation frame, so a flood never freezes the page.
'use strict';

const ROW_H = 30;
const COL_W = 230;
const LEFT = 130;
const MAX_ROWS = 1500; // rows kept on screen; older ones go
const MAX_WAITING = 20000; // events kept while paused
const PER_FRAME = 1000; // events drawn in one animation frame at most: a node's backlog at once

// This node's own lifeline; peers are keyed by their connection number.
const SELF = 'self';

const NODE_KINDS = ['tip', 'reorg', 'txadded', 'txremoved', 'rejected'];

// One clock formatter per language: making one per row (toLocaleTimeString) is most of the cost
// of drawing a thousand rows.
const CLOCKS = {};

function clockText(time) {
  const lang = currentLang();
  if (!CLOCKS[lang]) {
    CLOCKS[lang] = new Intl.DateTimeFormat(lang === 'zh' ? 'zh-CN' : 'en-GB',
      {hour: '2-digit', minute: '2-digit', second: '2-digit'});
  }
  return CLOCKS[lang].format(new Date(time));
}

function noteText(e) {
  switch (e.kind) {
    case 'tip': return t('proto.tip', short(e.hash), e.height);
    case 'reorg': return t('proto.reorg', e.disconnected, e.connected, e.forkHeight);
    case 'txadded': return t('proto.txadded', short(e.txid));
    case 'txremoved': return t('proto.txremoved', short(e.txid), e.reason);
    case 'rejected': return t('proto.rejected', e.what, short(e.hash), e.reason);
    case 'connected': return t('proto.connected', e.outbound ? t('peers.out') : t('peers.in'));
    case 'disconnected': return t('proto.disconnected', e.reason);
    default: return e.kind;
  }
}

class SequenceDiagram {
  constructor(root, summary) {
    this.summary = summary;
    this.columns = new Map(); // peerId -> {index, label, gone}
    this.events = []; // what is drawn, oldest first
    this.queue = [];
    this.paused = false;
    this.hidden = new Set(); // commands filtered out
    this.commands = new Set();
    this.scheduled = false;
    this.missed = 0;
    this.visibleCount = 0;

    this.pauseButton = el('button', {type: 'button', id: 'proto-pause'}, t('proto.pause'));
    this.pauseButton.addEventListener('click', () => this.setPaused(!this.paused));
    const clear = el('button', {type: 'button', id: 'proto-clear'}, t('proto.clear'));
    clear.addEventListener('click', () => this.clear());
    this.waiting = el('span', {class: 'muted', id: 'proto-waiting'});
    this.status = el('span', {class: 'live', id: 'proto-live'}, '○ ' + t('loading'));
    this.filters = el('span', {class: 'filters', id: 'proto-filters'}, t('proto.filter') + ':');
    this.heads = el('div', {class: 'heads'});
    this.canvas = svg('svg', {class: 'sequence', id: 'sequence', width: LEFT * 2, height: 60});
    this.lines = svg('g', {class: 'lifelines'});
    this.body = svg('g', {class: 'rows'});
    this.canvas.append(this.lines, this.body);
    this.scroller = el('div', {class: 'scroller', id: 'proto-scroller'}, this.heads, this.canvas);
    this.empty = el('p', {class: 'muted', id: 'proto-empty'}, t('proto.empty'));
    this.detail = el('aside', {class: 'detail card', id: 'proto-detail'}, el('p', {class: 'muted'}, t('proto.pick')));
    root.replaceChildren(
      el('h1', {}, t('proto.title'), ' ', this.status),
      el('p', {class: 'muted'}, t('proto.explain')),
      el('div', {class: 'controls'}, this.pauseButton, clear, this.waiting, this.filters),
      el('div', {class: 'protocol'}, el('div', {class: 'diagram card'}, this.empty, this.scroller), this.detail));
    this.column(SELF, t('proto.thisnode', summary.port));
  }

  /** The lifeline of a peer (SELF: this node), made when first seen. */
  column(peerId, label) {
    let c = this.columns.get(peerId);
    if (!c) {
      c = {index: this.columns.size, label, gone: false,
        head: el('div', {class: 'head' + (peerId === SELF ? ' self' : ''), 'data-peer': String(peerId)})};
      c.head.style.left = (LEFT + c.index * COL_W - COL_W / 2 + 6) + 'px';
      c.head.style.width = (COL_W - 12) + 'px';
      this.heads.appendChild(c.head);
      this.columns.set(peerId, c);
    }
    if (label && peerId !== SELF) c.label = label;
    c.head.textContent = c.label;
    c.head.title = c.label;
    c.head.classList.toggle('gone', c.gone);
    return c;
  }

  x(peerId) {
    return LEFT + this.columns.get(peerId).index * COL_W;
  }

  add(events) {
    for (const e of events) {
      if (this.queue.length >= MAX_WAITING) { this.queue.shift(); this.missed++; }
      this.queue.push(e);
    }
    this.showWaiting();
    this.schedule();
  }

  noteMissed(n) {
    this.missed += n;
    this.showWaiting();
  }

  showWaiting() {
    const parts = [];
    if (this.paused && this.queue.length) parts.push(t('proto.waiting', this.queue.length));
    if (this.missed) parts.push(t('proto.missed', this.missed));
    this.waiting.textContent = parts.join(' · ');
  }

  schedule() {
    if (this.scheduled || this.paused) return;
    this.scheduled = true;
    requestAnimationFrame(() => { this.scheduled = false; this.flush(); });
  }

  setPaused(p) {
    this.paused = p;
    this.pauseButton.textContent = p ? t('proto.resume') : t('proto.pause');
    this.pauseButton.classList.toggle('active', p);
    this.showWaiting();
    this.schedule();
  }

  clear() {
    this.events = [];
    this.queue = [];
    this.missed = 0;
    this.visibleCount = 0;
    this.body.replaceChildren();
    this.showWaiting();
    this.layout();
  }

  /** Draws what has arrived: one batch per animation frame, however many events it holds. */
  flush() {
    const batch = this.queue.splice(0, PER_FRAME);
    if (batch.length === 0) return;
    const nearBottom = this.scroller.scrollTop + this.scroller.clientHeight >= this.scroller.scrollHeight - 80;
    const frag = document.createDocumentFragment();
    for (const e of batch) {
      if (e.kind === 'message' || e.kind === 'connected' || e.kind === 'disconnected') {
        const c = this.column(e.peerId, e.peer);
        if (e.kind === 'disconnected') { c.gone = true; c.head.classList.add('gone'); }
        if (e.kind === 'connected') { c.gone = false; c.head.classList.remove('gone'); }
      }
      if (e.kind === 'message') {
        if (!this.commands.has(e.command)) this.addFilter(e.command);
      }
      this.events.push(e);
      if (this.visible(e)) frag.appendChild(this.row(e, this.visibleCount++));
    }
    if (this.events.length > MAX_ROWS) {
      this.events = this.events.slice(-Math.floor(MAX_ROWS * 0.75));
      this.redraw();
    } else {
      this.body.appendChild(frag);
      this.layout();
    }
    if (nearBottom) this.scroller.scrollTop = this.scroller.scrollHeight;
    if (this.queue.length) this.schedule();
    else if (this.onDrawn) { this.onDrawn(); this.onDrawn = null; }
    this.showWaiting();
  }

  visible(e) {
    if (e.kind === 'message') return !this.hidden.has(e.command);
    if (NODE_KINDS.includes(e.kind)) return !this.hidden.has('*node');
    return true;
  }

  addFilter(command) {
    this.commands.add(command);
    const box = el('input', {type: 'checkbox', checked: 'checked', 'data-command': command});
    box.addEventListener('change', () => {
      if (box.checked) this.hidden.delete(command); else this.hidden.add(command);
      this.redraw();
    });
    this.filters.appendChild(el('label', {class: 'chip cmd-' + command.replace(/[^a-z]/g, '')}, box, command));
  }

  redraw() {
    this.body.replaceChildren();
    this.visibleCount = 0;
    const frag = document.createDocumentFragment();
    for (const e of this.events) {
      if (this.visible(e)) frag.appendChild(this.row(e, this.visibleCount++));
    }
    this.body.appendChild(frag);
    this.layout();
  }

  layout() {
    const rows = this.visibleCount || 0;
    const height = Math.max(60, rows * ROW_H + 30);
    const width = LEFT + Math.max(1, this.columns.size) * COL_W;
    this.canvas.setAttribute('height', height);
    this.canvas.setAttribute('width', width);
    this.heads.style.width = width + 'px';
    this.lines.replaceChildren(...[...this.columns.entries()].map(([id, c]) =>
      svg('line', {x1: this.x(id), y1: 0, x2: this.x(id), y2: height, class: 'lifeline' + (id === SELF ? ' self' : '') + (c.gone ? ' gone' : '')})));
    this.empty.hidden = this.events.length > 0;
  }

  row(e, i) {
    const y = i * ROW_H + 22;
    const time = clockText(e.time);
    const stamp = svg('text', {x: 8, y: y + 4, class: 'stamp'}, time);
    if (e.kind === 'message') {
      const from = e.dir === 'out' ? this.x(SELF) : this.x(e.peerId);
      const to = e.dir === 'out' ? this.x(e.peerId) : this.x(SELF);
      const g = svg('g', {class: 'arrow cmd-' + e.command.replace(/[^a-z]/g, ''), 'data-seq': e.seq,
        'data-command': e.command, 'data-dir': e.dir, tabindex: 0},
        svg('title', {}, e.summary + ' · ' + e.size + ' B'),
        svg('rect', {x: Math.min(from, to), y: y - 16, width: Math.abs(to - from), height: ROW_H - 2, class: 'hit'}),
        svg('line', {x1: from, y1: y, x2: to, y2: y}),
        svg('path', {d: `M ${to} ${y} l ${to > from ? -9 : 9} -5 v 10 z`, class: 'head'}),
        svg('text', {x: (from + to) / 2, y: y - 5, 'text-anchor': 'middle', class: 'label'}, e.summary));
      g.addEventListener('click', () => this.show(e, g));
      g.addEventListener('keydown', k => { if (k.key === 'Enter') this.show(e, g); });
      return svg('g', {}, stamp, g);
    }
    const onPeer = e.kind === 'connected' || e.kind === 'disconnected';
    const x = onPeer ? this.x(e.peerId) : this.x(SELF);
    return svg('g', {class: 'note note-' + e.kind, 'data-seq': e.seq, 'data-kind': e.kind},
      stamp,
      svg('title', {}, noteText(e) + (e.detail ? ' — ' + e.detail : '') + (e.source ? ' · ' + e.source : '')),
      svg('circle', {cx: x, cy: y - 4, r: 5}),
      svg('text', {x: x + 10, y: y, class: 'label'}, noteText(e)));
  }

  async show(e, g) {
    this.body.querySelectorAll('.selected').forEach(s => s.classList.remove('selected'));
    g.classList.add('selected');
    this.detail.replaceChildren(el('h2', {}, t('proto.detail') + ': ' + e.command), el('p', {class: 'muted'}, t('loading')));
    let full;
    try {
      full = await api('/explorer/event/' + e.seq);
    } catch (err) {
      this.detail.replaceChildren(el('h2', {}, e.command), el('p', {class: 'muted'}, t('proto.gone')));
      return;
    }
    this.detail.replaceChildren(
      el('h2', {}, e.command, ' ', el('span', {class: 'muted'}, e.dir === 'out' ? '→ ' + e.peer : '← ' + e.peer)),
      el('p', {class: 'muted'}, new Date(e.time).toLocaleString(currentLang() === 'zh' ? 'zh-CN' : 'en-GB') + ' · ' + bytesText(full.frame.length)),
      el('h3', {}, t('proto.fields')),
      el('div', {class: 'fields', id: 'proto-fields'}, fieldTree(full.fields)),
      el('h3', {}, t('proto.bytes')),
      frameView(full.frame));
  }
}

/** Decoded fields as nested lists; hashes that name a block or transaction become links. */
function fieldTree(v) {
  if (Array.isArray(v)) {
    return el('ol', {start: 0}, v.map(x => el('li', {}, fieldTree(x))));
  }
  if (v !== null && typeof v === 'object') {
    return el('dl', {}, Object.entries(v).map(([k, x]) => [el('dt', {}, k), el('dd', {}, fieldTree(x))]));
  }
  return el('code', {}, String(v));
}

function frameView(frame) {
  const hex = frame.hex;
  return el('div', {},
    el('div', {class: 'raw frame', id: 'proto-frame'}, frame.parts.map(p => {
      const from = Math.min(p.from * 2, hex.length);
      const to = Math.min(p.to * 2, hex.length);
      return el('span', {class: 'part frame-' + p.name, title: t('proto.part.' + p.name) + ' (' + (p.to - p.from) + ' B)'},
        hex.slice(from, to));
    })),
    frame.truncated ? el('p', {class: 'muted'}, t('proto.truncated', numberText(frame.length))) : null,
    el('div', {class: 'legend'}, frame.parts.map(p => el('span', {class: 'part frame-' + p.name}, t('proto.part.' + p.name)))));
}

page(/^\/protocol$/, async main => {
  // The stream opens while the summary loads; what arrives before the diagram exists waits.
  let d = null;
  const early = {events: [], missed: 0, mode: null};
  const showMode = mode => { d.status.textContent = '● ' + (mode === 'polling' ? t('proto.polling') : t('home.live')); };
  const stop = subscribeEvents(
    events => { if (d) d.add(events); else early.events.push(...events); },
    n => { if (d) d.noteMissed(n); else early.missed += n; },
    mode => { if (d) showMode(mode); else early.mode = mode; },
    true);
  let summary;
  try {
    summary = await api('/explorer/summary');
  } catch (e) {
    stop();
    throw e;
  }
  document.getElementById('node-port').textContent = '· node ' + summary.port;
  d = new SequenceDiagram(main, summary);
  // Drawn once the events the node already held are on screen (it sends them as soon as the
  // stream opens), or at once when it held none.
  d.onDrawn = markDrawn;
  if (summary.lastEvent === 0) markDrawn();
  if (early.mode) showMode(early.mode);
  if (early.missed) d.noteMissed(early.missed);
  if (early.events.length) d.add(early.events);
  return stop;
}, true);
