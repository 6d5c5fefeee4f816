/* steppewatch map: a small offline canvas map (Web Mercator), no tile server needed.
 * Draws country outlines (Natural Earth, light fill for the five republics), loaded admin-1
 * polygons shaded by change level, country labels, clustered exact points coloured by
 * category, and approximate events as dashed areas (never as points).
 * Keyboard: arrows pan, + and - zoom, Enter opens the event nearest the centre. */
(function () {
  "use strict";
  var RADIUS_KM = {3: 30, 4: 90, 5: 150, 6: 280, 7: 200};  // drawn size of an approximate location
  var LEVEL_FILL = {high: "rgba(213,94,0,0.35)", up: "rgba(230,159,0,0.25)", flat: "rgba(0,0,0,0.04)",
                    down: "rgba(0,114,178,0.18)"};
  var TILE = 256;
  var REPUBLIC_FILL = "rgba(255,254,250,0.92)", OUTLINE_STROKE = "rgba(35,35,35,0.75)";

  function project(lon, lat, z) {
    var s = TILE * Math.pow(2, z), r = Math.PI / 180;
    var y = Math.log(Math.tan(Math.PI / 4 + Math.max(-85, Math.min(85, lat)) * r / 2));
    return [(lon + 180) / 360 * s, (1 - y / Math.PI) / 2 * s];
  }

  function MapView(root) {
    this.root = root;
    this.canvas = root.querySelector("canvas");
    this.status = root.querySelector(".map-status");
    this.colours = JSON.parse(root.dataset.colours || "{}");
    this.points = [];
    this.shapes = [];
    this.outlines = [];
    this.outlinePaths = null;  // Path2D per outline in world pixels at zoom outlinePaths.z
    this.levels = {};
    this.labels = {};
    this.z = 4; this.cx = 0; this.cy = 0;
    this.hits = [];
    this.tiles = {};
    this.popup = document.createElement("div");
    this.popup.className = "map-popup";
    this.popup.hidden = true;
    root.appendChild(this.popup);
    this.bind();
  }

  MapView.prototype.say = function (text) { if (this.status) { this.status.textContent = text; } };

  MapView.prototype.load = function () {
    var self = this, root = this.root, jobs = [];
    if (root.dataset.points) {
      this.points = JSON.parse(root.dataset.points);
    } else if (root.dataset.src) {
      jobs.push(fetch(root.dataset.src, {credentials: "same-origin"}).then(function (r) {
        if (!r.ok) { throw new Error("events: HTTP " + r.status); }
        return r.json();
      }).then(function (d) { self.points = d.points || []; self.truncated = d.truncated; }));
    }
    if (root.dataset.boundaries) {
      jobs.push(fetch(root.dataset.boundaries, {credentials: "same-origin"}).then(function (r) {
        return r.ok ? r.json() : {features: [], countries: {}};
      }).then(function (d) {
        self.shapes = d.features || []; self.labels = d.countries || {}; self.levels = d.levels || {};
        self.outlines = (d.outlines && d.outlines.features) || [];
      }).catch(function () { /* boundaries are optional */ }));
    }
    Promise.all(jobs).then(function () {
      self.fit();
      self.draw();
      var approx = self.points.filter(function (p) { return p.approximate; }).length;
      self.say(self.points.length ? self.points.length + " events on the map" + (approx ? " (" + approx + " approximate, drawn as areas)" : "") +
        (self.truncated ? "; newest shown only" : "") : "No events match these filters.");
    }).catch(function (err) { self.say("The map could not load: " + err.message); });
  };

  MapView.prototype.fit = function () {
    var pts = this.points, focus = this.root.dataset.focus, lons = [], lats = [];
    pts.forEach(function (p) { lons.push(p.lon); lats.push(p.lat); });
    var box = focus && this.bbox(focus);
    if (box) { lons = [box[0], box[2]]; lats = [box[1], box[3]]; }  // a country page: that country
    else if (!pts.length) {
      var lab = focus && this.labels[focus];
      if (lab) { lons.push(lab.lon - 6, lab.lon + 6); lats.push(lab.lat - 4, lab.lat + 4); }
      else { lons.push(50, 90); lats.push(30, 55); }  // Central Asia and neighbours
    }
    var w = this.canvas.clientWidth || 600, h = this.canvas.clientHeight || 400;
    var minLon = Math.min.apply(null, lons), maxLon = Math.max.apply(null, lons);
    var minLat = Math.min.apply(null, lats), maxLat = Math.max.apply(null, lats);
    var z = parseFloat(this.root.dataset.zoom || "0");
    if (!z) {
      z = 8;
      while (z > 2) {
        var a = project(minLon, maxLat, z), b = project(maxLon, minLat, z);
        if (b[0] - a[0] < w * 0.85 && b[1] - a[1] < h * 0.85) { break; }
        z -= 0.25;
      }
    }
    this.z = z;
    var c = project((minLon + maxLon) / 2, (minLat + maxLat) / 2, z);
    this.cx = c[0]; this.cy = c[1];
  };

  MapView.prototype.bbox = function (iso) {
    var f = this.outlines.filter(function (o) { return o.id === iso; })[0];
    if (!f) { return null; }
    var b = [180, 90, -180, -90];
    eachRing(f.geometry, function (ring) {
      ring.forEach(function (c) {
        b[0] = Math.min(b[0], c[0]); b[1] = Math.min(b[1], c[1]); b[2] = Math.max(b[2], c[0]); b[3] = Math.max(b[3], c[1]);
      });
    });
    return b;
  };

  function eachRing(geom, fn) {
    var polys = geom.type === "Polygon" ? [geom.coordinates] : geom.type === "MultiPolygon" ? geom.coordinates : [];
    polys.forEach(function (poly) { poly.forEach(fn); });
  }

  MapView.prototype.toScreen = function (lon, lat) {
    var p = project(lon, lat, this.z);
    return [p[0] - this.cx + this.w / 2, p[1] - this.cy + this.h / 2];
  };

  MapView.prototype.kmToPx = function (km, lat) {
    var s = TILE * Math.pow(2, this.z);
    return km / (40075 * Math.cos(lat * Math.PI / 180)) * s;
  };

  MapView.prototype.draw = function () {
    var cv = this.canvas, dpr = window.devicePixelRatio || 1;
    this.w = cv.clientWidth; this.h = cv.clientHeight;
    cv.width = Math.round(this.w * dpr); cv.height = Math.round(this.h * dpr);
    var g = cv.getContext("2d");
    g.setTransform(dpr, 0, 0, dpr, 0, 0);
    g.fillStyle = "#eef2f4"; g.fillRect(0, 0, this.w, this.h);
    this.drawTiles(g);
    var drawn = this.drawOutlines(g, "fill");
    this.drawGraticule(g);
    this.drawShapes(g);
    this.drawOutlines(g, "stroke");
    this.drawLabels(g);
    this.drawEvents(g);
    this.canvas.dataset.markers = String(this.hits.length);
    this.canvas.dataset.outlines = String(drawn);
  };

  MapView.prototype.drawTiles = function (g) {
    var tpl = this.root.dataset.tiles;
    if (!tpl) { return; }
    var zi = Math.max(0, Math.min(18, Math.round(this.z))), scale = Math.pow(2, this.z - zi), self = this;
    var size = TILE * scale, x0 = this.cx - this.w / 2, y0 = this.cy - this.h / 2, n = Math.pow(2, zi);
    for (var tx = Math.floor(x0 / size); tx <= Math.floor((x0 + this.w) / size); tx++) {
      for (var ty = Math.max(0, Math.floor(y0 / size)); ty <= Math.min(n - 1, Math.floor((y0 + this.h) / size)); ty++) {
        var key = zi + "/" + tx + "/" + ty, img = this.tiles[key];
        if (!img) {
          img = new Image();
          img.onload = function () { self.draw(); };
          img.src = tpl.replace("{z}", zi).replace("{x}", ((tx % n) + n) % n).replace("{y}", ty);
          this.tiles[key] = img;
        }
        if (img.complete && img.naturalWidth) { g.drawImage(img, tx * size - x0, ty * size - y0, size, size); }
      }
    }
  };

  /* Country outlines as Path2D objects in world pixels, built once per zoom level: panning only
   * translates them. Fill (republics only) goes under everything; the border lines go over the
   * admin-1 shading and under labels and events. Outlines cut to the region (Russia, China) carry
   * the cutting box in properties.clip: edges along it are no borders and are not stroked.
   * Returns how many outlines are in view. */
  MapView.prototype.drawOutlines = function (g, pass) {
    if (!this.outlines.length || typeof Path2D === "undefined") { return 0; }
    var self = this, z = this.z;
    if (!this.outlinePaths || this.outlinePaths.z !== z) {
      this.outlinePaths = {z: z, items: this.outlines.map(function (f) {
        var props = f.properties || {}, clip = props.clip, path = new Path2D(), line = new Path2D();
        var b = [Infinity, Infinity, -Infinity, -Infinity];
        eachRing(f.geometry, function (ring) {
          for (var i = 0; i < ring.length; i++) {
            var p = project(ring[i][0], ring[i][1], z);
            if (i === 0) { path.moveTo(p[0], p[1]); } else { path.lineTo(p[0], p[1]); }
            if (i === 0 || (clip && onClipEdge(ring[i - 1], ring[i], clip))) { line.moveTo(p[0], p[1]); } else { line.lineTo(p[0], p[1]); }
            b[0] = Math.min(b[0], p[0]); b[1] = Math.min(b[1], p[1]); b[2] = Math.max(b[2], p[0]); b[3] = Math.max(b[3], p[1]);
          }
          path.closePath();
        });
        return {id: f.id, path: path, line: line, box: b, republic: !!props.republic};
      })};
    }
    var x0 = this.cx - this.w / 2, y0 = this.cy - this.h / 2, inView = 0, tiles = !!this.root.dataset.tiles;
    var focus = this.root.dataset.focus;
    g.save();
    g.translate(-x0, -y0);
    g.lineJoin = "round"; g.lineWidth = 1; g.strokeStyle = OUTLINE_STROKE; g.fillStyle = REPUBLIC_FILL;
    this.outlinePaths.items.forEach(function (o) {
      var b = o.box;
      if (b[2] < x0 || b[0] > x0 + self.w || b[3] < y0 || b[1] > y0 + self.h) { return; }
      inView++;
      if (pass === "fill") { if (o.republic && !tiles) { g.fill(o.path, "evenodd"); } return; }
      g.lineWidth = o.id === focus ? 2 : 1;  // the country of a country page stands out
      g.stroke(o.line);
    });
    g.restore();
    return inView;
  };

  function onClipEdge(a, b, box) {
    return (a[0] === b[0] && (a[0] === box[0] || a[0] === box[2])) || (a[1] === b[1] && (a[1] === box[1] || a[1] === box[3]));
  }

  MapView.prototype.drawGraticule = function (g) {
    g.strokeStyle = "rgba(0,0,0,0.08)"; g.lineWidth = 1;
    for (var lon = -180; lon <= 180; lon += 5) {
      var a = this.toScreen(lon, -80), b = this.toScreen(lon, 80);
      g.beginPath(); g.moveTo(a[0], a[1]); g.lineTo(b[0], b[1]); g.stroke();
    }
    for (var lat = -80; lat <= 80; lat += 5) {
      var c = this.toScreen(-180, lat), d = this.toScreen(180, lat);
      g.beginPath(); g.moveTo(c[0], c[1]); g.lineTo(d[0], d[1]); g.stroke();
    }
  };

  MapView.prototype.ring = function (g, coords) {
    for (var i = 0; i < coords.length; i++) {
      var p = this.toScreen(coords[i][0], coords[i][1]);
      if (i === 0) { g.moveTo(p[0], p[1]); } else { g.lineTo(p[0], p[1]); }
    }
    g.closePath();
  };

  MapView.prototype.drawShapes = function (g) {
    var self = this;
    this.shapes.forEach(function (f) {
      var geom = f.geometry, polys = geom.type === "Polygon" ? [geom.coordinates] : geom.coordinates;
      g.beginPath();
      polys.forEach(function (poly) { poly.forEach(function (ring) { self.ring(g, ring); }); });
      var level = self.levels[f.id];
      g.fillStyle = LEVEL_FILL[level] || "rgba(255,255,255,0.6)";
      g.fill("evenodd");
      g.strokeStyle = "rgba(60,60,60,0.45)"; g.lineWidth = 0.8; g.stroke();
    });
  };

  MapView.prototype.drawLabels = function (g) {
    g.font = "600 12px system-ui, sans-serif"; g.fillStyle = "rgba(40,40,40,0.55)"; g.textAlign = "center";
    for (var cc in this.labels) {
      var l = this.labels[cc], p = this.toScreen(l.lon, l.lat);
      g.fillText(l.name.toUpperCase(), p[0], p[1]);
    }
  };

  MapView.prototype.drawEvents = function (g) {
    var self = this, cells = {}, areas = {}, cell = 36;
    this.hits = [];
    this.points.forEach(function (p) {
      var s = self.toScreen(p.lon, p.lat);
      if (p.approximate) {
        var k = p.lat.toFixed(2) + "," + p.lon.toFixed(2) + "," + p.precision;
        (areas[k] = areas[k] || {p: p, s: s, items: []}).items.push(p);
      } else {
        var key = Math.floor(s[0] / cell) + ":" + Math.floor(s[1] / cell);
        (cells[key] = cells[key] || {x: 0, y: 0, items: []}).items.push(p);
        cells[key].x += s[0]; cells[key].y += s[1];
      }
    });
    g.setLineDash([4, 3]); g.lineWidth = 1.5;
    Object.keys(areas).forEach(function (k) {
      var a = areas[k], r = Math.max(8, self.kmToPx(RADIUS_KM[a.p.precision] || 100, a.p.lat));
      var colour = a.items.length > 1 ? "#444" : (self.colours[a.p.category] || "#666");
      g.beginPath(); g.arc(a.s[0], a.s[1], r, 0, 2 * Math.PI);
      g.fillStyle = hexAlpha(colour, 0.12); g.fill(); g.strokeStyle = colour; g.stroke();
      if (a.items.length > 1) { label(g, a.s[0], a.s[1], String(a.items.length), "#333"); }
      self.hits.push({x: a.s[0], y: a.s[1], r: Math.min(r, 24), items: a.items, approximate: true});
    });
    g.setLineDash([]);
    Object.keys(cells).forEach(function (k) {
      var c = cells[k], n = c.items.length, x = c.x / n, y = c.y / n;
      if (n === 1) {
        var p = c.items[0];
        g.beginPath(); g.arc(x, y, 5.5, 0, 2 * Math.PI);
        g.fillStyle = self.colours[p.category] || "#666"; g.fill();
        g.strokeStyle = "#fff"; g.lineWidth = 1.5; g.stroke();
      } else {
        var r = 9 + Math.min(14, Math.log(n) * 3);
        g.beginPath(); g.arc(x, y, r, 0, 2 * Math.PI);
        g.fillStyle = "rgba(50,50,50,0.78)"; g.fill();
        label(g, x, y, String(n), "#fff");
      }
      self.hits.push({x: x, y: y, r: n === 1 ? 8 : 14, items: c.items, approximate: false});
    });
  };

  function label(g, x, y, text, colour) {
    g.font = "bold 11px system-ui, sans-serif"; g.fillStyle = colour; g.textAlign = "center";
    g.textBaseline = "middle"; g.fillText(text, x, y); g.textBaseline = "alphabetic";
  }

  function hexAlpha(hex, a) {
    var n = parseInt(hex.slice(1), 16);
    return "rgba(" + (n >> 16 & 255) + "," + (n >> 8 & 255) + "," + (n & 255) + "," + a + ")";
  }

  function esc(s) {
    return String(s == null ? "" : s).replace(/[&<>"']/g, function (c) {
      return {"&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;", "'": "&#39;"}[c];
    });
  }

  MapView.prototype.open = function (hit, x, y) {
    var items = hit.items.slice(0, 8), html = "<button type='button' class='close' aria-label='Close'>×</button><ul>";
    items.forEach(function (p) {
      html += "<li><a href='/events/" + encodeURIComponent(p.id) + "'>" + esc(p.category) + " · " + esc(p.place || "") +
        "</a> <small>" + esc(p.date || "") + (p.approximate ? " · approximate" : "") + "</small></li>";
    });
    if (hit.items.length > items.length) { html += "<li>… " + (hit.items.length - items.length) + " more: zoom in</li>"; }
    this.popup.innerHTML = html + "</ul>";
    this.popup.hidden = false;
    this.popup.style.left = Math.min(x, this.w - 220) + "px";
    this.popup.style.top = Math.min(y, this.h - 40) + "px";
    var self = this, first = this.popup.querySelector("a");
    this.popup.querySelector(".close").onclick = function () { self.popup.hidden = true; self.canvas.focus(); };
    if (first) { first.focus(); }
  };

  MapView.prototype.nearest = function (x, y, slack) {
    var best = null, bd = Infinity;
    this.hits.forEach(function (h) {
      var d = Math.hypot(h.x - x, h.y - y);
      if (d <= h.r + slack && d < bd) { best = h; bd = d; }
    });
    return best;
  };

  MapView.prototype.zoomBy = function (dz, x, y) {
    x = x == null ? this.w / 2 : x; y = y == null ? this.h / 2 : y;
    var nz = Math.max(2, Math.min(14, this.z + dz)), f = Math.pow(2, nz - this.z);
    var wx = this.cx + x - this.w / 2, wy = this.cy + y - this.h / 2;
    this.cx = wx * f - (x - this.w / 2); this.cy = wy * f - (y - this.h / 2); this.z = nz;
    this.popup.hidden = true; this.draw();
  };

  MapView.prototype.bind = function () {
    var self = this, cv = this.canvas, drag = null;
    cv.addEventListener("pointerdown", function (e) { drag = {x: e.clientX, y: e.clientY, moved: false}; cv.setPointerCapture(e.pointerId); });
    cv.addEventListener("pointermove", function (e) {
      if (!drag) { return; }
      var dx = e.clientX - drag.x, dy = e.clientY - drag.y;
      if (Math.abs(dx) + Math.abs(dy) > 2) { drag.moved = true; }
      self.cx -= dx; self.cy -= dy; drag.x = e.clientX; drag.y = e.clientY;
      if (drag.moved) { self.popup.hidden = true; self.draw(); }
    });
    cv.addEventListener("pointerup", function (e) {
      var moved = drag && drag.moved; drag = null;
      if (moved) { return; }
      var r = cv.getBoundingClientRect(), x = e.clientX - r.left, y = e.clientY - r.top, hit = self.nearest(x, y, 4);
      if (!hit) { self.popup.hidden = true; return; }
      if (hit.items.length > 1 && !hit.approximate && self.z < 12) { self.zoomBy(2, x, y); } else { self.open(hit, x, y); }
    });
    cv.addEventListener("wheel", function (e) {
      e.preventDefault();
      var r = cv.getBoundingClientRect();
      self.zoomBy(e.deltaY < 0 ? 0.5 : -0.5, e.clientX - r.left, e.clientY - r.top);
    }, {passive: false});
    cv.addEventListener("keydown", function (e) {
      var step = 60, k = e.key;
      if (k === "ArrowLeft") { self.cx -= step; } else if (k === "ArrowRight") { self.cx += step; }
      else if (k === "ArrowUp") { self.cy -= step; } else if (k === "ArrowDown") { self.cy += step; }
      else if (k === "+" || k === "=") { self.zoomBy(0.5); return e.preventDefault(); }
      else if (k === "-" || k === "_") { self.zoomBy(-0.5); return e.preventDefault(); }
      else if (k === "Enter") {
        var hit = self.nearest(self.w / 2, self.h / 2, Math.max(self.w, self.h));
        if (hit) { self.open(hit, hit.x, hit.y); }
        return e.preventDefault();
      } else if (k === "Escape") { self.popup.hidden = true; return; }
      else { return; }
      e.preventDefault(); self.popup.hidden = true; self.draw();
    });
    window.addEventListener("resize", function () { self.draw(); });
  };

  document.querySelectorAll(".map").forEach(function (root) {
    var view = new MapView(root);
    window.steppewatchMap = view;
    view.load();
  });
})();
