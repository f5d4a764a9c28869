// Opens the report built from the Monaco fixture in headless Chromium, offline, and checks that
// what the data says is what the page draws. Every expected count is derived from the fixture
// it loads, so a change of fixture needs no change here, and a page that drops a layer, a line,
// a bar or a row fails.
//
//   npm test                 (from web/report, after `npm ci` and `apt-get install chromium`)
//   REPORT_FIXTURE=other.json REPORT_SCREENSHOT=out.png CHROMIUM=/usr/bin/chromium npm test
//   REPORT_HTML=report.html npm test      (check a report `dayafter report` wrote)

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, mkdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv2020 from 'ajv/dist/2020.js';
import { buildTemplate, fillTemplate, PLACEHOLDER } from '../build.mjs';
import { dataInside, extent, openReport } from './browser.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..');
const fixturePath = process.env.REPORT_FIXTURE ?? join(here, 'fixture-monaco.json');
const screenshotPath = process.env.REPORT_SCREENSHOT ?? join(root, 'build/report-monaco.png');
const MAX_REPORT_BYTES = 10 * 1024 * 1024;

// REPORT_HTML: check a report written by `dayafter report` instead of one built here from the
// fixture; the expected counts then come from the data inside it.
const givenReport = process.env.REPORT_HTML ? resolve(process.env.REPORT_HTML) : null;
const reportPath = givenReport ?? join(root, 'build/report-test.html');
const data = givenReport ? dataInside(readFileSync(givenReport, 'utf8')) : JSON.parse(readFileSync(fixturePath, 'utf8'));

let opened;
let page;

before(async () => {
    if (!givenReport) {
        const template = buildTemplate();
        assert.equal(template.split(PLACEHOLDER).length, 2, 'the template holds the placeholder once');
        mkdirSync(dirname(reportPath), { recursive: true });
        writeFileSync(reportPath, fillTemplate(template, data));
    }
    opened = await openReport(reportPath);
    page = opened.page;
    assert.equal(opened.ready.renderer, 'maplibre', 'with WebGL 2 the map is MapLibre\'s');
    // Printed, not asserted: it depends on the machine (WebGL runs on the CPU here).
    console.log(`# time to the map's load event: ${opened.ready.mapLoadMs} ms`);
    // Tiles are cut in the worker after 'load'; wait for the map to settle before counting.
    await page.evaluate(() => new Promise((done) => {
        const map = window.__report.map;
        map.once('idle', done);
        map.triggerRepaint();
    }));
});

after(async () => {
    if (page) {
        mkdirSync(dirname(screenshotPath), { recursive: true });
        await page.screenshot({ path: screenshotPath, fullPage: true });
        console.log(`# screenshot: ${screenshotPath}`);
    }
    await opened?.browser.close();
});

test('the fixture follows the data contract (docs/report-data.schema.json)', () => {
    const schema = JSON.parse(readFileSync(join(root, '../../docs/report-data.schema.json'), 'utf8'));
    // The page reads what the schema allows; "format": "date-time" is left to the C++ side.
    const validate = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true, validateFormats: false }).compile(schema);
    const ok = validate(data);
    assert.ok(ok, JSON.stringify(validate.errors?.slice(0, 10), null, 2));
});

test('the template keeps the libraries\' licence headers and texts', () => {
    const template = buildTemplate();
    for (const header of ['MapLibre GL JS\n * @license 3-Clause BSD', 'Leaflet 1.9.4, a JS library for interactive maps',
        '// https://d3js.org v7.9.2 Copyright',
        '// @observablehq/plot v0.6.17 Copyright']) {
        assert.ok(template.includes(header), header);
    }
    // The full texts, in the page's "Software" section (BSD-3 asks for them with the binary form).
    assert.ok(template.includes('Copyright (c) 2023, MapLibre contributors'));
    for (const pkg of ['leaflet', 'd3', '@observablehq/plot']) {
        const first = readFileSync(join(root, 'node_modules', pkg, 'LICENSE'), 'utf8').split('\n')[0];
        assert.ok(template.includes(first), `${pkg}: ${first}`);
    }
});

test('data that looks like HTML cannot end the data element early', () => {
    const template = buildTemplate();
    const nasty = { name: '</script><script>alert(1)</script><!-- <\/SCRIPT' };
    const html = fillTemplate(template, nasty);
    const start = html.indexOf('<script type="application/json" id="report-data">');
    const end = html.indexOf('</script>', start);
    const inside = html.slice(html.indexOf('>', start) + 1, end);
    assert.deepEqual(JSON.parse(inside), nasty);
    assert.ok(!inside.includes('<'), 'no "<" is left in the data element');
});

test('the report stays under 10 MB', () => {
    const bytes = statSync(reportPath).size;
    console.log(`# report size: ${(bytes / 1e6).toFixed(2)} MB`);
    assert.ok(bytes < MAX_REPORT_BYTES, `${bytes} bytes`);
});

