// The dashboard: reads /api/v1/state and one page of /api/v1/commissions every two seconds and
// draws what the store says. Nothing here keeps its own idea of a commission's state between
// refreshes. A commission's row opens a drawer with its detail (/api/v1/commissions/ID/detail) and
// its events a page at a time, and buttons to cancel or requeue it.
// The token typed into the Token field goes with every request: a server open to remote clients
// answers nothing without it; a loopback one needs it for approve, reject, cancel and requeue
// only. It is kept in the page alone, never stored, so a reload asks for it again.
'use strict';

const REFRESH_MS = 2000;
const TIMELINE_ROWS = 12;
const PAGE_SIZE = 50;
const EVENT_PAGE = 100;
const DONE = {approve: 'approved', reject: 'rejected', cancel: 'cancelled', requeue: 'requeued'};
const SVG_NS = 'http://www.w3.org/2000/svg';
const RUN_ENDS = new Set(['released', 'lease_expired', 'cancelled', 'blocked', 'failed', 'waiting_human',
  'expired', 'requeued', 'completed', 'rejected']);
const WAIT_ENDS = new Set(['approved', 'rejected', 'cancelled', 'expired', 'requeued']);

const eventCache = new Map();
let commissions = [];
let offset = 0;
let drawerId = null;
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

// Unpublished projections, debts first, each with its last error.
function renderProjections(projections) {
  fill('projections', (projections || []).map(p => el('tr', {'data-id': p.commission_id},
    el('td', {}, p.commission_id), el('td', {}, p.status + (p.debt ? ' (debt)' : '')), el('td', {}, String(p.attempts)),
    el('td', {}, when(p.retry_at)), el('td', {}, p.last_error || 'not tried yet'))), 'no projection is owed', 5);
}

function renderApprovals(waiting) {
  const body = document.querySelector('#approvals tbody');
  const shown = [...body.querySelectorAll('tr[data-id]')].map(tr => tr.dataset.id).join(' ');
  if (shown === waiting.map(w => w.id).join(' ') && waiting.length > 0) {
    waiting.forEach(w => {
      const row = body.querySelector('tr[data-id="' + CSS.escape(w.id) + '"]');
      row.querySelector('.age').replaceChildren(...age(w));
      row.dataset.escalated = String(w.escalated);
    });
    return;
  }
  fill('approvals', waiting.map(approvalRow), 'nothing waits for a human', 5);
}

// How long a request has waited, flagged once past gates.human.escalate_after or expire_after.
function age(w) {
  const out = [span(w.age_seconds)];
  if (w.expired) out.push(' ', badge('flag', 'expired'));
  else if (w.escalated) out.push(' ', badge('flag', 'escalated'));
  return out;
}

function approvalRow(w) {
  const reason = el('input', {class: 'reason', type: 'text', placeholder: 'reason'});
  const approve = el('button', {class: 'approve', type: 'button', 'data-action': 'approve'}, 'Approve');
  const reject = el('button', {class: 'reject', type: 'button', 'data-action': 'reject'}, 'Reject');
  approve.addEventListener('click', () => act('approve', w.id, reason.value));
  reject.addEventListener('click', () => act('reject', w.id, reason.value));
  return el('tr', {'data-id': w.id, 'data-escalated': String(w.escalated)},
    el('td', {title: w.title || ''}, w.id), el('td', {}, w.phase || '—'),
    el('td', {class: 'age'}, ...age(w)), el('td', {}, w.reason || ''),
    el('td', {}, reason, ' ', approve, reject));
}

