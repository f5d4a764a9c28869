// Turns the CLI outputs that make-fixture.sh keeps into the report's data (docs/report-data.md),
// as `dayafter report` will write it, and prints it:
//   node test/make-fixture.mjs OUT > test/fixture-monaco.json
//
// Two things the CLI does not write yet are filled in here, and docs/report-data.md says what
// the C++ side must compute instead:
// - the simple rules' curves: `plan` keeps only their areas, so each rule gets the plan's curve
//   (in the Monaco bundle every rule has the same area as the plan);
// - the people held back by all work without owner or funder together: taken as the most any
//   single such task holds back, a lower bound of the union the C++ side will compute.

import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.argv[2];
if (!dir) throw new Error('usage: node test/make-fixture.mjs OUT (the folder make-fixture.sh wrote)');
const text = (name) => readFileSync(join(dir, name), 'utf8');
const json = (name) => JSON.parse(text(name));
const geojson = (name) => (existsSync(join(dir, name)) ? json(name) : { type: 'FeatureCollection', features: [] });

/** An HXL CSV: header row, hashtag row, then data; quoted fields may hold commas. */
function hxlRows(source) {
    source = source.replace(/^\uFEFF/, ''); // the CLI writes CSV with a BOM, for spreadsheets
    const lines = [];
    let field = '';
    let row = [];
    let quoted = false;
    for (let i = 0; i < source.length; ++i) {
        const c = source[i];
        if (quoted) {
            if (c === '"' && source[i + 1] === '"') { field += '"'; ++i; } else if (c === '"') quoted = false; else field += c;
        } else if (c === '"') quoted = true;
        else if (c === ',') { row.push(field); field = ''; } else if (c === '\n') { row.push(field); lines.push(row); row = []; field = ''; } else if (c !== '\r') field += c;
    }
    if (field || row.length) { row.push(field); lines.push(row); }
    const [header, , ...data] = lines;
    return data.map((values) => Object.fromEntries(header.map((h, i) => [h, values[i] ?? ''])));
}

const round = (x, digits) => (x == null ? null : Number(x.toFixed(digits)));
const list = (s) => (s ? String(s).split(/;\s*/).filter(Boolean) : []);

// --- inputs --------------------------------------------------------------------------------
const status = json('status.json');
const owners = json('owners.json');
const access = json('access.json');
const summary = json('plan-summary.json');
const schedule = hxlRows(text('plan/schedule.csv'));
const compare = json('compare.json');
const planText = text('plan.txt');
const version = text('version.txt').trim();

// --- services ------------------------------------------------------------------------------
const services = access.services.map((s) => ({
    name: s.service,
    mode: s.mode,
    measure: s.measure,
    threshold: s.measure === 'time' ? s.threshold / 60 : s.threshold,
    unit: s.measure === 'time' ? 'min' : 'm',
    source: s.threshold_source,
}));

// --- map -----------------------------------------------------------------------------------
const hazards = ['hazard_areas', 'hazard_lines', 'hazard_points'].flatMap((layer) =>
    geojson(`gpkg-${layer}.geojson`).features.map((f) => ({
        type: 'Feature',
        geometry: f.geometry,
        properties: {
            key: f.properties.key, kind: f.properties.kind, name: f.properties.name ?? '',
            damage: f.properties.damage ?? '', effect: f.properties.effect ?? '',
            owner: f.properties.owner ?? '', funder: f.properties.funder ?? '',
            accountable: f.properties.accountable, blocked_roads: f.properties.blocked_roads ?? 0,
            slowed_roads: f.properties.slowed_roads ?? 0, source: f.properties.source ?? '',
        },
    })));
const mined = new Set(hazards.filter((h) => h.properties.kind === 'contamination').map((h) => h.properties.key));

const roads = geojson('gpkg-roads.geojson').features.map((f) => {
    const keys = list(f.properties.hazards);
    // The GeoPackage says "blocked" for rubble and mines alike; the report tells them apart.
    const state = (s) => (s === 'blocked' && keys.some((k) => mined.has(k)) ? 'mined' : s);
    return {
        type: 'Feature',
        geometry: f.geometry,
        properties: {
            osm_way: f.properties.osm_way, class: f.properties.class, bridge: Boolean(f.properties.bridge),
            length_m: round(f.properties.length_m, 1),
            walk: state(f.properties.walk), drive: state(f.properties.drive),
            walk_minutes: round(f.properties.walk_minutes, 2), drive_minutes: round(f.properties.drive_minutes, 2),
            hazards: keys,
        },
    };
});

