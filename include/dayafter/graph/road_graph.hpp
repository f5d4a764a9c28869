// The routable graph of one travel mode: directed arcs in compressed sparse row (CSR) form.
//
// Arcs of a node are contiguous: out_arcs(node) is [first_out_[node], first_out_[node + 1]).
// Per-arc attributes are parallel arrays. Each arc remembers the road edge it came from, so
// blocking a road segment blocks both of its arcs. Self-loops are dropped (they never shorten a
// path). Building costs O(n + m) memory and time.
//
//     const RoadGraph forward = RoadGraph::build(net, TravelMode::Drive, ArcDirection::Forward);
//     for (NodeId node ...) for (ArcId arc : forward.out_arcs(node)) use(forward.head(arc));
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "dayafter/graph/road_network.hpp"

namespace dayafter::graph {

/// Forward: arcs point the way people travel. Reverse: every arc is flipped, so a search from
/// the facilities over it yields each node's time *to* its nearest facility.
enum class ArcDirection : std::uint8_t { Forward, Reverse };

class RoadGraph {
public:
    [[nodiscard]] static RoadGraph build(const RoadNetwork& network, TravelMode mode,
                                         ArcDirection direction);

    [[nodiscard]] std::uint32_t node_count() const noexcept {
        return static_cast<std::uint32_t>(first_out_.size() - 1);
    }
    [[nodiscard]] std::uint32_t arc_count() const noexcept {
        return static_cast<std::uint32_t>(head_.size());
    }
    [[nodiscard]] IdRange<ArcId> out_arcs(NodeId node) const noexcept {
        return {first_out_[node.value], first_out_[node.value + 1]};
    }
    [[nodiscard]] NodeId head(ArcId arc) const noexcept { return head_[arc]; }
    [[nodiscard]] Millis time_ms(ArcId arc) const noexcept { return time_ms_[arc]; }
    [[nodiscard]] EdgeId edge(ArcId arc) const noexcept { return edge_[arc]; }
    [[nodiscard]] TravelMode mode() const noexcept { return mode_; }
    [[nodiscard]] ArcDirection direction() const noexcept { return direction_; }

private:
    TravelMode mode_ = TravelMode::Walk;
    ArcDirection direction_ = ArcDirection::Forward;
    std::vector<std::uint32_t> first_out_{0};
    IdVector<ArcId, NodeId> head_;
    IdVector<ArcId, Millis> time_ms_;
    IdVector<ArcId, EdgeId> edge_;
};

/// One directed arc as the world sees it (from -> to in the direction of travel).
struct TravelArc {
    NodeId from;
    NodeId to;
    Millis time_ms;
    EdgeId edge;
};

/// Every arc of `mode` in the direction of travel, ordered by edge then direction: the exact
/// graph that RoadGraph::build indexes and that `dayafter export graph` writes.
[[nodiscard]] std::vector<TravelArc> travel_arcs(const RoadNetwork& network, TravelMode mode);
/// The same with other times for the mode's edges (one per edge; kNotUsable: no arcs), such as
/// the undamaged times of a network that hazards block in places.
[[nodiscard]] std::vector<TravelArc> travel_arcs(const RoadNetwork& network, TravelMode mode,
                                                 std::span<const Millis> edge_times_ms);

} // namespace dayafter::graph
