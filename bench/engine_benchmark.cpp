// Google Benchmark micro-benchmarks of the access engine's hot paths on an in-process grid city
// (no files): a cold computation, and a what-if (block 20 arcs, then reopen them). For the
// comparison against the reference tools use ../shared/bench/run_all.sh (docs/benchmarks.md);
// these are for quick before/after checks while changing the engine:
//
//   build/release/bench/dayafter-engine-benchmark --benchmark_min_time=1
#include <cstdint>
#include <random>
#include <vector>

#include <benchmark/benchmark.h>

#include "dayafter/access/nearest_facility.hpp"

namespace {

using dayafter::NodeId;
using dayafter::access::Arc;
using dayafter::access::NearestFacilityEngine;

struct Grid {
    std::uint32_t node_count = 0;
    std::vector<Arc> arcs;
    std::vector<NodeId> facilities;
};

/// A side x side grid, two-way streets of 110 m at 30 km/h (13.2 s) with +-20% noise, one
/// facility per 1,600 nodes.
Grid make_grid(std::uint32_t side) {
    Grid grid;
    grid.node_count = side * side;
    std::mt19937 random(42);
    std::uniform_int_distribution<std::uint64_t> time(10'560'000, 15'840'000);
    auto link = [&](std::uint32_t a, std::uint32_t b) {
        const std::uint64_t t = time(random);
        grid.arcs.push_back({a, b, t});
        grid.arcs.push_back({b, a, t});
    };
    for (std::uint32_t row = 0; row < side; ++row) {
        for (std::uint32_t col = 0; col < side; ++col) {
            const std::uint32_t node = row * side + col;
            if (col + 1 < side) {
                link(node, node + 1);
            }
            if (row + 1 < side) {
                link(node, node + side);
            }
        }
    }
    std::uniform_int_distribution<std::uint32_t> any(0, grid.node_count - 1);
    for (std::uint32_t f = 0; f < grid.node_count / 1600; ++f) {
        grid.facilities.push_back(NodeId{any(random)});
    }
    return grid;
}

void BM_Cold(benchmark::State& state) {
    const Grid grid = make_grid(static_cast<std::uint32_t>(state.range(0)));
    NearestFacilityEngine engine(grid.node_count, grid.arcs, grid.facilities);
    for (auto _ : state) {
        engine.compute();
        benchmark::DoNotOptimize(engine.time_us(NodeId{0}));
    }
    state.counters["nodes"] = grid.node_count;
}
BENCHMARK(BM_Cold)->Arg(316)->Arg(1000)->Unit(benchmark::kMillisecond);

void BM_Block20AndReopen(benchmark::State& state) {
    const Grid grid = make_grid(static_cast<std::uint32_t>(state.range(0)));
    NearestFacilityEngine engine(grid.node_count, grid.arcs, grid.facilities);
    engine.compute();
    std::mt19937 random(7);
    std::uniform_int_distribution<std::uint32_t> any(
        0, static_cast<std::uint32_t>(grid.arcs.size() - 1));
    std::uint64_t reset = 0;
    for (auto _ : state) {
        std::vector<std::uint32_t> block;
        for (int k = 0; k < 20; ++k) {
            block.push_back(any(random));
        }
        engine.set_arcs_blocked(block, true);
        reset += engine.last_update().nodes_reset;
        engine.set_arcs_blocked(block, false);
    }
    state.counters["nodes_reset"] =
        benchmark::Counter(static_cast<double>(reset), benchmark::Counter::kAvgIterations);
}
BENCHMARK(BM_Block20AndReopen)->Arg(316)->Arg(1000)->Unit(benchmark::kMicrosecond);

} // namespace

BENCHMARK_MAIN();
