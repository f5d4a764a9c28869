// The report in a browser without WebGL (an old card, a locked-down or remote desktop): the map
// is drawn with Leaflet on a 2D canvas, with every feature, the same switches and popups, and
// the rest of the page as with WebGL. Counts come from the data, as in report.test.mjs.
//
//   npm test                 (runs this file too)
//   REPORT_HTML=report.html node --test test/fallback.test.mjs

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildTemplate, fillTemplate } from '../build.mjs';
import { dataInside, openReport } from './browser.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..');
const givenReport = process.env.REPORT_HTML ? resolve(process.env.REPORT_HTML) : null;
// Its own file: report.test.mjs may be writing build/report-test.html at the same time.
const reportPath = givenReport ?? join(root, 'build/report-fallback-test.html');
const data = givenReport ? dataInside(readFileSync(givenReport, 'utf8'))
    : JSON.parse(readFileSync(process.env.REPORT_FIXTURE ?? join(here, 'fixture-monaco.json'), 'utf8'));
const screenshotPath = join(dirname(process.env.REPORT_SCREENSHOT ?? join(root, 'build/report.png')), 'report-no-webgl.png');

let opened;
let page;

before(async () => {
    if (!givenReport) {
        mkdirSync(dirname(reportPath), { recursive: true });
        writeFileSync(reportPath, fillTemplate(buildTemplate(), data));
    }
    opened = await openReport(reportPath, { webgl: false });
    page = opened.page;
    console.log(`# time to the map's load event without WebGL: ${opened.ready.mapLoadMs} ms`);
});

after(async () => {
    if (page) {
        await page.screenshot({ path: screenshotPath, fullPage: true });
        console.log(`# screenshot: ${screenshotPath}`);
    }
    await opened?.browser.close();
});

const withGeometry = (layer, ...types) => data.map[layer].features
    .filter((f) => f.geometry && (types.length === 0 || types.includes(f.geometry.type)));

test('without WebGL the map is drawn with Leaflet', async () => {
    assert.equal(await page.evaluate(() => Boolean(document.createElement('canvas').getContext('webgl2'))), false,
        'the browser really has no WebGL 2');
    assert.equal(opened.ready.renderer, 'leaflet');
    assert.ok(await page.locator('#map canvas.leaflet-zoom-animated').count() > 0, 'a Leaflet canvas');
});

test('the Leaflet map has every feature of the data in its layer', async () => {
    const counts = await page.evaluate(() => Object.fromEntries(Object.entries(window.__report.layers)
        .map(([id, layer]) => [id, { features: layer.getLayers().length, shown: window.__report.map.hasLayer(layer) }])));
    assert.deepEqual(counts, {
        'hazard-areas': { features: withGeometry('hazards', 'Polygon', 'MultiPolygon').length, shown: true },
        'roads': { features: withGeometry('roads').length, shown: true },
        'hazard-lines': { features: withGeometry('hazards', 'LineString', 'MultiLineString').length, shown: true },
        'hazard-points': { features: withGeometry('hazards', 'Point', 'MultiPoint').length, shown: true },
        // The first service is chosen when the page opens, so the places show.
        'places': { features: withGeometry('places').length, shown: data.services.length > 0 },
        'facilities': { features: withGeometry('facilities').length, shown: true },
    });
});

/** The colour each road is drawn in, by its state for `mode`: one colour per state. */
async function roadColoursBy(mode) {
    const colours = await page.evaluate(() => window.__report.layers.roads.getLayers().map((l) => l.options.color));
    const roads = withGeometry('roads');
    const byState = new Map();
    roads.forEach((road, i) => {
        const state = road.properties[mode] ?? 'none';
        if (!byState.has(state)) byState.set(state, new Set());
        byState.get(state).add(colours[i]);
    });
    for (const [state, set] of byState) assert.equal(set.size, 1, `roads ${state} on ${mode}: one colour, not ${[...set]}`);
    const perState = [...byState].map(([state, set]) => [state, [...set][0]]);
    assert.equal(new Set(perState.map(([, c]) => c)).size, perState.length, `a colour per state on ${mode}`);
    return Object.fromEntries(perState);
}

