// Opening a report in headless Chromium with no network, for the page's tests: the browser's
// flags, and what the page logged and tried to fetch.

import assert from 'node:assert/strict';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

export const executablePath = process.env.CHROMIUM ?? '/usr/bin/chromium';
// Headless Chromium has no GPU here: WebGL runs on SwiftShader through ANGLE. Recent Chromium
// only falls back to SwiftShader for WebGL when told it may (--enable-unsafe-swiftshader).
const WEBGL_ARGS = ['--use-gl=angle', '--use-angle=swiftshader', '--enable-unsafe-swiftshader'];
// A browser without WebGL at all, as on an old card or a locked-down or remote desktop.
const NO_WEBGL_ARGS = ['--disable-webgl', '--disable-3d-apis'];
// Chromium's own traffic (updates, sync, lookups of its vendor's hosts) has no place on a
// machine without network; Playwright passes most of these already, named here to be sure.
const QUIET_ARGS = ['--disable-background-networking', '--disable-component-update', '--disable-sync',
    '--disable-quic', '--no-first-run', '--disable-default-apps'];

export function isLocal(url) {
    return url.startsWith('file:') || url.startsWith('data:') || url.startsWith('blob:') || url === 'about:blank';
}

/** The JSON in a report's <script id="report-data"> element, as the page reads it. */
export function dataInside(html) {
    const open = html.indexOf('<script type="application/json" id="report-data">');
    assert.ok(open >= 0, 'the report has its data element');
    const start = html.indexOf('>', open) + 1;
    return JSON.parse(html.slice(start, html.indexOf('</script>', start)));
}

/** The box around every feature of the map's data, as [[west, south], [east, north]]. */
export function extent(report) {
    const box = [Infinity, Infinity, -Infinity, -Infinity];
    const visit = (c) => {
        if (typeof c[0] === 'number') {
            box[0] = Math.min(box[0], c[0]); box[1] = Math.min(box[1], c[1]);
            box[2] = Math.max(box[2], c[0]); box[3] = Math.max(box[3], c[1]);
        } else c.forEach(visit);
    };
    for (const layer of ['roads', 'facilities', 'hazards', 'places']) {
        for (const f of report.map[layer].features) if (f.geometry) visit(f.geometry.coordinates);
    }
    return [[box[0], box[1]], [box[2], box[3]]];
}

/**
 * Opens the report at `path` offline and waits until the page says it is ready (the map loaded,
 * every chart drawn) or failed. Returns the browser, the page, and the lists of console errors,
 * page errors and requests that tried to leave the page, which fill as the test goes on.
 */
export async function openReport(path, { webgl = true } = {}) {
    const browser = await chromium.launch({ executablePath, headless: true,
        args: ['--no-sandbox', ...(webgl ? WEBGL_ARGS : NO_WEBGL_ARGS), ...QUIET_ARGS] });
    const seen = { consoleErrors: [], pageErrors: [], outsideRequests: [] };
    // offline: the browser context has no network at all; the route below also counts what
    // the page tried, since an offline failure alone would only show as a console error.
    const context = await browser.newContext({ offline: true, viewport: { width: 1366, height: 900 } });
    await context.route('**/*', (route) => {
        const url = route.request().url();
        if (isLocal(url)) return route.continue();
        seen.outsideRequests.push(url);
        return route.abort('blockedbyclient');
    });
    const page = await context.newPage();
    page.on('console', (message) => {
        if (message.type() === 'error') seen.consoleErrors.push(message.text());
    });
    page.on('pageerror', (error) => seen.pageErrors.push(String(error)));
    // Requests that do not go through routing (a worker's own fetches) still show here.
    page.on('request', (request) => {
        if (!isLocal(request.url()) && !seen.outsideRequests.includes(request.url())) seen.outsideRequests.push(request.url());
    });

    await page.goto(pathToFileURL(path).href);
    await page.waitForFunction(() => window.__reportReady || window.__reportError, null, { timeout: 60_000 });
    const error = await page.evaluate(() => window.__reportError);
    assert.equal(error, undefined, `the page failed: ${error}`);
    const ready = await page.evaluate(() => window.__reportReady);
    return { browser, page, ready, ...seen };
}
