// The way to a site is the one crossing the fewest blocked edges (a 0-1 breadth-first search
// from the base: an open edge costs 0, a blocked one that work can open costs 1, one nothing
// opens cannot be crossed). Each task's site is the node of its edges nearest the base in that
// count, so a task never waits for itself and waiting cannot go round in a circle: a task's
// predecessors always lie strictly nearer the base.
#include "reach.hpp"

#include <algorithm>
#include <deque>
#include <limits>
#include <numeric>

namespace dayafter::plan {
namespace {

constexpr std::uint32_t kFar = std::numeric_limits<std::uint32_t>::max();
constexpr auto kDrive = graph::TravelMode::Drive;

struct Way {
    std::vector<std::uint32_t> dist; // blocked edges crossed from the base
    std::vector<std::uint32_t> via;  // per node, the edge it was reached by (or kFar)
};

std::uint32_t find(std::vector<std::uint32_t>& parent, std::uint32_t x) {
    while (parent[x] != x) {
        parent[x] = parent[parent[x]];
        x = parent[x];
    }
    return x;
}

/// Nodes of the largest part of the network connected by car as things are.
std::vector<std::uint32_t> base_nodes(std::span<const snapshot::ModeArc> arcs, std::uint32_t n) {
    std::vector<std::uint32_t> parent(n);
    std::iota(parent.begin(), parent.end(), 0U);
    std::vector<bool> touched(n, false);
    for (const snapshot::ModeArc& arc : arcs) {
        if (arc.now_ms != graph::kNotUsable) {
            parent[find(parent, arc.from.value)] = find(parent, arc.to.value);
            touched[arc.from.value] = touched[arc.to.value] = true;
        }
    }
    std::vector<std::uint32_t> size(n, 0);
    for (std::uint32_t v = 0; v < n; ++v) {
        size[find(parent, v)] += touched[v] ? 1 : 0;
    }
    const auto root =
        static_cast<std::uint32_t>(std::max_element(size.begin(), size.end()) - size.begin());
    std::vector<std::uint32_t> nodes;
    for (std::uint32_t v = 0; v < n; ++v) {
        if (touched[v] && find(parent, v) == root) {
            nodes.push_back(v);
        }
    }
    return nodes;
}

Way search(const snapshot::Snapshot& snapshot, const std::vector<bool>& openable) {
    const auto arcs = snapshot.arcs(kDrive);
    const std::uint32_t n = snapshot.town().roads.node_count();
    std::vector<std::vector<std::uint32_t>> out(n); // arc indices by their from node
    for (std::uint32_t a = 0; a < arcs.size(); ++a) {
        out[arcs[a].from.value].push_back(a);
    }
    Way way{std::vector<std::uint32_t>(n, kFar), std::vector<std::uint32_t>(n, kFar)};
    std::deque<std::uint32_t> queue;
    for (const std::uint32_t v : base_nodes(arcs, n)) {
        way.dist[v] = 0;
        queue.push_back(v);
    }
    while (!queue.empty()) {
        const std::uint32_t v = queue.front();
        queue.pop_front();
        for (const std::uint32_t a : out[v]) {
            const snapshot::ModeArc& arc = arcs[a];
            const bool blocked = arc.now_ms == graph::kNotUsable;
            if (blocked && !openable[arc.edge.value]) {
                continue;
            }
            const std::uint32_t d = way.dist[v] + (blocked ? 1 : 0);
            if (d < way.dist[arc.to.value]) {
                way.dist[arc.to.value] = d;
                way.via[arc.to.value] = a;
                blocked ? queue.push_back(arc.to.value) : queue.push_front(arc.to.value);
            }
        }
    }
    return way;
}

} // namespace

void add_reach_predecessors(const snapshot::Snapshot& snapshot, TaskList& list) {
    const model::Town& town = snapshot.town();
    std::vector<bool> openable(town.roads.edge_count(), false);
    std::vector<const std::vector<std::uint32_t>*> opened_by(town.roads.edge_count(), nullptr);
    std::vector<std::vector<std::uint32_t>> sites(list.tasks.size());
    for (const auto& [edge, tasks] : list.edge_tasks) {
        openable[edge.value] = true;
        opened_by[edge.value] = &tasks;
        for (const std::uint32_t t : tasks) {
            sites[t].push_back(town.roads.edge_from[edge].value);
            sites[t].push_back(town.roads.edge_to[edge].value);
        }
    }
    const Way way = search(snapshot, openable);
    const auto arcs = snapshot.arcs(kDrive);
    for (std::uint32_t t = 0; t < list.tasks.size(); ++t) {
        Task& task = list.tasks[t];
        if (!task.activity.empty() || !task.impossible.empty()) {
            continue; // under way or done already, or not to be done at all
        }
        if (task.facility) {
            const NodeId node = town.facilities[*task.facility].snap_node[1];
            if (node.valid()) {
                sites[t].push_back(node.value);
            }
        }
        if (sites[t].empty()) {
            continue; // touches no road: nothing to reach
        }
        const std::uint32_t site = *std::min_element(
            sites[t].begin(), sites[t].end(),
            [&](std::uint32_t a, std::uint32_t b) { return way.dist[a] < way.dist[b]; });
        if (way.dist[site] == kFar) {
            task.impossible = "no road reaches it from the crews' base, even with every "
                              "blocked road on the way cleared";
            continue;
        }
        for (std::uint32_t v = site; way.via[v] != kFar; v = arcs[way.via[v]].from.value) {
            const snapshot::ModeArc& arc = arcs[way.via[v]];
            if (arc.now_ms != graph::kNotUsable) {
                continue;
            }
            for (const std::uint32_t before : *opened_by[arc.edge.value]) {
                if (before != t &&
                    std::find(task.after.begin(), task.after.end(), before) == task.after.end()) {
                    task.after.push_back(before);
                }
            }
        }
    }
}

} // namespace dayafter::plan
