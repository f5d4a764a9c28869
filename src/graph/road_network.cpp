#include "dayafter/graph/road_network.hpp"

namespace dayafter::graph {

bool RoadNetwork::direction_allowed(TravelMode mode, EdgeId edge, bool forward) const noexcept {
    if (mode == TravelMode::Walk) {
        return true;
    }
    const Oneway oneway = edge_oneway[edge];
    return oneway == Oneway::No || (oneway == Oneway::Forward) == forward;
}

std::vector<bool> RoadNetwork::usable_nodes(TravelMode mode) const {
    std::vector<bool> usable(node_count(), false);
    for (EdgeId edge{0}; edge.value < edge_count(); ++edge.value) {
        if (time_ms(mode, edge) != kNotUsable) {
            usable[edge_from[edge].value] = true;
            usable[edge_to[edge].value] = true;
        }
    }
    return usable;
}

geo::PointIndex RoadNetwork::usable_node_index(TravelMode mode) const {
    const std::vector<bool> usable = usable_nodes(mode);
    return geo::PointIndex(node_coord.raw(), [&](std::uint32_t node) { return usable[node]; });
}

} // namespace dayafter::graph