test('the first screen names the town, the date and what is illustrative', async () => {
    assert.equal(await page.textContent('#town'), data.meta.town);
    assert.match(await page.textContent('#as-of'), new RegExp(data.meta.as_of));
    const note = await page.locator('#illustrative');
    assert.equal(await note.isVisible(), data.meta.illustrative);
    if (data.meta.illustrative) assert.equal(await note.textContent(), data.meta.illustrative_note);
    assert.equal(await page.locator('#table-headline tbody tr').count(), data.headline.services.length);
});

test('the map has every layer, with every feature of the data in its sources', async () => {
    // The map opens on the town; the roads reach further. Show all of the data, so that every
    // feature is in a loaded tile, count them, then go back to the opening view.
    const counts = await page.evaluate(async (whole) => {
        const map = window.__report.map;
        const opening = map.getBounds();
        // triggerRepaint: 'idle' comes after a frame, and a view that did not change draws none.
        const settled = () => new Promise((done) => { map.once('idle', done); map.triggerRepaint(); });
        map.fitBounds(whole, { animate: false, padding: 10 });
        await settled();
        const unique = (features) => new Set(features.map((f) => f.id)).size;
        const layers = ['roads', 'facilities', 'hazard-areas', 'hazard-lines', 'hazard-points', 'places'];
        const result = {
            layers: Object.fromEntries(layers.map((id) => [id, Boolean(map.getLayer(id))])),
            // In the sources' tiles: the data reached the map.
            sources: Object.fromEntries(['roads', 'facilities', 'hazards', 'places']
                .map((id) => [id, unique(map.querySourceFeatures(id))])),
            // Drawn by each layer: its filter and paint let every feature through.
            drawn: Object.fromEntries(layers.filter((id) => map.getLayer(id))
                .map((id) => [id, unique(map.queryRenderedFeatures({ layers: [id] }))])),
        };
        map.fitBounds(opening, { animate: false });
        await settled();
        return result;
    }, extent(data));
    for (const [id, present] of Object.entries(counts.layers)) assert.ok(present, `layer ${id}`);
    for (const id of ['roads', 'facilities', 'hazards', 'places']) {
        assert.equal(counts.sources[id], data.map[id].features.length, `${id} in the source`);
    }
    const hazardsOf = (...types) => data.map.hazards.features.filter((f) => types.includes(f.geometry.type)).length;
    assert.deepEqual(counts.drawn, {
        'roads': data.map.roads.features.length,
        'facilities': data.map.facilities.features.length,
        'hazard-areas': hazardsOf('Polygon', 'MultiPolygon'),
        'hazard-lines': hazardsOf('LineString', 'MultiLineString'),
        'hazard-points': hazardsOf('Point', 'MultiPoint'),
        'places': data.map.places.features.length,
    });
});

/**
 * Zooms in on [lon, lat] (where the town's features no longer overlap), clicks there and returns
 * the popup's text; then closes it and goes back to the opening view.
 */
async function popupAt(coordinates) {
    await page.locator('#map').scrollIntoViewIfNeeded();
    const point = await page.evaluate(async ([lon, lat]) => {
        const map = window.__report.map;
        window.__opening = map.getBounds();
        map.jumpTo({ center: [lon, lat], zoom: 18 });
        await new Promise((done) => { map.once('idle', done); map.triggerRepaint(); });
        const p = map.project([lon, lat]);
        const box = map.getCanvas().getBoundingClientRect();
        return { x: box.left + p.x, y: box.top + p.y };
    }, coordinates);
    await page.mouse.click(point.x, point.y);
    const popup = page.locator('.maplibregl-popup .popup');
    await popup.waitFor({ timeout: 5000 });
    const text = await popup.textContent();
    assert.doesNotMatch(text, /\bnull\b|undefined|NaN/, 'a field left out is not written as null');
    await page.locator('.maplibregl-popup-close-button').click();
    assert.equal(await page.locator('.maplibregl-popup').count(), 0, 'one popup per click');
    await page.evaluate(async () => {
        const map = window.__report.map;
        map.fitBounds(window.__opening, { animate: false });
        await new Promise((done) => { map.once('idle', done); map.triggerRepaint(); });
    });
    return text;
}

test('a facility opens a popup with its name and code', async () => {
    const facility = data.map.facilities.features.find((f) => f.properties.name);
    const text = await popupAt(facility.geometry.coordinates);
    // Another facility may lie on top at this zoom: whichever it is, it is named with its code.
    const codes = data.map.facilities.features.map((f) => f.properties.code);
    assert.ok(codes.some((code) => text.includes(`(${code})`)), text.slice(0, 80));
});

