// Ripeness dashboard: plain JavaScript and hand-drawn SVG, no build step and no library,
// so that it ships inside the jar, works offline and prints as vectors.
(function () {
  'use strict';

  const SVG = 'http://www.w3.org/2000/svg';
  const COMPONENTS = [
    { key: 'mhs', label: 'Mutually hurting stalemate', color: '#c0392b' },
    { key: 'wayOut', label: 'Way out', color: '#27874a' },
    { key: 'demandGap', label: 'Demand gap', color: '#7d4fb0' },
    { key: 'catastrophe', label: 'Imminent catastrophe', color: '#d9771e' },
    { key: 'opportunity', label: 'Enticing opportunity', color: '#2a78c2' }
  ];
  const ACTOR_COLORS = ['#b03a2e', '#1f5fa8', '#2d8a4e', '#8e44ad', '#a0522d', '#16818a'];
  const BAND_COLORS = { RIPE: '#1f7a3d', EMERGING: '#c07a00', UNRIPE: '#8a1c1c' };

  const state = {
    conflicts: [], conflict: null, timeline: [], asOf: null, selected: null, run: null, runTimeline: [],
    source: null, liveUpdates: 0, frontsTimer: null
  };

  const $ = (id) => document.getElementById(id);

  // A server started with --read-token is opened as http://HOST:PORT/#token=READ_TOKEN; the
  // fragment never leaves the browser. EventSource cannot send headers, hence ?access_token=.
  const token = new URLSearchParams(location.hash.slice(1)).get('token');
  const authHeaders = token ? { Authorization: 'Bearer ' + token } : {};
  const withToken = (path) => token ? path + (path.includes('?') ? '&' : '?') + 'access_token=' + encodeURIComponent(token) : path;

  // ---- data -----------------------------------------------------------------------------

  async function getJson(path) {
    const response = await fetch(path, { headers: Object.assign({ Accept: 'application/json' }, authHeaders) });
    const body = await response.json().catch(() => ({ error: response.statusText }));
    if (!response.ok) {
      const error = new Error(body.error || ('HTTP ' + response.status));
      error.status = response.status;
      throw error;
    }
    return body;
  }

  function asOfParam() {
    return state.asOf ? '?asOf=' + encodeURIComponent(state.asOf) : '';
  }

  function conflictPath(suffix) {
    return '/api/conflicts/' + encodeURIComponent(state.conflict.id) + suffix;
  }

  async function start() {
    $('asof').addEventListener('change', (e) => { setAsOf(e.target.value || null); });
    $('latest').addEventListener('click', () => { $('asof').value = ''; setAsOf(null); });
    $('conflict').addEventListener('change', (e) => selectConflict(e.target.value));
    $('run').addEventListener('change', (e) => selectRun(e.target.value || null));
    loadRuns();
    try {
      state.conflicts = (await getJson('/api/conflicts')).conflicts;
    } catch (e) {
      showMessage('Cannot load the conflicts: ' + e.message);
      return;
    }
    const select = $('conflict');
    state.conflicts.forEach((c) => {
      const option = document.createElement('option');
      option.value = c.id;
      option.textContent = (c.name || c.id) + (c.hasState ? '' : ' (no events yet)');
      select.appendChild(option);
    });
    const wanted = new URLSearchParams(location.search).get('conflict');
    const first = state.conflicts.find((c) => c.id === wanted) || state.conflicts.find((c) => c.hasState) || state.conflicts[0];
    if (!first) {
      showMessage('No conflict is configured.');
      return;
    }
    select.value = first.id;
    await selectConflict(first.id);
  }

  /** Fills the "Compare with run" select with the kept comparison runs; disabled when there are none. */
  async function loadRuns() {
    const select = $('run');
    let runs = [];
    try {
      runs = (await getJson('/api/runs')).runs;
    } catch (e) {
      runs = [];
    }
    runs.forEach((id) => {
      const option = document.createElement('option');
      option.value = id;
      option.textContent = 'run ' + id;
      select.appendChild(option);
    });
    select.disabled = runs.length === 0;
    select.title = runs.length ? '' : 'No comparison run is kept: `ripeness replay --model FILE --compare --keep` keeps one';
  }

  async function selectRun(id) {
    state.run = id;
    await loadRunTimeline();
    renderRipeness();
    markSelected();
  }

  /** The chosen run's timeline of the current conflict (empty without a run). */
  async function loadRunTimeline() {
    state.runTimeline = [];
    if (!state.run || !state.conflict) { return; }
    try {
      state.runTimeline = (await getJson(conflictPath('/timeline?run=' + encodeURIComponent(state.run)))).points;
    } catch (e) {
      showMessage('Cannot load the timeline of run ' + state.run + ': ' + e.message);
    }
  }

  async function selectConflict(id) {
    state.conflict = state.conflicts.find((c) => c.id === id);
    $('conflict-name').textContent = '— ' + (state.conflict.name || state.conflict.id);
    document.title = 'Ripeness — ' + (state.conflict.name || state.conflict.id);
    state.selected = null;
    state.asOf = null;
    $('asof').value = '';
    await loadRunTimeline();
    await reload();
    connectLive();
  }

  async function reload() {
    showMessage(null);
    try {
      state.timeline = (await getJson(conflictPath('/timeline'))).points;
    } catch (e) {
      state.timeline = [];
      showMessage('Cannot load the timeline: ' + e.message);
    }
    if (state.timeline.length) {
      $('asof').min = state.timeline[0].asOf;
      $('asof').max = state.timeline[state.timeline.length - 1].asOf;
    } else {
      showMessage('No events of ' + (state.conflict.name || state.conflict.id) + ' have been processed yet.');
    }
    renderAll();
    await Promise.all([loadSummary(), loadFronts()]);
  }

  async function setAsOf(date) {
    state.asOf = date;
    renderAll();
    await Promise.all([loadSummary(), loadFronts()]);
    const point = pointAt(date);
    if (point) {
      await explain(point.asOf);
    }
  }

  /** The assessment in force on {@code date}: the last one dated on or before it. */
  function pointAt(date) {
    if (!date) {
      return state.timeline[state.timeline.length - 1];
    }
    let found = null;
    state.timeline.forEach((p) => { if (p.asOf <= date) { found = p; } });
    return found;
  }

  async function loadSummary() {
    const target = $('summary');
    try {
      renderSummary(await getJson(conflictPath('/ripeness' + asOfParam())));
    } catch (e) {
      target.textContent = e.status === 404 ? 'No assessment for this date: ' + e.message : 'Cannot load the assessment: ' + e.message;
    }
  }

  async function loadFronts() {
    try {
      renderFronts((await getJson(conflictPath('/fronts' + asOfParam()))).fronts);
    } catch (e) {
      $('fronts').textContent = 'Cannot load the front indicators: ' + e.message;
    }
  }

  async function explain(date) {
    state.selected = date;
    markSelected();
    const target = $('explain');
    target.dataset.asOf = date;
    try {
      renderExplanation(await getJson(conflictPath('/explain?asOf=' + encodeURIComponent(date))));
    } catch (e) {
      target.textContent = 'Cannot load the explanation: ' + e.message;
    }
  }

  // ---- live updates ---------------------------------------------------------------------

  function connectLive() {
    if (state.source) {
      state.source.close();
    }
    const live = $('live');
    const source = new EventSource(withToken('/api/stream?conflict=' + encodeURIComponent(state.conflict.id)));
    state.source = source;
    source.onopen = () => { live.className = 'live on'; live.textContent = 'live'; };
    source.onerror = () => { live.className = 'live off'; live.textContent = 'live: reconnecting'; };
    source.addEventListener('assessment', (e) => onAssessment(JSON.parse(e.data).value));
    ['actor-demand', 'front-indicators', 'demand-gap'].forEach((kind) =>
      source.addEventListener(kind, () => {
        clearTimeout(state.frontsTimer);
        state.frontsTimer = setTimeout(loadFronts, 400);
      }));
  }

  function onAssessment(assessment) {
    const i = state.timeline.findIndex((p) => p.asOf === assessment.asOf);
    if (i >= 0) {
      state.timeline[i] = assessment;
    } else {
      state.timeline.push(assessment);
      state.timeline.sort((a, b) => (a.asOf < b.asOf ? -1 : a.asOf > b.asOf ? 1 : 0));
    }
    $('asof').max = state.timeline[state.timeline.length - 1].asOf;
    state.liveUpdates += 1;
    document.body.dataset.liveUpdates = String(state.liveUpdates);
    renderAll(assessment.asOf);
    if (!state.asOf || assessment.asOf <= state.asOf) {
      loadSummary();
    }
  }

  // ---- rendering ------------------------------------------------------------------------

  function showMessage(text) {
    const m = $('message');
    m.hidden = !text;
    m.textContent = text || '';
  }

  function renderAll(flashDate) {
    renderRipeness(flashDate);
    renderEvents(flashDate);
    renderLadders();
    renderMomentum();
    markSelected();
  }

  function fmt(v, digits) {
    return v === null || v === undefined || Number.isNaN(v) ? '—' : Number(v).toFixed(digits === undefined ? 2 : digits);
  }

  function signed(v) {
    return (v > 0 ? '+' : '') + fmt(v, 3);
  }

  function renderSummary(a) {
    const box = $('summary');
    box.textContent = '';
    box.dataset.asOf = a.asOf;
    const cell = (label, value, cls) => {
      const div = el('div');
      div.appendChild(el('div', 'label', label));
      const v = el('div', cls || '', value);
      div.appendChild(v);
      box.appendChild(div);
      return v;
    };
    cell('Ripeness', fmt(a.ripeness), 'figure').dataset.testid = 'ripeness-value';
    if (a.ripenessLow !== null && a.ripenessLow !== undefined) {
      const interval = cell('Interval', fmt(a.ripenessLow) + ' – ' + fmt(a.ripenessHigh));
      interval.dataset.testid = 'ripeness-interval';
      interval.title = 'Least and greatest ripeness when the model\'s scales are perturbed by ±30 % (docs/model.md §6)';
    }
    const band = cell('Band', '');
    band.appendChild(el('span', 'badge band-' + a.band, a.band));
    cell('Pathway', a.pathway.replace(/_/g, ' '));
    cell('As of', a.asOf + (a.lastEventDate && a.lastEventDate !== a.asOf ? ' (last event ' + a.lastEventDate + ', decayed since)' : ''));
    cell('Zone of agreement', a.components.zopa);
    const m = a.mediator || {};
    cell('Mediator' + (m.actor ? ' ' + m.actor : ''), m.stance === null || m.stance === undefined
      ? 'no stance' : 'stance ' + fmt(m.stance) + ' (0 = plan A, 1 = plan B), ' + m.reversals + ' reversals');
    cell('Events', String(a.eventCount) + ' · model ' + a.modelVersion);
  }

  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined) { e.textContent = text; }
    return e;
  }

  function svg(tag, attrs, text) {
    const e = document.createElementNS(SVG, tag);
    Object.keys(attrs || {}).forEach((k) => { if (attrs[k] !== null && attrs[k] !== undefined) { e.setAttribute(k, attrs[k]); } });
    if (text !== undefined) { e.textContent = text; }
    return e;
  }

  const DAY = 86400000;
  function time(date) { return Date.parse(date + 'T00:00:00Z'); }

  /** A frame with a date x-axis over the timeline and a y-axis from y0 to y1. */
  function frame(container, height, y0, y1, yTicks, yLabel, leftMargin) {
    container.textContent = '';
    const W = 960, L = leftMargin || 70, R = 14, T = 10, B = 26;
    const root = svg('svg', { viewBox: '0 0 ' + W + ' ' + height, role: 'img' });
    container.appendChild(root);
    const dates = state.timeline.map((p) => p.asOf);
    let t0 = dates.length ? time(dates[0]) : Date.now();
    let t1 = dates.length ? time(dates[dates.length - 1]) : t0 + DAY;
    if (t1 - t0 < 30 * DAY) { t0 -= 15 * DAY; t1 += 15 * DAY; }
    const pad = (t1 - t0) * 0.02;
    t0 -= pad; t1 += pad;
    const f = {
      root, W, height, L, R, T, B,
      x: (date) => L + (time(date) - t0) / (t1 - t0) * (W - L - R),
      y: (v) => T + (1 - (v - y0) / (y1 - y0)) * (height - T - B)
    };
    const grid = svg('g', { class: 'grid' });
    yTicks.forEach((tick) => {
      const value = typeof tick === 'number' ? tick : tick.value;
      const label = typeof tick === 'number' ? String(tick) : tick.label;
      grid.appendChild(svg('line', { x1: L, x2: W - R, y1: f.y(value), y2: f.y(value) }));
      grid.appendChild(svg('text', { x: L - 6, y: f.y(value) + 4, 'text-anchor': 'end' }, label));
    });
    root.appendChild(grid);
    const axis = svg('g', { class: 'axis' });
    const start = new Date(t0), end = new Date(t1);
    const months = (end.getUTCFullYear() - start.getUTCFullYear()) * 12 + end.getUTCMonth() - start.getUTCMonth();
    const step = months > 48 ? 12 : months > 24 ? 6 : months > 8 ? 3 : 1;
    for (let d = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 1)); d <= end; d = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1))) {
      if (d.getUTCMonth() % step !== 0) { continue; }
      const iso = d.toISOString().slice(0, 10);
      const x = f.x(iso);
      axis.appendChild(svg('line', { x1: x, x2: x, y1: height - B, y2: height - B + 4 }));
      axis.appendChild(svg('text', { x, y: height - 8, 'text-anchor': 'middle' }, step >= 12 ? iso.slice(0, 4) : iso.slice(0, 7)));
    }
    axis.appendChild(svg('line', { x1: L, x2: W - R, y1: height - B, y2: height - B }));
    if (yLabel) {
      axis.appendChild(svg('text', { x: 4, y: T + 8 }, yLabel));
    }
    root.appendChild(axis);
    if (state.asOf) {
      root.appendChild(svg('line', { class: 'marker', x1: f.x(state.asOf), x2: f.x(state.asOf), y1: T, y2: height - B }));
    }
    return f;
  }

  function polyline(f, points, color, width, dash, step) {
    if (!points.length) { return null; }
    let d = '';
    points.forEach((p, i) => {
      const x = f.x(p.date).toFixed(1), y = f.y(p.value).toFixed(1);
      if (i === 0) { d += 'M' + x + ',' + y; } else if (step) { d += 'H' + x + 'V' + y; } else { d += 'L' + x + ',' + y; }
    });
    if (step) { d += 'H' + (f.W - f.R); }
    const path = svg('path', { d, fill: 'none', stroke: color, 'stroke-width': width, 'stroke-dasharray': dash || null, 'stroke-linejoin': 'round' });
    f.root.appendChild(path);
    return path;
  }

  function legend(id, items) {
    const box = $(id);
    box.textContent = '';
    items.forEach((item) => {
      const span = el('span');
      const swatch = el('span', 'swatch' + (item.dashed ? ' dashed' : ''));
      swatch.style.background = item.color;
      swatch.style.color = item.color;
      if (item.width) { swatch.style.height = item.width + 'px'; }
      span.appendChild(swatch);
      span.appendChild(document.createTextNode(item.label));
      box.appendChild(span);
    });
  }

  function renderRipeness(flashDate) {
    const f = frame($('chart-ripeness'), 300, 0, 1, [0, 0.25, 0.5, 0.75, 1]);
    const banded = state.timeline.filter((p) => p.ripenessLow !== null && p.ripenessLow !== undefined);
    if (banded.length) {
      // The model's interval as a shaded band under the lines: upper edge left to right, lower edge back.
      const upper = banded.map((p) => f.x(p.asOf).toFixed(1) + ',' + f.y(p.ripenessHigh).toFixed(1));
      const lower = banded.slice().reverse().map((p) => f.x(p.asOf).toFixed(1) + ',' + f.y(p.ripenessLow).toFixed(1));
      const band = svg('polygon', { points: upper.concat(lower).join(' '), fill: '#111', 'fill-opacity': 0.12, stroke: 'none' });
      band.setAttribute('data-series', 'ripeness-interval');
      f.root.appendChild(band);
    }
    COMPONENTS.forEach((c) => {
      const points = state.timeline.filter((p) => p.components[c.key] !== null && p.components[c.key] !== undefined)
        .map((p) => ({ date: p.asOf, value: p.components[c.key] }));
      const path = polyline(f, points, c.color, 1.6, null, false);
      if (path) { path.setAttribute('data-series', c.key); path.setAttribute('opacity', '0.85'); }
    });
    const overlay = polyline(f, state.runTimeline.map((p) => ({ date: p.asOf, value: p.ripeness })), '#555', 2.2, '7 4', false);
    if (overlay) { overlay.setAttribute('data-series', 'ripeness-run'); overlay.setAttribute('data-run', state.run); }
    const main = polyline(f, state.timeline.map((p) => ({ date: p.asOf, value: p.ripeness })), '#111', 3, null, false);
    if (main) { main.setAttribute('data-series', 'ripeness'); }
    state.timeline.forEach((p) => {
      const circle = svg('circle', {
        class: 'point ripeness-point' + (p.asOf === flashDate ? ' flash' : ''), cx: f.x(p.asOf), cy: f.y(p.ripeness), r: 5,
        fill: BAND_COLORS[p.band] || '#111', stroke: '#fff', 'stroke-width': 1.5, 'data-date': p.asOf
      });
      circle.appendChild(svg('title', {}, p.asOf + ': ripeness ' + fmt(p.ripeness) + ' (' + p.band + ')'));
      circle.addEventListener('click', () => explain(p.asOf));
      f.root.appendChild(circle);
    });
    legend('legend-ripeness', [{ label: 'Ripeness (points coloured by band)', color: '#111', width: 3 }]
      .concat(banded.length ? [{ label: 'interval (model parameters ±30 %)', color: 'rgba(17,17,17,0.15)', width: 10 }] : [])
      .concat(overlay ? [{ label: 'ripeness (run ' + state.run + ')', color: '#555', dashed: true }] : [])
      .concat(COMPONENTS.map((c) => ({ label: c.label, color: c.color }))));
  }

  /** Sum of a point's driver deltas: how much its events moved the components, with sign. */
  /** How much the events listed for a point moved its ripeness (the entries that are not events left out). */
  function impact(p) {
    return (p.drivers || []).filter((d) => d.component === 'ripeness' && !d.eventId.startsWith('('))
      .reduce((sum, d) => sum + d.delta, 0);
  }

  function renderEvents(flashDate) {
    const f = frame($('chart-events'), 130, -1, 1, [{ value: 0, label: '' }], null);
    const max = Math.max(0.0001, ...state.timeline.map((p) => Math.abs(impact(p))));
    const mid = f.y(0);
    f.root.appendChild(svg('text', { x: f.L - 6, y: f.y(0.75) + 4, 'text-anchor': 'end' }, 'riper'));
    f.root.appendChild(svg('text', { x: f.L - 6, y: f.y(-0.75) + 4, 'text-anchor': 'end' }, 'less ripe'));
    state.timeline.forEach((p, i) => {
      const delta = i > 0 ? p.ripeness - state.timeline[i - 1].ripeness : p.ripeness;
      const size = 4 + 9 * Math.abs(impact(p)) / max;
      const y = delta >= 0 ? f.y(Math.min(0.7, 0.15 + Math.abs(delta) * 2)) : f.y(-Math.min(0.7, 0.15 + Math.abs(delta) * 2));
      f.root.appendChild(svg('line', { x1: f.x(p.asOf), x2: f.x(p.asOf), y1: mid, y2: y, stroke: '#b8c0c9' }));
      const circle = svg('circle', {
        class: 'point event-point' + (p.asOf === flashDate ? ' flash' : ''), cx: f.x(p.asOf), cy: y, r: size.toFixed(1),
        fill: delta >= 0 ? '#27874a' : '#b03a2e', 'fill-opacity': 0.8, stroke: '#fff', 'stroke-width': 1,
        'data-date': p.asOf, 'data-event': p.lastEventId || ''
      });
      circle.appendChild(svg('title', {}, p.asOf + ' ' + (p.lastEventId || '') + ': ripeness ' + signed(delta)));
      circle.addEventListener('click', () => explain(p.asOf));
      f.root.appendChild(circle);
    });
  }

  function markSelected() {
    document.querySelectorAll('svg .point').forEach((c) => {
      c.classList.toggle('selected', c.getAttribute('data-date') === state.selected);
    });
  }

  function renderExplanation(x) {
    const box = $('explain');
    box.textContent = '';
    box.appendChild(el('h3', '', 'Why ripeness was ' + fmt(x.ripeness) + ' (' + x.band + ') on ' + x.asOf));
    if (!x.events.length) {
      box.appendChild(el('p', 'hint', 'No event moved a component on this day.'));
      return;
    }
    const table = el('table');
    const head = el('tr');
    ['Event', 'Component', 'Change', 'Model parameter'].forEach((h) => head.appendChild(el('th', '', h)));
    table.appendChild(head);
    x.events.forEach((event) => {
      event.drivers.forEach((d, i) => {
        const row = el('tr');
        row.className = 'driver';
        row.appendChild(el('td', '', i === 0 ? event.eventId : ''));
        const component = COMPONENTS.find((c) => c.key === d.component);
        row.appendChild(el('td', '', component ? component.label : d.component));
        row.appendChild(el('td', 'num ' + (d.delta >= 0 ? 'pos' : 'neg'), signed(d.delta)));
        row.appendChild(el('td', '', d.note || ''));
        table.appendChild(row);
      });
    });
    box.appendChild(table);
    const gaps = (x.demandGaps || []).map((g) => g.actorA + '–' + g.actorB + ': gap ' + fmt(g.gap) + ', zone of agreement ' + g.zopa);
    if (gaps.length) {
      box.appendChild(el('p', 'hint', gaps.join(' · ')));
    }
  }

  function belligerents() {
    return state.conflict.actors.filter((a) => a.role === 'BELLIGERENT');
  }

  function actorColor(code) {
    const i = state.conflict.actors.findIndex((a) => a.code === code);
    return ACTOR_COLORS[(i < 0 ? 0 : i) % ACTOR_COLORS.length];
  }

  function renderLadders() {
    const box = $('chart-ladders');
    box.textContent = '';
    const actors = belligerents();
    state.conflict.dimensions.forEach((dimension) => {
      box.appendChild(el('p', 'ladder-title', dimension.label || dimension.id));
      const holder = el('div', 'chart ladder');
      holder.dataset.dimension = dimension.id;
      box.appendChild(holder);
      const top = dimension.rungs.length - 1;
      const ticks = dimension.rungs.map((r) => ({ value: r.rank, label: shorten(r.label || r.id, 30) }));
      const f = frame(holder, 40 + 34 * dimension.rungs.length, -0.3, top + 0.3, ticks, null, 190);
      actors.forEach((actor, i) => {
        const offset = (i - (actors.length - 1) / 2) * 0.06;
        ['demand', 'accept'].forEach((which) => {
          const points = [];
          state.timeline.forEach((p) => {
            const a = p.actors && p.actors[actor.code];
            const pos = a && (a.positions || []).find((q) => q.dimension === dimension.id);
            const rank = pos ? pos[which + 'Rank'] : null;
            if (rank !== null && rank !== undefined) { points.push({ date: p.asOf, value: rank + offset }); }
          });
          const path = polyline(f, points, actorColor(actor.code), which === 'demand' ? 2.5 : 1.8, which === 'demand' ? null : '6 4', true);
          if (path) { path.setAttribute('data-actor', actor.code); path.setAttribute('data-kind', which); }
        });
      });
    });
    legend('legend-ladders', actors.flatMap((a) => [
      { label: (a.name || a.code) + ' demands', color: actorColor(a.code), width: 3 },
      { label: (a.name || a.code) + ' could accept', color: actorColor(a.code), dashed: true }]));
  }

  function shorten(text, n) {
    return text.length > n ? text.slice(0, n - 1) + '…' : text;
  }

  function renderMomentum() {
    const f = frame($('chart-momentum'), 200, -1, 1, [-1, -0.5, 0, 0.5, 1]);
    const actors = belligerents();
    actors.forEach((actor) => {
      const points = state.timeline.filter((p) => p.actors && p.actors[actor.code])
        .map((p) => ({ date: p.asOf, value: Math.max(-1, Math.min(1, p.actors[actor.code].momentum)) }));
      const path = polyline(f, points, actorColor(actor.code), 2.2, null, false);
      if (path) { path.setAttribute('data-actor', actor.code); }
      const stalemate = state.timeline.filter((p) => p.actors && p.actors[actor.code])
        .map((p) => ({ date: p.asOf, value: p.actors[actor.code].perceivedStalemate }));
      const dashed = polyline(f, stalemate, actorColor(actor.code), 1.4, '3 3', false);
      if (dashed) { dashed.setAttribute('data-actor', actor.code); dashed.setAttribute('data-kind', 'perceivedStalemate'); }
    });
    legend('legend-momentum', actors.flatMap((a) => [
      { label: (a.name || a.code) + ' momentum', color: actorColor(a.code), width: 3 },
      { label: (a.name || a.code) + ' perceived stalemate (0..1)', color: actorColor(a.code), dashed: true }]));
  }

  function renderFronts(fronts) {
    const table = $('fronts');
    table.textContent = '';
    const head = el('tr');
    ['Front', 'Actor', 'As of', 'Momentum', 'Net km² 30 d', 'Net km² 90 d', 'Net km² 180 d', 'Captures 90 d',
      'Stalled / failed 90 d', 'Siege days', 'Years to goal', 'Stalemate'].forEach((h) => head.appendChild(el('th', '', h)));
    table.appendChild(head);
    const label = (id) => ((state.conflict.fronts || []).find((f) => f.id === id) || {}).label || id;
    fronts.forEach((f) => {
      const row = el('tr');
      row.className = 'front-row';
      const w = (days) => (f.windows || []).find((x) => x.days === days) || {};
      const cells = [label(f.front), f.actor, f.asOf, fmt(f.momentum), fmt(w(30).netAreaKm2, 0), fmt(w(90).netAreaKm2, 0),
        fmt(w(180).netAreaKm2, 0), w(90).captures === undefined ? '—' : String(w(90).captures),
        w(90).stalledOffensives === undefined ? '—' : w(90).stalledOffensives + ' / ' + w(90).failedOffensives,
        f.siegeDays === null || f.siegeDays === undefined ? '—' : String(f.siegeDays),
        f.timeToGoalYears === null || f.timeToGoalYears === undefined ? '∞ / no aim' : fmt(f.timeToGoalYears, 1),
        [f.tacticalStalemate ? 'tactical' : null, f.strategicStalemate ? 'strategic' : null].filter(Boolean).join(', ') || 'none'];
      cells.forEach((c, i) => row.appendChild(el('td', i >= 3 && i <= 10 ? 'num' : '', c)));
      table.appendChild(row);
    });
    if (!fronts.length) {
      const row = el('tr');
      const cell = el('td', 'hint', 'No front indicators as of this date.');
      cell.colSpan = 12;
      row.appendChild(cell);
      table.appendChild(row);
    }
  }

  window.ripenessDashboard = { state };
  start();
}());
