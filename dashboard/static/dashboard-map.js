/* The map's own drawing code: marker symbols (one definition for the markers
 * and the legend), the legend, the base geography, the title of exported maps,
 * keeping the page's address in step with the view, and a date's markers with
 * their names. Served by the app with Leaflet (or inlined into an exported
 * file), so a date change sends only data. Every string from data is put into
 * the page with textContent; links only when they are http(s). */
(function () {
  var DS = window.dashboardSymbols = window.dashboardSymbols || {};

  // ---- streamlit-folium, behind this one adapter (DS.host): in the app the map lives in its component's
  // frame, and what this page needs from it has no public API there: the map (window.map), the feature
  // groups it keeps (window.feature_group), its state (window.__GLOBAL_DATA__ and its previous_data, the
  // last value sent) and the component channel (window.Streamlit.setComponentValue). Nothing else in this
  // file reads those names. The first time the app draws, the adapter checks them once; what is missing or
  // changed shape (an upgrade of streamlit-folium) is said in ONE console error, naming the library and what
  // it costs, and the map still draws (tests/browser/test_adapters.py, tests/test_dependency_internals.py).
  // An exported map has no streamlit-folium and never asks.
  var STREAMLIT_FOLIUM = '0.27.4';  // the version this was written for (requirements.txt pins it)
  DS.host = (function () {
    var checked = null;
    function state() {  // streamlit-folium's state, when it has the shape this page knows
      var gd = window.__GLOBAL_DATA__;
      return (gd && typeof gd === 'object' && 'previous_data' in gd) ? gd : null;
    }
    function channel() {
      var st = window.Streamlit;
      return (st && typeof st.setComponentValue === 'function') ? st : null;
    }
    var host = {
      // what is missing or changed, one sentence each ([] on the versions this was written for)
      problems: function () {
        var out = [], gd = window.__GLOBAL_DATA__, fg = window.feature_group;
        if (!(window.map instanceof L.Map)) {
          out.push('window.map is ' + (window.map === undefined ? 'missing' : 'not a Leaflet map')
                   + ': the markers are drawn into its feature group instead, redrawn whole at every date change');
        }
        if (!gd || typeof gd !== 'object') {
          out.push('window.__GLOBAL_DATA__ is missing: a tap on the place selected before the map asked for'
                   + ' its whole layer may not be reported');
        } else if (!('previous_data' in gd)) {
          out.push('window.__GLOBAL_DATA__ has no previous_data: a tap on the place selected before the map'
                   + ' asked for its whole layer may not be reported');
        }
        if (!channel()) {
          out.push('window.Streamlit.setComponentValue is missing: a map that missed a date change cannot'
                   + ' ask for its whole layer');
        }
        if (fg !== undefined && !Array.isArray(fg)) {
          out.push('window.feature_group is not a list: the layers it keeps cannot be let go, and each date'
                   + ' change keeps one more in memory (randyzwitch/streamlit-folium#247)');
        }
        return out;
      },
      // once per page, in the app: says what changed, in one console error
      check: function () {
        if (checked === null) {
          checked = host.problems();
          if (checked.length) {
            console.error("dashboard-map: streamlit-folium's frontend is not what this page was written for"
                          + ' (' + STREAMLIT_FOLIUM + '; an upgrade changed it?): ' + checked.join('; ') + '.');
          }
        }
        return checked.length === 0;
      },
      // the map streamlit-folium draws (null: none it shares)
      map: function () { return window.map instanceof L.Map ? window.map : null; },
      // streamlit-folium takes the previous date's layer off the map but keeps it in window.feature_group
      // for good; let those go, or every date change would keep a whole layer of markers alive in the
      // browser (randyzwitch/streamlit-folium#247)
      forgetRemovedGroups: function () {
        var map = host.map();
        if (map && Array.isArray(window.feature_group)) {
          window.feature_group = window.feature_group.filter(function (g) { return map.hasLayer(g); });
        }
      },
      // the last value streamlit-folium sent the app (null: unknown)
      lastSent: function () { var gd = state(); return gd ? gd.previous_data : null; },
      // send the app a value, as streamlit-folium's own: every key of its last value cleared (no marker
      // selected in this value: a click before it must not come back as a new one), and recorded as its
      // last value, since it sends a value only when it differs from the last (so the next click is sent)
      send: function (extra) {
        var st = channel(), gd = state(), v = {};
        if (!st) { return false; }
        if (gd) {
          Object.keys(gd.previous_data || {}).forEach(function (k) { v[k] = null; });
          gd.last_active_drawing = null;
        }
        Object.keys(extra).forEach(function (k) { v[k] = extra[k]; });
        if (gd) { gd.previous_data = v; }
        st.setComponentValue(v);
        return true;
      }
    };
    return host;
  })();

  // ---- Leaflet, through its public API only. It keeps the map a layer is on private (layer._map): the maps
  // made on this page are known from Leaflet's public init hook (this file loads before any map is made, in
  // the app and in an exported file), and a layer's map is the one that has it.
  var maps = [];
  function knowMap(map) { if (map instanceof L.Map && maps.indexOf(map) < 0) { maps.push(map); } }
  L.Map.addInitHook(function () { knowMap(this); });
  function mapOf(layer) {
    for (var i = maps.length - 1; i >= 0; i--) { if (maps[i].hasLayer(layer)) { return maps[i]; } }
    return null;
  }
  if (!document.getElementById('dashboard-css')) {
    var css = document.createElement('style');
    css.id = 'dashboard-css';
    css.textContent = '.dashboard-label-icon{width:0;height:0}'
      + '.dashboard-label{position:absolute;white-space:nowrap;font:500 11px sans-serif;color:#1b1b1b;'
      + 'text-shadow:0 0 2px #fff,0 0 2px #fff,0 0 3px #fff,0 0 4px #fff;transform:translate(10px,-50%)}'
      + '.dashboard-label-major{font:600 12px sans-serif}'
      + '.dashboard-label[data-side=l]{transform:translate(calc(-100% - 10px),-50%)}'
      + '.dashboard-label[data-side=t]{transform:translate(-50%,calc(-100% - 11px))}'
      + '.dashboard-label[data-side=b]{transform:translate(-50%,11px)}'
      + '.leaflet-tooltip.dashboard-tip{white-space:normal;width:max-content;max-width:min(260px,70vw)}'
      + '.dashboard-selected{stroke:#000;stroke-width:4px;stroke-dasharray:none;filter:drop-shadow(0 0 3px #fff)}'
      + '.dashboard-count-icon{width:0;height:0}'
      + '.dashboard-count{position:absolute;min-width:18px;height:18px;padding:0 4px;box-sizing:border-box;'
      + 'border-radius:9px;background:#1b1b1b;color:#fff;font:700 11px/18px sans-serif;text-align:center;cursor:pointer;'
      + 'border:1px solid #fff;box-shadow:0 0 2px rgba(0,0,0,.5)}'
      + '.dashboard-count::before{content:"";position:absolute;left:-4px;top:-10px;right:-10px;bottom:-2px}'  /* a larger target, clear of the marker */
      + '.dashboard-count.dashboard-swatch{pointer-events:none}.dashboard-count.dashboard-swatch::before{content:none}'
      + '.dashboard-group-list{position:absolute;z-index:1000;background:#fff;border-radius:6px;padding:4px 0;'
      + 'box-shadow:0 2px 8px rgba(0,0,0,.35);font:13px sans-serif;max-height:60%;overflow:auto;min-width:150px;max-width:70%}'
      + '.dashboard-group-list button{display:flex;align-items:center;gap:6px;width:100%;border:0;background:none;'
      + 'padding:7px 10px;text-align:left;font:inherit;cursor:pointer;min-height:34px}'
      + '.dashboard-group-list button:hover,.dashboard-group-list button:focus{background:#eef2f7}'
      + '.dashboard-group-list .dashboard-group-head{padding:3px 10px;color:#555;font-size:12px}';
    document.head.appendChild(css);
  }
  DS.colour = function (c, fallback) { return /^#[0-9a-fA-F]{6}$/.test(c || '') ? c : (fallback || '#888888'); };
  // p: {colour, status ('controlled'|'contested'|'no report yet'), sides [colour, colour],
  //     recent, pending, stale, basis ('', 'previous', 'window', 'claimed'), beside (a claim beside the holder)}
  DS.style = function (p) {
    var u = p.status === 'no report yet', x = p.status === 'contested';
    var s = {radius: u ? 4 : (p.recent ? 10 : 7), color: '#222222', weight: 1, opacity: 1,
             fillColor: DS.colour(p.colour), fillOpacity: u ? 0.15 : 0.9, dashArray: null};
    if (u) { s.color = '#888888'; }
    if (p.recent && !x) { s.color = '#000000'; s.weight = 3; }
    if (x) {  // both sides' colours: the fill one side, a thick ring the other
      var sides = (p.sides && p.sides.length) ? p.sides : [p.colour, '#7F7F7F'];
      s.fillColor = DS.colour(sides[0]);
      s.color = DS.colour(sides[1] || '#7F7F7F');
      s.weight = 4;
      s.radius = p.recent ? 10 : 8;
    }
    // One ring, so one meaning wins it, in this order: contested (solid, the contesting side's colour),
    // change pending (dashed), a claim beside the holder (dash-dot, that claim's actor's colour), claimed
    // (dotted black). Claimed also pales the fill, so it still shows under any ring; a contested ring is
    // dotted when only a party claims the contest.
    if (p.basis === 'claimed') { s.fillOpacity = Math.min(s.fillOpacity, 0.55); }
    if (x) {
      if (p.basis === 'claimed') { s.dashArray = '1 3'; }
    } else if (p.pending) {
      s.dashArray = '4 3'; s.color = '#000000'; s.weight = 2;
    } else if (p.beside && p.sides && p.sides.length > 1) {
      s.color = DS.colour(p.sides[1]); s.weight = 3; s.dashArray = '6 3 1 3';
    } else if (p.basis === 'claimed') {
      s.dashArray = '1 3'; s.color = '#000000'; s.weight = 2.5;
    }
    if (x && p.pending) { s.dashArray = '4 3'; }
    if (p.basis === 'window') { s.fillOpacity = 0.45; }  // no earlier report: the change itself is all we know
    if (p.stale || p.overtaken) { s.fillOpacity = 0.3; s.opacity = 0.45; }
    return s;
  };
  // the same symbol as an SVG swatch, for the legend
  DS.swatch = function (p) {
    if (p.status === 'area' || p.status === 'outline') { return DS.areaSwatch(p); }
    if (p.status === 'count') {  // the number drawn beside places on top of one another
      var n = document.createElement('span');
      n.className = 'dashboard-count dashboard-swatch';
      n.textContent = '3';
      n.style.cssText = 'position:static;display:inline-block;margin-right:5px;flex:none;cursor:default';
      return n;
    }
    var s = DS.style(p), r = s.radius, size = 2 * (r + s.weight) + 2, ns = 'http://www.w3.org/2000/svg';
    var svg = document.createElementNS(ns, 'svg'), c = document.createElementNS(ns, 'circle');
    svg.setAttribute('width', size); svg.setAttribute('height', size);
    svg.setAttribute('class', 'dashboard-swatch');
    svg.style.cssText = 'vertical-align:middle;margin-right:5px;flex:none';
    c.setAttribute('cx', size / 2); c.setAttribute('cy', size / 2); c.setAttribute('r', r);
    c.setAttribute('fill', s.fillColor); c.setAttribute('fill-opacity', s.fillOpacity);
    c.setAttribute('stroke', s.color); c.setAttribute('stroke-width', s.weight); c.setAttribute('stroke-opacity', s.opacity);
    if (s.dashArray) { c.setAttribute('stroke-dasharray', s.dashArray); }
    svg.appendChild(c);
    return svg;
  };

  // Territory: each place's area (dashboard/map/territory.py), shaded in its holder's colour, paler
  // where the report is weaker (contested, only a party's claim, a change only dated to a window,
  // old or not current) and empty where there is no report. Drawn under the markers, never clickable.
  DS.areaStyle = function (p) {
    if (!p || p.status === 'no report yet' || p.status === '') { return {stroke: false, fill: false, fillOpacity: 0}; }
    var op = 0.4;
    if (p.status === 'contested' || p.basis === 'claimed' || p.basis === 'window' || p.basis === 'previous') { op = 0.18; }
    if (p.stale || p.overtaken) { op = 0.1; }
    return {stroke: false, fill: true, fillColor: DS.style(p).fillColor, fillOpacity: op};
  };
  // A governorate a report names as a whole: its outline, dashed, and a light shade under the places' areas.
  DS.outlineStyle = function (p) {
    var a = DS.areaStyle(p);
    if (!a.fill) { return {stroke: false, fill: false, fillOpacity: 0}; }
    return {stroke: true, color: a.fillColor, weight: 2, opacity: 0.8, dashArray: '8 5',
            fill: true, fillColor: a.fillColor, fillOpacity: a.fillOpacity / 2};
  };
  DS.areaSwatch = function (p) {
    var ns = 'http://www.w3.org/2000/svg', svg = document.createElementNS(ns, 'svg'), r = document.createElementNS(ns, 'rect');
    svg.setAttribute('width', 18); svg.setAttribute('height', 14);
    svg.setAttribute('class', 'dashboard-swatch');
    svg.style.cssText = 'vertical-align:middle;margin-right:5px;flex:none';
    r.setAttribute('x', 1); r.setAttribute('y', 1); r.setAttribute('width', 16); r.setAttribute('height', 12);
    var outline = p.status === 'outline';
    r.setAttribute('fill', DS.colour(p.colour)); r.setAttribute('fill-opacity', outline ? 0.2 : 0.4);
    r.setAttribute('stroke', outline ? DS.colour(p.colour) : '#999999'); r.setAttribute('stroke-width', outline ? 2 : 0.5);
    if (outline) { r.setAttribute('stroke-dasharray', '4 2'); }
    svg.appendChild(r);
    return svg;
  };
  DS.territory = function (parent, rows) {  // rows: [name, [polygon, ...], 0] or [name, ISO code, 1] (mapview.area_rows)
    function pane(name, z) {
      var p = parent.createPane(name);
      p.style.zIndex = z;  // above the geography (250), below the markers (400)
      p.style.pointerEvents = 'none';
    }
    pane('dashboard-outlines', 290);  // under the places' areas
    pane('dashboard-territory', 300);
    var byName = {};
    L.geoJSON({type: 'FeatureCollection', features: rows.filter(function (r) { return !r[2]; }).map(function (r) {
      return {type: 'Feature', properties: {n: r[0]}, geometry: {type: 'MultiPolygon', coordinates: r[1]}}; })}, {
      pane: 'dashboard-territory', interactive: false, smoothFactor: 1, style: function () { return DS.areaStyle(null); },
      onEachFeature: function (f, layer) { byName[f.properties.n] = layer; }
    }).addTo(parent);
    window.__dashboardAreas = byName;
    // governorates: drawn from the base geography's own outlines once it is here
    var keys = {};
    rows.forEach(function (r) { if (r[2] && typeof r[1] === 'string') { keys[r[1]] = r[0]; } });
    window.__dashboardOutlines = {};
    parent.__dashboardOutlineKeys = keys;
    if (parent.__dashboardGeography) { outlinesFrom(parent, parent.__dashboardGeography); }
    var rec = window.__dashboardLayer;  // markers drawn already (a map mounted anew): shade their areas
    if (rec) { eachMarker(rec, function (m) { DS.paintArea(m.feature.properties); }); }
  };
  function outlinesFrom(parent, data) {
    var keys = parent.__dashboardOutlineKeys, byName = window.__dashboardOutlines = {};
    if (!keys || !data || !data.features) { return; }
    var feats = data.features.filter(function (f) {
      return f.properties.layer === 'admin1' && Object.prototype.hasOwnProperty.call(keys, f.properties.iso); });
    L.geoJSON({type: 'FeatureCollection', features: feats}, {
      pane: 'dashboard-outlines', interactive: false, smoothFactor: 1, style: function () { return DS.outlineStyle(null); },
      onEachFeature: function (f, layer) { byName[keys[f.properties.iso]] = layer; }
    }).addTo(parent);
    var rec = window.__dashboardLayer;
    if (rec) { eachMarker(rec, function (m) { DS.paintArea(m.feature.properties); }); }
  }
  DS.paintArea = function (p) {
    var a = window.__dashboardAreas && p && window.__dashboardAreas[p.place];
    if (a) { a.setStyle(DS.areaStyle(p)); }
    var o = window.__dashboardOutlines && p && window.__dashboardOutlines[p.place];
    if (o) { o.setStyle(DS.outlineStyle(p)); }
  };
  DS.clearAreas = function () {
    var all = window.__dashboardAreas || {}, outlines = window.__dashboardOutlines || {};
    Object.keys(all).forEach(function (n) { all[n].setStyle(DS.areaStyle(null)); });
    Object.keys(outlines).forEach(function (n) { outlines[n].setStyle(DS.outlineStyle(null)); });
  };

  // The legend: items are [label, [colour, status, sides, recent, pending, stale, basis], key].
  DS.legend = function (parent, items, heading) {
    knowMap(parent);

    var legend = L.control({position: 'bottomright'});  // over the empty desert (zoom top left, scale bottom left)
    legend.onAdd = function () {
      // open at first; a click on its title folds it away when it hides markers
      var box = L.DomUtil.create('details', 'dashboard-legend');
      box.open = parent.getSize().x >= 520;  // open on a laptop; folded (to its title) on a phone, where it would cover the map
      box.style.cssText = 'background:rgba(255,255,255,.92);padding:6px 8px;font:12px sans-serif;border-radius:4px;'
        + 'max-width:230px;max-height:45vh;overflow:auto;overflow-wrap:break-word';  // long names wrap, many scroll
      L.DomEvent.disableClickPropagation(box);
      L.DomEvent.disableScrollPropagation(box);
      var title = document.createElement('summary');
      title.style.cssText = 'font-weight:bold;cursor:pointer';
      title.textContent = heading;
      box.appendChild(title);
      items.forEach(function (it) {
        var row = document.createElement('div');
        row.className = 'dashboard-legend-item';
        row.setAttribute('data-symbol', it[2]);
        if (it[2] === 'actor') { row.setAttribute('data-colour', String(it[1][0]).toLowerCase()); }
        row.style.cssText = 'display:flex;align-items:center;margin:1px 0';
        var p = it[1];
        row.appendChild(DS.swatch({colour: p[0], status: p[1], sides: p[2], recent: !!p[3], pending: !!p[4], stale: !!p[5],
                                basis: p[6] || '', beside: !!p[7]}));
        row.appendChild(document.createTextNode(it[0]));
        box.appendChild(row);
      });
      // an open popup is what the reader is looking at: fold the legend out of
      // its way while it is open, and restore it after
      var before = null;
      parent.on('popupopen', function () { if (before === null) { before = box.open; } box.open = false; });
      parent.on('popupclose', function () { if (before !== null) { box.open = before; before = null; } });
      return box;
    };
    legend.addTo(parent);
  };

  // The base geography (Natural Earth, see BASEMAP.md), under the markers in its
  // own pane: land, borders and governorates drawn filled when there are no
  // tiles, as outlines over tiles. ``source``: a URL, or the data itself.
  DS.geography = function (parent, source, filled) {
    knowMap(parent);

    var pane = parent.createPane('dashboard-geography');
    pane.style.zIndex = 250;  // above tiles (200), below markers (400)
    pane.style.pointerEvents = 'none';
    // with no tiles: grey beyond the clipped area, the sea within it, land on top
    if (filled) { parent.getContainer().style.background = '#dcdcdc'; }
    var styles = {
      country: function (f) {
        var syria = f.properties.name === 'Syria';
        return {color: syria ? '#555555' : '#8a8a8a', weight: syria ? 1.6 : 1, fill: filled,
                fillColor: syria ? '#f6f3ea' : '#e9e6de', fillOpacity: 1};
      },
      admin1: function () { return {color: '#a08fa5', weight: 0.8, dashArray: '3 3', fill: false}; },
      lake: function () { return {color: '#6a9ec7', weight: 0.6, fill: true, fillColor: '#9cc3e0', fillOpacity: filled ? 1 : 0.6}; },
      river: function () { return {color: '#6a9ec7', weight: 1.3, fill: false}; },
      road: function () { return {color: '#c9a36b', weight: 1.1, fill: false}; }
    };
    var order = ['country', 'admin1', 'lake', 'river', 'road'];
    function draw(data) {
      if (!data || !data.features) { return; }
      parent.__dashboardGeography = data;  // (the governorates named as a whole are drawn from its outlines)
      if (parent.__dashboardOutlineKeys) { outlinesFrom(parent, data); }
      if (filled && data.bbox) {
        L.rectangle([[data.bbox[1], data.bbox[0]], [data.bbox[3], data.bbox[2]]],
                    {pane: 'dashboard-geography', interactive: false, stroke: false, fillColor: '#cfe3ef', fillOpacity: 1})
          .addTo(parent);
      }
      var feats = data.features.slice().sort(function (a, b) {
        return order.indexOf(a.properties.layer) - order.indexOf(b.properties.layer); });
      L.geoJSON({type: 'FeatureCollection', features: feats}, {
        pane: 'dashboard-geography', interactive: false, smoothFactor: 1.5,
        style: function (f) { var s = styles[f.properties.layer]; return s ? s(f) : {opacity: 0, fill: false}; }
      }).addTo(parent);
    }
    if (typeof source === 'string') {
      // (a page opened from a file cannot fetch; exports inline the data instead)
      if (location.protocol !== 'file:') { fetch(source).then(function (r) { return r.ok ? r.json() : null; }).then(draw).catch(function () {}); }
    } else {
      draw(source);
    }
  };

  // The address bar has two writers, each with its own parameters. The app
  // (st.query_params, map_page.py) writes the view: date, actor, place, tiles,
  // known, and the link's zoom and centre. This script writes only the map's
  // zoom and centre, once the reader moves the map: the server never hears of
  // a move (a rerun on every pan would cost the page), so the app cannot.
  // Streamlit replaces the whole address when the app writes it (from what it
  // last wrote, not from the address), so they are put back after each write.
  DS.syncView = function (parent) {

    var host = null;
    try { host = (window.parent && window.parent !== window && window.parent.location.href) ? window.parent : null; }
    catch (e) { host = null; }  // another origin: nothing to keep in step
    if (host) {
      var ready = false, moved = false, me = {};
      window.__dashboardViewSync = me;  // the latest map in this frame (a new one replaces it) writes the view
      setTimeout(function () { ready = true; }, 1500);  // the first fit is not the reader's doing
      var write = function () {
        if (window.__dashboardViewSync !== me || !window.frameElement) { return; }  // replaced, or gone
        try {
          var u = new URL(host.location.href), c = parent.getCenter();
          u.searchParams.set('zoom', String(Math.round(parent.getZoom() * 2) / 2));
          u.searchParams.set('center', c.lat.toFixed(4) + ',' + c.lng.toFixed(4));
          if (u.href !== host.location.href) { host.history.replaceState(host.history.state, '', u.href); }
        } catch (e) { /* the address is only a convenience */ }
      };
      parent.on('moveend', function () { if (ready) { moved = true; write(); } });
      var putBack = function () { if (moved) { write(); } };
      if (host.navigation && host.navigation.addEventListener) {  // as soon as the app has written the address
        host.navigation.addEventListener('currententrychange', putBack);
      } else {
        setInterval(putBack, 1000);  // (no Navigation API: within a second)
      }
    }
  };

  // A title with the date, for exported maps (which have no page around them).
  // The date shown, on the map itself in large type (it follows the markers' date).
  DS.dateBadge = function (parent) {
    var badge = L.control({position: 'topright'});
    badge.onAdd = function () {
      var box = L.DomUtil.create('div', 'dashboard-date');
      box.style.cssText = 'display:none;background:rgba(255,255,255,.9);padding:2px 8px;border-radius:4px;'
        + 'font:bold 18px sans-serif;color:#111;pointer-events:none';
      return box;
    };
    badge.addTo(parent);
    window.__dashboardDate = badge.getContainer();
  };
  var MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  DS.showDate = function (day) {  // days since 1970 (dashboard/core/dates.py)
    var box = window.__dashboardDate;
    if (!box || !day) { return; }
    var d = new Date(day * 86400000);
    box.textContent = d.getUTCDate() + ' ' + MONTHS[d.getUTCMonth()] + ' ' + d.getUTCFullYear();
    box.style.display = '';
  };

  DS.title = function (parent, text) {

    var title = L.control({position: 'topright'});
    title.onAdd = function () {
      var box = L.DomUtil.create('div', 'dashboard-title');
      box.style.cssText = 'background:rgba(255,255,255,.92);padding:6px 10px;font:13px sans-serif;border-radius:4px;max-width:320px';
      var b = document.createElement('b'); b.textContent = text[0]; box.appendChild(b);
      var d = document.createElement('div'); d.textContent = text[1]; box.appendChild(d);
      return box;
    };
    title.addTo(parent);
  };

  // A date's markers, drawn from compact columns (see mapview._MARKERS_JS);
  // defined once with the base map, so a date change sends only its data.
  // In the app (``sync`` given) the markers stay on the map from one date to
  // the next: the whole layer comes first, then each date change brings only
  // the places whose drawing changed, applied in place onto the markers
  // (colour, tooltip and popup follow), or the places that left the view. A
  // change is applied only onto the message it follows; a page that does not
  // have that (mounted anew, or a message missed) asks the server for the
  // whole layer instead.
  var statusText = {c: 'controlled', x: 'contested', u: 'no report yet'};
  function el(tag, text, css) {
    var e = document.createElement(tag);
    if (text) { e.textContent = text; }
    if (css) { e.style.cssText = css; }
    return e;
  }
  // The marker layer's format (dashboard/static/marker-format.json, named there once for Python and this page):
  // the version this page reads, and the flag bits by name (sent with each layer, from the same file).
  DS.MARKER_FORMAT_VERSION = 3;
  var F = {}, W = {};  // the flag bits; the words for a claim's age (sent with a whole layer, kept)
  function props(cols, i, controllers, name) {
    var c = controllers[cols.controller[i]] || ['', '#888888'], d = cols.detail ? cols.detail[i] : null, f = cols.flags[i];
    return {place: name, colour: c[1], status: statusText[cols.status.charAt(i)] || '', controller: c[0],
            recent: !!(f & F.recent), pending: !!(f & F.pending), stale: !!(f & F.stale), disputed: !!(f & F.disputed),
            basis: (f & F.previous) ? 'previous' : ((f & F.window) ? 'window' : ((f & F.claimed) ? 'claimed' : '')),
            since: cols.since_labels[cols.since[i]], overtaken: !!(f & F.overtaken), beside: !!(f & F.beside),
            note: (cols.note_labels && cols.note) ? (cols.note_labels[cols.note[i]] || '') : '',
            sides: (cols.side_labels[cols.sides[i]] || []).length ? cols.side_labels[cols.sides[i]] : null, rank: cols.rank[i],
            reportDay: cols.day[i],  // the day of the claim shown (days since 1970): its age follows the date
            detail: d ? {quote: d[0], url: d[1], source_name: d[2], published: d[3], claimed_by: d[4], summary: !!d[5]}
              : null};
  }
  // the claim's age in words: marker-format.json's templates, which dashboard/map/wording.py follows too
  function days(n) { return (n === 1 ? W.day : W.days).replace('{n}', String(n)); }
  function ageText(p, rec) {
    if (p.status === 'no report yet' || p.reportDay === null || p.reportDay === undefined) { return ''; }
    if (p.basis === 'previous') { return W.previous.replace('{days}', days(p.reportDay - rec.day)); }
    if (p.basis === 'window') { return W.window; }
    var age = rec.day - p.reportDay;
    var a = age <= 0 ? W.today : W.earlier.replace('{days}', days(age));
    return a + (p.stale ? ' (older than ' + rec.opts.stale_days + ' days: drawn faded)' : '')
      + (p.overtaken && !p.stale ? ' (not current: drawn faded)' : '');
  }
  function label(p, rec) {
    var who = p.controller ? p.controller + ' (' + p.status + ')' : p.status;
    var parts = [p.basis === 'window'
      ? p.place + ' \u2014 changing to ' + who + ' ' + p.since + ', not yet certain'
      : p.place + ' \u2014 ' + who + (p.since ? (p.basis === 'previous' ? ', ' : ', since ') + p.since : '')
        + (p.pending ? ' \u2014 change pending' : '')];
    if (p.basis === 'claimed') { parts.push('only a party to the fighting says so'); }
    if (p.disputed) { parts.push('sources disagree'); }
    if (p.note) { parts.push(p.note); }
    var a = ageText(p, rec);
    if (a) { parts.push(a); }
    return parts.join('; ');
  }
  function popup(p, rec) {
    var d = p.detail, box = el('div', null, 'max-width:min(320px,70vw);font:13px sans-serif');
    box.className = 'dashboard-popup';
    box.appendChild(el('b', p.place));
    box.appendChild(el('div', (p.controller || p.status) + (p.controller ? ' \u2014 ' + p.status : '')));
    if (p.since) { box.appendChild(el('div', (p.basis === 'window' ? 'changing ' : (p.basis === 'previous' ? '' : 'since '))
      + p.since)); }
    if (p.basis === 'claimed') { box.appendChild(el('div', 'Only a party to the fighting says so (no independent report yet)', 'font-style:italic')); }
    if (p.note) { box.appendChild(el('div', p.note, 'color:#7a3b00')); }
    var a = ageText(p, rec);
    if (a) { box.appendChild(el('div', a, 'color:#555')); }
    if (d) {
      var q = el('blockquote', d.quote, 'margin:6px 0;padding-left:8px;border-left:3px solid #888');
      q.className = 'dashboard-quote';
      q.dir = 'auto';  // a quote in Arabic reads right to left
      box.appendChild(q);
      if (d.summary) { box.appendChild(el('div', "ACLED's summary, not a quote from the report", 'font-style:italic')); }
      if (d.claimed_by) { box.appendChild(el('div', 'claimed by ' + d.claimed_by)); }
      var src = el('div', d.source_name + (d.published ? ' (' + d.published + ')' : ''));
      box.appendChild(src);
      if (/^https?:\/\//i.test(d.url)) {
        var link = el('a', 'Open the report at the quote');
        link.href = d.url; link.target = '_blank'; link.rel = 'noopener noreferrer';
        link.className = 'dashboard-source-link';
        box.appendChild(link);
      }
    }
    return box;
  }
  function makeMarker(rec, p, lat, lon) {
    var s = DS.style(p), ll = L.latLng(lat / 1e5, lon / 1e5);
    s.className = 'dashboard-marker';
    var m = L.circleMarker(ll, s);
    m.feature = {type: 'Feature', geometry: {type: 'Point', coordinates: [ll.lng, ll.lat]}, properties: p};
    m.dashboardHome = ll;  // its true place (the label layout may draw it a little aside)
    m.bindTooltip(function () { return el('span', label(m.feature.properties, rec)); },
                  {direction: 'auto', className: 'dashboard-tip'});
    // A popup only where nothing else shows the place (a standalone map): in the app the panel beside the
    // map does, and a popup would repeat it, cover the map and catch the next tap.
    if (rec.opts.popups !== 0) {
      m.bindPopup(function () { return popup(m.feature.properties, rec); },
                  {maxWidth: 340, autoPanPaddingTopLeft: L.point(52, 12),
                   autoPanPaddingBottomRight: L.point(12, 40)});  // clear of the zoom buttons and legend
    }
    return m;
  }
  function eachMarker(rec, fn) {
    for (var k in rec.byId) { if (Object.prototype.hasOwnProperty.call(rec.byId, k)) { fn(rec.byId[k]); } }
  }
  // the legend lists the actors drawn on this day (all of them when none is)
  function legendActors(rec) {
    var used = {};
    eachMarker(rec, function (m) {
      var p = m.feature.properties;
      used[String(p.colour).toLowerCase()] = true;
      (p.sides || []).forEach(function (c) { used[String(c).toLowerCase()] = true; });
    });
    var rows = document.querySelectorAll('.dashboard-legend-item[data-symbol=actor]'), any = false;
    rows.forEach(function (r) { if (used[r.getAttribute('data-colour')]) { any = true; } });
    rows.forEach(function (r) { r.style.display = (!any || used[r.getAttribute('data-colour')]) ? 'flex' : 'none'; });
  }

  // Names on the map, and markers that would overlap spread around the most
  // important one with leader lines to their true places; laid out again on
  // every zoom. Larger places and places that changed recently win.
  var SPREAD_MAX_KM = 15;  // a spread marker is drawn at most this far from its place
  function labelsOff(rec) {
    var lab = rec.lab;
    if (!lab) { return; }
    lab.map.off('zoomend moveend resize', lab.layout);
    lab.map.removeLayer(lab.labels);
    lab.map.removeLayer(lab.leaders);
    lab.map.removeLayer(lab.counts);
    closeGroupList();
    eachMarker(rec, function (m) { m.setLatLng(m.dashboardHome); });
    rec.lab = null;
  }
  function labelsOn(rec, map) {
    if (!map.getPane('dashboard-labels')) {
      var lp = map.createPane('dashboard-labels');
      lp.style.zIndex = 450;  // above the markers' paths (400), below tooltips and popups
      lp.style.pointerEvents = 'none';
    }
    if (!map.getPane('dashboard-counts')) {
      var cp = map.createPane('dashboard-counts');
      cp.style.zIndex = 460;  // above the names (450), below tooltips
    }
    var labels = L.layerGroup(), leaders = L.layerGroup(), counts = L.layerGroup(), items = [];
    var ctx = document.createElement('canvas').getContext('2d');
    // a name's weight and width follow its rank (a recent change ranks higher and is drawn bolder)
    var weigh = function (it) {
      var big = it.p.rank >= 3;
      it.span.className = 'dashboard-label' + (big ? ' dashboard-label-major' : '');
      ctx.font = (big ? '600 12px' : '500 11px') + ' sans-serif';
      it.w = ctx.measureText(it.p.place).width + 6;
    };
    eachMarker(rec, function (m) {
      var p = m.feature.properties, span = el('span', p.place);
      var icon = L.divIcon({className: 'dashboard-label-icon', html: span, iconSize: null});
      var lab = L.marker(m.dashboardHome, {icon: icon, interactive: false, keyboard: false, pane: 'dashboard-labels'});
      var it = {m: m, p: p, lab: lab, span: span, home: m.dashboardHome};
      weigh(it);
      items.push(it);
      labels.addLayer(lab);
    });
    map.addLayer(leaders);
    map.addLayer(labels);
    map.addLayer(counts);
    var byRank = [];
    function hits(box, taken) {
      for (var t = 0; t < taken.length; t++) {
        var o = taken[t];
        if (box[0] < o[2] && box[2] > o[0] && box[1] < o[3] && box[3] > o[1]) { return true; }
      }
      return false;
    }
    function layout() {
      leaders.clearLayers();
      counts.clearLayers();
      closeGroupList();
      var groups = [];
      byRank.forEach(function (it) {
        it.pt = map.latLngToLayerPoint(it.home);
        for (var g = 0; g < groups.length; g++) {
          var a = groups[g][0];
          if (Math.abs(a.pt.x - it.pt.x) < 18 && Math.abs(a.pt.y - it.pt.y) < 18) { groups[g].push(it); return; }
        }
        groups.push([it]);
      });
      groups.forEach(function (g) {
        var anchor = g[0];
        anchor.shown = anchor.pt;
        anchor.m.setLatLng(anchor.home);
        // at most the six most important neighbours move, a short way: far-flung
        // markers would misplace them more than the overlap does
        var rest = g.slice(1, 7), k = rest.length;
        g.slice(7).forEach(function (it) { it.shown = it.pt; it.m.setLatLng(it.home); });
        if (!k) { return; }
        // never further than SPREAD_MAX_KM from its place: at a zoom where that is too few pixels to
        // separate them, they stay where they are, the most important on top
        var mpp = map.distance(map.layerPointToLatLng(anchor.pt), map.layerPointToLatLng(anchor.pt.add([1, 0])));
        var maxPx = 0.95 * SPREAD_MAX_KM * 1000 / Math.max(mpp, 1e-6);  // (a margin: the scale varies a little across a group)
        var R = Math.min(24, 14 + 2 * k);
        if (maxPx < 8) { rest.forEach(function (it) { it.shown = it.pt; it.m.setLatLng(it.home); }); return; }
        rest.forEach(function (it) { it.ang = Math.atan2(it.pt.y - anchor.pt.y, it.pt.x - anchor.pt.x); });
        rest.sort(function (a, b) { return a.ang - b.ang; });
        var start = rest[0].ang;
        rest.forEach(function (it, j) {
          var ang = start + 2 * Math.PI * j / Math.max(k, 3);
          var pt = L.point(anchor.pt.x + R * Math.cos(ang), anchor.pt.y + R * Math.sin(ang));
          var off = pt.subtract(it.pt), d = off.distanceTo([0, 0]);
          if (d > maxPx) { pt = it.pt.add(off.multiplyBy(maxPx / d)); }  // pulled back to within 15 km of its place
          var ll = map.layerPointToLatLng(pt), metres = map.distance(ll, it.home);
          if (metres > 0.95 * SPREAD_MAX_KM * 1000) {  // (measured on the ground, whatever the projection's scale there)
            pt = it.pt.add(pt.subtract(it.pt).multiplyBy(0.95 * SPREAD_MAX_KM * 1000 / metres));
            ll = map.layerPointToLatLng(pt);
          }
          it.m.setLatLng(ll);
          it.shown = pt;
          leaders.addLayer(L.polyline([it.home, ll], {color: '#333333', weight: 1, opacity: 0.8, dashArray: '2 2',
                                                      interactive: false, className: 'dashboard-leader'}));
          leaders.addLayer(L.circleMarker(it.home, {radius: 2, color: '#333333', weight: 1, fillColor: '#333333',
                                                    fillOpacity: 1, interactive: false}));
        });
      });
      // the most important marker of each group on top: a tap or click there selects it
      groups.forEach(function (g) { if (g.length > 1 && g[0].m.bringToFront) { g[0].m.bringToFront(); } });
      // places still drawn on top of one another (too close to spread within SPREAD_MAX_KM at this zoom):
      // a count beside the top one; a tap on it lists them, and a tap on a name selects that place
      var badges = [], marks = items.map(function (it) {
        return [it.shown.x - 9, it.shown.y - 9, it.shown.x + 9, it.shown.y + 9]; });
      groups.forEach(function (g) {
        var stack = g.filter(function (it) { return it.shown.distanceTo(g[0].shown) < 9; });
        if (stack.length < 2) { return; }
        // beside the top marker, at the first corner that covers no other marker and no other count
        // (with the larger target the CSS gives it), so a tap on any marker still reaches that marker
        var at = g[0].shown, best = null, fewest = 1e9;
        [[5, -26], [-25, -26], [5, 8], [-25, 8]].forEach(function (o) {
          if (fewest === 0) { return; }
          var box = [at.x + o[0] - 4, at.y + o[1] - 10, at.x + o[0] + 20 + 10, at.y + o[1] + 18 + 2];
          var n = 0;
          marks.forEach(function (b, j) { if (items[j] !== g[0] && box[0] < b[2] && box[2] > b[0] && box[1] < b[3] && box[3] > b[1]) { n += 1; } });
          badges.forEach(function (b) { if (box[0] < b[2] && box[2] > b[0] && box[1] < b[3] && box[3] > b[1]) { n += 10; } });
          if (n < fewest) { fewest = n; best = o; }
        });
        var badge = el('span', String(stack.length));
        badge.className = 'dashboard-count';
        badge.style.left = best[0] + 'px';
        badge.style.top = best[1] + 'px';
        badge.setAttribute('role', 'button');
        badge.setAttribute('aria-label', stack.length + ' places here: ' + stack.map(function (it) { return it.p.place; }).join(', '));
        var icon = L.divIcon({className: 'dashboard-count-icon', html: badge, iconSize: null});
        var c = L.marker(map.layerPointToLatLng(at), {icon: icon, pane: 'dashboard-counts', keyboard: true,
                                                      title: '', riseOnHover: false});
        c.on('click', function (e) { L.DomEvent.stop(e); openGroupList(map, stack, at); });
        counts.addLayer(c);
        badges.push([at.x + best[0], at.y + best[1], at.x + best[0] + 20, at.y + best[1] + 18]);  // (as drawn)
      });
      var dots = items.map(function (it) { return [it.shown.x - 7, it.shown.y - 7, it.shown.x + 7, it.shown.y + 7]; })
        .concat(badges);
      var taken = badges.slice();  // (no name over a count)
      // and inside the map as it is now (labels are laid out again after every move)
      var size = map.getSize(), origin = map.containerPointToLayerPoint([0, 0]);
      var inside = function (box) {
        return box[0] >= origin.x + 2 && box[1] >= origin.y + 2 && box[2] <= origin.x + size.x - 2
          && box[3] <= origin.y + size.y - 2;
      };
      byRank.forEach(function (it) {
        var x = it.shown.x, y = it.shown.y, h = 15, w = it.w, placed = false;
        var tries = [[x + 10, y - h / 2, 'r'], [x - 10 - w, y - h / 2, 'l'], [x - w / 2, y - 12 - h, 't'], [x - w / 2, y + 11, 'b']];
        it.lab.setLatLng(it.m.getLatLng());
        for (var c = 0; c < tries.length && !placed; c++) {
          var box = [tries[c][0], tries[c][1], tries[c][0] + w, tries[c][1] + h];
          if (inside(box) && !hits(box, taken) && (it.p.rank >= 3 || !hits(box, dots))) {
            taken.push(box);
            it.span.setAttribute('data-side', tries[c][2]);
            placed = true;
          }
        }
        it.span.style.display = placed ? '' : 'none';
      });
    }
    // after a date change: weighed, sorted and laid out again (the same places)
    var relayout = function () {
      items.forEach(weigh);
      byRank = items.slice().sort(function (a, b) { return b.p.rank - a.p.rank; });
      layout();
    };
    relayout();
    map.on('zoomend moveend resize', layout);
    rec.lab = {map: map, labels: labels, leaders: leaders, counts: counts, layout: layout, relayout: relayout, items: items};
  }
  // The list a count opens: each place drawn there, with its holder's colour; a tap selects it (as a tap
  // on its marker does), and any other tap, move or zoom closes the list.
  function closeGroupList() {
    var open = window.__dashboardGroupList;
    if (open) {
      open.map.off('click zoomstart movestart', closeGroupList);
      if (open.box.parentNode) { open.box.parentNode.removeChild(open.box); }
      window.__dashboardGroupList = null;
    }
  }
  function openGroupList(map, stack, at) {
    closeGroupList();
    var box = el('div'), size = map.getSize(), pt = map.layerPointToContainerPoint(at);
    box.className = 'dashboard-group-list';
    box.setAttribute('role', 'menu');
    box.appendChild(el('div', stack.length + ' places here')).className = 'dashboard-group-head';
    stack.slice().sort(function (a, b) { return b.p.rank - a.p.rank || (a.p.place < b.p.place ? -1 : 1); }).forEach(function (it) {
      var b = el('button');
      b.type = 'button';
      b.setAttribute('role', 'menuitem');
      b.setAttribute('data-place', it.p.place);
      var dot = el('span', '', 'flex:none;width:12px;height:12px;border-radius:6px;border:1px solid #222;background:'
                   + DS.style(it.p).fillColor);
      b.appendChild(dot);
      var words = el('span');
      words.appendChild(el('span', it.p.place, 'font-weight:600'));
      if (it.p.controller) { words.appendChild(el('span', ' ' + it.p.controller, 'color:#555')); }
      b.appendChild(words);
      L.DomEvent.on(b, 'click', function (e) {
        L.DomEvent.stop(e);
        closeGroupList();
        it.m.fire('click', {latlng: it.m.getLatLng(), originalEvent: e}, true);  // as a tap on the marker
      });
      box.appendChild(b);
    });
    L.DomEvent.disableClickPropagation(box);
    L.DomEvent.disableScrollPropagation(box);
    map.getContainer().appendChild(box);
    // beside the count, inside the map
    var w = box.offsetWidth, h = box.offsetHeight;
    box.style.left = Math.max(4, Math.min(pt.x + 12, size.x - w - 4)) + 'px';
    box.style.top = Math.max(4, Math.min(pt.y - 12, size.y - h - 4)) + 'px';
    window.__dashboardGroupList = {map: map, box: box};
    setTimeout(function () { map.on('click zoomstart movestart', closeGroupList); }, 0);
    var first = box.querySelector('button');
    if (first) { first.focus({preventScroll: true}); }
  }
  // The place a link names: its popup on a standalone map; in the app (the panel shows it) the marker
  // is raised above its neighbours and ringed as selected, nothing put over the map.
  function openPlace(rec, name) {
    var later = rec.lab ? 250 : 0;  // once the layout has settled, so the popup pans fully into view
    setTimeout(function () {
      eachMarker(rec, function (m) {
        var it = m.feature.properties.place === name;
        if (rec.opts.popups === 0) {
          var el_ = m.getElement && m.getElement();
          if (el_) { el_.classList.toggle('dashboard-selected', it); }
          if (it && m.bringToFront) { m.bringToFront(); }
        } else if (it && !(m.isPopupOpen && m.isPopupOpen())) {
          m.openPopup();
        }
      });
    }, later);
  }

  // A cluster shows who holds its places: a ring split by share, in the same
  // colours as the markers, the count inside, and the breakdown as text (its
  // tooltip and accessible name), so colour is never the only carrier.
  function clusterIcon(c) {
    var kids = c.getAllChildMarkers(), byKey = {}, keys = [];
    kids.forEach(function (m) {
      var p = m.feature.properties, own = p.status === 'controlled', k = (own ? 'a:' : 's:') + (own ? p.controller : p.status);
      if (!byKey[k]) { byKey[k] = {name: own ? p.controller : p.status, colour: p.colour, n: 0}; keys.push(k); }
      byKey[k].n += 1;
    });
    var parts = keys.map(function (k) { return byKey[k]; }).sort(function (a, b) { return b.n - a.n; });
    var total = kids.length, at = 0, stops = [];
    parts.forEach(function (e) {
      var colour = /^#[0-9A-Fa-f]{6}$/.test(e.colour) ? e.colour : '#888888', to = at + 100 * e.n / total;
      stops.push(colour + ' ' + at.toFixed(3) + '% ' + to.toFixed(3) + '%');
      at = to;
    });
    var size = Math.round(30 + 7 * Math.log10(total));
    var text = total.toLocaleString('en') + ' places: ' + parts.map(function (e) {
      return e.name + ' ' + e.n.toLocaleString('en'); }).join(', ');
    var ring = el('div', null, 'width:' + size + 'px;height:' + size + 'px;border-radius:50%;box-sizing:border-box;'
      + 'border:1px solid #222;display:flex;align-items:center;justify-content:center;'
      + 'background:conic-gradient(' + stops.join(',') + ')');
    ring.className = 'dashboard-cluster';
    ring.setAttribute('title', text);
    ring.setAttribute('role', 'img');
    ring.setAttribute('aria-label', text);
    var inner = Math.round(size * 0.62);
    ring.appendChild(el('span', total.toLocaleString('en'), 'background:#fff;border-radius:50%;width:' + inner + 'px;height:'
      + inner + 'px;display:flex;align-items:center;justify-content:center;font:bold 11px sans-serif;color:#111'));
    return L.divIcon({html: ring, className: 'dashboard-cluster-icon', iconSize: L.point(size, size)});
  }

  function teardown(rec) {
    labelsOff(rec);
    if (rec.host && rec.host.hasLayer(rec.group)) { rec.host.removeLayer(rec.group); }
  }
  // after the markers are in: the legend, names, the popup asked for
  function settle(rec, placesMoved) {
    legendActors(rec);
    if (rec.opts.popups === 0) { DS.showDate(rec.day); }  // (in the app: an exported map has its title)
    var map = mapOf(rec.group);
    if (map && rec.opts.labels) {
      if (placesMoved || !rec.lab) { labelsOff(rec); labelsOn(rec, map); } else { rec.lab.relayout(); }
    } else if (rec.lab) {
      labelsOff(rec);
    }
    // (in the app, also with no place: a cleared place box takes the ring off)
    if (rec.opts.open_place || rec.opts.popups === 0) { openPlace(rec, rec.opts.open_place); }
  }
  function drawAll(parent, cols, controllers, opts, cluster, sync) {
    var old = window.__dashboardLayer;
    if (old && sync) { teardown(old); }
    var map = sync ? DS.host.map() : null;  // in the app: onto streamlit-folium's map, kept between dates
    knowMap(map);
    var rec = {token: sync ? sync.token : null, seq: sync ? sync.seq : 0, day: opts.day, opts: opts, byId: {},
               cluster: !!(cluster && L.markerClusterGroup), host: map || parent, lab: null};
    DS.clearAreas();
    var list = cols.names.map(function (name, i) {
      var m = makeMarker(rec, props(cols, i, controllers, name), cols.lat[i], cols.lon[i]);
      rec.byId[cols.ids ? cols.ids[i] : i] = m;
      DS.paintArea(m.feature.properties);
      return m;
    });
    rec.group = rec.cluster
      ? L.markerClusterGroup({disableClusteringAtZoom: 10, chunkedLoading: true, showCoverageOnHover: false,
                              iconCreateFunction: clusterIcon})
      : L.featureGroup();
    // the group goes on the map first, then the markers in one go: markercluster
    // adds a batch to a group on the map at once (one at a time, or into a group
    // not yet on the map, costs the square of their number)
    // (at once when the host is a map; an exported map's group when its feature group goes on the map)
    rec.group.once('add', function () {
      if (rec.cluster) { rec.group.addLayers(list); } else { list.forEach(function (m) { rec.group.addLayer(m); }); }
      settle(rec, true);
    });
    rec.host.addLayer(rec.group);
    if (sync) { window.__dashboardLayer = rec; }
    window.dashboardFullCount = (window.dashboardFullCount || 0) + 1;  // (for tests and the browser bench)
  }
  function askForAll(sync) {
    var nonce = sync.token + ':' + sync.seq;
    if (window.__dashboardAsked === nonce) { return; }
    window.__dashboardAsked = nonce;
    window.dashboardResyncCount = (window.dashboardResyncCount || 0) + 1;
    DS.host.send({dashboard_resync: nonce});  // read by the app (mapview.resync_request), which sends the whole layer
  }
  function applyChanges(cols, controllers, opts, sync) {
    var rec = window.__dashboardLayer;
    if (!rec || rec.token !== sync.token || rec.seq !== sync.follows || !mapOf(rec.group)) { askForAll(sync); return false; }
    rec.day = opts.day;
    rec.opts = opts;
    var changed = [], recount = [], added = [], gone = [];
    // what the symbol and a cluster's ring are drawn from: a place whose claim is only a day older,
    // or newly restated, keeps its symbol (its tooltip and popup are built when shown)
    var look = function (q) {
      return [q.controller, q.colour, q.status, q.sides, q.recent, q.pending, q.stale, q.basis, q.overtaken, q.beside].join('|');
    };
    sync.gone.forEach(function (id) {
      var m = rec.byId[id];
      if (m) { gone.push(m); delete rec.byId[id]; DS.paintArea({place: m.feature.properties.place, status: ''}); }
    });
    var fresh = 0;  // names and coordinates come only for the places this page does not have, in order
    cols.ids.forEach(function (id, i) {
      var m = rec.byId[id], p;
      if (m) {  // (its name and place do not change: not sent again)
        var q = m.feature.properties, was = look(q), ring = q.controller + '|' + q.status + '|' + q.colour;
        p = props(cols, i, controllers, q.place);
        for (var k in p) { if (Object.prototype.hasOwnProperty.call(p, k)) { q[k] = p[k]; } }
        if (look(q) !== was) { m.setStyle(DS.style(q)); changed.push(m); DS.paintArea(q); }
        if (q.controller + '|' + q.status + '|' + q.colour !== ring) { recount.push(m); }  // its clusters' rings
      } else {
        p = props(cols, i, controllers, cols.names[fresh]);
        m = makeMarker(rec, p, cols.lat[fresh], cols.lon[fresh]);
        fresh += 1;
        rec.byId[id] = m;
        added.push(m);
        DS.paintArea(p);
      }
    });
    if (rec.cluster) {
      if (gone.length) { rec.group.removeLayers(gone); }
      if (added.length) { rec.group.addLayers(added); }
      if (recount.length) { rec.group.refreshClusters(recount); }
    } else {
      gone.forEach(function (m) { rec.group.removeLayer(m); });
      added.forEach(function (m) { rec.group.addLayer(m); });
    }
    // what is open shows the new date: popups and tooltips are built from the properties
    eachMarker(rec, function (m) {
      var tip = m.getTooltip(), pop = m.getPopup();
      if (tip && tip.isOpen()) { tip.update(); }
      if (pop && pop.isOpen()) { pop.update(); }
    });
    rec.seq = sync.seq;
    settle(rec, added.length > 0 || gone.length > 0);
    return true;
  }

  window.dashboardDrawMarkers = function (parent, cols, controllers, opts, cluster, sync, format) {
    if (!format || format.version !== DS.MARKER_FORMAT_VERSION) {
      throw new Error('marker layer format ' + (format && format.version) + ': this page reads version '
                      + DS.MARKER_FORMAT_VERSION + ' (dashboard/static/marker-format.json)');
    }
    F = format.flags;
    if (format.words) { W = format.words; }
    if (sync) { DS.host.check(); DS.host.forgetRemovedGroups(); }  // in the app (streamlit-folium's frame)
    if (sync && sync.follows >= 0) {
      if (!applyChanges(cols, controllers, opts, sync)) { return; }
    } else {
      drawAll(parent, cols, controllers, opts, cluster, sync);
    }
    window.dashboardDrawCount = (window.dashboardDrawCount || 0) + 1;  // (for the browser bench)
  };
})();
