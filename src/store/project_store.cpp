#include "dayafter/store/project_store.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <bit>
#include <cstring>
#include <string>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "dayafter/util/error.hpp"
#include "dayafter/util/text_file.hpp"
#include "store/project_file.hpp"
#include "store/sqlite/migrations.hpp"
#include "store/sqlite/sqlite.hpp"

namespace dayafter::store {
namespace {

using sqlite::Database;
using sqlite::Statement;

static_assert(std::endian::native == std::endian::little,
              "geometry blobs are written as little-endian int32 pairs");

std::vector<unsigned char> encode_line(std::span<const geo::Coord> line) {
    std::vector<unsigned char> blob(line.size() * sizeof(geo::Coord));
    static_assert(sizeof(geo::Coord) == 8);
    if (!line.empty()) {
        std::memcpy(blob.data(), line.data(), blob.size());
    }
    return blob;
}

template <typename T> std::optional<std::int64_t> id_or_null(T id) {
    return id.valid() ? std::optional<std::int64_t>(id.value) : std::nullopt;
}

std::optional<std::int64_t> time_or_null(graph::Millis ms) {
    return ms == graph::kNotUsable ? std::nullopt : std::optional<std::int64_t>(ms);
}

void write_meta(Database& db, const model::Town& town) {
    Statement meta(db, "INSERT INTO meta (key, value) VALUES (?, ?)");
    auto put = [&](std::string_view key, std::string_view value) {
        meta.bind(1, key);
        meta.bind(2, value);
        meta.run();
    };
    put("source_file", town.source.file_name);
    put("osm_timestamp", town.source.osm_timestamp);
    put("imported_with", town.source.imported_with);
    if (!town.config_json.empty()) {
        put("config", town.config_json);
    }
    put("data_licence", "OpenStreetMap data (c) OpenStreetMap contributors, ODbL 1.0");

    Statement speeds(db, "INSERT INTO speeds (mode, road_class, kmh) VALUES (?, ?, ?)");
    for (const graph::TravelMode mode : graph::kTravelModes) {
        for (std::size_t c = 0; c < graph::kRoadClassCount; ++c) {
            const auto road_class = static_cast<graph::RoadClass>(c);
            speeds.bind(1, graph::to_string(mode));
            speeds.bind(2, graph::to_string(road_class));
            speeds.bind(3, town.speeds.speed_kmh(mode, road_class));
            speeds.run();
        }
    }
    Statement report(db, "INSERT INTO import_report (key, value) VALUES (?, ?)");
    const model::ImportReport& r = town.report;
    const std::pair<std::string_view, std::int64_t> counts[] = {
        {"osm_nodes", static_cast<std::int64_t>(r.osm_nodes)},
        {"osm_ways", static_cast<std::int64_t>(r.osm_ways)},
        {"osm_relations", static_cast<std::int64_t>(r.osm_relations)},
        {"road_ways", static_cast<std::int64_t>(r.road_ways)},
        {"ways_missing_nodes", static_cast<std::int64_t>(r.ways_missing_nodes)},
        {"first_way_missing_nodes", r.first_way_missing_nodes},
        {"buildings_without_area", static_cast<std::int64_t>(r.buildings_without_area)},
        {"facilities_approximate", static_cast<std::int64_t>(r.facilities_approximate)},
        {"facilities_unsnapped", static_cast<std::int64_t>(r.facilities_unsnapped)},
    };
    for (const auto& [key, value] : counts) {
        report.bind(1, key);
        report.bind(2, value);
        report.run();
    }
}

void write_network(Database& db, const model::Town& town) {
    const graph::RoadNetwork& net = town.roads;
    Statement node(db, "INSERT INTO nodes (id, osm_id, lon_e7, lat_e7) VALUES (?, ?, ?, ?)");
    for (NodeId n{0}; n.value < net.node_count(); ++n.value) {
        node.bind(1, std::int64_t{n.value});
        node.bind(2, net.node_osm_id[n]);
        node.bind(3, std::int64_t{net.node_coord[n].lon_e7});
        node.bind(4, std::int64_t{net.node_coord[n].lat_e7});
        node.run();
    }
    Statement waterway(
        db, "INSERT INTO waterways (id, osm_way_id, kind, name, geometry) VALUES (?, ?, ?, ?, ?)");
    for (WaterwayId w{0}; w.value < town.waterways.size(); ++w.value) {
        const model::Waterway& ww = town.waterways[w];
        waterway.bind(1, std::int64_t{w.value});
        waterway.bind(2, ww.osm_way_id);
        waterway.bind(3, model::to_string(ww.kind));
        waterway.bind(4, ww.name);
        waterway.bind(5, encode_line(ww.line));
        waterway.run();
    }
    Statement bridge(db, "INSERT INTO bridges (id, osm_way_id, name, road_class, waterway_id) "
                         "VALUES (?, ?, ?, ?, ?)");
    for (BridgeId b{0}; b.value < town.bridges.size(); ++b.value) {
        const model::Bridge& br = town.bridges[b];
        bridge.bind(1, std::int64_t{b.value});
        bridge.bind(2, br.osm_way_id);
        bridge.bind(3, br.name);
        bridge.bind(4, graph::to_string(br.road_class));
        bridge.bind(5, id_or_null(br.waterway));
        bridge.run();
    }
    Statement edge(db,
                   "INSERT INTO edges (id, from_node, to_node, osm_way_id, road_class, length_m, "
                   "oneway, bridge_id, walk_ms, drive_ms, geometry) "
                   "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    for (EdgeId e{0}; e.value < net.edge_count(); ++e.value) {
        edge.bind(1, std::int64_t{e.value});
        edge.bind(2, std::int64_t{net.edge_from[e].value});
        edge.bind(3, std::int64_t{net.edge_to[e].value});
        edge.bind(4, net.edge_osm_way[e]);
        edge.bind(5, graph::to_string(net.edge_class[e]));
        edge.bind(6, net.edge_length_m[e]);
        edge.bind(7, std::int64_t{static_cast<std::int8_t>(net.edge_oneway[e])});
        edge.bind(8, id_or_null(net.edge_bridge[e]));
        edge.bind(9, time_or_null(net.edge_walk_ms[e]));
        edge.bind(10, time_or_null(net.edge_drive_ms[e]));
        edge.bind(11, encode_line(net.geometry(e)));
        edge.run();
    }
}

void write_places(Database& db, const model::Town& town) {
    Statement facility(
        db, "INSERT INTO facilities (id, code, type, name, lon_e7, lat_e7, walk_node, "
            "walk_snap_m, drive_node, drive_snap_m) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    for (FacilityId f{0}; f.value < town.facilities.size(); ++f.value) {
        const model::Facility& fa = town.facilities[f];
        facility.bind(1, std::int64_t{f.value});
        facility.bind(2, fa.code);
        facility.bind(3, model::to_string(fa.type));
        facility.bind(4, fa.name);
        facility.bind(5, std::int64_t{fa.location.lon_e7});
        facility.bind(6, std::int64_t{fa.location.lat_e7});
        for (int m = 0; m < 2; ++m) {
            const NodeId node = fa.snap_node[static_cast<std::size_t>(m)];
            facility.bind(7 + 2 * m, id_or_null(node));
            facility.bind(8 + 2 * m, node.valid()
                                         ? std::optional<double>(
                                               fa.snap_distance_m[static_cast<std::size_t>(m)])
                                         : std::nullopt);
        }
        facility.run();
    }
    Statement building(
        db, "INSERT INTO buildings (id, code, lon_e7, lat_e7, area_m2, levels, footprint) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)");
    for (std::size_t b = 0; b < town.buildings.size(); ++b) {
        const model::Building& bu = town.buildings[b];
        building.bind(1, static_cast<std::int64_t>(b));
        building.bind(2, bu.code);
        building.bind(3, std::int64_t{bu.centroid.lon_e7});
        building.bind(4, std::int64_t{bu.centroid.lat_e7});
        building.bind(5, bu.area_m2);
        building.bind(6, bu.levels);
        if (bu.footprint_wkb.empty()) {
            building.bind_null(7);
        } else {
            building.bind(7, std::span<const unsigned char>(bu.footprint_wkb));
        }
        building.run();
    }
}

/// Flushes a closed file (or a folder, after a rename) to disk.
void sync_path(const std::filesystem::path& path, bool is_directory) {
    const int fd = ::open(path.c_str(), is_directory ? O_RDONLY | O_DIRECTORY : O_RDONLY);
    if (fd < 0) {
        throw StorageError(fmt::format("{}: cannot open to flush it to disk", path.string()));
    }
    const int rc = ::fsync(fd);
    ::close(fd);
    if (rc != 0) {
        throw StorageError(fmt::format("{}: flushing to disk failed", path.string()));
    }
}

/// Copies the registry (loads, records, the current-state cache, plans) of the project being
/// replaced into the new file, ids and all. Matching its facilities to the new map is the
/// registry's job (registry::rematch_facilities, through CreateOptions::before_publish).
void keep_registry(Database& db, const std::filesystem::path& old) {
    db.exec("PRAGMA main.journal_mode = OFF; PRAGMA synchronous = OFF;"); // as write_all
    Statement attach(db, "ATTACH DATABASE ? AS old");
    attach.bind(1, old.string());
    attach.run();
    sqlite::Transaction transaction(db);
    for (const char* table : {"loads", "records", "current", "plans"}) {
        db.exec(fmt::format("INSERT INTO main.{0} SELECT * FROM old.{0}", table));
    }
    transaction.commit();
    db.exec("DETACH DATABASE old");
}

void write_all(const std::filesystem::path& temp, const model::Town& town) {
    Database db(temp.string(), Database::Mode::Create);
    // The temporary file is thrown away on any failure, so no journal is needed; durability comes
    // from the explicit fsync before the rename.
    db.exec("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;");
    db.exec(fmt::format("PRAGMA application_id = {}", sqlite::kApplicationId));
    sqlite::Transaction transaction(db);
    for (const std::string_view migration : sqlite::kMigrations) {
        db.exec(migration);
    }
    write_meta(db, town);
    write_network(db, town);
    write_places(db, town);
    db.exec(fmt::format("PRAGMA user_version = {}", kSchemaVersion));
    transaction.commit();
}

/// --update keeps a registry only of this build's schema: an older one's cache of the current
/// state may be missing, and this file would claim to have it.
void check_can_keep_registry(const std::filesystem::path& file) {
    Database db = open_project(file, Database::Mode::ReadOnly);
    const std::int64_t version = schema_version(db);
    if (version != kSchemaVersion) {
        throw InputError(fmt::format("{}: written by an older dayafter (schema {}); load any file "
                                     "into it once to upgrade it, then run --update again",
                                     file.string(), version));
    }
}

/// --force may replace a dayafter project, and only one: a CSV given by mistake, a link or a
/// device must survive a mistyped --project. A project that holds a registry is refused too,
/// unless the caller said what to do with it (the registry is the work of many people).
void check_can_replace(const std::filesystem::path& file, const CreateOptions& options) {
    std::error_code ec;
    const auto status = std::filesystem::symlink_status(file, ec);
    if (status.type() != std::filesystem::file_type::regular) {
        throw InputError(fmt::format("{}: is not a regular file (a folder, a link or a device); "
                                     "--force replaces only a dayafter project",
                                     file.string()));
    }
    if (!is_project_file(file)) {
        throw InputError(fmt::format("{}: is not a dayafter project; --force replaces only a "
                                     "dayafter project, so this file is left alone",
                                     file.string()));
    }
    const std::int64_t loads = load_count(file);
    if (options.keep_registry) {
        check_can_keep_registry(file);
    } else if (loads > 0 && !options.discard_registry) {
        throw InputError(fmt::format(
            "{}: holds a registry of {} load(s) that replacing the map would wipe; nothing "
            "written. Choose: --update to import the new map and keep the registry, "
            "--discard-registry to replace the project and drop its registry, or import into a "
            "new project file",
            file.string(), loads));
    }
}

} // namespace

void check_can_create(const std::filesystem::path& file, const CreateOptions& options) {
    std::error_code ec;
    if (std::filesystem::is_directory(file, ec)) {
        throw InputError(fmt::format("{}: is a folder, not a project file", file.string()));
    }
    const bool exists = std::filesystem::exists(std::filesystem::symlink_status(file, ec));
    if (exists && !options.overwrite && !options.keep_registry) {
        throw InputError(fmt::format("{}: the project already exists; use --force to replace it",
                                     file.string()));
    }
    if (!exists && options.keep_registry) {
        throw InputError(fmt::format("{}: no such project to update (create one with: dayafter "
                                     "import osm FILE --project {})",
                                     file.string(), file.string()));
    }
    if (exists) {
        check_can_replace(file, options);
    }
    const std::filesystem::path folder =
        file.parent_path().empty() ? std::filesystem::path(".") : file.parent_path();
    if (!std::filesystem::is_directory(folder, ec)) {
        throw InputError(
            fmt::format("{}: the folder {} does not exist", file.string(), folder.string()));
    }
    if (::access(folder.c_str(), W_OK) != 0) {
        throw InputError(
            fmt::format("{}: the folder {} is not writable", file.string(), folder.string()));
    }
}

void create_project(const std::filesystem::path& file, const model::Town& town,
                    const CreateOptions& options) {
    check_can_create(file, options);
    // Created exclusively under an unpredictable name, then opened by SQLite without following
    // links: nobody can make this write go anywhere but a new file of ours.
    if (const std::size_t removed = util::remove_abandoned(file); removed > 0) {
        options.log.info(fmt::format("removed {} unfinished copy(ies) of {} left by a write "
                                     "that was killed",
                                     removed, file.string()));
    }
    const util::ExclusiveFile created = util::create_exclusive(file);
    // The descriptor stays open to the end, holding the lock that marks the file as being
    // written; it is closed only once no SQLite connection has the file open (closing any
    // descriptor of a file drops the process's fcntl locks on it, SQLite's included).
    struct Closer {
        int fd;
        ~Closer() { ::close(fd); }
    } const closer{created.fd};
    const std::filesystem::path temp = created.path;
    options.log.progress(fmt::format("writing {}", file.string()));
    try {
        write_all(temp, town);
        if (options.keep_registry) {
            Database db(temp.string(), Database::Mode::Create); // Create: no link followed
            keep_registry(db, file);
        }
        if (options.before_publish) {
            options.before_publish(temp);
        }
        sync_path(temp, false);
        std::error_code ec;
        std::filesystem::rename(temp, file, ec);
        if (ec) {
            throw StorageError(fmt::format("{}: cannot move the new project into place: {}",
                                           file.string(), ec.message()));
        }
    } catch (...) {
        std::error_code ignored;
        std::filesystem::remove(temp, ignored);
        throw;
    }
    const std::filesystem::path folder =
        file.parent_path().empty() ? std::filesystem::path(".") : file.parent_path();
    sync_path(folder, true);
}

} // namespace dayafter::store
