// Reading a whole project back into a Town, and opening a project file with the checks that
// make a damaged or foreign file an error message rather than a crash.
#include <fcntl.h>
#include <unistd.h>

#include <array>
#include <cstring>
#include <fstream>

#include <fmt/format.h>

#include "dayafter/store/notices.hpp"
#include "dayafter/store/project_store.hpp"
#include "dayafter/util/error.hpp"
#include "store/project_file.hpp"
#include "store/sqlite/migrations.hpp"
#include "store/sqlite/sqlite.hpp"

namespace dayafter::store {
namespace {

using sqlite::Database;
using sqlite::Statement;

std::vector<geo::Coord> decode_line(const std::vector<unsigned char>& blob) {
    std::vector<geo::Coord> line(blob.size() / sizeof(geo::Coord));
    if (!line.empty()) {
        std::memcpy(line.data(), blob.data(), line.size() * sizeof(geo::Coord));
    }
    return line;
}

std::int64_t single_int(Database& db, std::string_view sql) {
    Statement statement(db, sql);
    return statement.step() ? statement.column_int(0) : 0;
}

/// The file breaks an invariant the code relies on: the input's fault, so exit 2, not a crash.
[[noreturn]] void damaged(const std::filesystem::path& file, std::string_view what) {
    throw InputError(fmt::format("{}: the project file is damaged: {}; restore it from a copy, or "
                                 "import the map again",
                                 file.string(), what));
}

template <typename Parse>
auto parse_or_throw(const std::filesystem::path& file, std::string_view what,
                    const std::string& text, Parse parse) {
    const auto value = parse(text);
    if (!value) {
        throw StorageError(
            fmt::format("{}: unknown {} '{}' in the store", file.string(), what, text));
    }
    return *value;
}

void read_meta(Database& db, const std::filesystem::path& file, model::Town& town) {
    Statement meta(db, "SELECT key, value FROM meta");
    while (meta.step()) {
        const std::string key = meta.column_text(0);
        if (key == "source_file") {
            town.source.file_name = meta.column_text(1);
        } else if (key == "osm_timestamp") {
            town.source.osm_timestamp = meta.column_text(1);
        } else if (key == "imported_with") {
            town.source.imported_with = meta.column_text(1);
        } else if (key == "config") {
            town.config_json = meta.column_text(1);
        }
    }
    Statement speeds(db, "SELECT mode, road_class, kmh FROM speeds");
    while (speeds.step()) {
        const auto mode =
            parse_or_throw(file, "travel mode", speeds.column_text(0), graph::parse_travel_mode);
        const auto road_class =
            parse_or_throw(file, "road class", speeds.column_text(1), graph::parse_road_class);
        town.speeds.set(mode, road_class, speeds.column_double(2));
    }
    Statement report(db, "SELECT key, value FROM import_report");
    model::ImportReport& r = town.report;
    while (report.step()) {
        const std::string key = report.column_text(0);
        const std::int64_t value = report.column_int(1);
        const auto count = static_cast<std::uint64_t>(value);
        if (key == "osm_nodes")
            r.osm_nodes = count;
        else if (key == "osm_ways")
            r.osm_ways = count;
        else if (key == "osm_relations")
            r.osm_relations = count;
        else if (key == "road_ways")
            r.road_ways = count;
        else if (key == "ways_missing_nodes")
            r.ways_missing_nodes = count;
        else if (key == "first_way_missing_nodes")
            r.first_way_missing_nodes = value;
        else if (key == "buildings_without_area")
            r.buildings_without_area = count;
        else if (key == "facilities_approximate")
            r.facilities_approximate = count;
        else if (key == "facilities_unsnapped")
            r.facilities_unsnapped = count;
    }
}

template <typename Id> Id id_column(const Statement& statement, int index) {
    return statement.column_is_null(index)
               ? Id{}
               : Id{static_cast<std::uint32_t>(statement.column_int(index))};
}

graph::Millis time_column(const Statement& statement, int index) {
    return statement.column_is_null(index)
               ? graph::kNotUsable
               : static_cast<graph::Millis>(statement.column_int(index));
}

/// The graph code indexes nodes and bridges by these ids without checking, so a file whose edges
/// point outside them must stop here. Checked while reading: no second pass over the file.
void check_edge(const Statement& edge, const std::filesystem::path& file, std::size_t edge_count,
                std::size_t node_count, std::size_t bridge_count) {
    const std::int64_t id = edge.column_int(10);
    if (id != static_cast<std::int64_t>(edge_count)) {
        damaged(file,
                fmt::format("edge ids are not 0..n-1 (id {} where {} was due)", id, edge_count));
    }
    for (int column = 0; column < 2; ++column) {
        const std::int64_t node = edge.column_int(column);
        if (edge.column_is_null(column) || node < 0 ||
            node >= static_cast<std::int64_t>(node_count)) {
            damaged(file, fmt::format("edge {} points at node {}, which does not exist (the file "
                                      "has {} nodes)",
                                      id, edge.column_is_null(column) ? -1 : node, node_count));
        }
    }
    const std::int64_t bridge = edge.column_int(6);
    if (!edge.column_is_null(6) &&
        (bridge < 0 || bridge >= static_cast<std::int64_t>(bridge_count))) {
        damaged(file, fmt::format("edge {} lies on bridge {}, which does not exist", id, bridge));
    }
}

void read_network(Database& db, const std::filesystem::path& file, model::Town& town) {
    graph::RoadNetwork& net = town.roads;
    Statement nodes(db, "SELECT id, osm_id, lon_e7, lat_e7 FROM nodes ORDER BY id");
    while (nodes.step()) {
        if (nodes.column_int(0) != net.node_count()) {
            damaged(file, fmt::format("node ids are not 0..n-1 (id {} where {} was due)",
                                      nodes.column_int(0), net.node_count()));
        }
        net.node_osm_id.push_back(nodes.column_int(1));
        net.node_coord.push_back({static_cast<std::int32_t>(nodes.column_int(2)),
                                  static_cast<std::int32_t>(nodes.column_int(3))});
    }
    Statement waterways(db, "SELECT osm_way_id, kind, name, geometry FROM waterways ORDER BY id");
    while (waterways.step()) {
        town.waterways.push_back({waterways.column_int(0),
                                  parse_or_throw(file, "waterway kind", waterways.column_text(1),
                                                 model::parse_waterway_kind),
                                  waterways.column_text(2), decode_line(waterways.column_blob(3))});
    }
    Statement bridges(db,
                      "SELECT osm_way_id, name, road_class, waterway_id FROM bridges ORDER BY id");
    while (bridges.step()) {
        const std::int64_t waterway = bridges.column_int(3);
        if (!bridges.column_is_null(3) &&
            (waterway < 0 || waterway >= static_cast<std::int64_t>(town.waterways.size()))) {
            damaged(file, fmt::format("bridge {} crosses waterway {}, which does not exist",
                                      town.bridges.size(), waterway));
        }
        town.bridges.push_back(
            {bridges.column_int(0), bridges.column_text(1),
             parse_or_throw(file, "road class", bridges.column_text(2), graph::parse_road_class),
             id_column<WaterwayId>(bridges, 3)});
    }
    Statement edges(db, "SELECT from_node, to_node, osm_way_id, road_class, length_m, oneway, "
                        "bridge_id, walk_ms, drive_ms, geometry, id FROM edges ORDER BY id");
    while (edges.step()) {
        check_edge(edges, file, net.edge_count(), net.node_count(), town.bridges.size());
        net.edge_from.push_back(id_column<NodeId>(edges, 0));
        net.edge_to.push_back(id_column<NodeId>(edges, 1));
        net.edge_osm_way.push_back(edges.column_int(2));
        net.edge_class.push_back(
            parse_or_throw(file, "road class", edges.column_text(3), graph::parse_road_class));
        net.edge_length_m.push_back(edges.column_double(4));
        net.edge_oneway.push_back(static_cast<graph::Oneway>(edges.column_int(5)));
        net.edge_bridge.push_back(id_column<BridgeId>(edges, 6));
        net.edge_walk_ms.push_back(time_column(edges, 7));
        net.edge_drive_ms.push_back(time_column(edges, 8));
        const std::vector<geo::Coord> line = decode_line(edges.column_blob(9));
        net.geometry_points.insert(net.geometry_points.end(), line.begin(), line.end());
        net.geometry_first.push_back(static_cast<std::uint32_t>(net.geometry_points.size()));
    }
}

void read_places(Database& db, const std::filesystem::path& file, model::Town& town) {
    Statement facilities(db, "SELECT code, type, name, lon_e7, lat_e7, walk_node, walk_snap_m, "
                             "drive_node, drive_snap_m FROM facilities ORDER BY id");
    while (facilities.step()) {
        model::Facility f;
        f.code = facilities.column_text(0);
        f.type = parse_or_throw(file, "facility type", facilities.column_text(1),
                                model::parse_facility_type);
        f.name = facilities.column_text(2);
        f.location = {static_cast<std::int32_t>(facilities.column_int(3)),
                      static_cast<std::int32_t>(facilities.column_int(4))};
        for (int m = 0; m < 2; ++m) {
            const std::int64_t node = facilities.column_int(5 + 2 * m);
            if (!facilities.column_is_null(5 + 2 * m) &&
                (node < 0 || node >= static_cast<std::int64_t>(town.roads.node_count()))) {
                damaged(file, fmt::format("facility {} is snapped to node {}, which does not exist",
                                          f.code, node));
            }
            f.snap_node[static_cast<std::size_t>(m)] = id_column<NodeId>(facilities, 5 + 2 * m);
            f.snap_distance_m[static_cast<std::size_t>(m)] = facilities.column_double(6 + 2 * m);
        }
        town.facilities.push_back(std::move(f));
    }
    Statement buildings(db,
                        "SELECT code, lon_e7, lat_e7, area_m2, levels, footprint FROM buildings "
                        "ORDER BY id");
    while (buildings.step()) {
        model::Building b;
        b.code = buildings.column_text(0);
        b.centroid = {static_cast<std::int32_t>(buildings.column_int(1)),
                      static_cast<std::int32_t>(buildings.column_int(2))};
        b.area_m2 = buildings.column_double(3);
        if (!buildings.column_is_null(4)) {
            b.levels = buildings.column_double(4);
        }
        b.footprint_wkb = buildings.column_blob(5);
        town.buildings.push_back(std::move(b));
    }
}

} // namespace

std::int64_t schema_version(Database& db) {
    return single_int(db, "PRAGMA user_version");
}

void migrate(Database& db) {
    const std::int64_t version = schema_version(db);
    for (auto k = static_cast<std::size_t>(version); k < sqlite::kMigrations.size(); ++k) {
        db.exec(sqlite::kMigrations[k]);
    }
    if (version < kSchemaVersion) {
        db.exec(fmt::format("PRAGMA user_version = {}", kSchemaVersion));
    }
}

void check_is_project(Database& db, const std::filesystem::path& file) {
    if (single_int(db, "PRAGMA application_id") != sqlite::kApplicationId) {
        throw InputError(fmt::format("{}: not a dayafter project", file.string()));
    }
    const std::int64_t version = schema_version(db);
    if (version > kSchemaVersion) {
        throw InputError(
            fmt::format("{}: written by a newer dayafter (schema {}, this build reads up to {})",
                        file.string(), version, kSchemaVersion));
    }
}

bool is_project_file(const std::filesystem::path& file) {
    // The SQLite header starts with this text and holds PRAGMA application_id, big-endian, at
    // byte 68 (https://www.sqlite.org/fileformat.html#the_database_header). Reading it ourselves
    // tells "not a project" apart from "a project we cannot open right now" (locked, say).
    std::array<unsigned char, 72> header{};
    std::ifstream in(file, std::ios::binary);
    if (!in.read(reinterpret_cast<char*>(header.data()), header.size())) {
        return false;
    }
    const std::string_view magic("SQLite format 3\0", 16);
    if (std::memcmp(header.data(), magic.data(), magic.size()) != 0) {
        return false;
    }
    const auto id = static_cast<std::int64_t>((std::uint32_t{header[68]} << 24) |
                                              (std::uint32_t{header[69]} << 16) |
                                              (std::uint32_t{header[70]} << 8) | header[71]);
    return id == sqlite::kApplicationId;
}

namespace {

std::filesystem::path journal_of(const std::filesystem::path& file) {
    std::filesystem::path journal = file;
    journal += "-journal";
    return journal;
}

bool has_journal(const std::filesystem::path& file) {
    std::error_code ec;
    return std::filesystem::file_size(journal_of(file), ec) > 0 && !ec;
}

/// A journal may be hot (left by a writer that died) when no live process holds the RESERVED
/// lock, the byte SQLite's unix VFS locks with fcntl while it writes (os_unix.c, RESERVED_BYTE):
/// a journal beside a live writer is not hot, and must not be mistaken for one. SQLite decides
/// the rest (a journal whose header was never synced is not hot, and stays until the next write).
bool has_hot_journal(const std::filesystem::path& file) {
    if (!has_journal(file)) {
        return false;
    }
    const int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        return false;
    }
    constexpr off_t kReservedByte = 0x40000000 + 1;
    struct flock probe {};
    probe.l_type = F_WRLCK;
    probe.l_whence = SEEK_SET;
    probe.l_start = kReservedByte;
    probe.l_len = 1;
    const bool probed = ::fcntl(fd, F_GETLK, &probe) == 0;
    ::close(fd);
    return probed && probe.l_type == F_UNLCK;
}

/// SQLite opens the journal by its predictable name and would write through a link planted
/// there; refuse instead.
void refuse_linked_journal(const std::filesystem::path& file) {
    std::error_code ec;
    if (std::filesystem::is_symlink(journal_of(file), ec)) {
        throw InputError(fmt::format("{}: is a symbolic link; dayafter does not write through one "
                                     "(remove it if you did not make it)",
                                     journal_of(file).string()));
    }
}

/// A full pass over the file: about as long as reading the whole project again, so it runs only
/// after a rollback, the one moment damage is likely. Elsewhere SQLite reports a damaged page
/// as it reads it (Database::fail makes that an InputError), and read_project checks the
/// invariants the code relies on as it goes.
void quick_check(Database& db, const std::filesystem::path& file) {
    Statement check(db, "PRAGMA quick_check(1)");
    const std::string verdict = check.step() ? check.column_text(0) : std::string("no answer");
    if (verdict != "ok") {
        damaged(file, fmt::format("SQLite's quick_check says: {}", verdict));
    }
}

} // namespace