// Causes and gaps come from the registry export (HXL); status and why down from the GeoPackage.
// A partner's row matched to a mapped facility keeps its own code; the map knows it by OSM id.
const registry = new Map(hxlRows(text('facilities.csv')).map((r) => [r.osm_id || r.ext_code, r]));
function gaps(row) {
    const out = [];
    for (const [column, have] of Object.entries(row ?? {})) {
        let m = column.match(/^(.+) staff present$/);
        if (m && row[`${m[1]} staff needed`] !== '' && have !== '') {
            const need = Number(row[`${m[1]} staff needed`]);
            if (Number(have) < need) out.push({ what: `staff ${m[1]}`, have: Number(have), need });
        }
        m = column.match(/^(.+) equipment working$/);
        if (m && row[`${m[1]} equipment total`] !== '' && have !== '') {
            const need = Number(row[`${m[1]} equipment total`]);
            if (Number(have) < need) out.push({ what: `equipment ${m[1]} working`, have: Number(have), need });
        }
    }
    return out;
}
const facilities = geojson('gpkg-facilities.geojson').features.map((f) => {
    const p = f.properties;
    const row = registry.get(p.code);
    return {
        type: 'Feature',
        geometry: f.geometry,
        properties: {
            code: p.code, name: p.name ?? '', type: p.type, status: p.status, herams: p.herams ?? '',
            down_because: p.down_because ?? '', damage: p.damage ?? '',
            causes: list(row?.causes).map((c) => c.replace(/_/g, ' ')), gaps: gaps(row),
            operator: p.operator ?? '', funders: list(p.funders), reported: p.reported ?? '', source: p.source ?? '',
        },
    };
});

const places = geojson('access/places.geojson');

// The map opens on where the report's data is (places, facilities with a status, hazards),
// not on the whole extract, which reaches into the towns around.
function bbox(features) {
    const box = [Infinity, Infinity, -Infinity, -Infinity];
    const visit = (c) => {
        if (typeof c[0] === 'number') {
            box[0] = Math.min(box[0], c[0]); box[1] = Math.min(box[1], c[1]);
            box[2] = Math.max(box[2], c[0]); box[3] = Math.max(box[3], c[1]);
        } else c.forEach(visit);
    };
    features.forEach((f) => f.geometry && visit(f.geometry.coordinates));
    const pad = Math.max(box[2] - box[0], box[3] - box[1]) * 0.1;
    return [box[0] - pad, box[1] - pad, box[2] + pad, box[3] + pad].map((x) => round(x, 6));
}
const bounds = bbox([...places.features, ...hazards, ...facilities.filter((f) => f.properties.status !== 'no status')]);

// --- curves --------------------------------------------------------------------------------
const curve = hxlRows(text('plan/curve.csv'));
const slug = (name) => name.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_|_$/g, '');
const rules = [{ id: 'plan', label: 'this plan', gain: summary.gain },
    ...summary.rules.map((r) => ({ id: slug(r.name), label: r.name, gain: r.gain }))];
const series = [];
for (const s of services) {
    const people = curve.map((row) => Number(row[`${s.name}_within`]));
    for (const rule of rules) series.push({ service: s.name, rule: rule.id, people });
}

// --- schedule and findings -----------------------------------------------------------------
const findings = summary.findings.map((f) => ({
    task: f.task, object: f.object, what: f.what, held_back: f.held_back,
    no_owner: /no owner/.test(f.what), no_funder: /no funder|nobody pays/.test(f.what),
}));
const findingOf = (task, object) => findings.find((f) => f.task === task && f.object === object);
const day = (s) => (s === '' ? null : Number(s));
const tasks = schedule.map((t) => ({
    task: t.task, kind: t.kind, object: t.place, crew: t.crew, start: day(t.start_day), finish: day(t.end_day),
    start_date: t.start, finish_date: t.end, owner: t.owner, funder: t.funder,
    cost: Math.round(Number(t.cost)), status: t.status, held_back: findingOf(t.task, t.place)?.held_back ?? {},
}));
const open = findings.filter((f) => f.no_owner || f.no_funder);
const heldBack = {};
for (const f of open) for (const [s, n] of Object.entries(f.held_back)) heldBack[s] = Math.max(heldBack[s] ?? 0, n);

// --- money: pots are named "FUNDER WINDOW (LINE)" by the plan ----------------------------------
const lines = summary.money.map((m) => {
    const match = m.name.match(/^(\S+) (\S+) \((.+)\)$/);
    return { funder: match ? match[1] : m.name, window: match ? match[2] : '', line: match ? match[3] : '',
        available: Math.round(m.available), spent: Math.round(m.spent) };
});
const unpaid = [...planText.matchAll(/needed and not paid for: (\S+) ([\d,]+)/g)]
    .map((m) => ({ kind: m[1], amount: Number(m[2].replace(/,/g, '')) }));

