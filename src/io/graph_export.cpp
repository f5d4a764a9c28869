#include "dayafter/io/graph_export.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "dayafter/graph/road_graph.hpp"
#include "dayafter/util/error.hpp"
#include "dayafter/util/text_file.hpp"

namespace dayafter::io {
using util::create_folder;
using CsvFile = util::TextFile;

std::string format_seconds(std::uint64_t ms) {
    return fmt::format("{}.{:03}", ms / 1000, ms % 1000);
}

std::vector<NodeId> source_nodes(const model::Town& town, graph::TravelMode mode,
                                 const model::Service* service) {
    std::vector<NodeId> nodes;
    for (const model::Facility& facility : town.facilities) {
        // A facility known not to function is no source, as in access.
        if ((service != nullptr && !service->provides(facility.type)) ||
            facility.functioning == false) {
            continue;
        }
        const NodeId node = facility.snap_node[static_cast<std::size_t>(mode)];
        if (node.valid()) {
            nodes.push_back(node);
        }
    }
    std::sort(nodes.begin(), nodes.end());
    nodes.erase(std::unique(nodes.begin(), nodes.end()), nodes.end());
    return nodes;
}

std::vector<NodeId> source_nodes(const model::Town& town, graph::TravelMode mode,
                                 std::string_view service) {
    if (service.empty()) {
        return source_nodes(town, mode, nullptr);
    }
    const std::vector<model::Service> services = model::default_services();
    const model::Service* found = model::find_service(services, service);
    if (found == nullptr) {
        throw InputError(fmt::format("unknown service '{}' (known: {})", service,
                                     model::service_names(services)));
    }
    return source_nodes(town, mode, found);
}

GraphExportSummary export_graph(const model::Town& town, graph::TravelMode mode,
                                std::string_view service, const std::filesystem::path& folder) {
    const std::vector<NodeId> sources = source_nodes(town, mode, service);
    create_folder(folder);
    const graph::RoadNetwork& net = town.roads;
    GraphExportSummary summary;
    summary.node_count = net.node_count();

    CsvFile nodes(folder / "nodes.csv");
    nodes.line("id,lon,lat");
    CsvFile osm_ids(folder / "osm_ids.csv");
    osm_ids.line("id,osm_node_id");
    for (NodeId n{0}; n.value < net.node_count(); ++n.value) {
        const geo::Coord c = net.node_coord[n];
        nodes.line(fmt::format("{},{:.7f},{:.7f}", n.value, c.lon(), c.lat()));
        osm_ids.line(fmt::format("{},{}", n.value, net.node_osm_id[n]));
    }
    nodes.commit();
    osm_ids.commit();

    CsvFile edges(folder / "edges.csv");
    edges.line("from,to,seconds");
    CsvFile bridges(folder / "bridges.csv");
    bridges.line("bridge_id,from,to");
    for (const graph::TravelArc& arc : graph::travel_arcs(net, mode)) {
        edges.line(
            fmt::format("{},{},{}", arc.from.value, arc.to.value, format_seconds(arc.time_ms)));
        if (const BridgeId bridge = net.edge_bridge[arc.edge]; bridge.valid()) {
            bridges.line(fmt::format("{},{},{}", bridge.value, arc.from.value, arc.to.value));
        }
        ++summary.arc_count;
    }
    edges.commit();
    bridges.commit();

    CsvFile source_file(folder / "sources.csv");
    source_file.line("id");
    for (const NodeId node : sources) {
        source_file.line(std::to_string(node.value));
    }
    source_file.commit();
    summary.source_count = static_cast<std::uint32_t>(sources.size());
    return summary;
}

} // namespace dayafter::io