Database open_project(const std::filesystem::path& file, Database::Mode mode) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(file, ec)) {
        throw InputError(fmt::format(
            "{}: no such project (create one with: dayafter import osm FILE --project {})",
            file.string(), file.string()));
    }
    if (!is_project_file(file)) {
        throw InputError(fmt::format("{}: not a dayafter project", file.string()));
    }
    refuse_linked_journal(file);
    // A process killed while writing leaves a hot journal, which only a connection that may
    // write can roll back; a read-only one would fail every read until then.
    const bool hot = has_hot_journal(file);
    const bool roll_back =
        mode == Database::Mode::ReadOnly && hot && ::access(file.c_str(), W_OK) == 0;
    Database db(file.string(), roll_back ? Database::Mode::ReadWrite : mode);
    check_is_project(db, file);
    if (hot && !has_journal(file)) {
        notices().warning(fmt::format("{}: rolled back a write left unfinished by a dayafter that "
                                      "was stopped; the project is as it was before that write",
                                      file.string()));
        quick_check(db, file);
    }
    return db;
}

std::int64_t load_count(const std::filesystem::path& file) {
    Database db = open_project(file, Database::Mode::ReadOnly);
    if (single_int(db, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = "
                       "'loads'") == 0) {
        return 0;
    }
    return single_int(db, "SELECT count(*) FROM loads");
}

model::Town read_project(const std::filesystem::path& file) {
    Database db = open_project(file, Database::Mode::ReadOnly);
    model::Town town;
    read_meta(db, file, town);
    read_network(db, file, town);
    read_places(db, file, town);
    return town;
}

} // namespace dayafter::store
