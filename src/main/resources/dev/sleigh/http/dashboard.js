// The dashboard: reads /api/v1/state and /api/v1/commissions every two seconds and draws what
// the store says. Nothing here keeps its own idea of a commission's state between refreshes.
// The token typed into the Token field goes with every request: a server open to remote clients
// answers nothing without it; a loopback one needs it for approve and reject only. It is kept in
// the page alone, never stored, so a reload asks for it again.
'use strict';

const REFRESH_MS = 2000;
const TIMELINE_ROWS = 12;
const SVG_NS = 'http://www.w3.org/2000/svg';
const RUN_ENDS = new Set(['released', 'lease_expired', 'cancelled', 'blocked', 'failed', 'waiting_human',
  'expired', 'requeued', 'completed', 'rejected']);
const WAIT_ENDS = new Set(['approved', 'rejected', 'cancelled', 'expired', 'requeued']);

const eventCache = new Map();
let commissions = [];
let timer = null;
let refreshes = 0;
let readProblem = false;

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  setAttributes(node, attrs);
  children.forEach(c => node.append(c instanceof Node ? c : document.createTextNode(c ?? '')));
  return node;
}

function svg(tag, attrs, ...children) {
  const node = document.createElementNS(SVG_NS, tag);
  Object.entries(attrs || {}).forEach(([k, v]) => node.setAttribute(k, v));
  children.forEach(c => node.append(c instanceof Node ? c : document.createTextNode(c ?? '')));
  return node;
}

function setAttributes(node, attrs) {
  Object.entries(attrs || {}).forEach(([k, v]) => {
    if (k === 'class') node.className = v;
    else if (k.startsWith('data-') || k === 'title' || k === 'placeholder') node.setAttribute(k, v);
    else node[k] = v;
  });
}

function token() {
  return document.getElementById('token').value.trim();
}

function authorization() {
  return token() ? {'Authorization': 'Bearer ' + token()} : {};
}

class Unauthorized extends Error {}

async function getJson(path) {
  const response = await fetch(path, {cache: 'no-store', headers: authorization()});
  if (response.status === 401) throw new Unauthorized(path + ' answered HTTP 401');
  if (!response.ok) throw new Error(path + ' answered HTTP ' + response.status);
  return response.json();
}

function when(iso) {
  return iso ? iso.replace('T', ' ').replace(/\.\d+Z$/, 'Z') : '—';
}

function span(seconds) {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return s + 's';
  if (s < 3600) return Math.floor(s / 60) + 'm ' + (s % 60) + 's';
  return Math.floor(s / 3600) + 'h ' + Math.floor((s % 3600) / 60) + 'm';
}

function badge(kind, text) {
  return el('span', {class: kind + ' ' + text}, text);
}

function fill(tableId, rows, emptyText, columns) {
  const body = document.querySelector('#' + tableId + ' tbody');
  if (rows.length === 0) {
    body.replaceChildren(el('tr', {}, el('td', {class: 'empty', colSpan: columns}, emptyText)));
    return;
  }
  body.replaceChildren(...rows);
}

function showMessage(text, ok) {
  readProblem = false;
  const message = document.getElementById('message');
  message.textContent = text;
  message.className = 'message' + (ok ? ' ok' : '');
  message.hidden = false;
}

function renderCounts(counts) {
  const chips = Object.entries(counts).map(([state, n]) =>
    el('span', {class: 'count' + (n === 0 ? ' zero' : ''), 'data-state': state}, state, el('b', {}, String(n))));
  document.getElementById('counts').replaceChildren(...chips);
}

function renderRunners(runners) {
  fill('runners', runners.map(r => el('tr', {'data-runner': r.runner_id},
    el('td', {}, r.runner_id), el('td', {}, badge('status', r.status)), el('td', {}, r.host),
    el('td', {}, String(r.pid)), el('td', {}, when(r.last_heartbeat)))), 'no runner has registered', 5);
}

function renderInFlight(inFlight) {
  fill('in-flight', inFlight.map(c => el('tr', {'data-id': c.id},
    el('td', {}, c.id), el('td', {}, c.phase + ' #' + c.attempt), el('td', {}, c.runner_id),
    el('td', {}, span(c.elapsed_seconds)), el('td', {}, when(c.lease_expires_at)))), 'nothing is running', 5);
}

