#include "dayafter/model/town_summary.hpp"

#include "dayafter/graph/nearest_source.hpp"
#include "dayafter/graph/road_graph.hpp"

namespace dayafter::model {
namespace {

ModeConnectivity connectivity(const graph::RoadNetwork& net, graph::TravelMode mode) {
    ModeConnectivity result;
    const graph::RoadGraph forward =
        graph::RoadGraph::build(net, mode, graph::ArcDirection::Forward);
    const std::vector<std::uint32_t> component = graph::weak_components(forward);
    const std::vector<bool> usable = net.usable_nodes(mode);
    std::vector<std::uint32_t> size;
    for (std::uint32_t node = 0; node < net.node_count(); ++node) {
        if (!usable[node]) {
            continue;
        }
        ++result.usable_nodes;
        if (component[node] >= size.size()) {
            size.resize(component[node] + 1, 0);
        }
        ++size[component[node]];
    }
    for (const std::uint32_t s : size) {
        result.component_count += s > 0 ? 1 : 0;
    }
    // Component 0 is the largest of all nodes; usable nodes are the only ones with arcs, so it
    // is also the largest usable one whenever any node is usable.
    result.largest_component_nodes = size.empty() ? 0 : size[0];
    result.largest_component_share =
        result.usable_nodes == 0
            ? 0
            : static_cast<double>(result.largest_component_nodes) / result.usable_nodes;
    result.osm_nodes = result.usable_nodes;
    result.osm_nodes_in_largest = result.largest_component_nodes;
    for (EdgeId edge{0}; edge.value < net.edge_count(); ++edge.value) {
        if (net.time_ms(mode, edge) == graph::kNotUsable) {
            continue;
        }
        const auto inner = static_cast<std::uint64_t>(net.geometry(edge).size() - 2);
        result.osm_nodes += inner;
        result.road_km += net.edge_length_m[edge] / 1000.0;
        if (component[net.edge_from[edge].value] == 0) {
            result.osm_nodes_in_largest += inner;
        }
    }
    return result;
}

} // namespace

TownSummary summarize(const Town& town) {
    TownSummary s;
    const graph::RoadNetwork& net = town.roads;
    s.node_count = net.node_count();
    s.edge_count = net.edge_count();
    for (EdgeId edge{0}; edge.value < net.edge_count(); ++edge.value) {
        const double km = net.edge_length_m[edge] / 1000.0;
        s.road_km_by_class[std::string(graph::to_string(net.edge_class[edge]))] += km;
        s.road_km += km;
    }
    for (const geo::Coord c : net.node_coord) {
        s.bounds.extend(c);
    }
    s.bridge_count = static_cast<std::uint32_t>(town.bridges.size());
    for (const Bridge& bridge : town.bridges) {
        if (!bridge.waterway.valid()) {
            continue;
        }
        ++s.bridges_over_water;
        const Waterway& water = town.waterways[bridge.waterway];
        ++s.bridges_by_waterway[water.name.empty() ? "way " + std::to_string(water.osm_way_id)
                                                   : water.name];
    }
    s.waterway_count = static_cast<std::uint32_t>(town.waterways.size());
    for (const Facility& facility : town.facilities) {
        ++s.facilities_by_type[std::string(to_string(facility.type))];
    }
    s.facility_count = static_cast<std::uint32_t>(town.facilities.size());
    s.building_count = town.buildings.size();
    for (const Building& building : town.buildings) {
        s.building_footprint_m2 += building.area_m2;
        s.buildings_with_levels += building.levels ? 1 : 0;
    }
    for (const graph::TravelMode mode : graph::kTravelModes) {
        s.modes[static_cast<std::size_t>(mode)] = connectivity(net, mode);
    }
    return s;
}

} // namespace dayafter::model
