// Writes the routable graph of one travel mode exactly as the project uses it, in the network
// format of ../shared/bench, so independent reference tools compute on the very same graph:
//
//   nodes.csv    id,lon,lat            every project node, dense ids 0..n-1
//   edges.csv    from,to,seconds       directed arcs in the direction of travel; the seconds are
//                                      the project's own millisecond weights, written exactly
//   sources.csv  id                    snapped nodes of the facilities (of one service, or all)
//   osm_ids.csv  id,osm_node_id        dense id -> OSM node id
//   bridges.csv  bridge_id,from,to     the directed arcs of each bridge
//
//     const auto summary = io::export_graph(town, TravelMode::Walk, "health", "out/");
#pragma once

#include <cstdint>
#include <filesystem>
#include <string_view>
#include <vector>

#include "dayafter/graph/road_class.hpp"
#include "dayafter/model/service.hpp"
#include "dayafter/model/town.hpp"

namespace dayafter::io {

struct GraphExportSummary {
    std::uint32_t node_count = 0;
    std::uint32_t arc_count = 0;
    std::uint32_t source_count = 0;
};

/// The distinct snapped nodes (ascending) of the facilities of a service in a mode; all
/// facilities when service is empty. Throws InputError for an unknown service name.
[[nodiscard]] std::vector<NodeId> source_nodes(const model::Town& town, graph::TravelMode mode,
                                               std::string_view service);
/// The same for a service given as data (nullptr: every facility).
[[nodiscard]] std::vector<NodeId> source_nodes(const model::Town& town, graph::TravelMode mode,
                                               const model::Service* service);

/// Writes the files above into `folder` (created if missing). Throws InputError for an unknown
/// service, StorageError when a file cannot be written.
GraphExportSummary export_graph(const model::Town& town, graph::TravelMode mode,
                                std::string_view service, const std::filesystem::path& folder);

/// Seconds as the exact decimal of a millisecond count ("12.345").
[[nodiscard]] std::string format_seconds(std::uint64_t ms);

} // namespace dayafter::io
