/* Sitrep dashboard. Article text, titles, names and every other stored string are untrusted: they only ever reach the
   page through textContent / text nodes (see el()), never innerHTML, and links only to in-app routes or http(s) URLs. */
(function () {
  'use strict';
  const t0 = performance.now();
  /* One colour per PLOVER type, shared with the brief (plover-colours.json); one per kind of claimant in charts. */
  let TYPE_COLOURS = { OTHER: '#555555' };
  const KIND_COLOURS = { official: '#1f4e9c', media: '#d97706', ngo: '#15803d', article: '#9d4edd', other: '#8a8f98' };
  const KIND_NAMES = { official: 'official', media: 'media', ngo: 'NGO / international / research', article: 'the article itself', other: 'other' };
  const colour = (type) => TYPE_COLOURS[type] || TYPE_COLOURS.OTHER;
  const FILTERS = ['actor', 'type', 'place', 'source'];
  const WINDOW_DAYS = 30; // the timeline opens on the last 30 days that hold events

  /* el('a', {href: '#x', class: 'c'}, 'text', child): strings become text nodes, never markup. */
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k === 'href') { const safe = safeHref(v); if (safe) node.setAttribute('href', safe); continue; }
      if (k.startsWith('on') && typeof v === 'function') { node.addEventListener(k.slice(2), v); continue; }
      if (k === 'text') { node.textContent = String(v); continue; }
      node.setAttribute(k, String(v));
    }
    for (const c of children) {
      if (c === null || c === undefined || c === false) continue;
      node.appendChild(c instanceof Node ? c : document.createTextNode(String(c)));
    }
    return node;
  }
  function svg(tag, attrs) {
    const node = document.createElementNS('http://www.w3.org/2000/svg', tag);
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, String(v));
    return node;
  }
  /* Only in-app routes and http(s) URLs become links; javascript:, data: and the rest do not. */
  function safeHref(v) {
    const s = String(v).trim();
    if (s.startsWith('#')) return s;
    try { const u = new URL(s, location.href); return (u.protocol === 'http:' || u.protocol === 'https:') ? u.href : null; } catch { return null; }
  }
  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); return node; }
  const $ = (id) => document.getElementById(id);
  const enc = encodeURIComponent;
  async function api(path) {
    const r = await fetch(path, { headers: { Accept: 'application/json' } });
    if (!r.ok) {
      let detail = r.status + ' ' + r.statusText;
      try { const p = await r.json(); detail = p.detail || p.title || detail; } catch { /* not JSON */ }
      throw new Error(detail);
    }
    return r.json();
  }
  function showError(container, e) { clear(container).appendChild(el('p', { class: 'error' }, 'Could not load: ', e.message)); }
  function bounds(q) {
    if (q.qualifier && q.point == null && q.min != null && q.max != null) return q.qualifier + ' (' + fmt(q.min) + '–' + fmt(q.max) + ')';
    if (q.qualifier) return q.qualifier + ' ' + fmt(q.point ?? q.max ?? q.min);
    const lo = q.min ?? q.point, hi = q.max ?? q.point;
    if (lo != null && hi != null && lo !== hi) return fmt(lo) + '–' + fmt(hi);
    return fmt(q.point ?? q.min ?? q.max);
  }
  const fmt = (v) => v == null ? '?' : Number(v).toLocaleString('en-US');
  const eventLink = (id) => '#event/' + id;

  /* Evidence is shown as the clause around its anchor (the trigger, the number, the reporting verb), the whole
     sentence on demand: a sentence can be a 2,000-character paragraph. Same rule as the brief (EvidenceClause.cs). */
  const CLAUSE_MAX = 240;
  function clauseBounds(text, from, to) {
    if (text.length <= CLAUSE_MAX) return [0, text.length];
    if (!(from >= 0 && to >= from && to <= text.length)) { from = 0; to = 0; }
    const stops = /[.;:!?](?=\s)|\s[\u2014\u2013]\s|\n/g;
    let start = 0, end = text.length, m;
    while ((m = stops.exec(text))) {
      if (m.index + m[0].length <= from) start = m.index + m[0].length;
      else if (m.index >= to) { end = m.index + (/^[.!?]/.test(m[0]) ? 1 : 0); break; }
    }
    while (start < end && /\s/.test(text[start])) start++;
    if (end - start > CLAUSE_MAX) {
      const anchor = Math.min(Math.max(from, start), end);
      let s = Math.max(start, anchor - CLAUSE_MAX / 3), e = Math.min(end, s + CLAUSE_MAX);
      s = Math.max(start, e - CLAUSE_MAX);
      if (s > start) { const sp = text.indexOf(' ', s); if (sp >= 0 && sp < from) s = sp + 1; }
      if (e < end) { const sp = text.lastIndexOf(' ', e); if (sp > to) e = sp; }
      start = s; end = e;
    }
    return [start, end];
  }
  function evidence(text, from, to) {
    text = text || '';
    const [s, e] = clauseBounds(text, from, to);
    const shown = el('span', { class: 'evidence' }, (s > 0 ? '… ' : ''), text.slice(s, e), (e < text.length ? ' …' : ''));
    if (s === 0 && e === text.length) return shown;
    return el('span', { class: 'clause' }, shown, ' ', el('details', { class: 'sentence' }, el('summary', {}, 'whole sentence'), el('span', { class: 'evidence' }, text)));
  }
  window.sitrepClauseBounds = clauseBounds; // for tests: the same rule as the brief's (EvidenceClause.cs)
  const anchorOf = (text, part) => { const i = part ? (text || '').indexOf(part) : -1; return i < 0 ? [-1, -1] : [i, i + part.length]; };

  /* ---------- views and routing ---------- */
  const VIEWS = ['map', 'event', 'article', 'estimates', 'contradictions', 'alerts', 'search'];
  function show(view) {
    for (const v of VIEWS) $('view-' + v).hidden = v !== view;
    document.querySelectorAll('nav a').forEach(a => a.classList.toggle('active', a.dataset.view === view));
    if (view === 'map' && state.map) setTimeout(() => state.map.invalidateSize(), 0);
  }
  async function route() {
    const hash = decodeURIComponent(location.hash.slice(1));
    const [head, ...rest] = hash.split('/');
    try {
      if (head === 'event' && rest.length >= 2) { show('event'); await renderEvent(rest[0], rest.slice(1).join('/')); }
      else if (head === 'article' && rest.length >= 1) { show('article'); await renderArticlePage(rest[0]); }
      else if (head === 'estimates') { show('estimates'); await renderEstimates(); }
      else if (head === 'contradictions') { show('contradictions'); await renderContradictions(); }
      else if (head === 'alerts') { show('alerts'); await renderAlerts(); }
      else if (head.startsWith('search')) { show('search'); await renderSearch(new URLSearchParams(hash.split('?')[1] || '').get('q') || ''); }
      else { show('map'); }
    } catch (e) { console.error(e); }
  }

  /* ---------- map, filters, list and timeline ---------- */
  const state = {
    map: null, rows: [], cols: {}, layer: null, regions: null, range: null, hiddenTypes: new Set(), hideBackground: false,
    countries: null, isoNumeric: {}, filters: {}, window: null, days: [], listSeq: 0
  };

  /* The view lives in the URL's query (?actor=&type=&place=&source=&from=&to= or dates=all), so it can be shared. */
  function readUrl() {
    const p = new URLSearchParams(location.search);
    for (const k of FILTERS) state.filters[k] = (p.get(k) || '').trim();
    state.urlRange = p.get('dates') === 'all' ? 'all' : (p.get('from') || p.get('to')) ? [p.get('from') || '0000-01-01', p.get('to') || '9999-12-31'] : null;
  }
  function writeUrl() {
    const p = new URLSearchParams();
    for (const k of FILTERS) if (state.filters[k]) p.set(k, state.filters[k]);
    if (!state.range) p.set('dates', 'all');
    else if (!state.window || state.range[0] !== state.window[0] || state.range[1] !== state.window[1]) { p.set('from', state.range[0]); p.set('to', state.range[1]); }
    const qs = p.toString();
    history.replaceState(null, '', location.pathname + (qs ? '?' + qs : '') + location.hash);
    updateExports();
  }
  function query(extra) {
    const p = new URLSearchParams();
    for (const k of FILTERS) if (state.filters[k]) p.set(k, state.filters[k]);
    for (const [k, v] of Object.entries(extra || {})) if (v !== null && v !== undefined && v !== '') p.set(k, v);
    return p.toString();
  }
  function visibleTypes() { return [...new Set(state.rows.map(r => r[state.cols.type]))].filter(t => !state.hiddenTypes.has(t)).sort(); }
  /* What the map, the list and the exports show: the filters, the visible types and the timeline's range. */
  function viewQuery(extra) {
    const x = Object.assign({}, extra || {});
    if (state.range) { x.from = state.range[0]; x.to = state.range[1]; }
    if (!state.filters.type && state.hiddenTypes.size) x.type = visibleTypes().join(',');
    return query(x);
  }
  function updateExports() {
    for (const f of ['csv', 'geojson']) { const a = $('export-' + f); if (a) a.setAttribute('href', '/api/export?' + viewQuery({ format: f })); }
  }

  function initFilters() {
    const select = $('f-type');
    for (const t of Object.keys(TYPE_COLOURS).sort()) select.appendChild(el('option', { value: t }, t));
    for (const k of FILTERS) $('f-' + k).value = state.filters[k] || '';
    $('filters').addEventListener('submit', (ev) => {
      ev.preventDefault();
      for (const k of FILTERS) state.filters[k] = $('f-' + k).value.trim();
      state.hiddenTypes.clear();
      reload();
    });
    $('f-clear').addEventListener('click', () => { for (const k of FILTERS) { state.filters[k] = ''; $('f-' + k).value = ''; } state.hiddenTypes.clear(); reload(); });
    $('timeline-all').addEventListener('click', () => setRange(null));
    $('timeline-window').addEventListener('click', () => setRange(state.window));
    $('background-toggle').addEventListener('change', (ev) => { state.hideBackground = !ev.target.checked; drawEvents(); });
  }
  async function fillDatalists() {
    try {
      const [actors, places] = await Promise.all([api('/api/actors?limit=300'), api('/api/places?limit=300')]);
      const al = clear($('actor-names')), pl = clear($('place-names'));
      for (const a of actors.items) al.appendChild(el('option', { value: a.name }));
      for (const p of places.items) pl.appendChild(el('option', { value: p.name }));
    } catch { /* suggestions are optional */ }
  }
  async function reload() {
    state.range = null; state.urlRange = null;
    try { await loadMapData(api('/api/map?limit=50000&' + query())); } catch (e) { showError($('map-status'), e); }
  }

  async function initMap() {
    const map = L.map('map', { preferCanvas: true, worldCopyJump: true, attributionControl: true }).setView([48, 32], 4);
    map.attributionControl.setPrefix(false);
    map.attributionControl.addAttribution('Basemap: Natural Earth (world-atlas)');
    state.map = map;
    const [topo, iso] = await Promise.all([api('/assets/vendor/countries-110m.json'), api('/assets/iso-numeric.json')]);
    state.isoNumeric = iso;
    const countries = topojson.feature(topo, topo.objects.countries);
    state.countries = new Map(countries.features.map(f => [String(f.id), f]));
    L.geoJSON(countries, { style: { color: '#8a9bb0', weight: 0.6, fillColor: '#eef0ea', fillOpacity: 1 }, interactive: false }).addTo(map);
    state.layer = null;
    state.regions = L.layerGroup().addTo(map);
  }

  async function loadMapData(pending) {
    const data = await pending;
    if (window.__sitrepPhases) window.__sitrepPhases.data = performance.now() - t0;
    state.cols = Object.fromEntries(data.columns.map((c, i) => [c, i]));
    state.rows = data.rows;
    state.total = data.total + (data.totalIsExact ? '' : '+');
    computeWindow();
    if (state.urlRange === 'all') state.range = null;
    else if (Array.isArray(state.urlRange)) state.range = state.urlRange;
    else state.range = state.window;
    renderLegend();
    renderTimeline();
    if (window.__sitrepPhases) window.__sitrepPhases.timeline = performance.now() - t0;
    const listed = drawEvents();
    if (window.__sitrepPhases) window.__sitrepPhases.draw = performance.now() - t0;
    writeUrl();
    await listed;
  }

  /* The default window: the WINDOW_DAYS days up to the latest day that holds events (not after today), so that one
     historical date cannot squash the weeks that matter into a sliver; earlier (and later) events stay one click away. */
  function computeWindow() {
    const c = state.cols, days = new Set();
    for (const r of state.rows) if (r[c.day]) days.add(r[c.day].slice(0, 10));
    state.days = [...days].sort();
    if (!state.days.length) { state.window = null; return; }
    const today = new Date().toISOString().slice(0, 10);
    const past = state.days.filter(d => d <= today);
    const last = past.length ? past[past.length - 1] : state.days[state.days.length - 1];
    const first = new Date(Date.parse(last) - (WINDOW_DAYS - 1) * 864e5).toISOString().slice(0, 10);
    state.window = [first < state.days[0] ? state.days[0] : first, last];
  }

  function renderLegend() {
    const c = state.cols, counts = {};
    let background = 0;
    for (const r of state.rows) { counts[r[c.type]] = (counts[r[c.type]] || 0) + 1; if (r[c.background]) background++; }
    const legend = clear($('legend'));
    for (const type of Object.keys(counts).sort()) {
      const box = el('input', { type: 'checkbox', 'data-type': type });
      box.checked = !state.hiddenTypes.has(type);
      box.addEventListener('change', () => { if (box.checked) state.hiddenTypes.delete(type); else state.hiddenTypes.add(type); drawEvents(); updateExports(); });
      const sw = el('span', { class: 'swatch' }); sw.style.background = colour(type);
      legend.appendChild(el('label', {}, box, sw, type + ' (' + counts[type] + ')'));
    }
    $('background-count').textContent = String(background);
    $('background-toggle').checked = !state.hideBackground;
    $('legend-extra').hidden = background === 0;
  }

  function inRange(r) {
    const c = state.cols, range = state.range;
    return !range || (r[c.day] && r[c.day].slice(0, 10) >= range[0] && r[c.day].slice(0, 10) <= range[1]);
  }
  function visibleRows() {
    const c = state.cols;
    return state.rows.filter(r => !state.hiddenTypes.has(r[c.type]) && !(state.hideBackground && r[c.background]) && inRange(r));
  }

  function describe(r) {
    const c = state.cols;
    return [r[c.type], r[c.location] ? '@ ' + r[c.location] : null, r[c.day] ? '(' + r[c.day] + ')' : null, r[c.background] ? '[background]' : null].filter(Boolean).join(' ');
  }

  function popupFor(rowsHere) {
    const box = el('div', {});
    for (const r of rowsHere.slice(0, 20)) box.appendChild(el('div', {}, el('a', { href: eventLink(r[state.cols.id]) }, describe(r))));
    if (rowsHere.length > 20) box.appendChild(el('div', { class: 'muted' }, '… and ' + (rowsHere.length - 20) + ' more'));
    return box;
  }

  /* All event points on one canvas: drawing 10,000 Leaflet markers one by one is the slowest part of the first render.
     Points are dots; adm1 events are dashed circles about a province wide; background mentions (earlier, known acts)
     are hollow rings; clicks pick what is under the pointer. */
  const PointLayer = L.Layer.extend({
    initialize(points) { this._points = points; },
    onAdd(map) {
      this._canvas = L.DomUtil.create('canvas', 'sitrep-points leaflet-zoom-hide');
      this._canvas.style.pointerEvents = 'none';
      map.getPanes().overlayPane.appendChild(this._canvas);
      map.on('moveend zoomend resize', this._redraw, this);
      map.on('click', this._click, this);
      this._redraw();
    },
    onRemove(map) {
      L.DomUtil.remove(this._canvas);
      map.off('moveend zoomend resize', this._redraw, this);
      map.off('click', this._click, this);
    },
    _radius(p) {
      if (!p.adm1) return 5;
      const metresPerPixel = 40075016.686 * Math.cos(p.lat * Math.PI / 180) / Math.pow(2, this._map.getZoom() + 8);
      return Math.max(4, 60000 / metresPerPixel);
    },
    _redraw() {
      const map = this._map, size = map.getSize(), pad = size.multiplyBy(0.3).round();
      const origin = map.containerPointToLayerPoint([-pad.x, -pad.y]);
      const w = size.x + 2 * pad.x, h = size.y + 2 * pad.y, dpr = window.devicePixelRatio || 1;
      const canvas = this._canvas;
      L.DomUtil.setPosition(canvas, origin);
      canvas.width = w * dpr; canvas.height = h * dpr;
      canvas.style.width = w + 'px'; canvas.style.height = h + 'px';
      const ctx = canvas.getContext('2d');
      ctx.scale(dpr, dpr);
      this._drawn = [];
      for (const pass of [0, 1, 2]) { // provinces, then background rings, then new events on top
        for (const p of this._points) {
          if ((p.adm1 ? 0 : p.background ? 1 : 2) !== pass) continue;
          const at = map.latLngToLayerPoint([p.lat, p.lon]).subtract(origin), r = this._radius(p);
          if (at.x < -r || at.y < -r || at.x > w + r || at.y > h + r) continue;
          ctx.beginPath();
          ctx.arc(at.x, at.y, r, 0, 2 * Math.PI);
          if (p.adm1) {
            ctx.setLineDash(p.background ? [1, 3] : [4, 3]); ctx.globalAlpha = p.background ? 0.06 : 0.18; ctx.fillStyle = p.colour; ctx.fill();
            ctx.globalAlpha = 1; ctx.strokeStyle = p.colour; ctx.lineWidth = 1; ctx.stroke(); ctx.setLineDash([]);
          } else if (p.background) {
            ctx.globalAlpha = 0.9; ctx.strokeStyle = p.colour; ctx.lineWidth = 1.6; ctx.stroke(); ctx.globalAlpha = 1;
          } else {
            ctx.globalAlpha = 0.85; ctx.fillStyle = p.colour; ctx.fill();
            ctx.globalAlpha = 1; ctx.strokeStyle = '#222'; ctx.lineWidth = 0.6; ctx.stroke();
          }
          this._drawn.push([at.x + origin.x, at.y + origin.y, r, p.row]);
        }
      }
      window.__sitrepPointsDrawn = this._drawn.length;
      // For tests and scripted checks: what is drawn, in pixels from the map's top-left corner.
      window.sitrepDrawnPoints = () => this._drawn.map(([x, y, r, row]) => {
        const at = map.layerPointToContainerPoint([x, y]);
        return { x: at.x, y: at.y, radius: r, id: row[state.cols.id], precision: row[state.cols.precision], background: !!row[state.cols.background] };
      });
    },
    _click(ev) {
      const at = ev.layerPoint, hits = [];
      for (const [x, y, r, row] of this._drawn) {
        const dx = x - at.x, dy = y - at.y;
        if (dx * dx + dy * dy <= Math.max(r, 6) * Math.max(r, 6)) hits.push(row);
      }
      if (hits.length) L.popup().setLatLng(ev.latlng).setContent(popupFor(hits.reverse())).openOn(this._map);
    }
  });

  function drawEvents() {
    const c = state.cols;
    if (state.layer) state.layer.remove();
    state.regions.clearLayers();
    const rows = visibleRows();
    const byCountry = new Map();
    const points = [];
    for (const r of rows) {
      const p = r[c.precision], lat = r[c.lat], lon = r[c.lon];
      if (p === 'country' || p === 'region') {
        if (r[c.country] && !r[c.background]) { if (!byCountry.has(r[c.country])) byCountry.set(r[c.country], []); byCountry.get(r[c.country]).push(r); }
        continue; // never a fake point
      }
      if (lat == null || lon == null) continue;
      points.push({ lat, lon, adm1: p === 'adm1', background: !!r[c.background], colour: colour(r[c.type]), row: r });
    }
    state.layer = new PointLayer(points).addTo(state.map);
    for (const [iso2, list] of byCountry) {
      const feature = state.countries.get(state.isoNumeric[iso2]);
      if (!feature) continue;
      const top = mostCommon(list.map(r => r[c.type]));
      L.geoJSON(feature, { style: { color: colour(top), weight: 1.2, fillColor: colour(top), fillOpacity: Math.min(0.55, 0.15 + 0.05 * list.length) } })
        .bindPopup(() => popupFor(list)).addTo(state.regions);
    }
    $('map-status').textContent = state.total + ' events' + (rows.length !== state.rows.length ? ' · ' + rows.length.toLocaleString('en-US') + ' in view' : '');
    return renderList();
  }

  function mostCommon(xs) { const m = {}; let best = xs[0]; for (const x of xs) { m[x] = (m[x] || 0) + 1; if (m[x] > m[best]) best = x; } return best; }

  /* The event list: who did what to whom, where, when, how many independent sources and the first one. */
  const LIST_LIMIT = 200;
  async function renderList() {
    const seq = ++state.listSeq;
    const list = $('event-list');
    list.dataset.state = 'loading'; // tests and scripts wait for 'ready'
    if (!visibleTypes().length) { clear(list); $('list-status').textContent = 'No event types shown.'; list.dataset.state = 'ready'; return; }
    let page;
    try { page = await api('/api/events?limit=' + LIST_LIMIT + '&' + viewQuery()); } catch (e) { if (seq === state.listSeq) { showError(list, e); list.dataset.state = 'ready'; } return; }
    if (seq !== state.listSeq) return; // a newer view replaced this one
    clear(list);
    for (const e of page.items) {
      if (state.hideBackground && e.background) continue;
      list.appendChild(eventRow(e));
    }
    const total = page.total.toLocaleString('en-US') + (page.totalIsExact ? '' : '+');
    $('list-status').textContent = page.items.length < page.total
      ? 'Showing ' + page.items.length + ' of ' + total + ' events, newest first; narrow the filters or the timeline.'
      : page.items.length + ' events, newest first.';
    list.dataset.state = 'ready';
  }
  function eventRow(e) {
    const sw = el('span', { class: 'swatch' }); sw.style.background = colour(e.type);
    const sources = e.sources == null ? null : e.sources + (e.sources === 1 ? ' source' : ' independent sources') + (e.reports > e.sources ? ' (' + e.reports + ' reports)' : '');
    const first = e.firstSource || e.outlet;
    return el('li', { class: 'event-row' + (e.background ? ' background' : ''), 'data-id': e.id },
      el('div', { class: 'what' }, sw, ' ', el('a', { href: eventLink(e.id), class: 'type' }, e.type), ' ',
        el('span', { class: 'roles' }, (e.actor || 'unknown actor') + (e.target ? ' → ' + e.target : '')),
        e.background ? el('span', { class: 'tag bg' }, 'background') : null),
      el('div', { class: 'muted small' }, [e.location ? e.location + (e.precision && e.precision !== 'point' ? ' (' + e.precision + ')' : '') : 'place not given', e.day || 'undated',
        sources, first ? 'first: ' + first : null].filter(Boolean).join(' · ')));
  }

  /* ---------- timeline with brushing ---------- */
  function timelineDomain() {
    const all = state.days;
    // The timeline spans the window unless the range reaches before it (or covers everything).
    const useAll = !state.range || !state.window || state.range[0] < state.window[0];
    return useAll ? [all[0], all[all.length - 1]] : state.window;
  }
  function renderTimeline() {
    const c = state.cols, node = clear($('timeline'));
    const all = state.days;
    if (!all.length) { $('range-label').textContent = 'No dated events.'; return; }
    const domain = timelineDomain();
    state.drawnDomain = domain.join('/');
    const first = Date.parse(domain[0]), last = Date.parse(domain[1]);
    const span = Math.max(1, Math.round((last - first) / 864e5) + 1);
    const news = new Map(), background = new Map();
    for (const r of state.rows) {
      const d = r[c.day] && r[c.day].slice(0, 10);
      if (!d || d < domain[0] || d > domain[1]) continue;
      const m = r[c.background] ? background : news;
      m.set(d, (m.get(d) || 0) + 1);
    }
    const width = node.clientWidth || 800, height = 70, max = Math.max(1, ...[...new Set([...news.keys(), ...background.keys()])].map(d => (news.get(d) || 0) + (background.get(d) || 0)));
    const x = (d) => ((Date.parse(d) - first) / 864e5) / span * width;
    const barW = Math.max(1, width / span - 1);
    for (const [m, cls] of [[news, 'bar'], [background, 'bar bg']]) {
      for (const [d, n] of m) {
        const below = cls === 'bar' ? 0 : (news.get(d) || 0);
        const h = Math.max(2, n / max * (height - 14)), h0 = below / max * (height - 14);
        node.appendChild(svg('rect', { class: cls, x: x(d), y: height - 12 - h0 - h, width: barW, height: h }));
      }
    }
    const label = (d, at, anchor) => { const t = svg('text', { x: at, y: height - 1, 'font-size': 10, 'text-anchor': anchor }); t.textContent = d; node.appendChild(t); };
    label(domain[0], 0, 'start'); label(domain[1], width, 'end');
    const brush = svg('rect', { class: 'brush', x: 0, y: 0, width: 0, height: height - 12, visibility: 'hidden' });
    node.appendChild(brush);
    state.placeBrush = () => {
      if (state.range && !(state.range[0] <= domain[0] && state.range[1] >= domain[1])) {
        const a = Math.max(0, x(state.range[0])), b = Math.min(width, x(state.range[1]) + barW);
        brush.setAttribute('x', a); brush.setAttribute('width', Math.max(1, b - a)); brush.setAttribute('visibility', 'visible');
      } else brush.setAttribute('visibility', 'hidden');
    };
    state.placeBrush();
    const dayAt = (px) => new Date(first + Math.floor(Math.max(0, Math.min(width - 1, px)) / width * span) * 864e5).toISOString().slice(0, 10);
    let start = null;
    const px = (ev) => ev.clientX - node.getBoundingClientRect().left;
    node.onmousedown = (ev) => { start = px(ev); brush.setAttribute('visibility', 'visible'); brush.setAttribute('x', start); brush.setAttribute('width', 0); };
    node.onmousemove = (ev) => { if (start === null) return; const p = px(ev); brush.setAttribute('x', Math.min(start, p)); brush.setAttribute('width', Math.abs(p - start)); };
    node.onmouseup = (ev) => {
      if (start === null) return;
      const p = px(ev), a = dayAt(Math.min(start, p)), b = dayAt(Math.max(start, p));
      start = null;
      setRange([a, b]);
    };
    node.ondblclick = () => setRange(null);
    timelineLabel();
  }
  function timelineLabel() {
    const c = state.cols, all = state.days;
    const earlier = state.window ? state.rows.filter(r => r[c.day] && r[c.day].slice(0, 10) < state.window[0]).length : 0;
    const later = state.window ? state.rows.filter(r => r[c.day] && r[c.day].slice(0, 10) > state.window[1]).length : 0;
    $('range-label').textContent = (state.range ? 'Showing ' + state.range[0] + ' to ' + state.range[1] : 'Showing all dates')
      + (state.range && state.window && state.range[0] === state.window[0] && state.range[1] === state.window[1] ? ' (the ' + WINDOW_DAYS + ' days up to the latest event)' : '')
      + (earlier ? ' · ' + earlier.toLocaleString('en-US') + ' events before ' + state.window[0] + ', the earliest on ' + all[0] : '')
      + (later ? ' · ' + later.toLocaleString('en-US') + ' dated after ' + state.window[1] : '');
    $('timeline-all').hidden = !state.range;
    $('timeline-window').hidden = !state.window || (state.range && state.range[0] === state.window[0] && state.range[1] === state.window[1]);
  }
  function setRange(range) {
    state.range = range;
    // Redraw the timeline only when its span changes: a double-click must still find the bars it started on.
    if (state.days.length && timelineDomain().join('/') !== state.drawnDomain) renderTimeline();
    else if (state.days.length) { state.placeBrush(); timelineLabel(); }
    writeUrl();
    return drawEvents();
  }
  window.sitrepSetRange = setRange; // for tests and bookmarks


  /* ---------- article text with highlights ---------- */
  function highlighted(text, spans) {
    const box = el('div', { class: 'article-text' });
    const sorted = spans.filter(s => s.start >= 0 && s.end <= text.length && s.start < s.end).sort((a, b) => a.start - b.start || b.end - a.end);
    let at = 0;
    for (const s of sorted) {
      if (s.start < at) continue; // nested or overlapping: the outer span already shows it
      box.appendChild(document.createTextNode(text.slice(at, s.start)));
      box.appendChild(el('mark', { class: s.kind, title: s.label || s.kind }, text.slice(s.start, s.end)));
      at = s.end;
    }
    box.appendChild(document.createTextNode(text.slice(at)));
    return box;
  }

  function eventEvidence(e) {
    const from = e.triggerStart != null ? e.triggerStart - e.evidenceStart : -1, to = e.triggerEnd != null ? e.triggerEnd - e.evidenceStart : -1;
    return evidence(e.evidenceText, from, to);
  }

  function reportColumn(ev, claims, quantities, article) {
    const col = el('article', { class: 'report', 'data-article': ev.articleId });
    col.appendChild(el('h3', {}, ev.outlet || 'Unknown outlet'));
    col.appendChild(el('div', { class: 'muted small' }, ev.articleTitle || '', ev.published ? ' · ' + ev.published : '', ' ',
      el('a', { href: '#article/' + ev.articleId }, 'whole report'), ' ', safeHref(ev.url) ? el('a', { href: ev.url, rel: 'noopener noreferrer', target: '_blank' }, 'original') : null));
    col.appendChild(el('p', {}, el('span', { class: 'tag', style: 'background:' + colour(ev.type) }, ev.type), ' ', ev.mode || '', ' ',
      ev.actor ? ev.actor : '', ev.target ? ' → ' + ev.target : '', ev.location ? ' @ ' + ev.location + ' (' + (ev.precision || 'unknown') + ')' : '',
      ev.timeText ? ' · ' + ev.timeText + ' (' + (ev.timeStart || '') + ')' : '', ev.background ? el('span', { class: 'tag bg' }, 'background: an earlier, known act') : null));
    col.appendChild(el('p', { class: 'small' }, eventEvidence(ev)));
    const cl = el('ul', { class: 'claims' });
    for (const c of claims) cl.appendChild(el('li', { class: 'claim' }, el('strong', {}, c.source), ' ', c.verb, ' ', el('span', { class: 'stance ' + c.stance }, c.stance), ': ', evidence(c.evidenceText, ...anchorOf(c.evidenceText, c.verb))));
    if (claims.length === 0) cl.appendChild(el('li', { class: 'muted' }, 'Reported in the outlet\'s own voice (no claimant).'));
    col.appendChild(el('h4', {}, 'Claims'));
    col.appendChild(cl);
    if (quantities.length) {
      const ql = el('ul', {});
      for (const q of quantities) ql.appendChild(el('li', {}, el('strong', {}, bounds(q)), ' ', q.unit, ' — “', q.text, '”'));
      col.appendChild(el('h4', {}, 'Estimates'));
      col.appendChild(ql);
    }
    if (article) {
      const spans = [{ start: ev.evidenceStart, end: ev.evidenceEnd, kind: 'event', label: 'event evidence' }]
        .concat(claims.map(c => ({ start: c.evidenceStart, end: c.evidenceEnd, kind: 'claim', label: c.source + ' ' + c.verb })))
        .concat(quantities.map(q => ({ start: q.evidenceStart, end: q.evidenceEnd, kind: 'estimate', label: q.text })));
      col.appendChild(el('h4', {}, 'Source text'));
      col.appendChild(highlighted(article.article.text, spans));
    }
    return col;
  }

  async function renderEvent(articleId, localId) {
    const view = clear($('view-event'));
    view.appendChild(el('p', { class: 'muted' }, 'Loading…'));
    try {
      const d = await api('/api/events/' + enc(articleId) + '/' + enc(localId));
      const reports = [{ event: d.event, claims: d.claims, quantities: d.quantities }].concat(d.otherReports);
      const articles = await Promise.all(reports.map(r => api('/api/articles/' + enc(r.event.articleId)).catch(() => null)));
      clear(view);
      view.appendChild(el('p', {}, el('a', { href: '#map' }, '← map')));
      const roles = (d.event.actor || 'unknown actor') + (d.event.target ? ' → ' + d.event.target : '');
      view.appendChild(el('h2', { id: 'event-title' }, d.event.type + (d.event.mode ? ' · ' + d.event.mode : '') + ': ' + roles + (d.event.location ? ' @ ' + d.event.location : '')));
      const sources = d.event.sources == null ? '' : ' from ' + d.event.sources + (d.event.sources === 1 ? ' independent source' : ' independent sources') + (d.event.firstSource ? ' (first: ' + d.event.firstSource + ')' : '');
      view.appendChild(el('p', { class: 'muted' }, reports.length + (reports.length === 1 ? ' report' : ' reports side by side') + sources + '; each source sentence is highlighted in its report.',
        d.event.background ? el('span', { class: 'tag bg' }, 'background: an earlier, known act') : null));
      const cols = el('div', { class: 'columns', id: 'event-reports' });
      reports.forEach((r, i) => cols.appendChild(reportColumn(r.event, r.claims, r.quantities, articles[i])));
      view.appendChild(cols);
    } catch (e) { showError(view, e); }
  }

  async function renderArticlePage(id) {
    const view = clear($('view-article'));
    try {
      const a = await api('/api/articles/' + enc(id));
      view.appendChild(el('h2', {}, a.article.title || 'Untitled report'));
      view.appendChild(el('p', { class: 'muted' }, (a.article.outlet || 'Unknown outlet') + ' · ' + (a.article.published || 'undated') + ' ',
        safeHref(a.article.url) ? el('a', { href: a.article.url, rel: 'noopener noreferrer', target: '_blank' }, 'original') : null));
      view.appendChild(el('p', { class: 'small' }, el('mark', { class: 'event' }, 'event'), ' ', el('mark', { class: 'claim' }, 'claim'), ' ', el('mark', { class: 'estimate' }, 'estimate')));
      view.appendChild(highlighted(a.article.text, a.highlights));
      const list = el('ol', { class: 'facts' });
      for (const h of a.highlights) list.appendChild(el('li', {}, h.kind + ': ', h.kind === 'event' ? el('a', { href: eventLink(h.id) }, h.label) : h.label));
      view.appendChild(list);
    } catch (e) { showError(view, e); }
  }

  /* ---------- estimates chart ---------- */
  /* Opens on the unit with the most distinct sources in the timeline's range; one colour per kind of claimant. */
  async function renderEstimates() {
    const select = $('unit-select');
    const range = state.range ? 'from=' + state.range[0] + '&to=' + state.range[1] : '';
    if (select.dataset.range !== range || !select.options.length) {
      const units = (await api('/api/estimates/units' + (range ? '?' + range : ''))).items;
      clear(select);
      for (const u of units) select.appendChild(el('option', { value: u.unit }, u.unit + ' — ' + u.sources + (u.sources === 1 ? ' source, ' : ' sources, ') + u.count + (u.count === 1 ? ' estimate' : ' estimates')));
      select.dataset.range = range;
      select.onchange = () => drawEstimates(select.value);
      $('estimates-range').textContent = state.range ? 'Reports published ' + state.range[0] + ' to ' + state.range[1] + ' (the map\u2019s timeline range).' : 'All dates.';
    }
    if (select.value) await drawEstimates(select.value);
    else { clear($('estimates-list')); clear($('estimates-chart')).appendChild(el('p', { class: 'muted' }, 'No estimates in this range.')); }
  }

  /* Ticks at round numbers (1, 2, 2.5, 5 × 10^n) and at whole days, weeks or months, few enough not to overlap. */
  function niceStep(span, count) {
    const raw = span / Math.max(1, count), mag = Math.pow(10, Math.floor(Math.log10(raw || 1)));
    for (const m of [1, 2, 2.5, 5, 10]) if (raw <= m * mag) return m * mag;
    return 10 * mag;
  }
  const short = (v) => Math.abs(v) >= 1e9 ? +(v / 1e9).toFixed(1) + 'B' : Math.abs(v) >= 1e6 ? +(v / 1e6).toFixed(1) + 'M' : Math.abs(v) >= 1e4 ? +(v / 1e3).toFixed(1) + 'k' : fmt(+v.toFixed(2));
  const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  function dayTicks(tmin, tmax, maxTicks) {
    const days = (tmax - tmin) / 864e5;
    for (const step of [1, 2, 7, 14]) if (days / step <= maxTicks) {
      const out = [];
      for (let t = Math.ceil(tmin / 864e5) * 864e5; t <= tmax; t += step * 864e5) out.push(t);
      return { ticks: out, label: (t) => { const d = new Date(t); return d.getUTCDate() + ' ' + MONTHS[d.getUTCMonth()]; } };
    }
    for (const months of [1, 2, 3, 6, 12, 24, 60, 120]) {
      const a = new Date(tmin), out = [];
      let y = a.getUTCFullYear(), m = a.getUTCMonth() + 1;
      if (m > 11) { m = 0; y++; }
      while (Date.UTC(y, m, 1) <= tmax) { if (m % months === 0 || months === 1) out.push(Date.UTC(y, m, 1)); m++; if (m > 11) { m = 0; y++; } }
      if (out.length <= maxTicks) return { ticks: out, label: (t) => { const d = new Date(t); return (months < 12 ? MONTHS[d.getUTCMonth()] + ' ' : '') + d.getUTCFullYear(); } };
    }
    return { ticks: [tmin, tmax], label: (t) => new Date(t).toISOString().slice(0, 10) };
  }

  async function drawEstimates(unit) {
    const range = state.range ? '&from=' + state.range[0] + '&to=' + state.range[1] : '';
    const data = await api('/api/estimates/series?unit=' + enc(unit) + range);
    const box = clear($('estimates-chart'));
    const list = clear($('estimates-list'));
    const kinds = data.claimantKinds || {};
    const pts = data.estimates.map(q => {
      const who = q.claimant || q.outlet || 'the report';
      return { q, day: q.published, lo: q.min ?? q.point ?? q.max, hi: q.max ?? q.point ?? q.min, who, kind: kinds[who] || (q.claimant ? 'other' : 'article') };
    }).filter(p => p.day && p.lo != null);
    if (!pts.length) { box.appendChild(el('p', { class: 'muted' }, 'No dated estimates for ' + unit + '.')); return; }
    const W = 860, H = 320, L0 = 64, R = 16, T = 12, B = 42;
    const t = pts.map(p => Date.parse(p.day)), tmin = Math.min(...t) - 864e5, tmax = Math.max(...t) + 864e5;
    const step = niceStep(Math.max(...pts.map(p => p.hi)) * 1.05 || 1, 5), vmax = Math.ceil((Math.max(...pts.map(p => p.hi)) * 1.05 || 1) / step) * step;
    const x = (ms) => L0 + (ms - tmin) / (tmax - tmin) * (W - L0 - R);
    const y = (v) => H - B - v / vmax * (H - B - T);
    const chart = svg('svg', { viewBox: '0 0 ' + W + ' ' + H, width: '100%', role: 'img', 'aria-label': 'Estimates of ' + unit + ' over time', class: 'estimates' });
    for (let v = 0; v <= vmax + step / 2; v += step) {
      chart.appendChild(svg('line', { x1: L0, x2: W - R, y1: y(v), y2: y(v), stroke: v === 0 ? '#999' : '#e3e6ea' }));
      const tx = svg('text', { x: L0 - 6, y: y(v) + 4, 'text-anchor': 'end', 'font-size': 11, class: 'y-tick' }); tx.textContent = short(v); chart.appendChild(tx);
    }
    const { ticks, label } = dayTicks(tmin, tmax, 8);
    for (const tk of ticks) {
      chart.appendChild(svg('line', { x1: x(tk), x2: x(tk), y1: H - B, y2: H - B + 4, stroke: '#999' }));
      const tx = svg('text', { x: x(tk), y: H - B + 16, 'font-size': 11, 'text-anchor': 'middle', class: 'x-tick' }); tx.textContent = label(tk); chart.appendChild(tx);
    }
    const xTitle = svg('text', { x: (L0 + W - R) / 2, y: H - 6, 'font-size': 11, 'text-anchor': 'middle', fill: '#556' }); xTitle.textContent = 'date of the report'; chart.appendChild(xTitle);
    const yTitle = svg('text', { x: 12, y: (T + H - B) / 2, 'font-size': 11, 'text-anchor': 'middle', fill: '#556', transform: 'rotate(-90 12 ' + ((T + H - B) / 2) + ')' }); yTitle.textContent = unit; chart.appendChild(yTitle);
    const perDay = new Map();
    const counts = {};
    for (const p of pts) {
      const n = perDay.get(p.day) || 0; perDay.set(p.day, n + 1);
      const cx = x(Date.parse(p.day)) + ((n % 7) - 3) * 5; // several estimates of one day side by side
      const c = KIND_COLOURS[p.kind] || KIND_COLOURS.other;
      counts[p.kind] = (counts[p.kind] || 0) + 1;
      const g = svg('g', { class: 'estimate', 'data-kind': p.kind });
      g.appendChild(svg('line', { x1: cx, x2: cx, y1: y(p.lo), y2: y(p.hi), stroke: c, 'stroke-width': 6, 'stroke-linecap': 'round', opacity: 0.7 }));
      g.appendChild(svg('circle', { cx, cy: y(p.q.point ?? p.hi), r: 4, fill: c }));
      const title = svg('title', {}); title.textContent = p.who + ' (' + KIND_NAMES[p.kind] + '): ' + p.q.text + ' (' + p.day + ')'; g.appendChild(title);
      chart.appendChild(g);
      list.appendChild(el('li', {}, el('span', { class: 'swatch', style: 'background:' + c }), ' ', el('strong', {}, bounds(p.q)), ' ', unit, ' — ', p.who, ' (', KIND_NAMES[p.kind], ', ', p.day, '): ',
        evidence(p.q.evidenceText, ...anchorOf(p.q.evidenceText, p.q.text)), ' ',
        p.q.eventLocalId ? el('a', { href: eventLink(p.q.articleId + '/' + p.q.eventLocalId) }, 'event') : el('a', { href: '#article/' + p.q.articleId }, 'report')));
    }
    box.appendChild(chart);
    const legend = el('div', { class: 'chart-legend', id: 'estimates-legend' });
    for (const k of Object.keys(KIND_COLOURS)) {
      if (!counts[k]) continue;
      const sw = el('span', { class: 'swatch' }); sw.style.background = KIND_COLOURS[k];
      legend.appendChild(el('span', { 'data-kind': k }, sw, ' ', KIND_NAMES[k] + ' (' + counts[k] + ')'));
    }
    box.appendChild(legend);
  }

  /* ---------- contradictions, alerts, search ---------- */
  async function renderContradictions() {
    const list = clear($('contradiction-list'));
    const page = await api('/api/contradictions?limit=200');
    if (!page.items.length) list.appendChild(el('li', { class: 'muted' }, 'No contradictions found.'));
    for (const c of page.items) {
      const sides = el('ul', {});
      for (const s of c.sides) sides.appendChild(el('li', {}, el('strong', {}, s.says), ' — ', s.outlet || 'unknown outlet', ' (', s.published || '', '): ',
        evidence(s.evidenceText), ' ', s.eventId ? el('a', { href: eventLink(s.eventId) }, 'event') : null));
      list.appendChild(el('li', { class: 'contradiction' }, el('span', { class: 'tag', style: 'background:#b32' }, c.kind), ' ', c.summary, ' ', el('span', { class: 'muted' }, c.day || ''), sides));
    }
  }

  async function refreshBadge() {
    try {
      const a = await api('/api/alerts?limit=1000');
      const badge = $('alert-badge');
      badge.textContent = String(a.count);
      badge.hidden = a.count === 0;
    } catch { /* the badge is optional */ }
  }

  async function renderAlerts() {
    const list = clear($('alert-list'));
    const a = await api('/api/alerts?limit=500');
    if (!a.items.length) list.appendChild(el('li', { class: 'muted' }, 'No alerts. Add a watchlist with `sitrep watchlist add`.'));
    for (const x of a.items) list.appendChild(el('li', {}, el('strong', {}, x.watchlist), ' · ', x.kind, ': ', x.summary, ' — ', evidence(x.evidenceText), ' ',
      el('a', { href: x.eventId ? eventLink(x.eventId) : '#article/' + x.articleId }, 'evidence')));
  }

  async function renderSearch(q) {
    const box = clear($('search-results'));
    $('search-input').value = q;
    if (!q) { box.appendChild(el('p', { class: 'muted' }, 'Type words to search the reports.')); return; }
    const [found, events] = await Promise.all([api('/api/articles?q=' + enc(q)), api('/api/events?limit=100&q=' + enc(q))]);
    const articles = found.items;
    box.appendChild(el('h3', {}, articles.length + ' reports'));
    const al = el('ol', { class: 'facts' });
    for (const a of articles) al.appendChild(el('li', {}, el('a', { href: '#article/' + a.id }, a.title || a.id), ' — ', a.outlet || '', ' ', a.published || ''));
    box.appendChild(al);
    box.appendChild(el('h3', {}, events.total + ' events in them'));
    const el2 = el('ol', { class: 'facts' });
    for (const e of events.items) el2.appendChild(el('li', {}, el('a', { href: eventLink(e.id) }, e.type + ' ' + (e.actor || '') + (e.location ? ' @ ' + e.location : '')), ' ', eventEvidence(e)));
    box.appendChild(el2);
  }

  $('search-form').addEventListener('submit', (ev) => { ev.preventDefault(); location.hash = 'search?q=' + enc($('search-input').value.trim()); });
  window.addEventListener('hashchange', route);

  (async function start() {
    try {
      readUrl();
      // The events, the type colours and the basemap load in parallel; the events are drawn once the basemap is in place.
      const events = api('/api/map?limit=50000&' + query());
      events.catch(() => { });
      const colours = api('/assets/plover-colours.json');
      colours.catch(() => { });
      await initMap();
      TYPE_COLOURS = await colours;
      initFilters();
      window.__sitrepPhases = { map: performance.now() - t0 };
      await loadMapData(events);
      window.__sitrepFirstRenderMs = performance.now(); // from the start of navigation
      document.body.dataset.ready = 'true';
    } catch (e) { showError($('map-status'), e); document.body.dataset.ready = 'error'; }
    refreshBadge();
    setInterval(refreshBadge, 30000);
    fillDatalists();
    route();
  })();
})();
