#include "dayafter/io/graph_export.hpp"

#include <algorithm>
#include <cstdio>
#include <memory>

#include <fmt/format.h>

#include "dayafter/graph/road_graph.hpp"
#include "dayafter/util/error.hpp"

namespace dayafter::io {
namespace {

struct FileCloser {
    void operator()(std::FILE* file) const noexcept { std::fclose(file); }
};
using File = std::unique_ptr<std::FILE, FileCloser>;

class CsvFile {
public:
    CsvFile(const std::filesystem::path& path, std::string_view header)
        : path_(path), file_(std::fopen(path.c_str(), "w")) {
        if (!file_) {
            throw StorageError(fmt::format("{}: cannot create the file", path.string()));
        }
        line(header);
    }
    void line(std::string_view text) {
        std::fwrite(text.data(), 1, text.size(), file_.get());
        std::fputc('\n', file_.get());
    }
    void close() {
        const bool failed = std::ferror(file_.get()) != 0 || std::fclose(file_.release()) != 0;
        if (failed) {
            throw StorageError(fmt::format("{}: writing failed (disk full?)", path_.string()));
        }
    }

private:
    std::filesystem::path path_;
    File file_;
};

} // namespace

std::string format_seconds(std::uint64_t ms) {
    return fmt::format("{}.{:03}", ms / 1000, ms % 1000);
}

std::vector<NodeId> source_nodes(const model::Town& town, graph::TravelMode mode,
                                 std::string_view service) {
    const model::ServiceTypes* types = nullptr;
    if (!service.empty()) {
        types = model::find_service(service);
        if (types == nullptr) {
            std::string known;
            for (const auto& s : model::default_services()) {
                known += known.empty() ? "" : ", ";
                known += s.name;
            }
            throw InputError(fmt::format("unknown service '{}' (known: {})", service, known));
        }
    }
    std::vector<NodeId> nodes;
    for (const model::Facility& facility : town.facilities) {
        if (types != nullptr && std::find(types->types.begin(), types->types.end(),
                                          facility.type) == types->types.end()) {
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

GraphExportSummary export_graph(const model::Town& town, graph::TravelMode mode,
                                std::string_view service, const std::filesystem::path& folder) {
    const std::vector<NodeId> sources = source_nodes(town, mode, service);
    std::error_code ec;
    std::filesystem::create_directories(folder, ec);
    if (ec) {
        throw StorageError(
            fmt::format("{}: cannot create the folder: {}", folder.string(), ec.message()));
    }
    const graph::RoadNetwork& net = town.roads;
    GraphExportSummary summary;
    summary.node_count = net.node_count();

    CsvFile nodes(folder / "nodes.csv", "id,lon,lat");
    CsvFile osm_ids(folder / "osm_ids.csv", "id,osm_node_id");
    for (NodeId n{0}; n.value < net.node_count(); ++n.value) {
        const geo::Coord c = net.node_coord[n];
        nodes.line(fmt::format("{},{:.7f},{:.7f}", n.value, c.lon(), c.lat()));
        osm_ids.line(fmt::format("{},{}", n.value, net.node_osm_id[n]));
    }
    nodes.close();
    osm_ids.close();

    CsvFile edges(folder / "edges.csv", "from,to,seconds");
    CsvFile bridges(folder / "bridges.csv", "bridge_id,from,to");
    for (const graph::TravelArc& arc : graph::travel_arcs(net, mode)) {
        edges.line(
            fmt::format("{},{},{}", arc.from.value, arc.to.value, format_seconds(arc.time_ms)));
        if (const BridgeId bridge = net.edge_bridge[arc.edge]; bridge.valid()) {
            bridges.line(fmt::format("{},{},{}", bridge.value, arc.from.value, arc.to.value));
        }
        ++summary.arc_count;
    }
    edges.close();
    bridges.close();

    CsvFile source_file(folder / "sources.csv", "id");
    for (const NodeId node : sources) {
        source_file.line(std::to_string(node.value));
    }
    source_file.close();
    summary.source_count = static_cast<std::uint32_t>(sources.size());
    return summary;
}

} // namespace dayafter::io
