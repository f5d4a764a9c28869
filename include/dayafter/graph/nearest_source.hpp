// The reference multi-source shortest-path search: a plain binary-heap Dijkstra.
//
// Given a Reverse RoadGraph and the nodes of the sources (facilities), returns for every node its
// travel time in milliseconds to the nearest source, kUnreachable where no source can be reached.
// This is the slow, obviously correct search that faster engines are tested against. O(m log n).
//
//     const auto reverse = RoadGraph::build(net, TravelMode::Walk, ArcDirection::Reverse);
//     const std::vector<Millis> to_nearest = nearest_source_times(reverse, sources);
#pragma once

#include <cstdint>
#include <limits>
#include <span>
#include <vector>

#include "dayafter/graph/road_graph.hpp"

namespace dayafter::graph {

/// Time of a node that cannot reach any source. Sums of two arc times never reach it in practice:
/// arc times are below 2^32 and distances are held in 64 bits.
inline constexpr std::uint64_t kUnreachable = std::numeric_limits<std::uint64_t>::max();

/// Per node, milliseconds to the nearest source. Requires a Reverse graph.
[[nodiscard]] std::vector<std::uint64_t> nearest_source_times(const RoadGraph& reverse_graph,
                                                              std::span<const NodeId> sources);

/// Weakly connected components of the arcs of a graph: per node its component, numbered by
/// decreasing size (0 is the largest; ties by lowest node). Nodes without arcs get their own.
[[nodiscard]] std::vector<std::uint32_t> weak_components(const RoadGraph& graph);

} // namespace dayafter::graph
