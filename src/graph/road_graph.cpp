#include "dayafter/graph/road_graph.hpp"

namespace dayafter::graph {

std::vector<TravelArc> travel_arcs(const RoadNetwork& network, TravelMode mode) {
    const auto& times = mode == TravelMode::Walk ? network.edge_walk_ms : network.edge_drive_ms;
    return travel_arcs(network, mode, times.raw());
}

std::vector<TravelArc> travel_arcs(const RoadNetwork& network, TravelMode mode,
                                   std::span<const Millis> edge_times_ms) {
    std::vector<TravelArc> arcs;
    arcs.reserve(static_cast<std::size_t>(network.edge_count()) * 2);
    for (EdgeId edge{0}; edge.value < network.edge_count(); ++edge.value) {
        const NodeId from = network.edge_from[edge];
        const NodeId to = network.edge_to[edge];
        if (from == to) {
            continue;
        }
        const Millis time = edge_times_ms[edge.value];
        if (time == kNotUsable) {
            continue;
        }
        if (network.direction_allowed(mode, edge, true)) {
            arcs.push_back({from, to, time, edge});
        }
        if (network.direction_allowed(mode, edge, false)) {
            arcs.push_back({to, from, time, edge});
        }
    }
    return arcs;
}

RoadGraph RoadGraph::build(const RoadNetwork& network, TravelMode mode, ArcDirection direction) {
    RoadGraph graph;
    graph.mode_ = mode;
    graph.direction_ = direction;
    const std::vector<TravelArc> arcs = travel_arcs(network, mode);
    const bool reverse = direction == ArcDirection::Reverse;
    const std::uint32_t node_count = network.node_count();

    // Counting sort by tail node keeps the arcs of each tail in input order (deterministic).
    std::vector<std::uint32_t>& first_out = graph.first_out_;
    first_out.assign(node_count + 1, 0);
    for (const TravelArc& arc : arcs) {
        ++first_out[(reverse ? arc.to : arc.from).value + 1];
    }
    for (std::uint32_t node = 0; node < node_count; ++node) {
        first_out[node + 1] += first_out[node];
    }
    graph.head_.resize(arcs.size());
    graph.time_ms_.resize(arcs.size());
    graph.edge_.resize(arcs.size());
    std::vector<std::uint32_t> next(first_out.begin(), first_out.end() - 1);
    for (const TravelArc& arc : arcs) {
        const NodeId tail = reverse ? arc.to : arc.from;
        const ArcId slot{next[tail.value]++};
        graph.head_[slot] = reverse ? arc.from : arc.to;
        graph.time_ms_[slot] = arc.time_ms;
        graph.edge_[slot] = arc.edge;
    }
    return graph;
}

} // namespace dayafter::graph
