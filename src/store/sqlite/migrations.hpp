// Private to store: the schema as numbered migrations. Migration k brings user_version k-1 to k.
#pragma once

#include <array>
#include <string_view>

namespace dayafter::store::sqlite {

/// 'DAYF': marks a SQLite file as a dayafter project (PRAGMA application_id).
inline constexpr int kApplicationId = 0x44415946;

inline constexpr std::string_view kMigration0001Init = R"sql(
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE speeds (
    mode TEXT NOT NULL, road_class TEXT NOT NULL, kmh REAL NOT NULL,
    PRIMARY KEY (mode, road_class));
CREATE TABLE import_report (key TEXT PRIMARY KEY, value INTEGER NOT NULL);
-- Road junctions and way ends; ids are dense and in Hilbert order.
CREATE TABLE nodes (
    id INTEGER PRIMARY KEY, osm_id INTEGER NOT NULL,
    lon_e7 INTEGER NOT NULL, lat_e7 INTEGER NOT NULL);
CREATE TABLE waterways (
    id INTEGER PRIMARY KEY, osm_way_id INTEGER NOT NULL, kind TEXT NOT NULL,
    name TEXT NOT NULL, geometry BLOB NOT NULL);
CREATE TABLE bridges (
    id INTEGER PRIMARY KEY, osm_way_id INTEGER NOT NULL UNIQUE, name TEXT NOT NULL,
    road_class TEXT NOT NULL, waterway_id INTEGER REFERENCES waterways (id));
-- Road segments between junctions. walk_ms / drive_ms are NULL where the mode cannot use it;
-- oneway is -1, 0 or 1 relative to the geometry; geometry holds int32 lon_e7, lat_e7 pairs.
CREATE TABLE edges (
    id INTEGER PRIMARY KEY,
    from_node INTEGER NOT NULL REFERENCES nodes (id),
    to_node INTEGER NOT NULL REFERENCES nodes (id),
    osm_way_id INTEGER NOT NULL, road_class TEXT NOT NULL, length_m REAL NOT NULL,
    oneway INTEGER NOT NULL, bridge_id INTEGER REFERENCES bridges (id),
    walk_ms INTEGER, drive_ms INTEGER, geometry BLOB NOT NULL);
CREATE INDEX edges_by_way ON edges (osm_way_id);
CREATE TABLE facilities (
    id INTEGER PRIMARY KEY, code TEXT NOT NULL UNIQUE, type TEXT NOT NULL, name TEXT NOT NULL,
    lon_e7 INTEGER NOT NULL, lat_e7 INTEGER NOT NULL,
    walk_node INTEGER REFERENCES nodes (id), walk_snap_m REAL,
    drive_node INTEGER REFERENCES nodes (id), drive_snap_m REAL);
-- Footprint: MultiPolygon WKB in lon/lat (EPSG:4326).
CREATE TABLE buildings (
    id INTEGER PRIMARY KEY, code TEXT NOT NULL UNIQUE,
    lon_e7 INTEGER NOT NULL, lat_e7 INTEGER NOT NULL,
    area_m2 REAL NOT NULL, levels REAL, footprint BLOB);
)sql";

// The registry: every load of a file (facility status, hazards, population, 3W) is one row of
// `loads`; every object version it brought is one row of `records`, keyed by kind and key, with
// the date it reports on. Nothing is updated or deleted: the state at a date is the latest
// record per key reported on or before it. The triggers make that a property of the file.
inline constexpr std::string_view kMigration0002Registry = R"sql(
CREATE TABLE loads (
    id INTEGER PRIMARY KEY, kind TEXT NOT NULL, source_file TEXT NOT NULL,
    recorded_at TEXT NOT NULL, recorded_by TEXT NOT NULL, tool TEXT NOT NULL);
CREATE TABLE records (
    id INTEGER PRIMARY KEY, load_id INTEGER NOT NULL REFERENCES loads (id),
    kind TEXT NOT NULL, key TEXT NOT NULL, reported TEXT NOT NULL, line INTEGER NOT NULL,
    data TEXT NOT NULL);
CREATE INDEX records_by_key ON records (kind, key, reported, id);
CREATE TRIGGER loads_append_only_update BEFORE UPDATE ON loads
    BEGIN SELECT RAISE(ABORT, 'the registry is append-only'); END;
CREATE TRIGGER loads_append_only_delete BEFORE DELETE ON loads
    BEGIN SELECT RAISE(ABORT, 'the registry is append-only'); END;
CREATE TRIGGER records_append_only_update BEFORE UPDATE ON records
    BEGIN SELECT RAISE(ABORT, 'the registry is append-only'); END;
CREATE TRIGGER records_append_only_delete BEFORE DELETE ON records
    BEGIN SELECT RAISE(ABORT, 'the registry is append-only'); END;
)sql";

// The latest state per object, as replaying `records` gives it (every version of the key merged in
// date order, with the metadata of the one applied last): opening a project then reads one row
// per object instead of its whole history. It is a cache, not history, so it is rewritten per key
// by every load, in the load's transaction; a project of schema 2 gets every key at its first
// load after the upgrade.
inline constexpr std::string_view kMigration0003Current = R"sql(
CREATE TABLE current (
    kind TEXT NOT NULL, key TEXT NOT NULL, data TEXT NOT NULL, reported TEXT NOT NULL,
    load_id INTEGER NOT NULL REFERENCES loads (id),
    record_id INTEGER NOT NULL REFERENCES records (id), line INTEGER NOT NULL,
    PRIMARY KEY (kind, key));
)sql";

// The plans made on the project, each with the inputs that reproduce it (the as-of date, day 0,
// the horizon, the solver and its seed and limits, the configuration file's text given for the
// run, the population total it was scaled to) and what it found, as JSON
// (report::plan_summary_json, report::plan_schedule_json). The seed is the unsigned 64-bit seed's
// bit pattern. A project of schema 3 gets the table at its first stored plan (or load) after the
// upgrade.
inline constexpr std::string_view kMigration0004Plans = R"sql(
CREATE TABLE plans (
    id INTEGER PRIMARY KEY, created TEXT NOT NULL, as_of TEXT, start TEXT NOT NULL,
    horizon_days INTEGER NOT NULL CHECK (horizon_days >= 1), solver TEXT NOT NULL,
    seed INTEGER NOT NULL, time_limit_s REAL NOT NULL, max_evaluations INTEGER NOT NULL,
    samples INTEGER NOT NULL, config_json TEXT NOT NULL, population_total REAL,
    summary_json TEXT NOT NULL CHECK (json_valid(summary_json)),
    schedule_json TEXT NOT NULL CHECK (json_valid(schedule_json)));
)sql";

inline constexpr std::array<std::string_view, 4> kMigrations = {
    kMigration0001Init, kMigration0002Registry, kMigration0003Current, kMigration0004Plans};

} // namespace dayafter::store::sqlite