function renderCommissions(page) {
  fill('commissions', page.commissions.map(c => {
    const open = el('button', {class: 'open', type: 'button', title: 'open the detail of ' + c.id}, c.id);
    open.addEventListener('click', () => openDrawer(c.id));
    return el('tr', {'data-id': c.id, 'data-state': c.state},
      el('td', {}, open), el('td', {}, c.title), el('td', {}, badge('state', c.state)),
      el('td', {}, c.phase ? c.phase + ' #' + c.attempt : '—'), el('td', {}, c.reason || ''),
      el('td', {}, when(c.updated_at)));
  }), 'no commissions yet', 6);
  const last = page.offset + page.commissions.length;
  document.getElementById('page-range').textContent =
    page.total === 0 ? '' : (page.offset + 1) + '–' + last + ' of ' + page.total;
  document.getElementById('page-prev').disabled = page.offset === 0;
  document.getElementById('page-next').disabled = page.next_offset === null;
}

function turnPage(delta) {
  offset = Math.max(0, offset + delta * PAGE_SIZE);
  schedule(0);
}

async function act(action, id, reason) {
  if (!token()) {
    showMessage('Type the server\'s token into the Token field first.');
    return;
  }
  const body = {reason: reason.trim() || null};
  try {
    // An approval names the snapshot the operator saw, so that a changed commission is not approved.
    if (action === 'approve') body.snapshot_hash = (await commissionNamed(id)).snapshot_hash;
    const response = await fetch('/api/v1/commissions/' + encodeURIComponent(id) + '/' + action, {
      method: 'POST',
      headers: {...authorization(), 'Content-Type': 'application/json'},
      body: JSON.stringify(body),
    });
    const doc = await response.json().catch(() => ({}));
    if (response.ok) showMessage(DONE[action] + ' ' + id + ': now ' + doc.commission.state, true);
    else showMessage(action + ' ' + id + ' refused (HTTP ' + response.status + '): ' + (doc.error ? doc.error.message : ''));
  } catch (e) {
    showMessage(action + ' ' + id + ' failed: ' + e.message);
  }
  schedule(0);
  if (drawerId === id) openDrawer(id);
}

function commissionPage() {
  return getJson('/api/v1/commissions?limit=' + PAGE_SIZE + '&offset=' + offset);
}

async function commissionNamed(id) {
  return commissions.find(c => c.id === id) || getJson('/api/v1/commissions/' + encodeURIComponent(id));
}

// The drawer: one commission's detail, read when it opens and again after an action on it.
async function openDrawer(id) {
  drawerId = id;
  const drawer = document.getElementById('drawer');
  drawer.hidden = false;
  drawer.dataset.id = id;
  drawer.dataset.loaded = 'false';
  document.getElementById('drawer-title').textContent = id;
  try {
    const path = '/api/v1/commissions/' + encodeURIComponent(id);
    const [detail, events] = await Promise.all([getJson(path + '/detail'),
      getJson(path + '/events?limit=' + EVENT_PAGE)]);
    if (drawerId !== id) return;
    renderDrawer(detail);
    document.getElementById('drawer-events').querySelector('tbody').replaceChildren();
    appendEvents(events);
    drawer.dataset.state = detail.commission.state;
    drawer.dataset.loaded = 'true';
  } catch (e) {
    showMessage('Cannot read ' + id + ': ' + e.message);
  }
}

function closeDrawer() {
  drawerId = null;
  document.getElementById('drawer').hidden = true;
}

