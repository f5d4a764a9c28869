#include <cstdlib>
#include <queue>
#include <random>

#include <gtest/gtest.h>

#include "dayafter/access/nearest_facility.hpp"

namespace dayafter::access {
namespace {

struct Instance {
    std::uint32_t node_count = 0;
    std::vector<Arc> arcs;
    std::vector<NodeId> facilities;
};

/// Times from every node to one facility node by plain Dijkstra over unblocked arcs.
std::vector<std::uint64_t> single_source(const Instance& g, const std::vector<bool>& blocked,
                                         std::uint32_t target) {
    std::vector<std::uint64_t> time(g.node_count, kUnreachable);
    using Entry = std::pair<std::uint64_t, std::uint32_t>;
    std::priority_queue<Entry, std::vector<Entry>, std::greater<>> queue;
    time[target] = 0;
    queue.emplace(0, target);
    while (!queue.empty()) {
        const auto [t, node] = queue.top();
        queue.pop();
        if (t != time[node]) {
            continue;
        }
        for (std::size_t a = 0; a < g.arcs.size(); ++a) { // slow on purpose: no CSR shared
            if (!blocked[a] && g.arcs[a].to == node &&
                t + g.arcs[a].time_us < time[g.arcs[a].from]) {
                time[g.arcs[a].from] = t + g.arcs[a].time_us;
                queue.emplace(time[g.arcs[a].from], g.arcs[a].from);
            }
        }
    }
    return time;
}

/// The answer by definition: per node the (time, facility) minimum over open facilities.
void expect_matches_brute_force(const NearestFacilityEngine& engine, const Instance& g,
                                const std::vector<bool>& blocked, const std::vector<bool>& open) {
    std::vector<std::uint64_t> best(g.node_count, kUnreachable);
    std::vector<std::uint32_t> who(g.node_count, FacilityId::kNone);
    for (std::uint32_t f = 0; f < g.facilities.size(); ++f) {
        if (!open[f]) {
            continue;
        }
        const auto time = single_source(g, blocked, g.facilities[f].value);
        for (std::uint32_t node = 0; node < g.node_count; ++node) {
            if (time[node] < best[node]) { // strict: a lower index already won ties
                best[node] = time[node];
                who[node] = f;
            }
        }
    }
    for (std::uint32_t node = 0; node < g.node_count; ++node) {
        ASSERT_EQ(engine.time_us(NodeId{node}), best[node]) << "node " << node;
        ASSERT_EQ(engine.facility(NodeId{node}).value, who[node]) << "node " << node;
    }
}

Instance random_instance(std::mt19937& engine) {
    auto random = [&engine] { return static_cast<std::uint32_t>(engine()); };
    Instance g;
    g.node_count = 2 + random() % 40;
    const std::uint32_t arc_count = random() % (3 * g.node_count);
    for (std::uint32_t a = 0; a < arc_count; ++a) {
        // Small weights make many ties, which is where catchment bugs hide.
        g.arcs.push_back({static_cast<std::uint32_t>(random() % g.node_count),
                          static_cast<std::uint32_t>(random() % g.node_count), 1 + random() % 4});
    }
    const std::uint32_t facility_count = 1 + random() % 5;
    for (std::uint32_t f = 0; f < facility_count; ++f) {
        g.facilities.push_back(NodeId{static_cast<std::uint32_t>(random() % g.node_count)});
    }
    return g;
}

unsigned first_seed() {
    const char* env = std::getenv("DAYAFTER_TEST_SEED");
    return env != nullptr ? static_cast<unsigned>(std::atoi(env)) : 1;
}

TEST(NearestFacilityEngine, ColdComputationEqualsBruteForceWithTiesToLowerIndex) {
    for (unsigned seed = first_seed(); seed < first_seed() + 200; ++seed) {
        SCOPED_TRACE("DAYAFTER_TEST_SEED=" + std::to_string(seed));
        std::mt19937 random(seed); // 32-bit results
        const Instance g = random_instance(random);
        NearestFacilityEngine engine(g.node_count, g.arcs, g.facilities);
        engine.compute();
        expect_matches_brute_force(engine, g, std::vector<bool>(g.arcs.size(), false),
                                   std::vector<bool>(g.facilities.size(), true));
    }
}

TEST(NearestFacilityEngine, IncrementalUpdatesEqualColdRecomputationAtEveryStep) {
    for (unsigned seed = first_seed(); seed < first_seed() + 200; ++seed) {
        SCOPED_TRACE("DAYAFTER_TEST_SEED=" + std::to_string(seed));
        std::mt19937 engine_random(seed);
        const Instance g = random_instance(engine_random);
        auto random = [&engine_random] { return static_cast<std::uint32_t>(engine_random()); };
        NearestFacilityEngine engine(g.node_count, g.arcs, g.facilities);
        engine.compute();
        std::vector<bool> blocked(g.arcs.size(), false);
        std::vector<bool> open(g.facilities.size(), true);
        for (int step = 0; step < 30; ++step) {
            SCOPED_TRACE("step " + std::to_string(step));
            const auto kind = random() % 4;
            if (kind < 3 && !g.arcs.empty()) {
                std::vector<std::uint32_t> chosen;
                const bool block = kind < 2;
                for (std::uint32_t k = 0; k < 1 + random() % 4; ++k) {
                    const auto arc = static_cast<std::uint32_t>(random() % g.arcs.size());
                    chosen.push_back(arc);
                    blocked[arc] = block;
                }
                engine.set_arcs_blocked(chosen, block);
            } else {
                const auto f = static_cast<std::uint32_t>(random() % g.facilities.size());
                open[f] = !open[f];
                engine.set_facility_open(FacilityId{f}, open[f]);
            }
            NearestFacilityEngine cold(g.node_count, g.arcs, g.facilities);
            std::vector<std::uint32_t> blocked_arcs;
            for (std::uint32_t a = 0; a < blocked.size(); ++a) {
                if (blocked[a]) {
                    blocked_arcs.push_back(a);
                }
            }
            cold.set_arcs_blocked(blocked_arcs, true);
            for (std::uint32_t f = 0; f < open.size(); ++f) {
                if (!open[f]) {
                    cold.set_facility_open(FacilityId{f}, false);
                }
            }
            cold.compute();
            for (std::uint32_t node = 0; node < g.node_count; ++node) {
                ASSERT_EQ(engine.time_us(NodeId{node}), cold.time_us(NodeId{node})) << node;
                ASSERT_EQ(engine.facility(NodeId{node}), cold.facility(NodeId{node})) << node;
            }
            if (step % 10 == 9) {
                expect_matches_brute_force(engine, g, blocked, open);
            }
        }
    }
}

TEST(NearestFacilityEngine, BlockingTouchesOnlyTheSubtreeThatHungOnTheArc) {
    // A line 0 <- 1 <- 2 <- ... <- 99 leading to a facility at 0, and a detour 50 -> 0.
    Instance g;
    g.node_count = 100;
    for (std::uint32_t n = 1; n < 100; ++n) {
        g.arcs.push_back({n, n - 1, 10});
    }
    g.arcs.push_back({50, 0, 1000});
    g.facilities.push_back(NodeId{0});
    NearestFacilityEngine engine(g.node_count, g.arcs, g.facilities);
    engine.compute();
    EXPECT_EQ(engine.time_us(NodeId{99}), 990U);
    const std::vector<std::uint32_t> cut{49}; // arc 50 -> 49
    engine.set_arcs_blocked(cut, true);
    EXPECT_EQ(engine.last_update().nodes_reset, 50U); // nodes 50..99, nothing below
    EXPECT_EQ(engine.time_us(NodeId{99}), 1000U + 490U);
    EXPECT_EQ(engine.time_us(NodeId{49}), 490U);
    engine.set_arcs_blocked(cut, false);
    EXPECT_EQ(engine.time_us(NodeId{99}), 990U);
    EXPECT_EQ(engine.last_update().nodes_reset, 0U);
}

} // namespace
} // namespace dayafter::access
