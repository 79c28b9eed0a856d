/* Sitrep dashboard. Article text, titles, names and every other stored string are untrusted: they only ever reach the
   page through textContent / text nodes (see el()), never innerHTML, and links only to in-app routes or http(s) URLs. */
(function () {
  'use strict';
  const t0 = performance.now();
  const TYPE_COLOURS = {
    ASSAULT: '#d62728', COERCE: '#ff7f0e', MOBILIZE: '#9467bd', THREATEN: '#e377c2', SANCTION: '#8c564b',
    PROTEST: '#bcbd22', AGREE: '#2ca02c', COOPERATE: '#17becf', CONSULT: '#1f77b4', SUPPORT: '#98df8a', AID: '#aec7e8',
    DEMAND: '#ffbb78', DISAPPROVE: '#c49c94', REJECT: '#7f7f7f', REQUEST: '#c5b0d5', RETREAT: '#dbdb8d',
    ACCUSE: '#f7b6d2', CONCEDE: '#9edae5', INVESTIGATE: '#393b79', OTHER: '#555555'
  };
  const PALETTE = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e', '#8c564b', '#e377c2', '#17becf', '#bcbd22', '#7f7f7f'];
  const colour = (type) => TYPE_COLOURS[type] || TYPE_COLOURS.OTHER;

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
    if (q.qualifier) return q.qualifier + ' ' + fmt(q.point ?? q.max ?? q.min);
    const lo = q.min ?? q.point, hi = q.max ?? q.point;
    if (lo != null && hi != null && lo !== hi) return fmt(lo) + '–' + fmt(hi);
    return fmt(q.point ?? q.min ?? q.max);
  }
  const fmt = (v) => v == null ? '?' : Number(v).toLocaleString('en-US');
  const eventLink = (id) => '#event/' + id;

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

  /* ---------- map ---------- */
  const state = { map: null, rows: [], cols: {}, layer: null, regions: null, range: null, hiddenTypes: new Set(), countries: null, isoNumeric: {} };

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
    const data = await (pending || api('/api/map?limit=50000'));
    if (window.__sitrepPhases) window.__sitrepPhases.data = performance.now() - t0;
    state.cols = Object.fromEntries(data.columns.map((c, i) => [c, i]));
    state.rows = data.rows;
    $('map-status').textContent = data.total + (data.totalIsExact ? '' : '+') + ' events';
    renderLegend();
    renderTimeline();
    if (window.__sitrepPhases) window.__sitrepPhases.timeline = performance.now() - t0;
    drawEvents();
    if (window.__sitrepPhases) window.__sitrepPhases.draw = performance.now() - t0;
  }

  function renderLegend() {
    const c = state.cols, counts = {};
    for (const r of state.rows) counts[r[c.type]] = (counts[r[c.type]] || 0) + 1;
    const legend = clear($('legend'));
    for (const type of Object.keys(counts).sort()) {
      const box = el('input', { type: 'checkbox', 'data-type': type });
      box.checked = !state.hiddenTypes.has(type);
      box.addEventListener('change', () => { if (box.checked) state.hiddenTypes.delete(type); else state.hiddenTypes.add(type); drawEvents(); });
      const sw = el('span', { class: 'swatch' }); sw.style.background = colour(type);
      legend.appendChild(el('label', {}, box, sw, type + ' (' + counts[type] + ')'));
    }
    legend.appendChild(el('div', { class: 'muted small' }, 'Dots: places; dashed circles: provinces (adm1); shaded countries: country-level reports.'));
  }

  function visibleRows() {
    const c = state.cols, range = state.range;
    return state.rows.filter(r => !state.hiddenTypes.has(r[c.type]) && (!range || (r[c.day] && r[c.day].slice(0, 10) >= range[0] && r[c.day].slice(0, 10) <= range[1])));
  }

  function describe(r) {
    const c = state.cols;
    return [r[c.type], r[c.location] ? '@ ' + r[c.location] : null, r[c.day] ? '(' + r[c.day] + ')' : null].filter(Boolean).join(' ');
  }

  function popupFor(rowsHere) {
    const box = el('div', {});
    for (const r of rowsHere.slice(0, 20)) box.appendChild(el('div', {}, el('a', { href: eventLink(r[state.cols.id]) }, describe(r))));
    if (rowsHere.length > 20) box.appendChild(el('div', { class: 'muted' }, '… and ' + (rowsHere.length - 20) + ' more'));
    return box;
  }

  /* All event points on one canvas: drawing 10,000 Leaflet markers one by one is the slowest part of the first render.
     Points are dots; adm1 events are dashed circles about a province wide; clicks pick what is under the pointer. */
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
      for (const pass of [true, false]) { // provinces under dots
        for (const p of this._points) {
          if (p.adm1 !== pass) continue;
          const at = map.latLngToLayerPoint([p.lat, p.lon]).subtract(origin), r = this._radius(p);
          if (at.x < -r || at.y < -r || at.x > w + r || at.y > h + r) continue;
          ctx.beginPath();
          ctx.arc(at.x, at.y, r, 0, 2 * Math.PI);
          if (p.adm1) {
            ctx.setLineDash([4, 3]); ctx.globalAlpha = 0.18; ctx.fillStyle = p.colour; ctx.fill();
            ctx.globalAlpha = 1; ctx.strokeStyle = p.colour; ctx.lineWidth = 1; ctx.stroke(); ctx.setLineDash([]);
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
        return { x: at.x, y: at.y, radius: r, id: row[state.cols.id], precision: row[state.cols.precision] };
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
        if (r[c.country]) { if (!byCountry.has(r[c.country])) byCountry.set(r[c.country], []); byCountry.get(r[c.country]).push(r); }
        continue; // never a fake point
      }
      if (lat == null || lon == null) continue;
      points.push({ lat, lon, adm1: p === 'adm1', colour: colour(r[c.type]), row: r });
    }
    state.layer = new PointLayer(points).addTo(state.map);
    for (const [iso2, list] of byCountry) {
      const feature = state.countries.get(state.isoNumeric[iso2]);
      if (!feature) continue;
      const top = mostCommon(list.map(r => r[c.type]));
      L.geoJSON(feature, { style: { color: colour(top), weight: 1.2, fillColor: colour(top), fillOpacity: Math.min(0.55, 0.15 + 0.05 * list.length) } })
        .bindPopup(() => popupFor(list)).addTo(state.regions);
    }
    renderList(rows);
  }

  function mostCommon(xs) { const m = {}; let best = xs[0]; for (const x of xs) { m[x] = (m[x] || 0) + 1; if (m[x] > m[best]) best = x; } return best; }

  function renderList(rows) {
    const list = clear($('event-list'));
    const c = state.cols;
    for (const r of rows.slice(0, 200)) {
      const sw = el('span', { class: 'swatch' }); sw.style.background = colour(r[c.type]);
      list.appendChild(el('li', { 'data-id': r[c.id] }, sw, ' ', el('a', { href: eventLink(r[c.id]) }, describe(r))));
    }
    if (rows.length > 200) list.appendChild(el('li', { class: 'muted' }, (rows.length - 200) + ' more in view; narrow the timeline.'));
  }

  /* ---------- timeline with brushing ---------- */
  function renderTimeline() {
    const c = state.cols, node = clear($('timeline'));
    const counts = new Map();
    for (const r of state.rows) { const d = r[c.day] && r[c.day].slice(0, 10); if (d) counts.set(d, (counts.get(d) || 0) + 1); }
    const days = [...counts.keys()].sort();
    if (days.length === 0) return;
    const first = Date.parse(days[0]), last = Date.parse(days[days.length - 1]);
    const span = Math.max(1, Math.round((last - first) / 864e5) + 1);
    const width = node.clientWidth || 800, height = 70, max = Math.max(...counts.values());
    const x = (d) => ((Date.parse(d) - first) / 864e5) / span * width;
    const barW = Math.max(1, width / span - 1);
    for (const [d, n] of counts) {
      const h = Math.max(2, n / max * (height - 14));
      node.appendChild(svg('rect', { class: 'bar', x: x(d), y: height - 12 - h, width: barW, height: h }));
    }
    const label = (d, at, anchor) => { const t = svg('text', { x: at, y: height - 1, 'font-size': 10, 'text-anchor': anchor }); t.textContent = d; node.appendChild(t); };
    label(days[0], 0, 'start'); label(days[days.length - 1], width, 'end');
    const brush = svg('rect', { class: 'brush', x: 0, y: 0, width: 0, height: height - 12, visibility: 'hidden' });
    node.appendChild(brush);
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
    node.ondblclick = () => { brush.setAttribute('visibility', 'hidden'); setRange(null); };
  }
  function setRange(range) {
    state.range = range;
    $('range-label').textContent = range ? 'Showing ' + range[0] + ' to ' + range[1] : '';
    drawEvents();
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

  function reportColumn(ev, claims, quantities, article) {
    const col = el('article', { class: 'report', 'data-article': ev.articleId });
    col.appendChild(el('h3', {}, ev.outlet || 'Unknown outlet'));
    col.appendChild(el('div', { class: 'muted small' }, ev.articleTitle || '', ev.published ? ' · ' + ev.published : '', ' ',
      el('a', { href: '#article/' + ev.articleId }, 'whole report'), ' ', safeHref(ev.url) ? el('a', { href: ev.url, rel: 'noopener noreferrer', target: '_blank' }, 'original') : null));
    col.appendChild(el('p', {}, el('span', { class: 'tag', style: 'background:' + colour(ev.type) }, ev.type), ' ', ev.mode || '', ' ',
      ev.actor ? ev.actor : '', ev.target ? ' → ' + ev.target : '', ev.location ? ' @ ' + ev.location + ' (' + (ev.precision || 'unknown') + ')' : '',
      ev.timeText ? ' · ' + ev.timeText + ' (' + (ev.timeStart || '') + ')' : ''));
    const cl = el('ul', { class: 'claims' });
    for (const c of claims) cl.appendChild(el('li', { class: 'claim' }, el('strong', {}, c.source), ' ', c.verb, ' ', el('span', { class: 'stance ' + c.stance }, c.stance), ': ', el('span', { class: 'evidence' }, c.evidenceText)));
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
      view.appendChild(el('h2', { id: 'event-title' }, d.event.type + (d.event.mode ? ' · ' + d.event.mode : '') + (d.event.location ? ' @ ' + d.event.location : '')));
      view.appendChild(el('p', { class: 'muted' }, reports.length + (reports.length === 1 ? ' report' : ' reports side by side') + '; each source sentence is highlighted in its report.'));
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
  async function renderEstimates() {
    const select = $('unit-select');
    if (!select.options.length) {
      const units = (await api('/api/estimates/units')).items;
      for (const u of units) select.appendChild(el('option', { value: u.unit }, u.unit + ' (' + u.count + ')'));
      select.onchange = () => drawEstimates(select.value);
    }
    if (select.value) await drawEstimates(select.value);
    else clear($('estimates-chart')).appendChild(el('p', { class: 'muted' }, 'No estimates stored yet.'));
  }

  async function drawEstimates(unit) {
    const data = await api('/api/estimates/series?unit=' + enc(unit));
    const box = clear($('estimates-chart'));
    const list = clear($('estimates-list'));
    const pts = data.estimates.map(q => ({ q, day: q.published, lo: q.min ?? q.point ?? q.max, hi: q.max ?? q.point ?? q.min, who: q.claimant || q.outlet || 'unknown' }))
      .filter(p => p.day && p.lo != null);
    if (!pts.length) { box.appendChild(el('p', { class: 'muted' }, 'No dated estimates for ' + unit + '.')); return; }
    const sources = [...new Set(pts.map(p => p.who))];
    const col = (who) => PALETTE[sources.indexOf(who) % PALETTE.length];
    const W = 800, H = 300, L0 = 60, B = 30;
    const t = pts.map(p => Date.parse(p.day)), tmin = Math.min(...t) - 864e5, tmax = Math.max(...t) + 2 * 864e5;
    const vmax = Math.max(...pts.map(p => p.hi)) * 1.1 || 1;
    const x = (d) => L0 + (Date.parse(d) - tmin) / (tmax - tmin) * (W - L0 - 10);
    const y = (v) => H - B - v / vmax * (H - B - 10);
    const chart = svg('svg', { viewBox: '0 0 ' + W + ' ' + H, width: '100%', role: 'img', 'aria-label': 'Estimates of ' + unit + ' over time' });
    chart.appendChild(svg('line', { x1: L0, y1: H - B, x2: W, y2: H - B, stroke: '#999' }));
    chart.appendChild(svg('line', { x1: L0, y1: 0, x2: L0, y2: H - B, stroke: '#999' }));
    for (const v of [0, vmax / 2, vmax]) { const tx = svg('text', { x: L0 - 4, y: y(v) + 4, 'text-anchor': 'end', 'font-size': 10 }); tx.textContent = fmt(Math.round(v)); chart.appendChild(tx); }
    for (const d of [...new Set(pts.map(p => p.day))]) { const tx = svg('text', { x: x(d), y: H - B + 14, 'font-size': 10, 'text-anchor': 'middle' }); tx.textContent = d; chart.appendChild(tx); }
    pts.forEach((p, i) => {
      const cx = x(p.day) + (i % 5) * 6;
      const g = svg('g', { class: 'estimate' });
      g.appendChild(svg('line', { x1: cx, x2: cx, y1: y(p.lo), y2: y(p.hi), stroke: col(p.who), 'stroke-width': 6, 'stroke-linecap': 'round', opacity: 0.7 }));
      g.appendChild(svg('circle', { cx, cy: y(p.q.point ?? p.hi), r: 4, fill: col(p.who) }));
      const title = svg('title', {}); title.textContent = p.who + ': ' + p.q.text + ' (' + p.day + ')'; g.appendChild(title);
      chart.appendChild(g);
      list.appendChild(el('li', {}, el('strong', {}, bounds(p.q)), ' ', unit, ' — ', p.who, ' (', p.day, '): ', el('span', { class: 'evidence' }, p.q.evidenceText), ' ',
        p.q.eventLocalId ? el('a', { href: eventLink(p.q.articleId + '/' + p.q.eventLocalId) }, 'event') : el('a', { href: '#article/' + p.q.articleId }, 'report')));
    });
    box.appendChild(chart);
    const legend = el('div', { class: 'chart-legend' });
    for (const s of sources) { const sw = el('span', { class: 'swatch' }); sw.style.background = col(s); legend.appendChild(el('span', {}, sw, ' ', s)); }
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
        el('span', { class: 'evidence' }, s.evidenceText), ' ', s.eventId ? el('a', { href: eventLink(s.eventId) }, 'event') : null));
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
    for (const x of a.items) list.appendChild(el('li', {}, el('strong', {}, x.watchlist), ' · ', x.kind, ': ', x.summary, ' — ', el('span', { class: 'evidence' }, x.evidenceText), ' ',
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
    for (const e of events.items) el2.appendChild(el('li', {}, el('a', { href: eventLink(e.id) }, e.type + ' ' + (e.actor || '') + (e.location ? ' @ ' + e.location : '')), ' ', el('span', { class: 'evidence' }, e.evidenceText)));
    box.appendChild(el2);
  }

  $('search-form').addEventListener('submit', (ev) => { ev.preventDefault(); location.hash = 'search?q=' + enc($('search-input').value.trim()); });
  window.addEventListener('hashchange', route);

  (async function start() {
    try {
      // The events and the basemap load in parallel; the events are drawn once the basemap is in place.
      const events = api('/api/map?limit=50000');
      events.catch(() => { });
      await initMap();
      window.__sitrepPhases = { map: performance.now() - t0 };
      await loadMapData(events);
      window.__sitrepFirstRenderMs = performance.now(); // from the start of navigation
      document.body.dataset.ready = 'true';
    } catch (e) { showError($('map-status'), e); document.body.dataset.ready = 'error'; }
    refreshBadge();
    setInterval(refreshBadge, 30000);
    route();
  })();
})();
