// Builds the report template: ONE html file with MapLibre GL JS, Leaflet (the map where WebGL 2
// is missing), d3, Observable Plot and the page's own JS/CSS inlined, and a single placeholder
// where `dayafter report` puts the project's data. The page must open with no network at all,
// so nothing may be left to fetch.
//
//   node build.mjs                       -> dist/report-template.html (placeholder kept)
//   node build.mjs --data F.json -o R.html   -> a filled report, as the C++ side would write it
//
// The libraries go in as their own dist builds, byte for byte except for the trailing
// sourceMappingURL comment (a file:// page has no map file beside it). Their licence texts, and
// those of the packages bundled into those builds, go into the page's "Software" section.

import { readFileSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

/** The one string the C++ side replaces with the report's JSON (see docs/report-data.md). */
export const PLACEHOLDER = '@@DAYAFTER_REPORT_DATA@@';

const LIBRARIES = [
    { name: 'maplibre-gl', file: 'maplibre-gl/dist/maplibre-gl.js' },
    { name: 'leaflet', file: 'leaflet/dist/leaflet.js' },
    { name: 'd3', file: 'd3/dist/d3.min.js' },
    { name: '@observablehq/plot', file: '@observablehq/plot/dist/plot.umd.min.js' },
];
const STYLES = ['maplibre-gl/dist/maplibre-gl.css', 'leaflet/dist/leaflet.css'];

function read(path) {
    return readFileSync(path, 'utf8');
}

function moduleFile(rel) {
    return join(here, 'node_modules', rel);
}

/**
 * Text inlined in a <script> or <style> element ends at the first "</script" or "</style"
 * whatever the JS around it means, so such a sequence must not occur; none of the pinned builds
 * has one, and this check keeps a future upgrade from silently cutting the page short.
 */
function checkInlinable(name, text, closer) {
    if (text.toLowerCase().includes(closer)) {
        throw new Error(`${name} contains "${closer}"; it cannot be inlined as it is`);
    }
    if (text.includes(PLACEHOLDER)) {
        throw new Error(`${name} contains the data placeholder ${PLACEHOLDER}`);
    }
}

function stripSourceMap(text) {
    return text.replace(/\n\/\/# sourceMappingURL=\S+\s*$/, '\n');
}

/**
 * The licence of every package whose code ends up in the page: the four libraries and the
 * production dependencies their dist builds bundle (read from package-lock.json, so the list
 * follows the pinned tree). Identical texts are printed once with all their packages.
 */
function licences() {
    const lock = JSON.parse(read(join(here, 'package-lock.json')));
    const byText = new Map();
    for (const [path, entry] of Object.entries(lock.packages)) {
        if (!path.startsWith('node_modules/') || entry.dev) continue;
        const dir = join(here, path);
        const file = ['LICENSE', 'LICENSE.txt', 'LICENSE.md', 'license', 'LICENCE']
            .map((f) => join(dir, f))
            .find((f) => existsSync(f));
        const name = path.slice('node_modules/'.length);
        const text = file ? read(file).trim() : `${entry.license ?? 'no licence file'} (no licence text shipped)`;
        if (!byText.has(text)) byText.set(text, []);
        byText.get(text).push(`${name} ${entry.version} (${entry.license ?? '?'})`);
    }
    return [...byText].map(([text, packages]) => ({ packages, text }));
}

function escapeHtml(s) {
    return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * The JSON as it may stand inside <script type="application/json">: every "<" written as the
 * JSON escape \u003c, so neither "</script" nor "<!--" can occur. A "<" can only be inside a
 * JSON string, where \u003c means the same character. The C++ side does the same.
 */
export function escapeJsonForScript(json) {
    return json.replace(/</g, '\\u003c');
}

/** The template with the libraries and the page's code inlined; the placeholder is kept. */
export function buildTemplate() {
    const scripts = LIBRARIES.map(({ name, file }) => {
        const text = stripSourceMap(read(moduleFile(file)));
        checkInlinable(name, text, '</script');
        return `<script>/* ${name} (${file}) */\n${text}\n</script>`;
    });
    const libraryCss = STYLES.map((file) => {
        const text = stripSourceMap(read(moduleFile(file)));
        checkInlinable(file, text, '</style');
        return `/* ${file} */\n${text}`;
    });
    const ownCss = read(join(here, 'src/report.css'));
    const ownJs = read(join(here, 'src/report.js'));
    checkInlinable('src/report.css', ownCss, '</style');
    checkInlinable('src/report.js', ownJs, '</script');

    const licenceHtml = licences()
        .map(({ packages, text }) => `<h4>${escapeHtml(packages.join(', '))}</h4>\n<pre>${escapeHtml(text)}</pre>`)
        .join('\n');

    const template = read(join(here, 'src/template.html'));
    // Each marker must be there exactly once; a missing one would leave a library out quietly.
    const parts = {
        '<!--@STYLES@-->': `<style>\n${libraryCss.join('\n')}\n${ownCss}\n</style>`,
        '<!--@LIBRARIES@-->': scripts.join('\n'),
        '<!--@REPORT_JS@-->': `<script>\n${ownJs}\n</script>`,
        '<!--@LICENCES@-->': licenceHtml,
    };
    let html = template;
    for (const [marker, text] of Object.entries(parts)) {
        if (html.split(marker).length !== 2) throw new Error(`src/template.html: ${marker} must occur once`);
        // A function as replacement, so "$&" and the like in the libraries stay as they are.
        html = html.replace(marker, () => text);
    }
    if (html.split(PLACEHOLDER).length !== 2) {
        throw new Error(`the built template must hold ${PLACEHOLDER} exactly once`);
    }
    return html;
}

/** A filled report: the template with the data where the placeholder was. */
export function fillTemplate(template, data) {
    const json = escapeJsonForScript(JSON.stringify(data));
    return template.replace(PLACEHOLDER, () => json);
}

function main(argv) {
    let dataFile = null;
    let out = null;
    for (let i = 0; i < argv.length; ++i) {
        if (argv[i] === '--data') dataFile = argv[++i];
        else if (argv[i] === '-o') out = argv[++i];
        else throw new Error(`unknown argument ${argv[i]} (usage: node build.mjs [--data F.json] [-o OUT.html])`);
    }
    const template = buildTemplate();
    const html = dataFile ? fillTemplate(template, JSON.parse(read(dataFile))) : template;
    out ??= join(here, dataFile ? 'dist/report.html' : 'dist/report-template.html');
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, html);
    console.log(`wrote ${out} (${(Buffer.byteLength(html) / 1e6).toFixed(2)} MB)`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
    main(process.argv.slice(2));
}