function renderApprovals(waiting) {
  const body = document.querySelector('#approvals tbody');
  const shown = [...body.querySelectorAll('tr[data-id]')].map(tr => tr.dataset.id).join(' ');
  if (shown === waiting.map(w => w.id).join(' ') && waiting.length > 0) {
    waiting.forEach(w => {
      body.querySelector('tr[data-id="' + CSS.escape(w.id) + '"] .age').textContent = span(w.age_seconds);
    });
    return;
  }
  fill('approvals', waiting.map(approvalRow), 'nothing waits for a human', 5);
}

function approvalRow(w) {
  const reason = el('input', {class: 'reason', type: 'text', placeholder: 'reason'});
  const approve = el('button', {class: 'approve', type: 'button', 'data-action': 'approve'}, 'Approve');
  const reject = el('button', {class: 'reject', type: 'button', 'data-action': 'reject'}, 'Reject');
  approve.addEventListener('click', () => act('approve', w.id, reason.value));
  reject.addEventListener('click', () => act('reject', w.id, reason.value));
  return el('tr', {'data-id': w.id},
    el('td', {title: w.title || ''}, w.id), el('td', {}, w.phase || '—'),
    el('td', {class: 'age'}, span(w.age_seconds)), el('td', {}, w.reason || ''),
    el('td', {}, reason, ' ', approve, reject));
}

function renderCommissions(list) {
  fill('commissions', list.map(c => el('tr', {'data-id': c.id, 'data-state': c.state},
    el('td', {}, c.id), el('td', {}, c.title), el('td', {}, badge('state', c.state)),
    el('td', {}, c.phase ? c.phase + ' #' + c.attempt : '—'), el('td', {}, c.reason || ''),
    el('td', {}, when(c.updated_at)))), 'no commissions yet', 6);
}

async function act(action, id, reason) {
  if (!token()) {
    showMessage('Type the server\'s token into the Token field first.');
    return;
  }
  const body = {reason: reason.trim() || null};
  const commission = commissions.find(c => c.id === id);
  if (action === 'approve' && commission) body.snapshot_hash = commission.snapshot_hash;
  try {
    const response = await fetch('/api/v1/commissions/' + encodeURIComponent(id) + '/' + action, {
      method: 'POST',
      headers: {...authorization(), 'Content-Type': 'application/json'},
      body: JSON.stringify(body),
    });
    const doc = await response.json().catch(() => ({}));
    if (response.ok) showMessage(action + 'd ' + id + ': now ' + doc.commission.state, true);
    else showMessage(action + ' ' + id + ' refused (HTTP ' + response.status + '): ' + (doc.error ? doc.error.message : ''));
  } catch (e) {
    showMessage(action + ' ' + id + ' failed: ' + e.message);
  }
  schedule(0);
}

async function eventsOf(c) {
  const cached = eventCache.get(c.id);
  if (cached && cached.updated === c.updated_at) return cached.events;
  const doc = await getJson('/api/v1/commissions/' + encodeURIComponent(c.id) + '/events');
  eventCache.set(c.id, {updated: c.updated_at, events: doc.events});
  return doc.events;
}

// Phase attempts as bars: from phase_started to its pass or fail; an attempt a run ended otherwise
// (lease lost, cancelled, gated) is "interrupted"; one still open on an executing commission runs.
function bars(c, events, now) {
  const out = [];
  const open = new Map();
  let wait = null;
  for (const e of events) {
    const at = Date.parse(e.at);
    const key = e.generation + '|' + e.phase + '|' + e.attempt;
    if (e.type === 'phase_started') {
      const bar = {kind: 'attempt', label: e.phase + ' #' + e.attempt, start: at, end: null, outcome: 'running'};
      open.set(key, bar);
      out.push(bar);
    } else if ((e.type === 'phase_passed' || e.type === 'phase_failed') && open.has(key)) {
      Object.assign(open.get(key), {end: at, outcome: e.type === 'phase_passed' ? 'passed' : 'failed',
        note: e.data && e.data.reason});
      open.delete(key);
    } else if (RUN_ENDS.has(e.type)) {
      open.forEach(bar => Object.assign(bar, {end: at, outcome: 'interrupted', note: e.type}));
      open.clear();
    }
    if (e.type === 'waiting_human') {
      wait = {kind: 'wait', label: 'waiting', start: at, end: null, outcome: 'waiting'};
      out.push(wait);
    } else if (wait && WAIT_ENDS.has(e.type)) {
      wait.end = at;
      wait = null;
    }
  }
  const executing = c.state === 'preflighting' || c.state === 'running' || c.state === 'waiting_human';
  const last = events.length ? Date.parse(events[events.length - 1].at) : now;
  out.filter(b => b.end === null).forEach(b => {
    b.end = executing ? now : last;
    if (!executing && b.outcome === 'running') b.outcome = 'interrupted';
  });
  return out;
}