test('the roads are coloured by their state for the chosen mode', async () => {
    const walk = await roadColoursBy('walk');
    await page.selectOption('#map-mode', 'drive');
    const drive = await roadColoursBy('drive');
    await page.selectOption('#map-mode', 'walk');
    assert.deepEqual(await roadColoursBy('walk'), walk);
    // A state has the same colour whichever mode is shown.
    for (const state of Object.keys(walk)) if (state in drive) assert.equal(drive[state], walk[state], state);
});

test('the places follow the chosen service, and the facilities stay on top', async () => {
    const state = () => page.evaluate(() => {
        const { map, layers } = window.__report;
        // The canvas draws its layers in the order of this list (Leaflet's own, not public).
        const drawn = [];
        for (let item = layers.facilities.getLayers()[0].options.renderer._drawFirst; item; item = item.next) drawn.push(item.layer);
        const lastPlace = Math.max(...layers.places.getLayers().map((l) => drawn.indexOf(l)));
        const firstFacility = Math.min(...layers.facilities.getLayers().map((l) => drawn.indexOf(l)));
        return { places: map.hasLayer(layers.places),
            fills: [...new Set(layers.places.getLayers().map((l) => l.options.fillColor))].length,
            facilitiesAbove: firstFacility > lastPlace };
    });
    await page.selectOption('#map-service', '');
    assert.equal((await state()).places, false);
    const last = data.services.at(-1);
    await page.selectOption('#map-service', last.name);
    const shown = await state();
    assert.equal(shown.places, true);
    assert.ok(shown.facilitiesAbove, 'facilities drawn above places');
    const key = `${last.name}_${last.unit === 'm' ? 'metres' : 'minutes'}`;
    const amounts = new Set(withGeometry('places').map((p) => p.properties[key]));
    if (amounts.size > 1) assert.ok(shown.fills > 1, 'places coloured by their time to the service');
    await page.selectOption('#map-service', data.services[0].name);
});

test('a facility opens a popup with its name and code', async () => {
    const facility = withGeometry('facilities', 'Point').find((f) => f.properties.name);
    await page.locator('#map').scrollIntoViewIfNeeded();
    const point = await page.evaluate(([lon, lat]) => {
        const map = window.__report.map;
        map.setView([lat, lon], 19, { animate: false });
        const p = map.latLngToContainerPoint([lat, lon]);
        const box = map.getContainer().getBoundingClientRect();
        return { x: box.left + p.x, y: box.top + p.y };
    }, facility.geometry.coordinates);
    await page.mouse.click(point.x, point.y);
    const popup = page.locator('.leaflet-popup .popup');
    await popup.waitFor({ timeout: 5000 });
    const text = await popup.textContent();
    assert.doesNotMatch(text, /\bnull\b|undefined|NaN/);
    const codes = data.map.facilities.features.map((f) => f.properties.code);
    assert.ok(codes.some((code) => text.includes(`(${code})`)), text.slice(0, 80));
    assert.equal(await page.locator('.leaflet-popup').count(), 1, 'one popup per click');
});

test('the rest of the page is drawn as with WebGL', async () => {
    assert.equal(await page.locator('#curves figure.curve, #curves svg.curve').count(), data.services.length);
    assert.equal(await page.locator('#gantt g[aria-label="bar"] rect').count(),
        data.schedule.tasks.filter((t) => t.start != null).length);
    assert.equal(await page.locator('#table-sources tbody tr:not(.empty)').count(), data.sources.length);
});

test('without WebGL: no console error, no page error, and no request left the page', () => {
    assert.deepEqual(opened.pageErrors, []);
    assert.deepEqual(opened.consoleErrors, []);
    assert.deepEqual(opened.outsideRequests, []);
});