test('a hazard opens a popup with its owner and funder', async () => {
    const hazard = data.map.hazards.features.find((f) => f.geometry.type === 'Point');
    const text = await popupAt(hazard.geometry.coordinates);
    assert.ok(text.startsWith(hazard.properties.name ? `${hazard.properties.name} (${hazard.properties.key})` : hazard.properties.key), text.slice(0, 80));
    assert.match(text, /owner: /);
    assert.match(text, /funder: /);
});

test('a place opens a popup with its people and its time to each service', async () => {
    const place = data.map.places.features[0];
    const text = await popupAt(place.geometry.coordinates);
    assert.ok(text.startsWith(`Place ${place.properties.code}`), text.slice(0, 80));
    for (const s of data.services) assert.ok(text.includes(`${s.name}:`), s.name);
});

test('the map switches the roads\' mode and the service of the travel times', async () => {
    const state = () => page.evaluate(() => {
        const map = window.__report.map;
        return { roads: JSON.stringify(map.getPaintProperty('roads', 'line-color')),
            places: map.getLayoutProperty('places', 'visibility') ?? 'visible',
            placesColour: JSON.stringify(map.getPaintProperty('places', 'circle-color')) };
    });
    await page.selectOption('#map-mode', 'drive');
    assert.match((await state()).roads, /"get","drive"/);
    await page.selectOption('#map-mode', 'walk');
    assert.match((await state()).roads, /"get","walk"/);
    const last = data.services.at(-1);
    await page.selectOption('#map-service', last.name);
    assert.ok((await state()).placesColour.includes(`${last.name}_`), 'places coloured by the chosen service');
    await page.selectOption('#map-service', '');
    assert.equal((await state()).places, 'none');
    await page.selectOption('#map-service', data.services[0].name);
    assert.equal((await state()).places, 'visible');
});

test('the curves have one line per service and rule', async () => {
    const perService = await page.$$eval('#curves figure.curve, #curves svg.curve', (figures) =>
        figures.map((f) => ({ service: f.dataset.service, lines: f.querySelectorAll('g[aria-label="line"] path').length })));
    assert.deepEqual(perService.map((s) => s.service), data.services.map((s) => s.name));
    for (const s of perService) {
        const expected = data.curves.series.filter((x) => x.service === s.service).length;
        assert.equal(s.lines, expected, `lines for ${s.service}`);
    }
    assert.equal(perService.reduce((n, s) => n + s.lines, 0), data.services.length * data.curves.rules.length);
});

test('the Gantt chart has one bar per scheduled task', async () => {
    const bars = await page.locator('#gantt g[aria-label="bar"] rect').count();
    assert.equal(bars, data.schedule.tasks.filter((t) => t.start != null).length);
    // Tasks without a crew share one or two legend entries (partner's own work, no crew needed).
    const placed = data.schedule.tasks.filter((t) => t.start != null);
    const crews = new Set(placed.map((t) => t.crew || (t.status.startsWith('under way') ? '3W' : 'none')));
    const swatches = await page.locator('#gantt .plot-swatch, #gantt [class$="-swatch"]').count();
    assert.equal(swatches, crews.size, 'one legend entry per crew');
});

test('the tables have one row per item of the data', async () => {
    const rows = async (id) => page.locator(`#${id} tbody tr:not(.empty)`).count();
    const t = data.tables;
    assert.equal(await rows('table-status-by-service'), t.status_by_service.length);
    const withStatus = data.map.facilities.features.filter((f) => f.properties.status !== 'no status'
        || (f.properties.causes ?? []).length || (f.properties.gaps ?? []).length);
    assert.equal(await rows('table-facilities'), withStatus.length);
    assert.equal(await rows('table-spof'), t.single_points_of_failure.length);
    assert.equal(await rows('table-owners'), t.owners.length);
    assert.equal(await rows('table-unowned'), t.findings.length);
    assert.equal(await rows('table-money'), t.money.lines.length + t.money.unpaid.length);
    assert.equal(await rows('table-sources'), data.sources.length);
});

test('facilities are named by name with the code beside them', async () => {
    const named = data.map.facilities.features.filter((f) => f.properties.name && f.properties.status !== 'no status');
    const text = await page.textContent('#table-facilities');
    for (const f of named) assert.ok(text.includes(`${f.properties.name} (${f.properties.code})`), f.properties.code);
});

test('the what-ifs have one column per scenario', async () => {
    const heads = await page.$$eval('#table-scenarios thead th.scenario', (th) => th.map((x) => x.textContent));
    assert.deepEqual(heads, data.scenarios.list.map((s) => s.name));
});

test('every figure names its source', async () => {
    const missing = await page.$$eval('[data-figure]', (nodes) =>
        nodes.filter((n) => n.textContent === 'Source: not given.').map((n) => n.dataset.figure));
    assert.deepEqual(missing, []);
});

test('no console error, no page error, and no request left the page', () => {
    assert.deepEqual(opened.pageErrors, []);
    assert.deepEqual(opened.consoleErrors, []);
    assert.deepEqual(opened.outsideRequests, []);
});