function timelineRow(c, list, y, geometry) {
  const {labelWidth, width, rowHeight} = geometry;
  const start = Date.parse(c.created_at);
  const end = Math.max(start + 1000, ...list.map(b => b.end));
  const scale = (width - labelWidth - 70) / (end - start);
  const row = svg('g', {class: 'timeline-row', 'data-id': c.id, transform: 'translate(0,' + y + ')'},
    svg('line', {class: 'row', x1: 0, x2: width, y1: rowHeight, y2: rowHeight}),
    svg('text', {x: 6, y: rowHeight / 2 + 4}, c.id + '  ' + c.state),
    svg('text', {x: width - 62, y: rowHeight / 2 + 4, class: 'muted'}, span((end - start) / 1000)));
  list.forEach(b => {
    const x = labelWidth + (b.start - start) * scale;
    const w = Math.max(3, (b.end - b.start) * scale);
    const tall = b.kind === 'wait' ? 8 : rowHeight - 8;
    const rect = svg('rect', {class: 'bar ' + b.outcome, x: x, y: b.kind === 'wait' ? rowHeight / 2 - 4 : 4,
      width: w, height: tall, rx: 2, 'data-outcome': b.outcome},
      svg('title', {}, b.label + ' ' + b.outcome + ' after ' + span((b.end - b.start) / 1000)
        + (b.note ? ' (' + b.note + ')' : '')));
    row.append(rect);
    if (b.kind === 'attempt' && w > 64) {
      row.append(svg('text', {class: 'bar-label', x: x + 4, y: rowHeight / 2 + 4}, b.label));
    }
  });
  return row;
}

async function renderTimeline(state, list) {
  const recent = [...list].sort((a, b) => b.updated_at.localeCompare(a.updated_at)).slice(0, TIMELINE_ROWS);
  const now = Date.parse(state.at);
  const histories = await Promise.all(recent.map(c => eventsOf(c)));
  const container = document.getElementById('timeline');
  const geometry = {labelWidth: 300, width: Math.max(700, container.clientWidth), rowHeight: 28};
  const picture = svg('svg', {width: geometry.width, height: Math.max(1, recent.length) * geometry.rowHeight + 4,
    role: 'img', 'aria-label': 'phase timeline of the most recently updated commissions'});
  recent.forEach((c, i) => picture.append(timelineRow(c, bars(c, histories[i], now), i * geometry.rowHeight, geometry)));
  container.replaceChildren(picture);
  renderAgentApprovals(recent, histories);
}

// Every agent_approval event of the commissions in the timeline, newest first.
function renderAgentApprovals(recent, histories) {
  const asked = [];
  recent.forEach((c, i) => histories[i].filter(e => e.type === 'agent_approval').forEach(e => asked.push({c, e})));
  asked.sort((a, b) => b.e.at.localeCompare(a.e.at));
  fill('agent-approvals', asked.map(({c, e}) => {
    const d = e.data || {};
    const what = d.command || (d.paths || []).join(', ') || d.requested || '';
    return el('tr', {'data-id': c.id, 'data-decision': d.decision},
      el('td', {}, c.id), el('td', {}, e.phase + ' #' + e.attempt), el('td', {}, d.kind),
      el('td', {class: 'muted'}, what), el('td', {}, badge('decision', d.decision)),
      el('td', {}, d.policy), el('td', {}, when(e.at)));
  }), 'no agent asked for anything beyond its sandbox', 7);
}

async function refresh() {
  try {
    const [state, list] = await Promise.all([getJson('/api/v1/state'), getJson('/api/v1/commissions')]);
    commissions = list.commissions;
    renderCounts(state.counts);
    renderRunners(state.runners);
    renderApprovals(state.waiting_human);
    renderInFlight(state.in_flight);
    renderCommissions(commissions);
    await renderTimeline(state, commissions);
    document.getElementById('refreshed').textContent = 'as of ' + when(state.at);
    document.body.dataset.refreshes = String(++refreshes);
    if (readProblem) document.getElementById('message').hidden = true;
  } catch (e) {
    showMessage(e instanceof Unauthorized
      ? (token() ? 'The token in the Token field is not this server\'s token.'
        : 'This server needs its token for every request: type it into the Token field.')
      : 'Cannot read the store through this server: ' + e.message);
    readProblem = true;
  } finally {
    schedule(REFRESH_MS);
  }
}

function schedule(delay) {
  clearTimeout(timer);
  timer = setTimeout(refresh, delay);
}

document.getElementById('token').addEventListener('input', () => schedule(250));
schedule(0);
