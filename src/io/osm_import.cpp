#include "dayafter/io/osm_import.hpp"

#include <fmt/format.h>

#include "dayafter/geo/shapes.hpp"
#include "dayafter/util/error.hpp"
#include "osm_raw.hpp"

namespace dayafter::io {
namespace {

/// Each bridge records the waterway it crosses; when it crosses several, the biggest kind
/// (river, then canal, then stream) and then the lowest way id.
void match_bridges_to_waterways(model::Town& town) {
    if (town.waterways.empty() || town.bridges.empty()) {
        return;
    }
    std::vector<geo::BoundingBox> waterway_box(town.waterways.size());
    for (WaterwayId w{0}; w.value < town.waterways.size(); ++w.value) {
        for (const geo::Coord c : town.waterways[w].line) {
            waterway_box[w.value].extend(c);
        }
    }
    // The geometry of a bridge is the union of its edges' geometries.
    std::vector<std::vector<geo::Coord>> bridge_lines(town.bridges.size());
    const graph::RoadNetwork& net = town.roads;
    for (EdgeId edge{0}; edge.value < net.edge_count(); ++edge.value) {
        const BridgeId bridge = net.edge_bridge[edge];
        if (bridge.valid()) {
            auto& line = bridge_lines[bridge.value];
            const auto geometry = net.geometry(edge);
            line.insert(line.end(), geometry.begin(), geometry.end());
        }
    }
    for (BridgeId bridge{0}; bridge.value < town.bridges.size(); ++bridge.value) {
        geo::BoundingBox box;
        for (const geo::Coord c : bridge_lines[bridge.value]) {
            box.extend(c);
        }
        WaterwayId best;
        for (WaterwayId w{0}; w.value < town.waterways.size(); ++w.value) {
            const geo::BoundingBox& wb = waterway_box[w.value];
            if (wb.max_lon < box.min_lon || wb.min_lon > box.max_lon || wb.max_lat < box.min_lat ||
                wb.min_lat > box.max_lat) {
                continue;
            }
            if (!geo::lines_cross(bridge_lines[bridge.value], town.waterways[w].line)) {
                continue;
            }
            if (!best.valid() || town.waterways[w].kind < town.waterways[best].kind) {
                best = w;
            }
        }
        town.bridges[bridge].waterway = best;
    }
}

} // namespace

model::Town import_osm(const std::filesystem::path& file, const OsmImportOptions& options) {
    const std::string file_name = file.string();
    std::error_code ec;
    if (!std::filesystem::is_regular_file(file, ec)) {
        throw InputError(fmt::format("{}: no such file", file_name));
    }
    detail::RawOsm raw;
    detail::read_osm(file_name, raw, options.log);

    model::Town town;
    town.speeds = options.speeds;
    options.log.progress("splitting roads at junctions");
    detail::build_roads(raw, options.speeds, town);
    detail::build_waterways(raw, town);
    if (town.roads.edge_count() == 0) {
        throw InputError(fmt::format(
            "{}: no roads: the file holds no highway=* way usable on foot or by car "
            "({} nodes, {} ways, {} relations read)",
            file_name, raw.report.osm_nodes, raw.report.osm_ways, raw.report.osm_relations));
    }
    options.log.progress("assembling buildings and facility areas");
    detail::build_areas(raw, town);
    town.report = raw.report;
    options.log.progress("snapping facilities and matching bridges to waterways");
    town.report.facilities_unsnapped = model::snap_facilities(town);
    match_bridges_to_waterways(town);
    if (town.report.ways_missing_nodes > 0) {
        options.log.warning(fmt::format(
            "{}: skipped {} way(s) that reference nodes missing from the file (for example way "
            "{}); the extract was probably cut without complete ways",
            file_name, town.report.ways_missing_nodes, town.report.first_way_missing_nodes));
    }
    town.source.file_name = file.filename().string();
    town.source.osm_timestamp = raw.osm_timestamp;
    return town;
}

} // namespace dayafter::io
