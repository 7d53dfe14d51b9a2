// The pages: home, block, transaction, address, pool, peers. Each reads Esplora's REST API
// (/api/...) and, for what Esplora has no path for, /explorer/....
'use strict';

// ---- scripts, as Bitcoin shows them ------------------------------------------------------------

const OPCODES = {
  0x00: 'OP_0', 0x4f: 'OP_1NEGATE', 0x61: 'OP_NOP', 0x69: 'OP_VERIFY', 0x6a: 'OP_RETURN',
  0x75: 'OP_DROP', 0x76: 'OP_DUP', 0x87: 'OP_EQUAL', 0x88: 'OP_EQUALVERIFY',
  0xa6: 'OP_RIPEMD160', 0xa8: 'OP_SHA256', 0xa9: 'OP_HASH160', 0xaa: 'OP_HASH256',
  0xac: 'OP_CHECKSIG', 0xad: 'OP_CHECKSIGVERIFY', 0xae: 'OP_CHECKMULTISIG',
};
for (let n = 1; n <= 16; n++) OPCODES[0x50 + n] = 'OP_' + n;

/** A script's hex as tokens: {op: 'OP_DUP'} or {push: 'hex'}; {error} if it ends mid-push. */
function disassemble(hex) {
  const b = hex.match(/../g) || [];
  const tokens = [];
  let i = 0;
  const take = n => { const s = b.slice(i, i + n); i += n; return s; };
  const le = bytes => bytes.reduceRight((acc, x) => acc * 256 + parseInt(x, 16), 0);
  while (i < b.length) {
    const op = parseInt(b[i++], 16);
    let len = -1;
    if (op >= 0x01 && op <= 0x4b) len = op;
    else if (op === 0x4c) len = le(take(1));
    else if (op === 0x4d) len = le(take(2));
    else if (op === 0x4e) len = le(take(4));
    if (len >= 0) {
      if (i + len > b.length) { tokens.push({error: 'push past the end'}); break; }
      tokens.push({push: take(len).join('')});
    } else {
      tokens.push({op: OPCODES[op] || ('OP_UNKNOWN_0x' + op.toString(16))});
    }
  }
  return tokens;
}

/** A script shown as Bitcoin shows it: OP_DUP OP_HASH160 <hash> OP_EQUALVERIFY OP_CHECKSIG. */
function scriptView(hex, coinbase) {
  if (coinbase) return el('code', {class: 'script'}, hex);
  const tokens = disassemble(hex);
  return el('code', {class: 'script'}, tokens.map((tk, i) => [
    i ? ' ' : '',
    tk.op ? el('span', {class: 'op'}, tk.op)
      : tk.push !== undefined ? el('span', {class: 'push', title: (tk.push.length / 2) + ' bytes'}, tk.push)
      : el('span', {class: 'bad'}, tk.error)]));
}

// ---- the raw transaction, field by field -------------------------------------------------------

/** Splits a legacy transaction's hex into named parts: [{name, hex, kind}]. */
function txParts(hex) {
  const parts = [];
  let at = 0;
  const take = (n, name, kind) => {
    const h = hex.slice(at, at + 2 * n);
    at += 2 * n;
    parts.push({name, hex: h, kind});
    return h;
  };
  const le = h => (h.match(/../g) || []).reduceRight((acc, x) => acc * 256 + parseInt(x, 16), 0);
  const varint = (name, kind) => {
    const first = parseInt(hex.slice(at, at + 2), 16);
    const size = first < 0xfd ? 1 : first === 0xfd ? 3 : first === 0xfe ? 5 : 9;
    const h = take(size, name, kind);
    return size === 1 ? first : le(h.slice(2));
  };
  take(4, t('tx.version'), 'version');
  const ins = varint(t('tx.inputs') + ' ' + t('tx.count'), 'count');
  for (let i = 0; i < ins; i++) {
    take(32, t('tx.inputn', i) + ': ' + t('tx.previd'), 'input');
    take(4, t('tx.inputn', i) + ': ' + t('tx.previndex'), 'input');
    const n = varint(t('tx.inputn', i) + ': ' + t('tx.scriptlen'), 'input');
    take(n, t('tx.inputn', i) + ': ' + t('tx.scriptsig'), 'script');
    take(4, t('tx.inputn', i) + ': ' + t('tx.sequence'), 'input');
  }
  const outs = varint(t('tx.outputs') + ' ' + t('tx.count'), 'count');
  for (let i = 0; i < outs; i++) {
    take(8, t('tx.outputn', i) + ': ' + t('tx.value'), 'output');
    const n = varint(t('tx.outputn', i) + ': ' + t('tx.scriptlen'), 'output');
    take(n, t('tx.outputn', i) + ': ' + t('tx.scriptpubkey'), 'script');
  }
  take(4, t('tx.locktime'), 'locktime');
  return parts;
}