function renderDrawer(d) {
  const c = d.commission;
  document.getElementById('drawer-title').replaceChildren(c.id + ' ', badge('state', c.state));
  document.getElementById('drawer-summary').replaceChildren(
    el('div', {}, c.title), el('div', {class: 'muted'}, (c.phase ? c.phase + ' #' + c.attempt + ' · ' : '')
      + 'generation ' + c.generation + ' · updated ' + when(c.updated_at)),
    el('div', {}, c.reason || ''));
  const attempts = [];
  d.result.phases.forEach(p => p.attempts.forEach(a => attempts.push(el('tr',
    {'data-phase': p.phase, 'data-outcome': a.outcome},
    el('td', {}, p.phase + ' #' + a.attempt), el('td', {}, badge('outcome', a.outcome)),
    el('td', {}, a.duration_ms === null ? '—' : span(a.duration_ms / 1000)), el('td', {}, a.reason || '')))));
  fill('drawer-attempts', attempts, 'no attempt yet', 4);
  renderChange(d.result.changes);
  const tails = d.log_tails.map(t => el('details', {'data-name': t.name},
    el('summary', {}, t.name), el('pre', {}, t.tail)));
  d.result.evidence.filter(e => e.facts && e.facts.output_tail).forEach(e => tails.push(
    el('details', {'data-name': 'evidence ' + e.name}, el('summary', {}, 'evidence ' + e.name
      + (e.facts.passed ? ' (passed)' : ' (failed)')), el('pre', {}, e.facts.output_tail))));
  document.getElementById('drawer-logs').replaceChildren(
    ...(tails.length ? tails : [el('p', {class: 'muted'}, 'no logs here')]));
  document.getElementById('drawer-spec').textContent = JSON.stringify(d.spec, null, 2);
}

function renderChange(change) {
  const target = document.getElementById('drawer-change');
  if (!change) {
    target.replaceChildren(el('p', {class: 'muted'}, 'no change to show'));
    return;
  }
  const rows = change.files.map(f => el('tr', {}, el('td', {}, f.status), el('td', {}, f.path),
    el('td', {class: 'added'}, f.added === null ? 'binary' : '+' + f.added),
    el('td', {class: 'deleted'}, f.deleted === null ? '' : '−' + f.deleted)));
  target.replaceChildren(el('p', {class: 'diffstat'}, change.files_changed + ' files changed, '
      + change.insertions + ' insertions(+), ' + change.deletions + ' deletions(−)'),
    el('table', {}, el('tbody', {}, ...rows)));
}

function appendEvents(page) {
  const body = document.querySelector('#drawer-events tbody');
  page.events.forEach(e => body.append(el('tr', {'data-seq': String(e.seq)},
    el('td', {}, String(e.seq)), el('td', {}, when(e.at)), el('td', {}, e.type),
    el('td', {}, e.phase ? e.phase + ' #' + e.attempt : ''), el('td', {}, (e.data && e.data.reason) || ''))));
  const more = document.getElementById('drawer-more');
  more.hidden = page.next_after === null;
  more.dataset.after = page.next_after === null ? '' : String(page.next_after);
}

async function moreEvents() {
  const id = drawerId;
  const after = document.getElementById('drawer-more').dataset.after;
  if (!id || !after) return;
  const page = await getJson('/api/v1/commissions/' + encodeURIComponent(id) + '/events?limit='
    + EVENT_PAGE + '&after=' + after);
  if (drawerId === id) appendEvents(page);
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
    const [state, first] = await Promise.all([getJson('/api/v1/state'), commissionPage()]);
    let page = first;
    if (page.commissions.length === 0 && page.offset > 0 && page.total > 0) {
      // The list shrank under the page being looked at: show its last page instead.
      offset = Math.floor((page.total - 1) / PAGE_SIZE) * PAGE_SIZE;
      page = await commissionPage();
    }
    commissions = page.commissions;
    renderCounts(state.counts);
    renderRunners(state.runners);
    renderApprovals(state.waiting_human);
    renderInFlight(state.in_flight);
    renderProjections(state.projections);
    renderCommissions(page);
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
document.getElementById('page-prev').addEventListener('click', () => turnPage(-1));
document.getElementById('page-next').addEventListener('click', () => turnPage(1));
document.getElementById('drawer-close').addEventListener('click', closeDrawer);
document.getElementById('drawer-more').addEventListener('click', () => moreEvents());
['cancel', 'requeue'].forEach(action => document.querySelector('#drawer button.' + action)
  .addEventListener('click', () => act(action, drawerId, document.getElementById('drawer-reason').value)));
document.addEventListener('keydown', e => { if (e.key === 'Escape') closeDrawer(); });
schedule(0);
