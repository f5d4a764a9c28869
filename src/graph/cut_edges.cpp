#include "dayafter/graph/cut_edges.hpp"

#include <algorithm>
#include <cstdint>
#include <utility>

namespace dayafter::graph {

namespace {

using Adjacency = std::vector<std::vector<std::pair<std::uint32_t, std::uint32_t>>>; // node, edge

Adjacency drivable_adjacency(const RoadNetwork& net) {
    const std::uint32_t n = net.node_count();
    Adjacency adjacent(n);
    for (EdgeId e{0}; e.value < net.edge_count(); ++e.value) {
        if (net.edge_drive_ms[e] == kNotUsable || net.edge_from[e] == net.edge_to[e]) {
            continue;
        }
        adjacent[net.edge_from[e].value].emplace_back(net.edge_to[e].value, e.value);
        adjacent[net.edge_to[e].value].emplace_back(net.edge_from[e].value, e.value);
    }
    return adjacent;
}

/// Iterative Tarjan bridge finding: true for each edge whose removal disconnects its ends.
std::vector<bool> find_cut_edges(const Adjacency& adjacent, std::uint32_t edge_count) {
    const auto n = static_cast<std::uint32_t>(adjacent.size());
    std::vector<std::uint32_t> order(n, 0);
    std::vector<std::uint32_t> low(n, 0);
    std::vector<bool> is_cut(edge_count, false);
    std::uint32_t counter = 0;
    struct Frame {
        std::uint32_t node;
        std::uint32_t parent_edge;
        std::size_t next;
    };
    for (std::uint32_t root = 0; root < n; ++root) {
        if (order[root] != 0 || adjacent[root].empty()) {
            continue;
        }
        std::vector<Frame> stack{{root, UINT32_MAX, 0}};
        order[root] = low[root] = ++counter;
        while (!stack.empty()) {
            Frame& top = stack.back();
            if (top.next < adjacent[top.node].size()) {
                const auto [to, edge] = adjacent[top.node][top.next++];
                if (edge == top.parent_edge) {
                    continue;
                }
                if (order[to] == 0) {
                    order[to] = low[to] = ++counter;
                    stack.push_back({to, edge, 0});
                } else {
                    low[top.node] = std::min(low[top.node], order[to]);
                }
                continue;
            }
            const Frame done = top;
            stack.pop_back();
            if (!stack.empty()) {
                const std::uint32_t parent = stack.back().node;
                low[parent] = std::min(low[parent], low[done.node]);
                if (low[done.node] > order[parent]) {
                    is_cut[done.parent_edge] = true;
                }
            }
        }
    }
    return is_cut;
}

} // namespace

CutEdges cut_edges(const RoadNetwork& net) {
    const std::uint32_t n = net.node_count();
    const Adjacency adjacent = drivable_adjacency(net);
    const std::vector<bool> is_cut = find_cut_edges(adjacent, net.edge_count());
    CutEdges result;
    result.component.assign(n, UINT32_MAX);
    std::vector<std::uint32_t> sizes;
    for (std::uint32_t start = 0; start < n; ++start) {
        if (result.component[start] != UINT32_MAX) {
            continue;
        }
        const auto id = static_cast<std::uint32_t>(sizes.size());
        sizes.push_back(0);
        std::vector<std::uint32_t> queue{start};
        result.component[start] = id;
        while (!queue.empty()) {
            const std::uint32_t node = queue.back();
            queue.pop_back();
            ++sizes[id];
            for (const auto& [to, edge] : adjacent[node]) {
                if (!is_cut[edge] && result.component[to] == UINT32_MAX) {
                    result.component[to] = id;
                    queue.push_back(to);
                }
            }
        }
    }
    result.main =
        static_cast<std::uint32_t>(std::max_element(sizes.begin(), sizes.end()) - sizes.begin());
    // Walk the tree of components from the main one; each component's parent edge is its road.
    result.towards_main.assign(sizes.size(), EdgeId{});
    std::vector<std::vector<std::uint32_t>> members(sizes.size());
    for (std::uint32_t node = 0; node < n; ++node) {
        members[result.component[node]].push_back(node);
    }
    std::vector<bool> seen(sizes.size(), false);
    std::vector<std::uint32_t> queue = members[result.main];
    seen[result.main] = true;
    for (std::size_t q = 0; q < queue.size(); ++q) {
        const std::uint32_t node = queue[q];
        for (const auto& [to, edge] : adjacent[node]) {
            const std::uint32_t c = result.component[to];
            if (seen[c]) {
                continue;
            }
            seen[c] = true;
            result.towards_main[c] = EdgeId{edge};
            queue.insert(queue.end(), members[c].begin(), members[c].end());
        }
    }
    return result;
}

} // namespace dayafter::graph