/** The raw hex with its parts coloured, then the same parts one per row, named, with sizes. */
function rawTxView(hex) {
  const parts = txParts(hex);
  return [
    el('div', {class: 'raw'}, parts.map(p =>
      el('span', {class: 'part part-' + p.kind, title: p.name, 'data-name': p.name}, p.hex))),
    el('table', {class: 'list rawfields', id: 'raw-fields'},
      el('thead', {}, el('tr', {}, [t('tx.field'), t('tx.bytes'), 'hex'].map(h => el('th', {}, h)))),
      el('tbody', {}, parts.map(p => el('tr', {},
        el('td', {}, p.name), el('td', {class: 'num'}, String(p.hex.length / 2)),
        el('td', {}, el('code', {class: 'part part-' + p.kind}, p.hex))))))];
}

/** Bitcoin's difficulty, which is tiny on a classroom chain: 4.657e-10 rather than 0.000000000465… */
function difficultyText(d) {
  const n = Number(d);
  return n >= 0.01 && n < 1e9 ? numberText(Number(n.toPrecision(6))) : n.toPrecision(4);
}

// ---- home --------------------------------------------------------------------------------------

function statCard(label, value, id) {
  return el('div', {class: 'stat', id}, el('div', {class: 'label'}, label), el('div', {class: 'value'}, value));
}

page(/^\/$/, async main => {
  const params = new URLSearchParams(location.search);
  const from = params.get('from');
  async function draw() {
    const [s, blocks, recent] = await Promise.all([
      api('/explorer/summary'),
      api('/api/blocks' + (from !== null && /^\d+$/.test(from) ? '/' + from : '')),
      api('/api/mempool/recent'),
    ]);
    document.getElementById('node-port').textContent = '· node ' + s.port;
    const lowest = blocks.length ? blocks[blocks.length - 1].height : 0;
    fill(main,
      el('h1', {}, t('home.title'), ' ', el('span', {class: 'live', id: 'live'}, '● ' + t('home.live'))),
      el('div', {class: 'stats'},
        statCard(t('home.height'), heightLink(s.height), 'stat-height'),
        statCard(t('home.tip'), blockLink(s.tip, s.tip.slice(0, 12) + '…'), 'stat-tip'),
        statCard(t('home.work'), el('span', {class: 'hash', title: s.chainwork}, '0x' + s.chainwork.replace(/^0+/, '')), 'stat-work'),
        statCard(t('home.difficulty'), el('span', {title: String(s.difficulty)}, difficultyText(s.difficulty)), 'stat-difficulty'),
        statCard(t('home.hashes'), numberText(s.hashesPerBlock), 'stat-hashes'),
        statCard(t('home.pool'), el('a', {href: '/mempool'}, numberText(s.mempoolCount)), 'stat-pool'),
        statCard(t('home.peers'), el('a', {href: '/peers'}, numberText(s.peers)), 'stat-peers')),
      el('div', {class: 'columns'},
        section(t('home.latestBlocks'),
          table([t('col.height'), t('col.hash'), t('col.time'), t('col.txs'), t('col.size')],
            blocks.map(b => [heightLink(b.height), blockLink(b.id, short(b.id)),
              el('span', {title: timeText(b.timestamp)}, agoText(b.timestamp)), b.tx_count, bytesText(b.size)]),
            'blocks'),
          el('p', {class: 'pager'},
            from !== null ? el('a', {href: '/'}, t('home.newer')) : null, ' ',
            lowest > 0 ? el('a', {href: '/?from=' + (lowest - 1)}, t('home.older')) : null)),
        section(t('home.latestTxs'),
          recent.length === 0 ? el('p', {class: 'muted'}, t('pool.empty')) :
            table([t('col.txid'), t('col.fee'), t('col.size'), t('col.value')],
              recent.map(x => [txLink(x.txid, short(x.txid)), coinsText(x.fee), bytesText(x.vsize), coinsText(x.value)]),
              'pool'))));
  }
  await draw();
  let timer = null;
  return subscribeEvents(events => {
    if (events.some(e => ['tip', 'txadded', 'txremoved', 'connected', 'disconnected', 'reorg'].includes(e.kind))) {
      clearTimeout(timer);
      timer = setTimeout(() => draw().catch(() => {}), 250);
    }
  });
});

