#include "dayafter/graph/nearest_source.hpp"

#include <algorithm>
#include <numeric>
#include <queue>
#include <utility>

#include "dayafter/util/error.hpp"

namespace dayafter::graph {

std::vector<std::uint64_t> nearest_source_times(const RoadGraph& reverse_graph,
                                                std::span<const NodeId> sources) {
    DAYAFTER_ASSERT(reverse_graph.direction() == ArcDirection::Reverse,
                    "nearest_source_times needs a Reverse graph");
    std::vector<std::uint64_t> time(reverse_graph.node_count(), kUnreachable);
    using Entry = std::pair<std::uint64_t, std::uint32_t>;
    std::priority_queue<Entry, std::vector<Entry>, std::greater<>> queue;
    for (const NodeId source : sources) {
        if (source.valid() && source.value < time.size() && time[source.value] != 0) {
            time[source.value] = 0;
            queue.emplace(0, source.value);
        }
    }
    while (!queue.empty()) {
        const auto [t, node] = queue.top();
        queue.pop();
        if (t != time[node]) {
            continue;
        }
        for (const ArcId arc : reverse_graph.out_arcs(NodeId{node})) {
            const std::uint32_t head = reverse_graph.head(arc).value;
            const std::uint64_t candidate = t + reverse_graph.time_ms(arc);
            if (candidate < time[head]) {
                time[head] = candidate;
                queue.emplace(candidate, head);
            }
        }
    }
    return time;
}

namespace {
std::uint32_t find_root(std::vector<std::uint32_t>& parent, std::uint32_t node) {
    while (parent[node] != node) {
        parent[node] = parent[parent[node]];
        node = parent[node];
    }
    return node;
}
} // namespace

std::vector<std::uint32_t> weak_components(const RoadGraph& graph) {
    const std::uint32_t n = graph.node_count();
    std::vector<std::uint32_t> parent(n);
    std::iota(parent.begin(), parent.end(), 0U);
    for (std::uint32_t node = 0; node < n; ++node) {
        for (const ArcId arc : graph.out_arcs(NodeId{node})) {
            const std::uint32_t a = find_root(parent, node);
            const std::uint32_t b = find_root(parent, graph.head(arc).value);
            if (a != b) {
                parent[std::max(a, b)] = std::min(a, b);
            }
        }
    }
    std::vector<std::uint32_t> size(n, 0);
    for (std::uint32_t node = 0; node < n; ++node) {
        ++size[find_root(parent, node)];
    }
    // Order roots by decreasing size, then by lowest node (a root is its component's lowest node).
    std::vector<std::uint32_t> roots;
    for (std::uint32_t node = 0; node < n; ++node) {
        if (parent[node] == node) {
            roots.push_back(node);
        }
    }
    std::stable_sort(roots.begin(), roots.end(),
                     [&](std::uint32_t a, std::uint32_t b) { return size[a] > size[b]; });
    std::vector<std::uint32_t> label_of_root(n, 0);
    for (std::uint32_t rank = 0; rank < roots.size(); ++rank) {
        label_of_root[roots[rank]] = rank;
    }
    std::vector<std::uint32_t> component(n);
    for (std::uint32_t node = 0; node < n; ++node) {
        component[node] = label_of_root[find_root(parent, node)];
    }
    return component;
}

} // namespace dayafter::graph
