// Roads that are the only way in: the bridges (cut edges) of the undirected drivable network and
// its 2-edge-connected components. A facility outside the largest component hangs on the one road
// that leads towards it.
//
//     const CutEdges cuts = cut_edges(network);
//     if (cuts.component[node.value] != cuts.main) { cuts.towards_main[cuts.component[node.value]];
//     }
#pragma once

#include <cstdint>
#include <vector>

#include "dayafter/graph/road_network.hpp"

namespace dayafter::graph {

/// Per node, the 2-edge-connected component id after removing the cut edges of the undirected
/// drivable network, and for each component the cut edge leading towards the largest one.
struct CutEdges {
    std::vector<std::uint32_t> component;
    std::vector<EdgeId> towards_main; // per component; invalid for the main one
    std::uint32_t main = 0;
};

/// Iterative Tarjan bridge finding, then a walk of the component tree from the largest. O(n + m).
[[nodiscard]] CutEdges cut_edges(const RoadNetwork& net);

} // namespace dayafter::graph