// --- scenarios -----------------------------------------------------------------------------
const scenarios = compare.scenarios.map((s) => ({
    name: s.name, description: s.description, file: s.file,
    computed_from_scratch: s.computed_from_scratch, notes: s.notes,
    services: s.services.map((r) => ({ service: r.service, within: r.within, within_change: r.within_change,
        beyond: r.beyond, cut_off: r.cut_off, not_taken: r.not_taken })),
    plan: s.plan ? {
        own_plan: s.plan.area_under_curve, baseline_plan: s.plan.baseline_plan_area_under_curve,
        money_needed: Math.round(s.plan.money_needed), not_paid: Math.round(s.plan.money_not_paid),
        not_done: s.plan.tasks_not_done,
    } : null,
}));

// --- sources -------------------------------------------------------------------------------
const osm = { source: 'OpenStreetMap extract of Monaco (tests/data/osm/monaco, © OpenStreetMap contributors, ODbL)', date: '2024-07-11' };
const bundle = (what) => ({ source: `illustrative registry bundle (tests/data/registry/monaco): ${what}`, date: '2017-12-15' });
const sources = [
    { figure: 'headline', what: 'people within', source: 'dayafter plan over the damaged roads', date: summary.start },
    ...services.map((s) => ({ figure: 'headline', what: `${s.name} threshold`, source: s.source, date: summary.start })),
    { figure: 'headline', what: 'population', ...bundle('population points') },
    { figure: 'map', what: 'roads', ...osm },
    { figure: 'map', what: 'hazards', ...bundle('UNOSAT-style damage points and footprints, mined and insecure areas') },
    { figure: 'map', what: 'facility status', ...bundle('HeRAMS-style round') },
    { figure: 'curves', what: 'restoration curves', source: 'dayafter plan (heuristic, seed 1, 300 evaluations)', date: summary.start },
    { figure: 'schedule', what: 'crews and work rates', ...bundle('resources, 3W activities; work rates: docs/cli/plan.md') },
    { figure: 'facilities', what: 'status and causes', ...bundle('HeRAMS-style round') },
    { figure: 'single_points_of_failure', what: 'single roads and power supplies', source: 'dayafter status over the damaged roads', date: status.as_of ?? '2017-12-31' },
    { figure: 'owners', what: 'organisations, operators and funders', ...bundle('orgs, facilities, funding, 3W') },
    { figure: 'findings', what: 'work without owner or funder', source: 'dayafter plan', date: summary.start },
    { figure: 'money', what: 'funding lines', ...bundle('funding (amounts of the order of UNDP FFS projects)') },
    { figure: 'scenarios', what: 'what-ifs', source: 'docs/scenarios (dayafter compare --plan)', date: summary.start },
];

const report = {
    format: 'dayafter-report',
    format_version: 1,
    meta: {
        town: 'Monaco',
        project: 'm.dayafter',
        as_of: status.as_of ?? summary.start,
        day0: summary.start,
        horizon_days: summary.horizon_days,
        currency: summary.currency,
        population_total: access.population.total,
        illustrative: true,
        illustrative_note: 'Illustrative scenario: the damage, facility statuses, people, crews and money are made up, calibrated on published figures (HeRAMS Syria, December 2017; UNOSAT damage classes; UNDP FFS project sizes). Nothing here happened in Monaco; only the roads and buildings are real (OpenStreetMap).',
        generated_at: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
        generated_by: version,
        road_data: '© OpenStreetMap contributors, ODbL',
    },
    services,
    headline: {
        services: summary.services.map((s) => ({ service: s.service, now: s.today, day_30: s.day_30, day_90: s.day_90, achievable: s.achievable })),
        unowned_or_unfunded: { tasks: open.length, held_back: heldBack },
    },
    map: {
        bounds,
        roads: { type: 'FeatureCollection', features: roads },
        facilities: { type: 'FeatureCollection', features: facilities },
        hazards: { type: 'FeatureCollection', features: hazards },
        places: { type: 'FeatureCollection', features: places.features },
    },
    curves: { rules, series },
    schedule: { tasks },
    tables: {
        status_by_service: status.services,
        single_points_of_failure: status.single_points_of_failure,
        owners: owners.orgs,
        findings,
        money: { lines, unpaid },
    },
    scenarios: { baseline: compare.baseline, list: scenarios },
    sources,
};
process.stdout.write(JSON.stringify(report) + '\n');
