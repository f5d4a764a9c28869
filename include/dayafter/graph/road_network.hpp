// The road network as imported: junction nodes and the road segments between them.
//
// A node is a way end or an OSM node shared by two or more road ways (a junction); an edge is the
// stretch of one OSM way between two such nodes, with its full geometry. Edges are undirected
// records; `oneway` says which directions a vehicle may use, and the per-mode travel times say
// who may use the edge at all (kNotUsable). Routable per-mode graphs (RoadGraph) derive from it.
// Stored as parallel arrays indexed by NodeId and EdgeId (structure of arrays).
//
//     for (EdgeId edge{0}; edge.value < net.edge_count(); ++edge.value)
//         total_m += net.edge_length_m[edge];
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "dayafter/geo/coord.hpp"
#include "dayafter/geo/point_index.hpp"
#include "dayafter/graph/road_class.hpp"
#include "dayafter/util/ids.hpp"

namespace dayafter::graph {

/// Direction in which vehicles may use an edge, relative to its geometry (from -> to).
enum class Oneway : std::int8_t { Backward = -1, No = 0, Forward = 1 };

struct RoadNetwork {
    IdVector<NodeId, std::int64_t> node_osm_id;
    IdVector<NodeId, geo::Coord> node_coord;

    IdVector<EdgeId, NodeId> edge_from;
    IdVector<EdgeId, NodeId> edge_to;
    IdVector<EdgeId, std::int64_t> edge_osm_way;
    IdVector<EdgeId, RoadClass> edge_class;
    IdVector<EdgeId, double> edge_length_m;
    IdVector<EdgeId, Oneway> edge_oneway;
    IdVector<EdgeId, BridgeId> edge_bridge; // invalid when the edge is not on a bridge
    IdVector<EdgeId, Millis> edge_walk_ms;  // kNotUsable when not walkable
    IdVector<EdgeId, Millis> edge_drive_ms; // kNotUsable when not drivable
    /// Geometry of edge e: geometry_points[geometry_first[e] .. geometry_first[e + 1]), from the
    /// `from` node to the `to` node inclusive. geometry_first has edge_count() + 1 entries.
    std::vector<std::uint32_t> geometry_first{0};
    std::vector<geo::Coord> geometry_points;

    [[nodiscard]] std::uint32_t node_count() const noexcept {
        return static_cast<std::uint32_t>(node_coord.size());
    }
    [[nodiscard]] std::uint32_t edge_count() const noexcept {
        return static_cast<std::uint32_t>(edge_from.size());
    }
    [[nodiscard]] std::span<const geo::Coord> geometry(EdgeId edge) const noexcept {
        return {geometry_points.data() + geometry_first[edge.value],
                geometry_points.data() + geometry_first[edge.value + 1]};
    }
    [[nodiscard]] Millis time_ms(TravelMode mode, EdgeId edge) const noexcept {
        return mode == TravelMode::Walk ? edge_walk_ms[edge] : edge_drive_ms[edge];
    }
    /// Whether travel in `mode` may go from the edge's `from` node to its `to` node (forward) or
    /// the other way. Walking ignores one-way rules.
    [[nodiscard]] bool allows(TravelMode mode, EdgeId edge, bool forward) const noexcept {
        return time_ms(mode, edge) != kNotUsable && direction_allowed(mode, edge, forward);
    }
    /// The one-way rules alone, whatever the edge's time.
    [[nodiscard]] bool direction_allowed(TravelMode mode, EdgeId edge, bool forward) const noexcept;
    /// True when at least one usable edge in `mode` touches each node.
    [[nodiscard]] std::vector<bool> usable_nodes(TravelMode mode) const;
    /// A nearest-point index over the nodes usable in a mode: what facilities and places snap to.
    [[nodiscard]] geo::PointIndex usable_node_index(TravelMode mode) const;
};

} // namespace dayafter::graph