// ---- block -------------------------------------------------------------------------------------

page(/^\/block-height\/(\d+)$/, async (main, m) => {
  const hash = (await fetchText('/api/block-height/' + m[1])).trim();
  await drawBlock(main, hash);
});

page(/^\/block\/([0-9a-fA-F]{64})$/, async (main, m) => drawBlock(main, m[1].toLowerCase()));

/** The target that bits encode: mantissa * 256^(exponent - 3), as a BigInt. */
function targetOf(bitsHex) {
  const bits = parseInt(bitsHex, 16);
  const exponent = bits >>> 24;
  const mantissa = BigInt(bits & 0x007fffff);
  return exponent <= 3 ? mantissa >> BigInt(8 * (3 - exponent)) : mantissa << BigInt(8 * (exponent - 3));
}

function bitsHex(bits) {
  return typeof bits === 'number' ? bits.toString(16).padStart(8, '0') : String(bits).replace(/^0x/, '');
}

function powView(b, summary) {
  const bits = bitsHex(b.bits);
  const target = targetOf(bits);
  const hash = BigInt('0x' + b.id);
  const ok = hash < target;
  const hex = v => v.toString(16).padStart(64, '0');
  return section(t('pow.title'),
    el('div', {class: 'pow'},
      el('div', {class: 'label'}, t('pow.hash')), el('code', {class: 'num', id: 'pow-hash'}, hex(hash)),
      el('div', {class: 'label'}, t('pow.target', '0x' + bits)), el('code', {class: 'num', id: 'pow-target'}, hex(target))),
    el('p', {class: ok ? 'ok' : 'bad', id: 'pow-result'}, (ok ? '✔ ' : '✘ ') + t(ok ? 'pow.ok' : 'pow.bad')),
    el('p', {class: 'muted'}, t('pow.explain', numberText(summary.hashesPerBlock))));
}

/**
 * The Merkle tree: every level up to 64 hashes wide is drawn. A bigger block's wide lower levels
 * would be unreadable, so the page shows instead the Merkle branch of one transaction (the proof
 * a light client checks): its txid, paired at each level with a sibling hash, up to the root.
 */
