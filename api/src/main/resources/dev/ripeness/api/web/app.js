// Ripeness dashboard: plain JavaScript and hand-drawn SVG, no build step and no library,
// so that it ships inside the jar, works offline and prints as vectors.
(function () {
  'use strict';

  const SVG = 'http://www.w3.org/2000/svg';
  const COMPONENTS = [
    { key: 'mhs', label: 'Mutually hurting stalemate', color: '#c0392b',
      help: 'how far both sides are hurting and see no way to win by fighting on (0 none … 1 fully)' },
    { key: 'wayOut', label: 'Way out', color: '#27874a',
      help: 'how far the sides see a negotiated exit: talks, offers, a mediator, small demand gaps' },
    { key: 'demandGap', label: 'Demand gap', color: '#7d4fb0',
      help: 'how far apart the belligerents\' demands are on their ladders (0 overlapping … 1 opposite ends)' },
    { key: 'catastrophe', label: 'Imminent catastrophe', color: '#d9771e',
      help: 'how close a sharp loss or escalation looms (recent big losses, threats)' },
    { key: 'opportunity', label: 'Enticing opportunity', color: '#2a78c2',
      help: 'rewards on offer for settling (incentives, aid tied to talks)' }
  ];
  // The entries of an explanation that are not events (docs/model.md §7), in words.
  const SYNTHETIC = {
    '(baseline)': 'Starting value: where this number stands before any event.',
    '(earlier events)': 'Older events: the summed effect of earlier events not listed one by one.',
    '(decay)': 'Time alone: how much the value drifted with the passing of time, without any event (effects fade with half-lives).'
  };
  const ACTOR_COLORS = ['#b03a2e', '#1f5fa8', '#2d8a4e', '#8e44ad', '#a0522d', '#16818a'];
  const BAND_COLORS = { RIPE: '#1f7a3d', EMERGING: '#c07a00', UNRIPE: '#8a1c1c' };

  const state = {
    conflicts: [], conflict: null, timeline: [], asOf: null, selected: null, run: null, runTimeline: [],
    source: null, liveUpdates: 0, frontsTimer: null,
    since: 'month', filters: { actor: '', side: '', type: '', front: '', from: '', to: '' }, allFronts: false,
    events: {}, eventsLoaded: false, lastFronts: [],
    // Every event in effect with its place (GET …/events?from=&to=, page by page), for the map and the casualty series.
    periodEvents: [], periodLoaded: false, periodCapped: false, world: null
  };
  const FILTERS = ['actor', 'side', 'type', 'front', 'from', 'to'];
  /** Most events the page reads for the map and the series; beyond, it says so. */
  const MAX_PERIOD_EVENTS = 20000;
  const TYPE_COLORS = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e', '#8c564b', '#e377c2', '#17becf', '#7f7f7f', '#bcbd22'];

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

  // ---- the view in the URL ---------------------------------------------------------------
  // conflict, asOf, selected point, since and filters live in the query string (shareable);
  // the fragment keeps only the token, which never leaves the browser.

  function writeUrl() {
    const q = new URLSearchParams();
    if (state.conflict) { q.set('conflict', state.conflict.id); }
    if (state.asOf) { q.set('asOf', state.asOf); }
    if (state.selected) { q.set('selected', state.selected); }
    if (state.since !== 'month') { q.set('since', state.since); }
    FILTERS.forEach((k) => { if (state.filters[k]) { q.set(k, state.filters[k]); } });
    if (state.allFronts) { q.set('allFronts', '1'); }
    const url = location.pathname + '?' + q.toString() + location.hash;
    if (url !== location.pathname + location.search + location.hash) {
      history.replaceState(null, '', url);
    }
  }

  const ISO = /^\d{4}-\d{2}-\d{2}$/;
  function readUrl() {
    const q = new URLSearchParams(location.search);
    const date = (k) => (ISO.test(q.get(k) || '') ? q.get(k) : null);
    FILTERS.forEach((k) => { state.filters[k] = (k === 'from' || k === 'to') ? (date(k) || '') : (q.get(k) || ''); });
    state.since = q.get('since') === 'quarter' ? 'quarter' : 'month';
    state.allFronts = q.get('allFronts') === '1';
    return { asOf: date('asOf'), selected: date('selected') };
  }

  function bindControls() {
    FILTERS.forEach((k) => $('f-' + k).addEventListener('change', (e) => {
      state.filters[k] = e.target.value || '';
      writeUrl();
      renderAll();
      renderSince();
    }));
    $('f-clear').addEventListener('click', () => {
      FILTERS.forEach((k) => { state.filters[k] = ''; $('f-' + k).value = ''; });
      writeUrl();
      renderAll();
      renderSince();
    });
    $('since').addEventListener('change', (e) => { state.since = e.target.value; writeUrl(); renderSince(); });
    $('all-fronts').addEventListener('change', (e) => { state.allFronts = e.target.checked; writeUrl(); renderFronts(state.lastFronts); });
    document.querySelectorAll('.downloads').forEach((box) => {
      if (box.dataset.csv) {
        const b = el('button', '', 'Download ' + box.dataset.csv + ' CSV');
        b.type = 'button';
        b.dataset.download = box.dataset.csv + '-csv';
        b.addEventListener('click', () => download(state.conflict.id + '-' + box.dataset.csv + '.csv', 'text/csv', csv(box.dataset.csv)));
        box.appendChild(b);
      }
      const b = el('button', '', 'Download chart SVG');
      b.type = 'button';
      b.dataset.download = box.dataset.chart + '-svg';
      b.addEventListener('click', () => download(state.conflict.id + '-' + box.dataset.chart + '.svg', 'image/svg+xml', chartSvg(box.dataset.chart)));
      box.appendChild(b);
      const png = el('button', '', 'Download chart PNG');
      png.type = 'button';
      png.dataset.download = box.dataset.chart + '-png';
      png.addEventListener('click', () => chartPng(box.dataset.chart));
      box.appendChild(png);
    });
  }

  function fillFilterOptions() {
    const fill = (id, options) => {
      const select = $(id);
      const keep = select.value;
      while (select.options.length > 1) { select.remove(1); }
      options.forEach((o) => {
        const option = document.createElement('option');
        option.value = o.value;
        option.textContent = o.label;
        select.appendChild(option);
      });
      select.value = keep;
    };
    fill('f-actor', state.conflict.actors.map((a) => ({ value: a.code, label: a.name || a.code })));
    fill('f-front', (state.conflict.fronts || []).map((f) => ({ value: f.id, label: f.label || f.id })));
    fill('f-side', sides().map((side) => ({ value: side, label: sideLabel(side) })));
    const types = new Set(Object.values(state.events).map((e) => e.type).concat(state.periodEvents.map((e) => e.type)));
    if (state.filters.type) { types.add(state.filters.type); }
    fill('f-type', Array.from(types).sort().map((t) => ({ value: t, label: words(t) })));
    FILTERS.forEach((k) => { $('f-' + k).value = state.filters[k]; });
    $('since').value = state.since;
    $('all-fronts').checked = state.allFronts;
  }

  async function start() {
    const initial = readUrl();
    bindControls();
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
    await selectConflict(first.id, initial);
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

  async function selectConflict(id, initial) {
    state.conflict = state.conflicts.find((c) => c.id === id);
    if (!initial) {
      FILTERS.forEach((k) => { state.filters[k] = ''; });
    }
    state.events = {};
    state.eventsLoaded = false;
    state.periodEvents = [];
    state.periodLoaded = false;
    $('conflict-name').textContent = '— ' + (state.conflict.name || state.conflict.id);
    document.title = 'Ripeness — ' + (state.conflict.name || state.conflict.id);
    state.selected = null;
    state.asOf = initial && initial.asOf ? initial.asOf : null;
    $('asof').value = state.asOf || '';
    fillFilterOptions();
    await loadRunTimeline();
    await reload();
    connectLive();
    const selected = initial && initial.selected ? initial.selected : null;
    if (selected && state.timeline.some((p) => p.asOf === selected)) {
      await explain(selected);
    } else if (state.asOf && pointAt(state.asOf)) {
      await explain(pointAt(state.asOf).asOf);
    }
    writeUrl();
    await Promise.all([loadEventDetails(), loadPeriodEvents()]);
  }

  /** Every event in effect of the conflict, page by page (at most MAX_PERIOD_EVENTS), with the boundaries for the map. */
  async function loadPeriodEvents() {
    const conflict = state.conflict.id;
    const events = [];
    let next = null;
    try {
      if (!state.world) {
        state.world = await getJson('/web/world-50m.json');
        state.world.countries.forEach((c) => { c.box = bounds(c.rings); });
      }
      do {
        const page = await getJson(conflictPath('/events?limit=5000' + (next ? '&after=' + encodeURIComponent(next) : '')));
        events.push(...page.events);
        next = page.next;
      } while (next && events.length < MAX_PERIOD_EVENTS && state.conflict.id === conflict);
    } catch (e) {
      showMessage('Cannot load the events for the map: ' + e.message);
    }
    if (state.conflict.id !== conflict) { return; }
    state.periodEvents = events;
    state.periodCapped = Boolean(next);
    state.periodLoaded = true;
    document.body.dataset.periodLoaded = 'true';
    fillFilterOptions();
    renderMap();
    renderCasualties();
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

  /**
   * The events the timeline's explanations name, in batches (the API takes 200 ids a request):
   * what the filters and the "since" paragraph need to say who did what.
   */
  async function loadEventDetails() {
    const ids = Array.from(new Set(state.timeline.flatMap((p) => (p.drivers || []).map((d) => d.eventId))
      .filter((id) => !id.startsWith('(') && !state.events[id])));
    for (let i = 0; i < ids.length; i += 200) {
      try {
        const found = (await getJson(conflictPath('/events?ids=' + ids.slice(i, i + 200).map(encodeURIComponent).join(',')))).events;
        Object.assign(state.events, found);
      } catch (e) {
        showMessage('Cannot load the event details (filters by actor, type and front are off): ' + e.message);
        break;
      }
    }
    state.eventsLoaded = true;
    document.body.dataset.eventsLoaded = 'true';
    fillFilterOptions();
    renderAll();
    renderSince();
  }

  async function setAsOf(date) {
    state.asOf = date;
    writeUrl();
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
      renderSince();
    } catch (e) {
      target.textContent = e.status === 404 ? 'No assessment for this date: ' + e.message : 'Cannot load the assessment: ' + e.message;
    }
  }

  async function loadFronts() {
    try {
      state.lastFronts = (await getJson(conflictPath('/fronts' + asOfParam()))).fronts;
      renderFronts(state.lastFronts);
    } catch (e) {
      $('fronts').textContent = 'Cannot load the front indicators: ' + e.message;
    }
  }

  async function explain(date) {
    state.selected = date;
    writeUrl();
    markSelected();
    const target = $('explain');
    target.dataset.asOf = date;
    try {
      const x = await getJson(conflictPath('/explain?asOf=' + encodeURIComponent(date)));
      Object.assign(state.events, x.eventDetails || {});
      renderExplanation(x);
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
    clearTimeout(state.periodTimer);
    state.periodTimer = setTimeout(loadPeriodEvents, 1000);
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
    renderMap();
    renderCasualties();
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
    band.title = 'Ripeness against the model\'s thresholds: RIPE above the ripe threshold, EMERGING above the emerging one, '
      + 'else UNRIPE (docs/model.md, "Ripeness, band, pathway")';
    const pathway = cell('Pathway', a.pathway.replace(/_/g, ' '));
    pathway.title = 'PLAN A WINDOW: a side that wants more feels stalemated and hurts; PLAN B PRESSURE: a side that wants less hurts '
      + 'while the other advances and the mediator leans to pressure (fragile); NONE: neither';
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
  let frameCount = 0;
  function time(date) { return Date.parse(date + 'T00:00:00Z'); }

  /** A frame with a date x-axis over the timeline and a y-axis from y0 to y1. */
  function frame(container, height, y0, y1, yTicks, yLabel, leftMargin) {
    container.textContent = '';
    // Drawn at the width it is shown (960 at most): on a phone the text stays readable instead of shrinking.
    const W = Math.max(340, Math.min(960, Math.round(container.clientWidth || 960)));
    const L = Math.min(leftMargin || 70, Math.round(W * 0.36)), R = 14, T = 10, B = 26;
    const root = svg('svg', { viewBox: '0 0 ' + W + ' ' + height, role: 'img' });
    container.appendChild(root);
    const dates = state.timeline.map((p) => p.asOf);
    let t0 = state.filters.from ? time(state.filters.from) : dates.length ? time(dates[0]) : Date.now();
    let t1 = state.filters.to ? time(state.filters.to) : dates.length ? time(dates[dates.length - 1]) : t0 + DAY;
    if (t1 < t0) { t1 = t0 + DAY; }
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
      grid.appendChild(tickLabel(L - 6, f.y(value) + 4, label, Math.max(8, Math.floor((L - 10) / 6))));
    });
    root.appendChild(grid);
    // Lines and points outside the period are clipped at the frame, not drawn over the axis labels.
    const clipId = 'clip-' + container.id + '-' + (frameCount += 1);
    const defs = svg('defs');
    const clip = svg('clipPath', { id: clipId });
    clip.appendChild(svg('rect', { x: L - 8, y: 0, width: W - L - R + 16, height }));
    defs.appendChild(clip);
    root.appendChild(defs);
    f.plot = svg('g', { 'clip-path': 'url(#' + clipId + ')' });
    const axis = svg('g', { class: 'axis' });
    const start = new Date(t0), end = new Date(t1);
    const months = (end.getUTCFullYear() - start.getUTCFullYear()) * 12 + end.getUTCMonth() - start.getUTCMonth();
    const perLabel = months / Math.max(1, (W - L - R) / 60); // months per 60 px: one label fits in 60 px
    const step = [1, 3, 6, 12, 24, 60].find((n) => n >= perLabel) || 120;
    for (let d = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 1)); d <= end; d = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1))) {
      if (d.getUTCMonth() % step !== 0) { continue; }
      const iso = d.toISOString().slice(0, 10);
      const x = f.x(iso);
      axis.appendChild(svg('line', { x1: x, x2: x, y1: height - B, y2: height - B + 4 }));
      if (step >= 12 && d.getUTCMonth() !== 0) { continue; }
      if (step > 12 && d.getUTCFullYear() % (step / 12) !== 0) { continue; }
      axis.appendChild(svg('text', { x, y: height - 8, 'text-anchor': 'middle' }, step >= 12 ? iso.slice(0, 4) : iso.slice(0, 7)));
    }
    axis.appendChild(svg('line', { x1: L, x2: W - R, y1: height - B, y2: height - B }));
    if (yLabel) {
      axis.appendChild(svg('text', { x: 4, y: T + 8 }, yLabel));
    }
    root.appendChild(axis);
    root.appendChild(f.plot);
    if (state.asOf) {
      f.plot.appendChild(svg('line', { class: 'marker', x1: f.x(state.asOf), x2: f.x(state.asOf), y1: T, y2: height - B }));
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
    f.plot.appendChild(path);
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
      if (item.help) { span.title = item.help; }
      box.appendChild(span);
    });
  }

  function renderRipeness(flashDate) {
    const f = frame($('chart-ripeness'), 300, 0, 1, [0, 0.25, 0.5, 0.75, 1]);
    const banded = state.timeline.filter((p) => p.ripenessLow !== null && p.ripenessLow !== undefined);
    if (banded.length) {
      // The model's interval as a shaded band under the lines: upper edge left to right, lower edge back.
      // Each interval holds until the next event day, like the lines: steps, not slopes.
      const ends = banded.map((p, i) => (i + 1 < banded.length ? f.x(banded[i + 1].asOf) : f.W - f.R).toFixed(1));
      const upper = banded.flatMap((p, i) => [f.x(p.asOf).toFixed(1) + ',' + f.y(p.ripenessHigh).toFixed(1),
        ends[i] + ',' + f.y(p.ripenessHigh).toFixed(1)]);
      const lower = banded.map((p, i) => [f.x(p.asOf).toFixed(1) + ',' + f.y(p.ripenessLow).toFixed(1),
        ends[i] + ',' + f.y(p.ripenessLow).toFixed(1)]).reverse().flatMap((pair) => pair.reverse());
      const band = svg('polygon', { points: upper.concat(lower).join(' '), fill: '#111', 'fill-opacity': 0.12, stroke: 'none' });
      band.setAttribute('data-series', 'ripeness-interval');
      band.appendChild(svg('title', {}, 'Interval: least and greatest ripeness when the model\'s scales are perturbed by ±30 % (a sensitivity range, not a probability)'));
      f.plot.appendChild(band);
    }
    COMPONENTS.forEach((c) => {
      const points = state.timeline.filter((p) => p.components[c.key] !== null && p.components[c.key] !== undefined)
        .map((p) => ({ date: p.asOf, value: p.components[c.key] }));
      const path = polyline(f, points, c.color, 1.6, null, true);
      if (path) {
        path.setAttribute('data-series', c.key);
        path.setAttribute('opacity', '0.85');
        path.appendChild(svg('title', {}, c.label + ': ' + c.help));
      }
    });
    const overlay = polyline(f, state.runTimeline.map((p) => ({ date: p.asOf, value: p.ripeness })), '#555', 2.2, '7 4', true);
    if (overlay) { overlay.setAttribute('data-series', 'ripeness-run'); overlay.setAttribute('data-run', state.run); }
    const main = polyline(f, state.timeline.map((p) => ({ date: p.asOf, value: p.ripeness })), '#111', 3, null, true);
    if (main) { main.setAttribute('data-series', 'ripeness'); }
    state.timeline.forEach((p) => {
      const circle = svg('circle', {
        class: 'point ripeness-point' + (p.asOf === flashDate ? ' flash' : ''), cx: f.x(p.asOf), cy: f.y(p.ripeness), r: 5,
        fill: BAND_COLORS[p.band] || '#111', stroke: '#fff', 'stroke-width': 1.5, 'data-date': p.asOf
      });
      circle.appendChild(svg('title', {}, p.asOf + ': ripeness ' + fmt(p.ripeness) + ' (' + p.band + ')'));
      activate(circle, p.asOf, 'ripeness ' + fmt(p.ripeness) + ' on ' + p.asOf);
      f.plot.appendChild(circle);
    });
    legend('legend-ripeness', [{ label: 'Ripeness (points coloured by band)', color: '#111', width: 3 }]
      .concat(banded.length ? [{ label: 'interval (model parameters ±30 %)', color: 'rgba(17,17,17,0.15)', width: 10 }] : [])
      .concat(overlay ? [{ label: 'ripeness (run ' + state.run + ')', color: '#555', dashed: true }] : [])
      .concat(COMPONENTS.map((c) => ({ label: c.label, color: c.color, help: c.help }))));
  }

  /** Sum of a point's driver deltas: how much its events moved the components, with sign. */
  /** How much the events listed for a point moved its ripeness (the entries that are not events left out). */
  function impact(p) {
    return (p.drivers || []).filter((d) => d.component === 'ripeness' && !d.eventId.startsWith('('))
      .reduce((sum, d) => sum + d.delta, 0);
  }

  /** The events listed for a point that happened on its own day (the others are older ones repeated). */
  function ownEvents(p) {
    return Array.from(new Set((p.drivers || []).map((d) => d.eventId).filter((id) => !id.startsWith('('))))
      .map((id) => state.events[id]).filter((e) => e && e.date === (p.lastEventDate || p.asOf));
  }

  function filtering() {
    return FILTERS.some((k) => state.filters[k]);
  }

  /** Whether a point passes the filters: in the period, and (for actor, type, front) one of its day's events matches. */
  function matches(p) {
    const fl = state.filters;
    if ((fl.from && p.asOf < fl.from) || (fl.to && p.asOf > fl.to)) { return false; }
    if (!fl.actor && !fl.side && !fl.type && !fl.front) { return true; }
    return ownEvents(p).some(eventMatches);
  }

  /** Whether one event passes the actor, side, type and front filters. */
  function eventMatches(e) {
    const fl = state.filters;
    return (!fl.actor || e.actor === fl.actor) && (!fl.side || sideOf(e.actor) === fl.side)
      && (!fl.type || e.type === fl.type) && (!fl.front || e.front === fl.front);
  }

  /** The events of the map and the casualty series: in the period (and not after the as-of date) and matching the filters. */
  function periodMatches() {
    const fl = state.filters;
    const last = [fl.to, state.asOf].filter(Boolean).sort()[0];
    return state.periodEvents.filter((e) => (!fl.from || e.date >= fl.from) && (!last || e.date <= last) && eventMatches(e));
  }

  /** The conflict's sides: an actor's `side` in the configuration, or its own code when it has none. */
  function sides() {
    return Array.from(new Set((state.conflict.actors || []).map((a) => a.side || a.code)));
  }

  function sideOf(code) {
    const a = (state.conflict.actors || []).find((x) => x.code === code);
    return a ? (a.side || a.code) : code;
  }

  /** A side in words: its members' names ("Russia, DPR forces"), or the one actor's name. */
  function sideLabel(side) {
    const members = (state.conflict.actors || []).filter((a) => (a.side || a.code) === side).map((a) => a.name || a.code);
    return members.length > 1 ? side + ': ' + members.join(', ') : (members[0] || side);
  }

  /** Click, Enter or Space on a point explains it: every point is a focusable button. */
  function activate(node, date, label) {
    node.setAttribute('tabindex', '0');
    node.setAttribute('role', 'button');
    node.setAttribute('aria-label', label);
    node.addEventListener('click', () => explain(date));
    node.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); explain(date); }
    });
  }

  function renderEvents(flashDate) {
    const f = frame($('chart-events'), 130, -1, 1, [{ value: 0, label: '' }], null);
    const max = Math.max(0.0001, ...state.timeline.map((p) => Math.abs(impact(p))));
    const mid = f.y(0);
    f.root.appendChild(svg('text', { x: f.L - 6, y: f.y(0.75) + 4, 'text-anchor': 'end' }, 'riper'));
    f.root.appendChild(svg('text', { x: f.L - 6, y: f.y(-0.75) + 4, 'text-anchor': 'end' }, 'less ripe'));
    const shown = state.timeline.filter(matches).length;
    const needsDetails = state.filters.actor || state.filters.side || state.filters.type || state.filters.front;
    $('filter-status').textContent = !filtering() ? 'No filter: all ' + state.timeline.length + ' event days shown.'
      : (needsDetails && !state.eventsLoaded ? 'Loading the events to filter… ' : '')
        + shown + ' of ' + state.timeline.length + ' event days match.';
    state.timeline.forEach((p, i) => {
      if (!matches(p)) { return; }
      const delta = i > 0 ? p.ripeness - state.timeline[i - 1].ripeness : p.ripeness;
      const size = 4 + 9 * Math.abs(impact(p)) / max;
      const y = delta >= 0 ? f.y(Math.min(0.7, 0.15 + Math.abs(delta) * 2)) : f.y(-Math.min(0.7, 0.15 + Math.abs(delta) * 2));
      f.plot.appendChild(svg('line', { x1: f.x(p.asOf), x2: f.x(p.asOf), y1: mid, y2: y, stroke: '#b8c0c9' }));
      const circle = svg('circle', {
        class: 'point event-point' + (p.asOf === flashDate ? ' flash' : ''), cx: f.x(p.asOf), cy: y, r: size.toFixed(1),
        fill: delta >= 0 ? '#27874a' : '#b03a2e', 'fill-opacity': 0.8, stroke: '#fff', 'stroke-width': 1,
        'data-date': p.asOf, 'data-event': p.lastEventId || ''
      });
      const names = ownEvents(p).map(eventTitle);
      circle.appendChild(svg('title', {}, p.asOf + ': ' + (names.length ? names.join('; ') : (p.lastEventId || '')) + ' — ripeness ' + signed(delta)));
      activate(circle, p.asOf, 'events of ' + p.asOf + ', ripeness ' + signed(delta));
      f.plot.appendChild(circle);
    });
  }

  // ---- the map: hand-drawn SVG over Natural Earth boundaries (web/world-50m.json, shipped in the jar) ----

  /** [west, south, east, north] of rings of longitude, latitude pairs. */
  function bounds(rings) {
    const b = [Infinity, Infinity, -Infinity, -Infinity];
    rings.forEach((r) => {
      for (let i = 0; i < r.length; i += 2) {
        b[0] = Math.min(b[0], r[i]); b[1] = Math.min(b[1], r[i + 1]); b[2] = Math.max(b[2], r[i]); b[3] = Math.max(b[3], r[i + 1]);
      }
    });
    return b;
  }

  function typeColors(events) {
    const types = Array.from(new Set(events.map((e) => e.type))).sort();
    const colors = {};
    types.forEach((t, i) => { colors[t] = TYPE_COLORS[i % TYPE_COLORS.length]; });
    return colors;
  }

  /** The explanation a map point opens: the assessment of the event's own day (or the one in force then). */
  function dayOf(e) {
    const own = state.timeline.find((p) => p.asOf === e.date) || pointAt(e.date);
    return own ? own.asOf : e.date;
  }

  function renderMap() {
    const box = $('chart-map');
    box.textContent = '';
    $('legend-map').textContent = '';
    if (!state.periodLoaded) {
      $('map-status').textContent = 'Loading the events…';
      return;
    }
    const events = periodMatches();
    const placed = events.filter((e) => e.location);
    $('map-status').textContent = events.length + (events.length === 1 ? ' event' : ' events') + ' of this view: '
      + placed.length + ' placed on the map, ' + (events.length - placed.length)
      + ' without a location (their sources give none, and none is guessed).'
      + (state.periodCapped ? ' Only the first ' + state.periodEvents.length + ' events of the conflict were read.' : '');
    box.dataset.placed = String(placed.length);
    box.dataset.unplaced = String(events.length - placed.length);
    if (!placed.length) {
      return;
    }
    // An equirectangular projection true to scale at the events' middle latitude, fitted to their extent plus a margin.
    const ex = bounds([placed.flatMap((e) => [e.location.longitude, e.location.latitude])]);
    const cx = (ex[0] + ex[2]) / 2, cy = (ex[1] + ex[3]) / 2;
    const k = Math.max(0.2, Math.cos(cy * Math.PI / 180));
    const spanX = Math.max(3, (ex[2] - ex[0]) * 1.25), spanY = Math.max(2, (ex[3] - ex[1]) * 1.25);
    const W = Math.max(300, Math.min(960, Math.round(box.clientWidth || 960)));
    const H = Math.round(W * Math.min(0.85, Math.max(0.5, spanY / (spanX * k))));
    const scale = Math.min(W / (spanX * k), H / spanY);
    const px = (lon) => W / 2 + (lon - cx) * k * scale;
    const py = (lat) => H / 2 - (lat - cy) * scale;
    const view = [cx - W / (2 * k * scale), cy - H / (2 * scale), cx + W / (2 * k * scale), cy + H / (2 * scale)];
    const root = svg('svg', { viewBox: '0 0 ' + W + ' ' + H, role: 'group', 'aria-label': 'Map of ' + placed.length + ' placed events' });
    root.appendChild(svg('rect', { x: 0, y: 0, width: W, height: H, fill: '#e4edf5', class: 'sea' }));
    const land = svg('g', { class: 'land' });
    (state.world ? state.world.countries : []).forEach((c) => {
      if (c.box[2] < view[0] || c.box[0] > view[2] || c.box[3] < view[1] || c.box[1] > view[3]) { return; }
      let d = '';
      c.rings.forEach((r) => {
        for (let i = 0; i < r.length; i += 2) { d += (i === 0 ? 'M' : 'L') + px(r[i]).toFixed(1) + ',' + py(r[i + 1]).toFixed(1); }
        d += 'Z';
      });
      const path = svg('path', { d, fill: '#f5f2ea', stroke: '#98a3ae', 'stroke-width': 0.7, 'data-country': c.name });
      path.appendChild(svg('title', {}, c.name));
      land.appendChild(path);
    });
    root.appendChild(land);
    const colors = typeColors(placed);
    const maxCasualties = Math.max(1, ...placed.map((e) => e.casualties || 0));
    const points = svg('g', { class: 'points' });
    // Biggest first, so that small points stay on top and clickable.
    placed.slice().sort((a, b) => (b.casualties || 0) - (a.casualties || 0)).forEach((e) => {
      const l = e.location;
      const coarse = l.precision === 'REGION' || l.precision === 'COUNTRY';
      const r = 3.5 + 11 * Math.sqrt((e.casualties || 0) / maxCasualties);
      const color = colors[e.type];
      const circle = svg('circle', {
        class: 'point map-point', cx: px(l.longitude).toFixed(1), cy: py(l.latitude).toFixed(1), r: r.toFixed(1),
        fill: coarse ? 'none' : color, 'fill-opacity': 0.7, stroke: coarse ? color : '#fff', 'stroke-width': coarse ? 2 : 1,
        'stroke-dasharray': coarse ? '3 2' : null, 'data-date': dayOf(e), 'data-event': e.eventId, 'data-type': e.type,
        'data-casualties': e.casualties === null || e.casualties === undefined ? '' : String(e.casualties)
      });
      const text = e.date + ', ' + (e.actorName || actorName(e.actor)) + ': ' + words(e.type) + (l.place ? ' at ' + l.place : '')
        + (l.precision ? ' (' + l.precision.toLowerCase() + ')' : '') + ' — '
        + (e.casualties === null || e.casualties === undefined ? 'no casualty figure' : e.casualties + ' casualties');
      circle.appendChild(svg('title', {}, text));
      activate(circle, dayOf(e), text);
      points.appendChild(circle);
    });
    root.appendChild(points);
    root.appendChild(svg('text', { x: 6, y: H - 6, class: 'map-note' },
      W < 600 ? 'Boundaries: Natural Earth (public domain)' : 'Boundaries: Natural Earth 1:50m (public domain); they imply no view of sovereignty.'));
    box.appendChild(root);
    legend('legend-map', Object.keys(colors).map((t) => ({ label: words(t), color: colors[t], width: 8 }))
      .concat([{ label: 'hollow ring: only the region or country is known', color: '#5b6673', dashed: true },
        { label: 'largest point: ' + maxCasualties + ' casualties', color: '#fff', width: 0 }]));
  }

  // ---- casualties per period --------------------------------------------------------------

  /** The matching events' casualty figures summed per month (per week when the period is under six months). */
  function casualtySeries() {
    const events = periodMatches();
    const dates = events.map((e) => e.date).sort();
    const first = state.filters.from || dates[0];
    const last = state.filters.to || dates[dates.length - 1];
    const weekly = Boolean(first && last) && time(last) - time(first) < 183 * DAY;
    const buckets = {};
    events.forEach((e) => {
      let start, end;
      if (weekly) {
        const t = time(e.date), monday = t - ((new Date(t).getUTCDay() + 6) % 7) * DAY;
        start = new Date(monday).toISOString().slice(0, 10);
        end = new Date(monday + 7 * DAY).toISOString().slice(0, 10);
      } else {
        start = e.date.slice(0, 7) + '-01';
        const d = new Date(time(start));
        end = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1)).toISOString().slice(0, 10);
      }
      const key = weekly ? start : start.slice(0, 7);
      const b = buckets[key] || (buckets[key] = { key, start, end, sum: 0, withFigure: 0, without: 0 });
      if (e.casualties === null || e.casualties === undefined) { b.without += 1; } else { b.sum += e.casualties; b.withFigure += 1; }
    });
    const list = Object.values(buckets).sort((a, b) => (a.key < b.key ? -1 : 1));
    return {
      weekly, buckets: list, events: events.length, total: list.reduce((n, b) => n + b.sum, 0),
      withFigure: list.reduce((n, b) => n + b.withFigure, 0), without: list.reduce((n, b) => n + b.without, 0)
    };
  }

  function renderCasualties() {
    const series = casualtySeries();
    $('casualties-status').textContent = !state.periodLoaded ? 'Loading the events…'
      : series.events + (series.events === 1 ? ' event' : ' events') + ' of this view: ' + series.withFigure
        + ' report casualties or fatalities (' + series.total + ' in all), ' + series.without
        + ' report no figure (counted apart, never as zero). One bar per ' + (series.weekly ? 'week.' : 'month.');
    const max = Math.max(1, ...series.buckets.map((b) => b.sum));
    const f = frame($('chart-casualties'), 170, 0, max * 1.08, [0, Math.round(max / 2), max], null, 60);
    series.buckets.forEach((b) => {
      const x = f.x(b.start), w = Math.max(1.5, f.x(b.end) - x - 1);
      const title = (series.weekly ? 'week of ' : '') + b.key + ': ' + b.sum + ' casualties from ' + b.withFigure + ' events'
        + (b.without ? '; ' + b.without + ' more without a figure' : '');
      if (b.withFigure) {
        const bar = svg('rect', { class: 'casualty-bar', x: x.toFixed(1), y: f.y(b.sum).toFixed(1), width: w.toFixed(1),
          height: Math.max(0.5, f.y(0) - f.y(b.sum)).toFixed(1), fill: '#8a1c1c', 'fill-opacity': 0.75,
          'data-period': b.key, 'data-sum': String(b.sum), 'data-without': String(b.without) });
        bar.appendChild(svg('title', {}, title));
        f.plot.appendChild(bar);
      }
      if (b.without) {
        // Events without a figure: a hollow mark under the axis, so that "no figure" never reads as "none killed".
        const mark = svg('rect', { class: 'no-figure', x: x.toFixed(1), y: (f.y(0) + 2).toFixed(1), width: w.toFixed(1), height: 4,
          fill: 'none', stroke: '#5b6673', 'stroke-width': 0.8, 'data-period': b.key, 'data-without': String(b.without) });
        mark.appendChild(svg('title', {}, title));
        f.plot.appendChild(mark);
      }
    });
  }

  function markSelected() {
    document.querySelectorAll('svg .point').forEach((c) => {
      c.classList.toggle('selected', c.getAttribute('data-date') === state.selected);
    });
  }

  /** An event type in words: OFFENSIVE_LAUNCHED → "offensive launched". */
  function words(type) {
    return String(type || '').toLowerCase().replace(/_/g, ' ');
  }

  function actorName(code) {
    const a = (state.conflict.actors || []).find((x) => x.code === code);
    return a ? (a.name || a.code) : code;
  }

  /** A component id in plain language: "hurt:NORTH" → "how much Northland hurts". */
  function componentWords(component) {
    const c = COMPONENTS.find((x) => x.key === component);
    if (c) { return c.label.toLowerCase(); }
    if (component === 'ripeness') { return 'ripeness'; }
    const [kind, actor] = component.split(':');
    const who = actorName(actor);
    return kind === 'hurt' ? 'how much ' + who + ' hurts'
      : kind === 'perceivedStalemate' ? who + '\'s sense of stalemate'
        : kind === 'momentum' ? who + '\'s battlefield momentum' : component;
  }

  /** "2024-06-14, Northland: demand stated": who did what when, from the event itself. */
  function eventTitle(e) {
    return e.date + ', ' + (e.actorName || actorName(e.actor)) + ': ' + words(e.type);
  }

  /** "raised way out by 0.150" / "lowered …": the direction as a verb. */
  function moved(d) {
    return (d.delta >= 0 ? 'raised ' : 'lowered ') + componentWords(d.component) + ' by ' + fmt(Math.abs(d.delta), 3);
  }

  function sourceItem(source) {
    const li = el('li');
    if (/^https?:\/\//i.test(source)) {
      const a = el('a', '', source);
      a.href = source;
      a.rel = 'noopener noreferrer';
      a.target = '_blank';
      li.appendChild(a);
    } else {
      li.textContent = source;
    }
    return li;
  }

  function eventBlock(eventId, e, drivers) {
    const block = el('div', 'driver-event');
    block.dataset.event = eventId;
    const synthetic = SYNTHETIC[eventId];
    block.appendChild(el('h4', '', synthetic ? synthetic.split(':')[0] : e ? eventTitle(e) : eventId));
    if (synthetic) {
      const said = synthetic.slice(synthetic.indexOf(':') + 2);
      block.appendChild(el('p', 'description', said.charAt(0).toUpperCase() + said.slice(1)));
    } else if (e) {
      const meta = [e.targetName || e.target ? 'against ' + (e.targetName || actorName(e.target)) : null,
        e.front ? 'front: ' + (e.frontLabel || e.front) : null,
        e.casualties !== null && e.casualties !== undefined ? e.casualties + ' casualties' : null,
        'confidence ' + fmt(e.confidence), e.datePrecision && e.datePrecision !== 'DAY' ? 'dated to the ' + e.datePrecision.toLowerCase() : null,
        'id ' + eventId].filter(Boolean).join(' · ');
      if (e.description) { block.appendChild(el('p', 'description', e.description)); }
      block.appendChild(el('p', 'meta', meta));
      if ((e.sources || []).length) {
        const list = el('ul', 'sources');
        e.sources.forEach((src) => list.appendChild(sourceItem(src)));
        block.appendChild(list);
      }
    } else {
      block.appendChild(el('p', 'meta', 'The event ' + eventId + ' is not in this instance\'s store (details unavailable).'));
    }
    const table = el('table');
    drivers.forEach((d) => {
      const row = el('tr', 'driver');
      row.appendChild(el('td', '', synthetic ? 'Accounts for ' + signed(d.delta) + ' of ' + componentWords(d.component) + '.' : 'It ' + moved(d) + '.'));
      row.appendChild(el('td', 'num ' + (d.delta >= 0 ? 'pos' : 'neg'), signed(d.delta)));
      table.appendChild(row);
    });
    block.appendChild(table);
    const notes = drivers.filter((d) => d.note);
    if (notes.length) {
      const details = el('details', 'params');
      details.appendChild(el('summary', '', 'Model parameters'));
      notes.forEach((d) => details.appendChild(el('p', 'param', componentWords(d.component) + ': ' + d.note)));
      block.appendChild(details);
    }
    return block;
  }

  function renderExplanation(x) {
    const box = $('explain');
    box.textContent = '';
    box.appendChild(el('h3', '', 'Why ripeness was ' + fmt(x.ripeness) + ' (' + x.band + ') on ' + x.asOf));
    if (!x.events.length) {
      box.appendChild(el('p', 'hint', 'No event moved a component on this day.'));
      return;
    }
    box.appendChild(el('p', 'hint', 'Each value is the sum of the changes below: the events listed, then the starting value, '
      + 'older events and time alone. Components: ' + COMPONENTS.map((c) => c.label + ' = ' + c.help).join('; ') + '.'));
    const events = x.events.filter((ev) => !SYNTHETIC[ev.eventId]);
    const rest = x.events.filter((ev) => SYNTHETIC[ev.eventId]);
    events.concat(rest).forEach((ev) => box.appendChild(eventBlock(ev.eventId, (x.eventDetails || {})[ev.eventId], ev.drivers)));
    const gaps = (x.demandGaps || []).map((g) => actorName(g.actorA) + '–' + actorName(g.actorB) + ': gap ' + fmt(g.gap) + ', zone of agreement ' + g.zopa);
    if (gaps.length) {
      box.appendChild(el('p', 'hint', gaps.join(' · ')));
    }
  }

  // ---- since the previous month / quarter --------------------------------------------------

  function minusMonths(date, n) {
    const d = new Date(time(date));
    const day = d.getUTCDate();
    d.setUTCDate(1);
    d.setUTCMonth(d.getUTCMonth() - n);
    const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
    d.setUTCDate(Math.min(day, last));
    return d.toISOString().slice(0, 10);
  }

  function arrow(change) {
    return Math.abs(change) < 0.005 ? { mark: '→', cls: 'flat', word: 'held steady' }
      : change > 0 ? { mark: '▲', cls: 'up', word: 'rose' } : { mark: '▼', cls: 'down', word: 'fell' };
  }

  /**
   * The change since a month or a quarter before the date in view, and a paragraph naming the
   * events that moved ripeness most in between — built only from the published drivers and the
   * events' own records, nothing added.
   */
  function renderSince() {
    const table = $('since-table');
    const text = $('since-text');
    table.textContent = '';
    text.textContent = '';
    const now = pointAt(state.asOf);
    if (!now) { return; }
    const reference = minusMonths(state.asOf || now.asOf, state.since === 'quarter' ? 3 : 1);
    const then = pointAt(reference);
    const rows = [{ label: 'Ripeness', now: now.ripeness, then: then ? then.ripeness : null, key: 'ripeness' }]
      .concat(COMPONENTS.map((c) => ({ label: c.label, key: c.key, help: c.help, now: now.components[c.key],
        then: then ? then.components[c.key] : null })));
    const t = el('table');
    const head = el('tr');
    ['', 'On ' + reference, 'On ' + (state.asOf || now.asOf), 'Change'].forEach((h) => head.appendChild(el('th', '', h)));
    t.appendChild(head);
    rows.forEach((r) => {
      const row = el('tr', 'since-row');
      row.dataset.component = r.key;
      const name = el('td', '', r.label);
      if (r.help) { name.title = r.help; }
      row.appendChild(name);
      row.appendChild(el('td', 'num', then ? fmt(r.then) : 'no data yet'));
      row.appendChild(el('td', 'num', fmt(r.now)));
      const a = arrow(then && r.now !== null && r.then !== null ? r.now - r.then : 0);
      row.appendChild(el('td', 'num ' + a.cls, then && r.now !== null && r.then !== null ? a.mark + ' ' + signed(r.now - r.then) : '—'));
      t.appendChild(row);
    });
    table.appendChild(t);
    // The events dated in (reference, now], each with the delta the model published for it.
    const deltas = new Map();
    state.timeline.filter((p) => p.asOf > reference && p.asOf <= now.asOf).forEach((p) => (p.drivers || [])
      .filter((d) => d.component === 'ripeness' && !d.eventId.startsWith('('))
      .forEach((d) => {
        const e = state.events[d.eventId];
        if (e && e.date > reference && e.date <= now.asOf) { deltas.set(d.eventId, d.delta); }
      }));
    const change = then ? now.ripeness - then.ripeness : null;
    let paragraph = then
      ? 'Since ' + reference + ' ripeness ' + (arrow(change).cls === 'flat' ? 'held steady at ' + fmt(now.ripeness)
        : arrow(change).word + ' from ' + fmt(then.ripeness) + ' to ' + fmt(now.ripeness)) + ' (' + signed(change) + ')' + (then.band !== now.band ? ', from ' + then.band + ' to ' + now.band : ', still ' + now.band) + '. '
      : 'There is no assessment as early as ' + reference + ': ripeness is ' + fmt(now.ripeness) + ' (' + now.band + '). ';
    // Events whose published delta rounds to zero moved nothing worth naming.
    const top = Array.from(deltas.entries()).filter(([, d]) => Math.abs(d) >= 0.0005)
      .sort((a, b) => Math.abs(b[1]) - Math.abs(a[1])).slice(0, 3);
    if (top.length) {
      paragraph += 'The events that moved it most: ' + top.map(([id, d]) => {
        const e = state.events[id];
        return eventTitle(e) + (e.description ? ' (“' + e.description + '”)' : '') + ', ' + signed(d);
      }).join('; ') + '.';
      const listed = top.reduce((sum, [, d]) => sum + d, 0);
      if (change !== null && Math.abs(change - listed) >= 0.0005) {
        paragraph += ' The other ' + signed(change - listed) + ' came from smaller events and the passing of time.';
      }
    } else if (!state.eventsLoaded) {
      paragraph += 'Loading the events…';
    } else {
      paragraph += deltas.size ? 'None of the ' + deltas.size + ' events dated in this period moved it by 0.001 or more; '
        + 'the change came from the passing of time and events too small to name.'
        : 'No event dated in this period moved it; any change came with the passing of time.';
    }
    text.textContent = paragraph;
  }

  // ---- downloads ----------------------------------------------------------------------------

  function csvCell(v) {
    const text = v === null || v === undefined ? '' : String(v);
    return /[",\n]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
  }

  /** The timeline (one row per assessment), the events (one row per event day) or the per-actor components, as CSV. */
  function csv(kind) {
    const rows = [];
    if (kind === 'timeline') {
      rows.push(['asOf', 'ripeness', 'ripenessLow', 'ripenessHigh', 'band', 'pathway'].concat(COMPONENTS.map((c) => c.key), ['lastEventId']));
      state.timeline.forEach((p) => rows.push([p.asOf, p.ripeness, p.ripenessLow, p.ripenessHigh, p.band, p.pathway]
        .concat(COMPONENTS.map((c) => p.components[c.key]), [p.lastEventId])));
    } else if (kind === 'events') {
      rows.push(['eventId', 'date', 'actor', 'type', 'front', 'confidence', 'ripenessDelta', 'description', 'sources']);
      state.timeline.filter(matches).forEach((p) => ownEvents(p).forEach((e) => {
        const d = (p.drivers || []).find((x) => x.eventId === e.eventId && x.component === 'ripeness');
        rows.push([e.eventId, e.date, e.actor, e.type, e.front, e.confidence, d ? d.delta : '', e.description, (e.sources || []).join(' ')]);
      }));
    } else if (kind === 'map') {
      rows.push(['eventId', 'date', 'actor', 'side', 'type', 'front', 'casualties', 'latitude', 'longitude', 'place', 'precision']);
      periodMatches().forEach((e) => {
        const l = e.location || {};
        rows.push([e.eventId, e.date, e.actor, sideOf(e.actor), e.type, e.front, e.casualties, l.latitude, l.longitude, l.place, l.precision]);
      });
    } else if (kind === 'casualties') {
      rows.push(['period', 'casualties', 'eventsWithFigure', 'eventsWithoutFigure']);
      casualtySeries().buckets.forEach((b) => rows.push([b.key, b.sum, b.withFigure, b.without]));
    } else {
      rows.push(['asOf', 'actor', 'hurt', 'perceivedStalemate', 'momentum', 'demandIndex']);
      state.timeline.forEach((p) => Object.keys(p.actors || {}).sort().forEach((code) => {
        const a = p.actors[code];
        rows.push([p.asOf, code, a.hurt, a.perceivedStalemate, a.momentum, a.demandIndex]);
      }));
    }
    return rows.map((r) => r.map(csvCell).join(',')).join('\n') + '\n';
  }

  /** A chart as a standalone SVG file: the page's text colours written in, since the stylesheet does not travel. */
  function chartSvg(id) {
    const parts = Array.from($(id).querySelectorAll('svg')).map((node) => {
      const copy = node.cloneNode(true);
      copy.setAttribute('xmlns', SVG);
      copy.querySelectorAll('text').forEach((t) => { t.setAttribute('font-family', 'sans-serif'); t.setAttribute('font-size', '11'); t.setAttribute('fill', '#5b6673'); });
      copy.querySelectorAll('.grid line, .axis line').forEach((l) => l.setAttribute('stroke', '#d9dee4'));
      return new XMLSerializer().serializeToString(copy);
    });
    if (parts.length === 1) { return '<?xml version="1.0" encoding="UTF-8"?>\n' + parts[0]; }
    // Several ladders: stacked in one file.
    let y = 0;
    const body = parts.map((p, i) => {
      const h = Number($(id).querySelectorAll('svg')[i].getAttribute('viewBox').split(' ')[3]);
      const g = '<g transform="translate(0,' + y + ')">' + p + '</g>';
      y += h;
      return g;
    }).join('');
    const width = $(id).querySelector('svg').getAttribute('viewBox').split(' ')[2];
    return '<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="' + SVG + '" viewBox="0 0 ' + width + ' ' + y + '">' + body + '</svg>';
  }

  /** The chart's SVG drawn onto a canvas at twice its size (a data: image, which the page's policy allows), saved as PNG. */
  function chartPng(id) {
    const text = chartSvg(id);
    const box = text.match(/viewBox="0 0 (\d+) (\d+)"/);
    const image = new Image();
    image.onload = () => {
      const canvas = el('canvas');
      canvas.width = Number(box[1]) * 2;
      canvas.height = Number(box[2]) * 2;
      const g = canvas.getContext('2d');
      g.fillStyle = '#fff';
      g.fillRect(0, 0, canvas.width, canvas.height);
      g.drawImage(image, 0, 0, canvas.width, canvas.height);
      canvas.toBlob((blob) => download(state.conflict.id + '-' + id + '.png', 'image/png', blob), 'image/png');
    };
    image.src = 'data:image/svg+xml;charset=utf-8,' + encodeURIComponent(text);
  }

  function download(name, type, text) {
    const blob = text instanceof Blob ? text : new Blob([text], { type: type + ';charset=utf-8' });
    const a = el('a');
    a.href = URL.createObjectURL(blob);
    a.download = name;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 10000);
    window.ripenessDashboard.lastDownload = { name, type, size: blob.size, text: text instanceof Blob ? null : text };
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
      const ticks = dimension.rungs.map((r) => ({ value: r.rank, label: r.label || r.id }));
      const f = frame(holder, 40 + 34 * dimension.rungs.length, -0.3, top + 0.3, ticks, null, 230);
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

  /** A y-axis label in full: wrapped over lines of at most {@code width} characters, the whole text also as tooltip. */
  function tickLabel(x, y, label, width) {
    const text = svg('text', { x, y, 'text-anchor': 'end', 'class': 'tick-label' });
    const lines = [];
    String(label).split(' ').forEach((word) => {
      if (lines.length && (lines[lines.length - 1] + ' ' + word).length <= (width || 34)) {
        lines[lines.length - 1] += ' ' + word;
      } else {
        lines.push(word);
      }
    });
    lines.forEach((line, i) => text.appendChild(svg('tspan', { x, dy: i === 0 ? -(lines.length - 1) * 6 : 12 }, line)));
    text.appendChild(svg('title', {}, label));
    return text;
  }

  function renderMomentum() {
    const f = frame($('chart-momentum'), 200, -1, 1, [-1, -0.5, 0, 0.5, 1]);
    const actors = belligerents();
    actors.forEach((actor) => {
      const points = state.timeline.filter((p) => p.actors && p.actors[actor.code])
        .map((p) => ({ date: p.asOf, value: Math.max(-1, Math.min(1, p.actors[actor.code].momentum)) }));
      const path = polyline(f, points, actorColor(actor.code), 2.2, null, true);
      if (path) { path.setAttribute('data-actor', actor.code); }
      const stalemate = state.timeline.filter((p) => p.actors && p.actors[actor.code])
        .map((p) => ({ date: p.asOf, value: p.actors[actor.code].perceivedStalemate }));
      const dashed = polyline(f, stalemate, actorColor(actor.code), 1.4, '3 3', true);
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
    const headers = ['Front', 'Actor', 'As of', 'Momentum', 'Net km² 30 d', 'Net km² 90 d', 'Net km² 180 d', 'Captures 90 d',
      'Stalled / failed 90 d', 'Siege days', 'Years to goal', 'Stalemate'];
    headers.forEach((h) => head.appendChild(el('th', '', h)));
    table.appendChild(head);
    const label = (id) => ((state.conflict.fronts || []).find((f) => f.id === id) || {}).label || id;
    const active = fronts.filter(isActive);
    const shown = state.allFronts ? fronts : active;
    table.dataset.inactive = String(fronts.length - active.length);
    const inactive = fronts.length - active.length;
    $('all-fronts').parentElement.lastChild.textContent = ' show the ' + inactive + ' inactive front' + (inactive === 1 ? '' : 's') + ' too';
    $('all-fronts').parentElement.hidden = inactive === 0;
    shown.forEach((f) => {
      const row = el('tr');
      row.className = 'front-row';
      const w = (days) => (f.windows || []).find((x) => x.days === days) || {};
      const cells = [label(f.front), f.actor, f.asOf, fmt(f.momentum), fmt(w(30).netAreaKm2, 0), fmt(w(90).netAreaKm2, 0),
        fmt(w(180).netAreaKm2, 0), w(90).captures === undefined ? '—' : String(w(90).captures),
        w(90).stalledOffensives === undefined ? '—' : w(90).stalledOffensives + ' / ' + w(90).failedOffensives,
        f.siegeDays === null || f.siegeDays === undefined ? '—' : String(f.siegeDays),
        f.timeToGoalYears === null || f.timeToGoalYears === undefined ? '∞ / no aim' : fmt(f.timeToGoalYears, 1),
        [f.tacticalStalemate ? 'tactical' : null, f.strategicStalemate ? 'strategic' : null].filter(Boolean).join(', ') || 'none'];
      cells.forEach((c, i) => {
        const td = el('td', i >= 3 && i <= 10 ? 'num' : '', c);
        td.dataset.label = headers[i]; // a phone shows each row as a card of labelled values
        row.appendChild(td);
      });
      table.appendChild(row);
    });
    if (!shown.length) {
      const row = el('tr');
      const cell = el('td', 'hint', fronts.length ? 'No front was active in the last 180 days before this date.' : 'No front indicators as of this date.');
      cell.colSpan = 12;
      row.appendChild(cell);
      table.appendChild(row);
    }
  }

  /** A front is active when anything moved on it in its windows, it is besieged, or it has momentum. */
  function isActive(f) {
    return Math.abs(f.momentum || 0) > 0.005 || (f.siegeDays !== null && f.siegeDays !== undefined && f.siegeDays > 0)
      || (f.windows || []).some((w) => (w.offensives || 0) + (w.withdrawals || 0) + (w.captures || 0) + (w.stalledOffensives || 0) + (w.failedOffensives || 0) > 0
        || Math.abs(w.netAreaKm2 || 0) > 0.5);
  }

  // Leaving the page closes the live stream at once, rather than leaving the server a connection
  // (and a thread) until its next keep-alive finds the client gone.
  let drawnWidth = window.innerWidth;
  window.addEventListener('resize', () => {
    clearTimeout(state.resizeTimer);
    state.resizeTimer = setTimeout(() => {
      if (window.innerWidth !== drawnWidth && state.conflict) { drawnWidth = window.innerWidth; renderAll(); }
    }, 200);
  });
  window.addEventListener('pagehide', () => { if (state.source) { state.source.close(); } });

  window.ripenessDashboard = { state, csv };
  start();
}());
