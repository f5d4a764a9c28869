// The dayafter report page: reads the project's data from <script id="report-data"> (the
// contract is docs/report-data.md) and draws the headline, the map, the restoration curves, the
// schedule, the tables and the what-ifs. Everything is built with textContent, never innerHTML:
// names come from partners' files and may hold any character.
//
// When the map has loaded and every chart is drawn, the page sets window.__reportReady (with the
// time to the map's load event) and dispatches "report-ready", so a test or a print script knows
// when to look. A failure sets window.__reportError and is logged as a console error.

(function () {
    'use strict';

    const data = JSON.parse(document.getElementById('report-data').textContent);
    const number = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });
    const money = (amount) => (amount == null ? '–' : `${number.format(amount)} ${data.meta.currency}`);
    const people = (n) => (n == null ? '–' : number.format(n));

    // Codes are how the registry names things; people read names. Every place that shows a
    // facility or hazard shows "Name (code)", or the code alone when nobody gave a name.
    const facilityByCode = new Map(data.map.facilities.features.map((f) => [f.properties.code, f.properties]));
    const hazardByKey = new Map(data.map.hazards.features.map((f) => [f.properties.key, f.properties]));
    function label(code) {
        if (code == null || code === '') return '–';
        const named = facilityByCode.get(code) ?? hazardByKey.get(code);
        return named && named.name ? `${named.name} (${code})` : code;
    }

    // --- small DOM helpers -------------------------------------------------------------------

    /** An element with attributes and children; null children (a field not given) are left out. */
    function el(tag, attributes = {}, ...children) {
        const node = document.createElement(tag);
        for (const [key, value] of Object.entries(attributes)) {
            if (key === 'class') node.className = value;
            else node.setAttribute(key, value);
        }
        for (const child of children) {
            if (child == null) continue;
            node.append(child instanceof Node ? child : String(child));
        }
        return node;
    }

    /**
     * Fills a <table> from column specs {label, value(row), numeric?}. An empty table gets one
     * row saying why (`empty`), so that it reads as "none" rather than as a missing figure.
     */
    function fillTable(id, columns, rows, empty) {
        const table = document.getElementById(id);
        table.replaceChildren();
        table.append(el('thead', {}, el('tr', {}, ...columns.map((c) => el('th', { scope: 'col', class: c.numeric ? 'num' : '' }, c.label)))));
        const body = el('tbody');
        for (const row of rows) {
            body.append(el('tr', {}, ...columns.map((c) => el('td', { class: c.numeric ? 'num' : '' }, c.value(row) ?? '–'))));
        }
        if (rows.length === 0) {
            body.append(el('tr', { class: 'empty' }, el('td', { colspan: String(columns.length) }, empty)));
        }
        table.append(body);
    }

    function heldBack(held) {
        const parts = Object.entries(held ?? {}).filter(([, n]) => n > 0).map(([s, n]) => `${people(n)} ${s}`);
        return parts.length ? parts.join(', ') : 'nobody';
    }

    // Thresholds may be fractions (1.5 min): one decimal, where counts of people take none.
    const threshold = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 });
    function serviceThreshold(service) {
        return `${service.mode} ${threshold.format(service.threshold)} ${service.unit}`;
    }

    // --- first screen ------------------------------------------------------------------------

    function drawHeader() {
        const meta = data.meta;
        document.title = `${meta.town}: the day after (${meta.as_of})`;
        document.getElementById('town').textContent = meta.town;
        document.getElementById('as-of').textContent =
            `State as of ${meta.as_of}; plan from day 0 = ${meta.day0} over ${meta.horizon_days} days. ` +
            `${people(meta.population_total)} people counted.`;
        if (meta.illustrative) {
            const note = document.getElementById('illustrative');
            note.hidden = false;
            note.textContent = meta.illustrative_note;
        }
        const services = new Map(data.services.map((s) => [s.name, s]));
        fillTable('table-headline', [
            { label: 'service', value: (r) => r.service },
            { label: 'within', value: (r) => (services.has(r.service) ? serviceThreshold(services.get(r.service)) : '') },
            { label: 'now', numeric: true, value: (r) => people(r.now) },
            { label: 'by day 30', numeric: true, value: (r) => people(r.day_30) },
            { label: 'by day 90', numeric: true, value: (r) => people(r.day_90) },
            { label: 'achievable', numeric: true, value: (r) => people(r.achievable) },
        ], data.headline.services, 'No service has a facility.');
        const open = data.headline.unowned_or_unfunded;
        document.getElementById('headline-unowned').textContent =
            `${open.tasks} tasks have no owner or no funder; together they hold back ${heldBack(open.held_back)}.`;
        document.getElementById('generated').textContent =
            `Generated ${meta.generated_at} by ${meta.generated_by} from ${meta.project}. Road data ${meta.road_data}.`;
    }

    // --- sources: every figure names where its numbers come from and of what date --------------

    function drawSources() {
        const byFigure = new Map();
        for (const s of data.sources) {
            if (!byFigure.has(s.figure)) byFigure.set(s.figure, []);
            byFigure.get(s.figure).push(s);
        }
        for (const node of document.querySelectorAll('[data-figure]')) {
            const list = byFigure.get(node.dataset.figure) ?? [];
            node.textContent = list.length
                ? 'Source: ' + list.map((s) => `${s.what}: ${s.source} (${s.date})`).join('; ') + '.'
                : 'Source: not given.';
        }
        fillTable('table-sources', [
            { label: 'figure', value: (s) => s.figure },
            { label: 'what', value: (s) => s.what },
            { label: 'source', value: (s) => s.source },
            { label: 'date', value: (s) => s.date },
        ], data.sources, 'No source given.');
    }

    // --- the map -----------------------------------------------------------------------------

    // One table per colour scheme, read by both map renderers and the legend.
    const ROAD_COLOURS = { open: '#5b6770', slowed: '#e69f00', blocked: '#d62728', mined: '#7b2cbf' };
    const NO_ACCESS = '#c9cdd1';
    const STATUS_COLOURS = { 'functioning': '#2a9d4b', 'partially functioning': '#f2b134', 'not functioning': '#d62728' };
    const NO_STATUS = '#8d99a6';
    const HAZARD_COLOURS = { rubble: '#a0522d', contamination: '#7b2cbf', bridge: '#d62728', insecure: '#555555' };
    const OTHER_HAZARD = HAZARD_COLOURS.rubble;
    const CUT_OFF = '#111111';
    const AMOUNT_COLOURS = ['#1a9850', '#fee08b', '#d73027'];

    /** The colour of `value` in `table` (a MapLibre "match" does the same on the GPU). */
    const colourOf = (table, value, otherwise) => (Object.hasOwn(table, value) ? table[value] : otherwise);
    const matchColour = (key, table, otherwise) => ['match', ['get', key], ...Object.entries(table).flat(), otherwise];
    const roadColour = (mode) => matchColour(mode, ROAD_COLOURS, NO_ACCESS);
    const amountKey = (service) => `${service.name}_${service.unit === 'm' ? 'metres' : 'minutes'}`;
    // Minutes (or metres) to the service: green within the threshold, through amber to red at
    // twice it; places cut off are drawn black.
    function amountColour(service) {
        const key = amountKey(service);
        return ['case', ['==', ['get', key], null], CUT_OFF,
            ['interpolate', ['linear'], ['get', key],
                0, AMOUNT_COLOURS[0], service.threshold, AMOUNT_COLOURS[1], service.threshold * 2, AMOUNT_COLOURS[2]]];
    }
    function amountColourOf(service, amount) {
        if (amount == null) return CUT_OFF;
        return d3.scaleLinear([0, service.threshold, service.threshold * 2], AMOUNT_COLOURS).clamp(true)(amount);
    }
    // A place's circle grows with the square root of its people: 3 px for none, 14 px from
    // 10,000 people on; both renderers read these stops.
    const PLACE_RADIUS_STOPS = [0, 3, 100, 14];
    const placeRadius = (population) => d3.scaleLinear([PLACE_RADIUS_STOPS[0], PLACE_RADIUS_STOPS[2]],
        [PLACE_RADIUS_STOPS[1], PLACE_RADIUS_STOPS[3]]).clamp(true)(Math.sqrt(Math.max(population ?? 0, 0)));

    function withIds(collection) {
        // Dense ids let the click handlers find the original properties (MapLibre hands nested
        // values back as JSON text) and let a test count features without double-counting tiles.
        return { type: 'FeatureCollection', features: collection.features.map((f, i) => ({ ...f, id: i })) };
    }

    function bounds() {
        if (data.map.bounds) return data.map.bounds;
        const box = [Infinity, Infinity, -Infinity, -Infinity];
        const visit = (c) => {
            if (typeof c[0] === 'number') {
                box[0] = Math.min(box[0], c[0]); box[1] = Math.min(box[1], c[1]);
                box[2] = Math.max(box[2], c[0]); box[3] = Math.max(box[3], c[1]);
            } else c.forEach(visit);
        };
        for (const f of data.map.roads.features) visit(f.geometry.coordinates);
        return box;
    }

    function legendRow(colour, text, shape) {
        return el('li', {}, el('span', { class: `swatch ${shape}`, style: `background:${colour}` }), text);
    }

    function drawLegend(mode, service) {
        const legend = document.getElementById('map-legend');
        const roads = el('ul', {}, ...[...Object.entries(ROAD_COLOURS), ['no access', NO_ACCESS]]
            .map(([s, c]) => legendRow(c, s, 'line')));
        const facilities = el('ul', {}, ...[...Object.entries(STATUS_COLOURS), ['no status', NO_STATUS]]
            .map(([s, c]) => legendRow(c, s, 'dot')));
        const hazardNames = { rubble: 'rubble', contamination: 'mined area', bridge: 'bridge', insecure: 'insecure area' };
        const hazards = el('ul', {}, ...Object.entries(HAZARD_COLOURS)
            .map(([kind, c]) => legendRow(c, hazardNames[kind], 'area')));
        const parts = [el('h4', {}, `Roads on ${mode === 'walk' ? 'foot' : 'by car'}`), roads,
            el('h4', {}, 'Facilities'), facilities, el('h4', {}, 'Hazards'), hazards];
        if (service) {
            parts.push(el('h4', {}, `Places: ${service.unit === 'm' ? 'metres' : 'minutes'} to ${service.name}`),
                el('ul', {}, legendRow(AMOUNT_COLOURS[0], 'near', 'dot'), legendRow(AMOUNT_COLOURS[1], `at the threshold (${threshold.format(service.threshold)} ${service.unit})`, 'dot'),
                    legendRow(AMOUNT_COLOURS[2], 'twice the threshold or more', 'dot'), legendRow(CUT_OFF, 'cut off', 'dot')));
        }
        legend.replaceChildren(...parts);
    }

    function popupFor(layer, properties) {
        // A field not given makes a null line, which el() leaves out.
        const parts = [];
        const line = (k, v) => (v == null || v === '' ? null : el('div', {}, el('b', {}, `${k}: `), String(v)));
        if (layer === 'facilities') {
            parts.push(el('h4', {}, label(properties.code)),
                line('type', properties.type), line('status', properties.status), line('HeRAMS', properties.herams),
                line('why down', properties.down_because), line('causes', (properties.causes ?? []).join(', ')),
                line('damage', properties.damage),
                line('gaps', (properties.gaps ?? []).map((g) => `${g.what}: ${number.format(g.have)} of ${number.format(g.need)}`).join('; ')),
                line('operator', properties.operator), line('funders', (properties.funders ?? []).join(', ')),
                line('reported', properties.reported), line('source', properties.source));
        } else if (layer.startsWith('hazard')) {
            parts.push(el('h4', {}, properties.name ? `${properties.name} (${properties.key})` : properties.key),
                line('kind', properties.kind), line('damage', properties.damage), line('effect', properties.effect),
                line('owner', properties.owner || 'nobody'), line('funder', properties.funder || 'nobody'),
                line('roads blocked', properties.blocked_roads), line('roads slowed', properties.slowed_roads),
                line('source', properties.source));
        } else if (layer === 'places') {
            parts.push(el('h4', {}, `Place ${properties.code}`), line('people', people(properties.population)));
            for (const s of data.services) {
                const amount = properties[`${s.name}_${s.unit === 'm' ? 'metres' : 'minutes'}`];
                parts.push(line(s.name, amount == null ? 'cut off'
                    : `${threshold.format(amount)} ${s.unit} to ${label(properties[`${s.name}_facility`])} (${properties[`${s.name}_access`]})`));
            }
        }
        return el('div', { class: 'popup' }, ...parts);
    }

    /** MapLibre GL JS 5 draws with WebGL 2; without it (an old card, a locked-down or remote
     * desktop) the map is drawn with Leaflet on a 2D canvas instead. */
    function hasWebGL2() {
        try {
            return Boolean(document.createElement('canvas').getContext('webgl2'));
        } catch {
            return false;
        }
    }

    const geometryIs = (...types) => (f) => f.geometry != null && types.includes(f.geometry.type);
    const AREAS = ['Polygon', 'MultiPolygon'];
    const LINES = ['LineString', 'MultiLineString'];
    const POINTS = ['Point', 'MultiPoint'];

    /**
     * The map with MapLibre GL JS, from the project's own layers (no basemap server). Returns
     * { map, renderer, loaded (a promise), show(mode, service) }.
     */
    function mapLibreView() {
        const sources = {};
        for (const name of ['roads', 'facilities', 'hazards', 'places']) {
            // tolerance 0: a town's short road segments must not be simplified away at low zoom.
            sources[name] = { type: 'geojson', data: withIds(data.map[name]), tolerance: 0 };
        }
        const geometry = (types) => ['in', ['geometry-type'], ['literal', types]];
        const map = new maplibregl.Map({
            container: 'map',
            bounds: bounds(),
            fitBoundsOptions: { padding: 20 },
            attributionControl: { compact: false, customAttribution: `Roads ${data.meta.road_data}` },
            // The canvas is kept so that printing and screenshots show the map.
            canvasContextAttributes: { preserveDrawingBuffer: true },
            style: {
                version: 8,
                sources,
                layers: [
                    { id: 'background', type: 'background', paint: { 'background-color': '#f4f1ea' } },
                    { id: 'hazard-areas', type: 'fill', source: 'hazards', filter: geometry(AREAS),
                        paint: { 'fill-color': matchColour('kind', HAZARD_COLOURS, OTHER_HAZARD), 'fill-opacity': 0.25,
                            'fill-outline-color': matchColour('kind', HAZARD_COLOURS, OTHER_HAZARD) } },
                    { id: 'roads', type: 'line', source: 'roads',
                        layout: { 'line-cap': 'round', 'line-join': 'round' },
                        paint: { 'line-color': roadColour('walk'), 'line-width': ['interpolate', ['linear'], ['zoom'], 12, 1, 17, 4] } },
                    { id: 'hazard-lines', type: 'line', source: 'hazards', filter: geometry(LINES),
                        paint: { 'line-color': matchColour('kind', HAZARD_COLOURS, OTHER_HAZARD), 'line-width': 5, 'line-opacity': 0.7 } },
                    { id: 'hazard-points', type: 'circle', source: 'hazards', filter: geometry(POINTS),
                        paint: { 'circle-color': matchColour('kind', HAZARD_COLOURS, OTHER_HAZARD), 'circle-radius': 5, 'circle-opacity': 0.8 } },
                    { id: 'places', type: 'circle', source: 'places',
                        paint: { 'circle-color': CUT_OFF, 'circle-opacity': 0.75,
                            'circle-radius': ['interpolate', ['linear'], ['sqrt', ['get', 'population']], ...PLACE_RADIUS_STOPS],
                            'circle-stroke-color': '#ffffff', 'circle-stroke-width': 1 } },
                    { id: 'facilities', type: 'circle', source: 'facilities',
                        paint: { 'circle-color': matchColour('status', STATUS_COLOURS, NO_STATUS), 'circle-radius': 7,
                            'circle-stroke-color': '#ffffff', 'circle-stroke-width': 2 } },
                ],
            },
        });
        map.addControl(new maplibregl.NavigationControl({ showCompass: false }));
        map.addControl(new maplibregl.ScaleControl({ unit: 'metric' }));

        // One popup per click, for the topmost feature within a few pixels (lines and small
        // circles are hard to hit exactly); a handler per layer would open one per layer hit.
        const interactive = ['facilities', 'places', 'hazard-points', 'hazard-lines', 'hazard-areas'];
        const hit = (point) => {
            const box = [[point.x - 4, point.y - 4], [point.x + 4, point.y + 4]];
            return map.queryRenderedFeatures(box, { layers: interactive.filter((id) => map.getLayoutProperty(id, 'visibility') !== 'none') })[0];
        };
        map.on('click', (e) => {
            const feature = hit(e.point);
            if (!feature) return;
            // The original properties: MapLibre hands lists and objects back as JSON text.
            const properties = data.map[feature.source].features[feature.id].properties;
            new maplibregl.Popup({ maxWidth: '340px' }).setLngLat(e.lngLat).setDOMContent(popupFor(feature.layer.id, properties)).addTo(map);
        });
        map.on('mousemove', (e) => { map.getCanvas().style.cursor = hit(e.point) ? 'pointer' : ''; });
        const loaded = new Promise((resolve, reject) => {
            map.once('load', resolve);
            // After the load, a failure (a tile that could not be cut) is still shown.
            map.on('error', (e) => {
                console.error(`map: ${e.error?.message ?? e}`);
                reject(new Error(`map: ${e.error?.message ?? e}`));
            });
        });
        function show(mode, service) {
            map.setPaintProperty('roads', 'line-color', roadColour(mode));
            map.setLayoutProperty('places', 'visibility', service ? 'visible' : 'none');
            if (service) map.setPaintProperty('places', 'circle-color', amountColour(service));
        }
        return { map, renderer: 'maplibre', loaded, show };
    }

    /** Text for Leaflet's attribution, which it sets as HTML. */
    function escapeHtml(text) {
        return String(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
    }

    /**
     * The same map with Leaflet on a 2D canvas, where WebGL 2 is missing: the same layers,
     * colours, popups and switches. Returns what mapLibreView returns, plus the layers by name.
     */
    function leafletView() {
        // tolerance: lines and small circles are hard to hit exactly, as in the MapLibre view.
        const renderer = L.canvas({ padding: 0.5, tolerance: 4 });
        const map = L.map('map', { renderer, preferCanvas: true, attributionControl: false });
        L.control.attribution({ prefix: false }).addAttribution(escapeHtml(`Roads ${data.meta.road_data}`)).addTo(map);
        L.control.scale({ imperial: false }).addTo(map);
        const [west, south, east, north] = bounds();
        map.fitBounds([[south, west], [north, east]], { padding: [20, 20] });

        const hazardColour = (f) => colourOf(HAZARD_COLOURS, f.properties.kind, OTHER_HAZARD);
        const withPopup = (kind) => (feature, layer) =>
            layer.bindPopup(() => popupFor(kind, feature.properties), { maxWidth: 340 });
        const circles = (style) => (feature, latlng) => L.circleMarker(latlng, { renderer, ...style(feature) });
        // Added in drawing order, bottom first, as the MapLibre view's layers.
        const layers = {
            'hazard-areas': L.geoJSON(data.map.hazards, { renderer, filter: geometryIs(...AREAS), onEachFeature: withPopup('hazard'),
                style: (f) => ({ color: hazardColour(f), weight: 1, fillColor: hazardColour(f), fillOpacity: 0.25 }) }),
            'roads': L.geoJSON(data.map.roads, { renderer, interactive: false, style: { weight: 2, lineCap: 'round' } }),
            'hazard-lines': L.geoJSON(data.map.hazards, { renderer, filter: geometryIs(...LINES), onEachFeature: withPopup('hazard'),
                style: (f) => ({ color: hazardColour(f), weight: 5, opacity: 0.7 }) }),
            'hazard-points': L.geoJSON(data.map.hazards, { renderer, filter: geometryIs(...POINTS), onEachFeature: withPopup('hazard'),
                pointToLayer: circles((f) => ({ radius: 5, stroke: false, fillColor: hazardColour(f), fillOpacity: 0.8 })) }),
            'places': L.geoJSON(data.map.places, { renderer, filter: geometryIs(...POINTS), onEachFeature: withPopup('places'),
                pointToLayer: circles((f) => ({ radius: placeRadius(f.properties.population), color: '#ffffff', weight: 1,
                    fillColor: CUT_OFF, fillOpacity: 0.75 })) }),
            'facilities': L.geoJSON(data.map.facilities, { renderer, filter: geometryIs(...POINTS), onEachFeature: withPopup('facilities'),
                pointToLayer: circles((f) => ({ radius: 7, color: '#ffffff', weight: 2,
                    fillColor: colourOf(STATUS_COLOURS, f.properties.status, NO_STATUS), fillOpacity: 1 })) }),
        };
        for (const layer of Object.values(layers)) layer.addTo(map);

        function show(mode, service) {
            layers.roads.setStyle((f) => ({ color: colourOf(ROAD_COLOURS, f.properties[mode], NO_ACCESS) }));
            // The canvas draws in the order layers were added: facilities stay above places.
            layers.places.remove();
            layers.facilities.remove();
            if (service) {
                const key = amountKey(service);
                layers.places.setStyle((f) => ({ fillColor: amountColourOf(service, f.properties[key]) }));
                layers.places.addTo(map);
            }
            layers.facilities.addTo(map);
        }
        return { map, renderer: 'leaflet', layers, loaded: Promise.resolve(), show };
    }

    function chooseView() {
        if (hasWebGL2()) {
            try {
                return mapLibreView();
            } catch (error) {
                // A context the browser offers may still fail to start (a lost GPU, a policy).
                console.warn(`MapLibre could not start (${error.message}); the map is drawn with Leaflet`);
                const container = document.getElementById('map');
                container.replaceChildren();
                container.className = '';
            }
        }
        return leafletView();
    }

    /** The map and its switches; `onLoad` runs once the map has drawn its data. */
    function drawMap(onLoad, onFail) {
        const modeSelect = document.getElementById('map-mode');
        for (const mode of ['walk', 'drive']) modeSelect.append(el('option', { value: mode }, mode === 'walk' ? 'people on foot' : 'cars'));
        const serviceSelect = document.getElementById('map-service');
        serviceSelect.append(el('option', { value: '' }, '(none)'));
        for (const s of data.services) serviceSelect.append(el('option', { value: s.name }, `${s.name} (${serviceThreshold(s)})`));
        serviceSelect.value = data.services[0]?.name ?? '';

        const view = chooseView();
        function restyle() {
            const mode = modeSelect.value;
            const service = data.services.find((s) => s.name === serviceSelect.value);
            view.show(mode, service);
            drawLegend(mode, service);
        }
        modeSelect.addEventListener('change', restyle);
        serviceSelect.addEventListener('change', restyle);
        view.loaded.then(() => {
            restyle();
            onLoad(view);
        }).catch(onFail);
        return view;
    }

    // --- charts ------------------------------------------------------------------------------

    function chartWidth(node) {
        return Math.max(320, Math.min(node.clientWidth || 900, 1100));
    }

    function drawCurves() {
        const container = document.getElementById('curves');
        const rules = data.curves.rules;
        const labels = rules.map((r) => r.label);
        // The plan in black on top; the rules in lighter colours under it.
        const range = ['#111111', ...d3.schemeTableau10].slice(0, labels.length);
        container.replaceChildren(Plot.legend({ color: { domain: labels, range }, className: 'curve-legend' }));
        const width = Math.max(300, Math.floor((chartWidth(container) - 24) / Math.min(3, data.services.length)) - 12);
        for (const service of data.services) {
            const rows = [];
            for (const series of data.curves.series.filter((s) => s.service === service.name)) {
                const rule = rules.find((r) => r.id === series.rule);
                series.people.forEach((n, day) => rows.push({ day, people: n, rule: rule.label, plan: rule.id === 'plan' }));
            }
            const figure = Plot.plot({
                width, height: 220, marginLeft: 56,
                title: `${service.name} (${serviceThreshold(service)})`,
                x: { label: 'day', domain: [0, data.meta.horizon_days] },
                y: { label: 'people within', grid: true, domain: [0, data.meta.population_total], tickFormat: (n) => number.format(n) },
                color: { domain: labels, range },
                marks: [
                    Plot.line(rows.filter((r) => !r.plan), { x: 'day', y: 'people', stroke: 'rule', strokeWidth: 1.5, strokeDasharray: '4,3', curve: 'step-after' }),
                    Plot.line(rows.filter((r) => r.plan), { x: 'day', y: 'people', stroke: 'rule', strokeWidth: 2.5, curve: 'step-after' }),
                    Plot.ruleY([0]),
                ],
            });
            figure.classList.add('curve');
            figure.dataset.service = service.name;
            container.append(figure);
        }
    }

    function drawGantt() {
        const container = document.getElementById('gantt');
        const tasks = data.schedule.tasks;
        const placed = tasks.filter((t) => t.start != null);
        document.getElementById('schedule-lede').textContent =
            `${placed.length} of ${tasks.length} tasks scheduled within the horizon; the rest are in the table of work nobody can do, owns or pays for. ` +
            'Bars are coloured by crew; owner and funder are written after each bar.';
        const day = (n) => new Date(Date.parse(`${data.meta.day0}T00:00:00Z`) + n * 86400000);
        // A task without a crew is either a partner's own work already under way (3W) or needs
        // none of the pools (equipment from a supplier, salaries).
        const crewName = (t) => t.crew || (t.status.startsWith('under way') ? "partner's own (3W)" : 'no crew needed');
        const rows = placed
            .map((t) => ({ ...t, crewName: crewName(t), from: day(t.start), to: day(Math.max(t.finish, t.start + 1)) }))
            .sort((a, b) => a.crewName.localeCompare(b.crewName) || a.start - b.start || a.task.localeCompare(b.task));
        // One row per task: two tasks with the same title still get a row each.
        const seen = new Map();
        for (const r of rows) {
            const n = (seen.get(r.task) ?? 0) + 1;
            seen.set(r.task, n);
            r.row = n === 1 ? r.task : `${r.task} (${n})`;
        }
        const longest = Math.max(10, ...rows.map((r) => r.row.length));
        const figure = Plot.plot({
            width: chartWidth(container), height: 60 + 22 * rows.length,
            marginLeft: Math.min(480, 6 * longest + 16), marginRight: 230,
            x: { type: 'utc', label: 'date', grid: true, domain: [day(0), day(data.meta.horizon_days)] },
            y: { label: null, domain: rows.map((r) => r.row) },
            color: { legend: true, label: 'crew' },
            marks: [
                Plot.barX(rows, { x1: 'from', x2: 'to', y: 'row', fill: 'crewName', insetTop: 3, insetBottom: 3,
                    title: (r) => `${r.task}\ncrew: ${r.crewName}\n${r.start_date} to ${r.finish_date}\nowner: ${r.owner || 'nobody'}\nfunder: ${r.funder || 'nobody'}\ncost: ${money(r.cost)}` }),
                Plot.text(rows, { x: 'to', y: 'row', text: (r) => `${r.owner || 'no owner'} · ${r.funder || 'no funder'}`, textAnchor: 'start', dx: 4, fontSize: 11 }),
            ],
        });
        figure.id = 'gantt-chart';
        container.replaceChildren(figure);
    }

    // --- tables ------------------------------------------------------------------------------

    function drawTables() {
        const t = data.tables;
        const causeText = (causes) => Object.entries(causes ?? {}).map(([c, n]) => `${c.replaceAll('_', ' ')} ${n}`).join(', ');
        fillTable('table-status-by-service', [
            { label: 'service', value: (r) => r.service },
            { label: 'fully', numeric: true, value: (r) => r.fully },
            { label: 'partially', numeric: true, value: (r) => r.partially },
            { label: 'not', numeric: true, value: (r) => r.not_functioning },
            { label: 'of which no power or water', numeric: true, value: (r) => r.down_by_dependency },
            { label: 'no status', numeric: true, value: (r) => r.unknown },
            { label: 'causes named (facilities)', value: (r) => causeText(r.causes) },
        ], t.status_by_service, 'No facility.');

        const order = { 'not functioning': 0, 'partially functioning': 1, 'functioning': 2, 'no status': 3 };
        const facilities = data.map.facilities.features.map((f) => f.properties)
            .filter((p) => p.status !== 'no status' || (p.causes ?? []).length > 0 || (p.gaps ?? []).length > 0)
            .sort((a, b) => order[a.status] - order[b.status] || a.name.localeCompare(b.name));
        fillTable('table-facilities', [
            { label: 'facility', value: (p) => label(p.code) },
            { label: 'type', value: (p) => p.type },
            { label: 'status', value: (p) => p.status },
            { label: 'why down', value: (p) => p.down_because },
            { label: 'causes', value: (p) => (p.causes ?? []).join(', ') },
            { label: 'gaps (have of need)', value: (p) => (p.gaps ?? []).map((g) => `${g.what} ${g.have} of ${g.need}`).join('; ') },
            { label: 'operator', value: (p) => p.operator || 'nobody' },
            { label: 'funders', value: (p) => (p.funders ?? []).join(', ') || 'nobody' },
        ], facilities, 'No facility has a reported status.');

        fillTable('table-spof', [
            { label: 'facility', value: (r) => label(r.facility) },
            { label: 'hangs on', value: (r) => r.reason },
        ], t.single_points_of_failure, 'None found.');

        const list = (codes) => codes.map(label).join(', ');
        const amounts = (byCurrency) => Object.entries(byCurrency).map(([c, a]) => `${number.format(a)} ${c}`).join(', ');
        fillTable('table-owners', [
            { label: 'organisation', value: (r) => (r.registered ? r.org : `${r.org} (not in the organisations list)`) },
            { label: 'operates', value: (r) => list(r.operates) },
            { label: 'owns', value: (r) => list(r.owns) },
            { label: 'funds', value: (r) => list(r.funds) },
            { label: 'fields', value: (r) => Object.entries(r.resources).map(([k, n]) => `${n} ${k.replaceAll('_', ' ')}`).join(', ') },
            { label: 'gives', value: (r) => amounts(r.funding_given) },
            { label: 'receives', value: (r) => amounts(r.funding_received) },
        ], t.owners, 'No organisation loaded.');

        fillTable('table-unowned', [
            { label: 'task', value: (r) => r.task },
            { label: 'on', value: (r) => label(r.object) },
            { label: 'what is missing', value: (r) => r.what },
            { label: 'holds back', value: (r) => heldBack(r.held_back) },
        ], t.findings, 'Every task has an owner and a funder.');

        const rows = [
            ...t.money.lines.map((m) => ({ ...m, kind: 'line' })),
            ...t.money.unpaid.map((u) => ({ funder: 'needed and not paid for', window: u.kind, line: '', available: null, spent: u.amount })),
        ];
        fillTable('table-money', [
            { label: 'funder', value: (r) => r.funder },
            { label: 'window', value: (r) => r.window },
            { label: 'line', value: (r) => r.line },
            { label: `available (${data.meta.currency})`, numeric: true, value: (r) => (r.available == null ? '' : number.format(r.available)) },
            { label: `needed by the plan (${data.meta.currency})`, numeric: true, value: (r) => number.format(r.spent) },
        ], rows, 'No funding loaded.');
    }

    function drawScenarios() {
        const scenarios = data.scenarios.list;
        document.getElementById('scenarios-lede').textContent = scenarios.length
            ? `Each column is one what-if against the baseline "${data.scenarios.baseline}". People within each service's threshold now, and what each scenario's own plan achieves.`
            : 'No what-if was given (dayafter report --scenarios S1.json ...).';
        const rows = [];
        for (const service of data.services) {
            rows.push({ head: `${service.name}: within ${serviceThreshold(service)}`, cell: (s) => {
                const r = s.services.find((x) => x.service === service.name);
                if (!r) return '–';
                const change = r.within_change === 0 ? '' : ` (${r.within_change > 0 ? '+' : ''}${number.format(r.within_change)})`;
                return `${people(r.within)}${change}`;
            } });
            rows.push({ head: `${service.name}: cut off`, cell: (s) => people(s.services.find((x) => x.service === service.name)?.cut_off) });
        }
        const plan = (key, format) => (s) => (s.plan ? format(s.plan[key]) : 'not planned');
        rows.push({ head: 'own plan: people-days gained', cell: plan('own_plan', people) });
        rows.push({ head: "baseline's plan followed", cell: plan('baseline_plan', people) });
        rows.push({ head: 'money needed', cell: plan('money_needed', money) });
        rows.push({ head: 'of which not paid', cell: plan('not_paid', money) });
        rows.push({ head: 'tasks not done', cell: plan('not_done', people) });
        const table = document.getElementById('table-scenarios');
        table.replaceChildren(
            el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, ''), ...scenarios.map((s) => el('th', { scope: 'col', class: 'num scenario', title: s.description }, s.name)))),
            el('tbody', {}, ...rows.map((r) => el('tr', {}, el('th', { scope: 'row' }, r.head), ...scenarios.map((s) => el('td', { class: 'num' }, r.cell(s)))))));
        const notes = scenarios.flatMap((s) => [
            ...(s.computed_from_scratch ? [`${s.name}: adds facilities, so its access was computed from scratch.`] : []),
            ...s.notes.map((n) => `${s.name}: ${n}`)]);
        if (notes.length) table.after(el('ul', { class: 'notes' }, ...notes.map((n) => el('li', {}, n))));
    }

    // --- run ---------------------------------------------------------------------------------

    function fail(error) {
        window.__reportError = String(error && error.stack || error);
        console.error('report failed:', error);
    }

    try {
        drawHeader();
        drawSources();
        // The map first: its worker cuts the roads into tiles while the charts and tables are
        // drawn here, so the reader waits for the longer of the two, not for both.
        const view = drawMap(() => {
            // performance.now() counts from the start of navigation: the time a reader waits.
            const mapLoadMs = Math.round(performance.now());
            window.__reportReady = { mapLoadMs, renderer: view.renderer };
            document.dispatchEvent(new CustomEvent('report-ready', { detail: { mapLoadMs } }));
        }, fail);
        window.__report = { map: view.map, renderer: view.renderer, layers: view.layers, data };
        drawCurves();
        drawGantt();
        drawTables();
        drawScenarios();
    } catch (error) {
        fail(error);
    }
})();
