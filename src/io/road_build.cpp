// Splitting road ways into junction-to-junction edges, and building waterway lines.
#include <algorithm>
#include <unordered_map>

#include "dayafter/geo/coord.hpp"
#include "osm_raw.hpp"

namespace dayafter::io::detail {
namespace {

geo::Coord to_coord(osmium::Location location) {
    return {location.x(), location.y()};
}

/// Resolves the refs of one way into coordinates, dropping consecutive repeats of a node.
/// Returns false (and counts the way) when a node is missing from the file.
bool resolve(RawOsm& raw, std::int64_t way_id, std::uint32_t first, std::uint32_t count,
             std::vector<std::int64_t>& ids, std::vector<geo::Coord>& coords) {
    ids.clear();
    coords.clear();
    for (std::uint32_t k = first; k < first + count; ++k) {
        const std::int64_t ref = raw.refs[k];
        if (!ids.empty() && ids.back() == ref) {
            continue;
        }
        const osmium::Location location =
            raw.locations.get_noexcept(static_cast<osmium::unsigned_object_id_type>(ref));
        if (!location.valid()) {
            if (raw.report.ways_missing_nodes++ == 0) {
                raw.report.first_way_missing_nodes = way_id;
            }
            return false;
        }
        ids.push_back(ref);
        coords.push_back(to_coord(location));
    }
    return ids.size() >= 2;
}

struct ResolvedWay {
    std::size_t road; // index into raw.roads
    std::uint32_t first;
    std::uint32_t count;
};

} // namespace

void build_roads(RawOsm& raw, const graph::SpeedTable& speeds, model::Town& town) {
    std::sort(raw.roads.begin(), raw.roads.end(),
              [](const RoadWay& a, const RoadWay& b) { return a.id < b.id; });

    // Resolve every way once; keep its node ids and coordinates back to back.
    std::vector<std::int64_t> way_node_ids;
    std::vector<geo::Coord> way_coords;
    std::vector<ResolvedWay> ways;
    std::vector<std::int64_t> ids;
    std::vector<geo::Coord> coords;
    std::unordered_map<std::int64_t, std::uint32_t> uses;
    for (std::size_t r = 0; r < raw.roads.size(); ++r) {
        const RoadWay& road = raw.roads[r];
        if (!resolve(raw, road.id, road.first_ref, road.ref_count, ids, coords)) {
            continue;
        }
        ways.push_back({r, static_cast<std::uint32_t>(way_node_ids.size()),
                        static_cast<std::uint32_t>(ids.size())});
        for (const std::int64_t id : ids) {
            ++uses[id];
        }
        way_node_ids.insert(way_node_ids.end(), ids.begin(), ids.end());
        way_coords.insert(way_coords.end(), coords.begin(), coords.end());
    }

    // Junctions: way ends, and nodes used twice or more (by two ways, or twice by one).
    struct Junction {
        std::uint64_t hilbert;
        std::int64_t osm_id;
        geo::Coord coord;
    };
    std::vector<Junction> junctions;
    std::unordered_map<std::int64_t, NodeId> node_of;
    auto add_junction = [&](std::uint32_t k) {
        if (node_of.emplace(way_node_ids[k], NodeId{}).second) {
            junctions.push_back(
                {geo::hilbert_index(way_coords[k]), way_node_ids[k], way_coords[k]});
        }
    };
    for (const ResolvedWay& way : ways) {
        for (std::uint32_t k = way.first; k < way.first + way.count; ++k) {
            if (k == way.first || k + 1 == way.first + way.count || uses[way_node_ids[k]] >= 2) {
                add_junction(k);
            }
        }
    }
    // Dense ids in Hilbert order: nodes near each other on the map are near each other in memory.
    std::sort(junctions.begin(), junctions.end(), [](const Junction& a, const Junction& b) {
        return a.hilbert != b.hilbert ? a.hilbert < b.hilbert : a.osm_id < b.osm_id;
    });
    graph::RoadNetwork& net = town.roads;
    for (const Junction& junction : junctions) {
        node_of[junction.osm_id] = NodeId{net.node_count()};
        net.node_osm_id.push_back(junction.osm_id);
        net.node_coord.push_back(junction.coord);
    }

    for (const ResolvedWay& way : ways) {
        const RoadWay& road = raw.roads[way.road];
        BridgeId bridge;
        if (road.is_bridge) {
            bridge = BridgeId{static_cast<std::uint32_t>(town.bridges.size())};
            town.bridges.push_back({road.id, road.name, road.road_class, WaterwayId{}});
        }
        std::uint32_t start = way.first;
        double length_m = 0;
        for (std::uint32_t k = way.first + 1; k < way.first + way.count; ++k) {
            length_m += geo::distance_m(way_coords[k - 1], way_coords[k]);
            const auto junction = node_of.find(way_node_ids[k]);
            if (junction == node_of.end()) {
                continue;
            }
            net.edge_from.push_back(node_of.at(way_node_ids[start]));
            net.edge_to.push_back(junction->second);
            net.edge_osm_way.push_back(road.id);
            net.edge_class.push_back(road.road_class);
            net.edge_length_m.push_back(length_m);
            net.edge_oneway.push_back(road.oneway);
            net.edge_bridge.push_back(bridge);
            net.edge_walk_ms.push_back(graph::travel_time_ms(
                length_m, speeds.speed_kmh(graph::TravelMode::Walk, road.road_class)));
            net.edge_drive_ms.push_back(
                road.drivable_direction_rules_ok
                    ? graph::travel_time_ms(
                          length_m, speeds.speed_kmh(graph::TravelMode::Drive, road.road_class))
                    : graph::kNotUsable);
            net.geometry_points.insert(net.geometry_points.end(), way_coords.begin() + start,
                                       way_coords.begin() + k + 1);
            net.geometry_first.push_back(static_cast<std::uint32_t>(net.geometry_points.size()));
            start = k;
            length_m = 0;
        }
    }
}

void build_waterways(RawOsm& raw, model::Town& town) {
    std::sort(raw.waterways.begin(), raw.waterways.end(),
              [](const WaterwayWay& a, const WaterwayWay& b) { return a.id < b.id; });
    std::vector<std::int64_t> ids;
    std::vector<geo::Coord> coords;
    for (const WaterwayWay& way : raw.waterways) {
        if (resolve(raw, way.id, way.first_ref, way.ref_count, ids, coords)) {
            town.waterways.push_back({way.id, way.kind, way.name, coords});
        }
    }
}

} // namespace dayafter::io::detail