function merkleView(tree, hash) {
  const levels = tree.levels;
  const whole = levels.length > 0 && levels[0].length === tree.transactions;
  const skipped = tree.widths.length - levels.length; // levels left out below the drawing
  const onPath = new Set((tree.branch ? tree.branch.steps : [])
    .map(s => (s.level - skipped) + ':' + s.position));
  if (tree.branch) onPath.add((levels.length - 1) + ':0');
  const width = 960;
  const rowH = 64;
  const boxW = 92;
  const height = levels.length * rowH + 10;
  const drawn = svg('svg', {class: 'merkle', viewBox: `0 0 ${width} ${height}`, width: '100%', role: 'img'});
  const pos = [];
  levels.forEach((level, li) => {
    const y = height - (li + 1) * rowH + 14;
    pos[li] = level.map((_, i) => (width / level.length) * (i + 0.5));
    level.forEach((h, i) => {
      const x = pos[li][i];
      if (li > 0) {
        const below = pos[li - 1];
        const a = below[2 * i];
        const bx = below[2 * i + 1] !== undefined ? below[2 * i + 1] : below[2 * i];
        drawn.appendChild(svg('line', {x1: x, y1: y + 30, x2: a, y2: y + rowH, class: 'edge'}));
        drawn.appendChild(svg('line', {x1: x, y1: y + 30, x2: bx, y2: y + rowH, class: 'edge'}));
      }
      const isRoot = li === levels.length - 1;
      const isLeaf = li === 0 && whole;
      // A wide level gets narrower boxes, with as much of each hash as fits (all of it on hover).
      const w = Math.min(boxW, width / level.length - 3);
      const chars = Math.min(8, Math.floor((w - 10) / 7.5));
      const g = svg('g', {class: 'node' + (isRoot ? ' root' : isLeaf ? ' leaf' : '') + (onPath.has(li + ':' + i) ? ' onpath' : '')},
        svg('title', {}, h),
        svg('rect', {x: x - w / 2, y, width: w, height: 30, rx: Math.min(6, w / 4)}),
        chars >= 2 ? svg('text', {x, y: y + 19, 'text-anchor': 'middle'}, h.slice(0, chars) + '…') : null);
      if (isLeaf) {
        const a = svg('a', {href: '/tx/' + h});
        a.appendChild(g);
        drawn.appendChild(a);
      } else {
        drawn.appendChild(g);
      }
      if (isRoot) {
        drawn.appendChild(svg('text', {x: x + boxW / 2 + 8, y: y + 19, class: 'rootlabel'}, t('merkle.root')));
      }
    });
  });
  const box = section(t('merkle.title'), el('p', {class: 'muted'}, t('merkle.explain')));
  if (!whole) {
    box.appendChild(el('p', {class: 'muted', id: 'merkle-cut'},
      t('merkle.cut', numberText(tree.transactions), tree.widths.length, skipped, levels.length ? levels[0].length : 0)));
  }
  box.appendChild(drawn);
  if (tree.branch) box.appendChild(branchView(tree, hash));
  return box;
}

/** The Merkle branch of one transaction, step by step, with a box to pick another. */
function branchView(tree, hash) {
  const b = tree.branch;
  const holder = el('div', {class: 'branch', id: 'merkle-branch'});
  const input = el('input', {type: 'text', id: 'merkle-pick', size: 24, spellcheck: 'false',
    placeholder: t('merkle.pickHint', numberText(tree.transactions - 1))});
  const error = el('span', {class: 'bad', id: 'merkle-pick-error'});
  const form = el('form', {class: 'pick'}, el('label', {for: 'merkle-pick'}, t('merkle.pick') + ' '), input,
    ' ', el('button', {type: 'submit'}, t('merkle.show')), ' ', error);
  form.addEventListener('submit', async ev => {
    ev.preventDefault();
    const q = input.value.trim().replace(/^#/, '');
    if (!/^\d{1,7}$/.test(q) && !/^[0-9a-fA-F]{64}$/.test(q)) { error.textContent = t('merkle.pickBad'); return; }
    try {
      const again = await api('/explorer/merkle/' + hash + '?tx=' + encodeURIComponent(q.toLowerCase()));
      holder.closest('section').replaceWith(merkleView(again, hash));
    } catch (e) {
      error.textContent = e.message;
    }
  });
  const last = b.steps.length ? b.steps[b.steps.length - 1].parent : b.txid;
  const ok = last === tree.root;
  const rows = b.steps.map(s => {
    const ours = el('code', {class: 'hash mine'}, short(s.hash));
    const other = el('code', {class: 'hash sibling', title: s.sibling}, short(s.sibling));
    const pair = s.side === 'left' ? [other, ' + ', ours] : s.side === 'right' ? [ours, ' + ', other] : [ours, ' + ', ours, ' ', el('span', {class: 'muted'}, t('merkle.self'))];
    return [String(s.level), numberText(s.position), el('span', {}, pair), el('code', {class: 'hash', title: s.parent}, short(s.parent))];
  });
  append(holder, [
    el('h3', {}, t('merkle.branch', numberText(b.index))),
    el('p', {class: 'muted'}, t('merkle.branchExplain', b.steps.length)),
    form,
    el('p', {}, t('merkle.leaf'), ' ', txLink(b.txid)),
    table([t('merkle.col.level'), t('merkle.col.position'), t('merkle.col.pair'), t('merkle.col.parent')], rows, 'branch-steps'),
    el('p', {class: ok ? 'ok' : 'bad', id: 'merkle-branch-result'}, (ok ? '✔ ' : '✘ ') + t(ok ? 'merkle.rootok' : 'merkle.rootbad'))]);
  return holder;
}

function txSummary(tx) {
  return el('div', {class: 'txrow'},
    el('div', {class: 'txid'}, txLink(tx.txid)),
    el('div', {class: 'flow'},
      el('div', {class: 'ins'}, tx.vin.map(i => el('div', {},
        i.is_coinbase ? el('span', {class: 'muted'}, 'coinbase')
          : i.prevout && i.prevout.scriptpubkey_address ? addressLink(i.prevout.scriptpubkey_address) : short(i.txid),
        i.prevout ? el('span', {class: 'amount'}, coinsText(i.prevout.value)) : null))),
      el('div', {class: 'arrow'}, '→'),
      el('div', {class: 'outs'}, tx.vout.map(o => el('div', {},
        o.scriptpubkey_address ? addressLink(o.scriptpubkey_address) : el('span', {class: 'muted'}, o.scriptpubkey_type),
        el('span', {class: 'amount'}, coinsText(o.value)))))));
}

/**
 * A "more" button that asks for the next page with load() (true when there is no page after it).
 * It is off while a page is on its way, so a double click cannot ask for the same page twice and
 * add its rows twice; a page that fails to come is said beside the button, which can be pressed
 * again.
 */
function moreButton(label, id, load) {
  const button = el('button', {type: 'button', class: 'more', id}, label);
  const error = el('span', {class: 'bad', id: id + '-error'});
  const box = el('span', {class: 'more-box'}, button, ' ', error);
  button.addEventListener('click', async () => {
    if (button.disabled) return;
    button.disabled = true;
    error.textContent = '';
    try {
      if (await load()) box.remove();
    } catch (e) {
      error.textContent = t('error', e.message);
    } finally {
      button.disabled = false;
    }
  });
  return box;
}

async function drawBlock(main, hash) {
  const [b, status, tree, summary, txs] = await Promise.all([
    api('/api/block/' + hash), api('/api/block/' + hash + '/status'),
    api('/explorer/merkle/' + hash), api('/explorer/summary'), api('/api/block/' + hash + '/txs'),
  ]);
  const confirmations = status.in_best_chain ? summary.height - b.height + 1 : 0;
  const txList = el('div', {class: 'txlist'}, txs.map(txSummary));
  let next = txs.length;
  const more = moreButton(t('txs.more'), 'txs-more', async () => {
    const page = await api('/api/block/' + hash + '/txs/' + next);
    page.forEach(x => txList.appendChild(txSummary(x)));
    next += page.length;
    return next >= b.tx_count || page.length === 0;
  });
  fill(main,
    el('h1', {}, t('block.title', numberText(b.height))),
    status.in_best_chain ? null : el('p', {class: 'bad'}, t('block.sidebranch')),
    section(t('block.header'), facts([
      [t('block.hash'), hashSpan(b.id)],
      [t('block.previous'), b.previousblockhash ? blockLink(b.previousblockhash) : '—'],
      [t('block.next'), status.next_best ? blockLink(status.next_best) : '—'],
      [t('block.merkle'), hashSpan(b.merkle_root)],
      [t('block.time'), timeText(b.timestamp) + ' (' + agoText(b.timestamp) + ')'],
      [t('block.version'), String(b.version)],
      [t('block.bits'), '0x' + bitsHex(b.bits)],
      [t('block.nonce'), numberText(b.nonce)],
      [t('block.size'), bytesText(b.size)],
      [t('block.txcount'), numberText(b.tx_count)],
      [t('block.confirmations'), numberText(confirmations)],
    ])),
    powView(b, summary),
    merkleView(tree, hash),
    section(t('txs.title'), txList, next < b.tx_count ? more : null));
}

function confirmationsText(n) {
  return n === 1 ? t('tx.confirmations.one') : t('tx.confirmations', numberText(n));
}

// ---- transaction -------------------------------------------------------------------------------

page(/^\/tx\/([0-9a-fA-F]{64})$/, async (main, m) => {
  const txid = m[1].toLowerCase();
  const [tx, hex, outspends, summary] = await Promise.all([
    api('/api/tx/' + txid), fetchText('/api/tx/' + txid + '/hex'),
    api('/api/tx/' + txid + '/outspends'), api('/explorer/summary'),
  ]);
  const coinbase = tx.vin.length === 1 && tx.vin[0].is_coinbase;
  const status = tx.status && tx.status.confirmed
    ? el('span', {class: 'ok', id: 'tx-status'},
        confirmationsText(summary.height - tx.status.block_height + 1), ' ',
        blockLink(tx.status.block_hash, numberText(tx.status.block_height)))
    : el('span', {class: 'pending', id: 'tx-status'}, t('tx.inpool'));
  fill(main,
    el('h1', {}, t('tx.title')),
    section(t('tx.title'), facts([
      ['txid', hashSpan(tx.txid)],
      [t('tx.status'), status],
      [t('tx.fee'), coinbase ? '—' : coinsText(tx.fee)],
      [t('tx.size'), bytesText(tx.size)],
      [t('tx.version'), String(tx.version)],
      [t('tx.locktime'), String(tx.locktime)],
    ])),
    el('div', {class: 'columns'},
      section(t('tx.inputs'), tx.vin.map((i, n) => el('div', {class: 'io'},
        el('div', {class: 'io-head'}, el('span', {class: 'idx'}, '#' + n),
          i.is_coinbase ? el('span', {class: 'muted'}, t('tx.coinbase')) :
            [i.prevout && i.prevout.scriptpubkey_address ? addressLink(i.prevout.scriptpubkey_address) : null,
             el('span', {class: 'amount'}, i.prevout ? coinsText(i.prevout.value) : '')]),
        i.is_coinbase ? null : el('div', {class: 'io-line'}, t('tx.spends') + ' ',
          txLink(i.txid, short(i.txid) + ':' + i.vout)),
        el('div', {class: 'io-line'}, el('span', {class: 'muted'}, t('tx.scriptsig') + ' '), scriptView(i.scriptsig, i.is_coinbase)),
        i.prevout ? el('div', {class: 'io-line'}, el('span', {class: 'muted'}, t('tx.scriptpubkey') + ' '), scriptView(i.prevout.scriptpubkey)) : null))),
      section(t('tx.outputs'), tx.vout.map((o, n) => el('div', {class: 'io'},
        el('div', {class: 'io-head'}, el('span', {class: 'idx'}, '#' + n),
          o.scriptpubkey_address ? addressLink(o.scriptpubkey_address) : el('span', {class: 'muted'}, o.scriptpubkey_type),
          el('span', {class: 'amount'}, coinsText(o.value))),
        el('div', {class: 'io-line'}, el('span', {class: 'muted'}, t('tx.scriptpubkey') + ' '), scriptView(o.scriptpubkey)),
        el('div', {class: 'io-line'}, outspends[n] && outspends[n].spent
          ? [t('tx.spentby') + ' ', txLink(outspends[n].txid, short(outspends[n].txid) + ':' + outspends[n].vin)]
          : el('span', {class: 'ok'}, t('tx.unspent'))))))),
    section(t('tx.raw'), el('p', {class: 'muted'}, t('tx.rawExplain')), rawTxView(hex.trim()),
      el('div', {class: 'legend'}, ['version', 'count', 'input', 'script', 'output', 'locktime'].map(k =>
        el('span', {class: 'part part-' + k}, {version: t('tx.version'), count: t('tx.count'), input: t('tx.inputs'),
          script: 'script', output: t('tx.outputs'), locktime: t('tx.locktime')}[k])))));
});

// ---- address -----------------------------------------------------------------------------------

function netFor(tx, address) {
  let n = 0n;
  tx.vout.forEach(o => { if (o.scriptpubkey_address === address) n += BigInt(o.value); });
  tx.vin.forEach(i => { if (i.prevout && i.prevout.scriptpubkey_address === address) n -= BigInt(i.prevout.value); });
  return n;
}

page(/^\/address\/([1-9A-HJ-NP-Za-km-z]{25,40})$/, async (main, m) => {
  const address = m[1];
  // Unspent outputs a page at a time (/explorer/utxo): a miner's address may hold thousands,
  // and Esplora's /utxo path lists them all at once.
  const [a, txs, firstCoins] = await Promise.all([
    api('/api/address/' + address), api('/api/address/' + address + '/txs'),
    api('/explorer/utxo/' + address),
  ]);
  const c = a.chain_stats;
  const p = a.mempool_stats;
  const balance = BigInt(c.funded_txo_sum) - BigInt(c.spent_txo_sum);
  const pending = BigInt(p.funded_txo_sum) - BigInt(p.spent_txo_sum);
  const rows = el('tbody', {});
  const addRows = list => list.forEach(tx => {
    const net = netFor(tx, address);
    rows.appendChild(el('tr', {},
      el('td', {}, txLink(tx.txid, short(tx.txid))),
      el('td', {}, tx.status.confirmed ? heightLink(tx.status.block_height) : el('span', {class: 'pending'}, t('tx.inpool'))),
      el('td', {class: net < 0n ? 'out' : 'in'}, (net > 0n ? '+' : '') + coinsText(net))));
  });
  addRows(txs);
  const history = el('table', {class: 'list'},
    el('thead', {}, el('tr', {}, el('th', {}, t('col.txid')), el('th', {}, t('col.status')), el('th', {}, t('col.amount')))), rows);
  let lastConfirmed = txs.filter(x => x.status.confirmed).slice(-1)[0];
  const more = moreButton(t('addr.more'), 'history-more', async () => {
    const page = await api('/api/address/' + address + '/txs/chain/' + lastConfirmed.txid);
    addRows(page);
    if (page.length) lastConfirmed = page[page.length - 1];
    return page.length === 0;
  });
  fill(main,
    el('h1', {}, t('addr.title')),
    section(t('addr.title'), facts([
      [t('addr.title'), hashSpan(address)],
      [t('addr.balance'), el('span', {id: 'balance'}, coinsText(balance)),
        pending !== 0n ? el('span', {class: 'pending'}, ' (' + t('addr.pending', (pending > 0n ? '+' : '') + coinsText(pending)) + ')') : null],
      [t('addr.received'), coinsText(c.funded_txo_sum)],
      [t('addr.sent'), coinsText(c.spent_txo_sum)],
      [t('addr.txcount'), numberText(c.tx_count + p.tx_count)],
    ])),
    section(t('addr.history'), txs.length ? history : el('p', {class: 'muted'}, t('addr.none')),
      lastConfirmed && txs.filter(x => x.status.confirmed).length >= 25 ? more : null),
    utxoSection(address, firstCoins,
      (c.funded_txo_count - c.spent_txo_count) + (p.funded_txo_count - p.spent_txo_count)));
});

/** The address's unspent outputs, a page at a time, with how many there are in all. */
function utxoSection(address, first, total) {
  if (first.utxos.length === 0 && !first.next) return section(t('addr.utxos'), el('p', {class: 'muted'}, t('addr.none')));
  const rows = el('tbody', {});
  const shown = el('p', {class: 'muted', id: 'utxo-count'});
  let count = 0;
  let next = first.next;
  const add = coins => {
    coins.forEach(u => rows.appendChild(el('tr', {},
      el('td', {}, txLink(u.txid, short(u.txid) + ':' + u.vout)), el('td', {}, coinsText(u.value)),
      el('td', {}, u.status.confirmed ? heightLink(u.status.block_height) : el('span', {class: 'pending'}, t('tx.inpool'))))));
    count += coins.length;
    shown.textContent = t('addr.utxosShown', numberText(count), numberText(Math.max(total, count)));
  };
  add(first.utxos);
  const more = moreButton(t('addr.utxosMore'), 'utxo-more', async () => {
    const page = await api('/explorer/utxo/' + address + '?after=' + encodeURIComponent(next));
    add(page.utxos);
    next = page.next;
    return !next;
  });
  return section(t('addr.utxos'), shown,
    el('table', {class: 'list utxos'},
      el('thead', {}, el('tr', {}, [t('col.output'), t('col.value'), t('col.confirmed')].map(h => el('th', {}, h)))), rows),
    next ? more : null);
}

// ---- pool --------------------------------------------------------------------------------------

page(/^\/mempool$/, async main => {
  async function draw() {
    // Esplora's totals, and the newest 500 with their figures (/explorer/pool).
    const [pool, newest] = await Promise.all([api('/api/mempool'), api('/explorer/pool')]);
    fill(main,
      el('h1', {}, t('pool.title'), ' ', el('span', {class: 'live'}, '● ' + t('home.live'))),
      el('div', {class: 'stats'},
        statCard(t('home.pool'), t('pool.count', numberText(pool.count)), 'pool-count'),
        statCard(t('pool.bytes'), bytesText(pool.vsize)),
        statCard(t('pool.fees'), coinsText(pool.total_fee))),
      section(t('pool.title'), newest.length === 0 ? el('p', {class: 'muted'}, t('pool.empty')) : [
        newest.length < pool.count ? el('p', {class: 'muted', id: 'pool-shown'}, t('pool.shown', numberText(newest.length), numberText(pool.count))) : null,
        table([t('col.txid'), t('col.fee'), t('col.size'), t('col.value')],
          newest.map(r => [txLink(r.txid), coinsText(r.fee), bytesText(r.vsize), coinsText(r.value)]), 'pool')]));
  }
  await draw();
  let timer = null;
  return subscribeEvents(events => {
    if (events.some(e => ['tip', 'txadded', 'txremoved'].includes(e.kind))) {
      clearTimeout(timer);
      timer = setTimeout(() => draw().catch(() => {}), 250);
    }
  });
});

// ---- peers -------------------------------------------------------------------------------------

/** The last message received (↓) and sent (↑): its command and when, "↓ inv, 3 s ago ↑ getdata, 2 s ago". */
function lastMessages(p) {
  const one = (arrow, command, time) => time ? arrow + ' ' + (command ? command + ', ' : '') + agoText(time) : '';
  return el('span', {class: 'last-messages'},
    [one('↓', p.lastReceiveCommand, p.lastReceive), one('↑', p.lastSendCommand, p.lastSend)].filter(x => x).join(' ') || '—');
}

page(/^\/peers$/, async main => {
  async function draw() {
    const peers = await api('/explorer/peers');
    fill(main,
      el('h1', {}, t('peers.title'), ' ', el('span', {class: 'live'}, '● ' + t('home.live'))),
      section(t('peers.title'), peers.length === 0 ? el('p', {class: 'muted'}, t('peers.none')) :
        table([t('col.id'), t('col.address'), t('col.direction'), t('col.height'), t('col.useragent'),
          t('col.bytesin'), t('col.bytesout'), t('col.last')],
          peers.map(p => [String(p.id), el('span', {class: 'hash'}, p.address),
            p.inbound ? t('peers.in') : t('peers.out'), p.height === null ? '—' : numberText(p.height),
            el('code', {class: 'useragent'}, p.userAgent || ''),
            bytesText(p.bytesReceived), bytesText(p.bytesSent),
            lastMessages(p)]),
          'peers')));
  }
  await draw();
  let timer = null;
  return subscribeEvents(events => {
    if (events.some(e => e.kind === 'message' || e.kind === 'connected' || e.kind === 'disconnected')) {
      clearTimeout(timer);
      timer = setTimeout(() => draw().catch(() => {}), 500);
    }
  });
});
