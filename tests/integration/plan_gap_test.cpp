// The heuristic against CBC's proven optimum on small instances drawn on Monaco's real roads
// (tests/support/plan_instances.hpp); docs/benchmarks.md has the wider table (bench/plan_gap).
#include <fstream>

#include <gtest/gtest.h>

#include "dayafter/plan/planner.hpp"
#include "plan_instances.hpp"
#include "test_support.hpp"

namespace dayafter::plan {
namespace {

struct Pair {
    Plan heuristic;
    Plan exact;
};

Pair solve(unsigned seed) {
    static test::TempDir dir;
    static const std::filesystem::path base = [] {
        const auto p = dir / "monaco.dayafter";
        (void)app::import_osm({test::data_dir() / "osm/monaco/monaco.osm.pbf", p, {}, false}, {});
        std::ofstream(dir / "tight.json") << test::kPlanInstanceConfig;
        return p;
    }();
    const auto folder = dir / std::to_string(seed);
    std::filesystem::create_directories(folder);
    const auto project = test::generate_plan_instance(base, folder, seed, 16);
    const snapshot::Snapshot s =
        snapshot::Snapshot::open(project, {.config_file = dir / "tight.json"});
    return {make_plan(s, {.horizon = 60, .max_evaluations = 1500, .seed = 1}),
            make_plan(s, {.horizon = 60, .solver = Solver::Exact, .time_limit_s = 60})};
}

TEST(PlanGap, TheHeuristicReachesTheExactOptimumOnSmallInstances) {
    double gap_sum = 0;
    int optimal = 0;
    const unsigned runs = 4;
    for (unsigned seed = 1; seed <= runs; ++seed) {
        const Pair p = solve(seed);
        ASSERT_TRUE(p.heuristic.checks.empty()) << p.heuristic.checks.front();
        ASSERT_TRUE(p.exact.checks.empty()) << p.exact.checks.front();
        ASSERT_NE(p.exact.solver.find("optimal"), std::string::npos) << p.exact.solver;
        // The MIP's optimum, recomputed on the session, can only be matched, never beaten.
        EXPECT_GE(p.exact.gain + 1e-6, p.heuristic.gain) << "seed " << seed;
        EXPECT_GT(p.exact.gain, 0) << "seed " << seed << ": the damage should matter";
        for (const RuleResult& rule : p.heuristic.rules) {
            EXPECT_GE(p.heuristic.gain, rule.gain) << rule.name;
            EXPECT_GE(p.exact.gain + 1e-6, rule.gain) << rule.name;
        }
        const double gap = p.exact.gain > 0 ? (p.exact.gain - p.heuristic.gain) / p.exact.gain : 0;
        gap_sum += gap;
        optimal += gap < 1e-9 ? 1 : 0;
        RecordProperty("seed" + std::to_string(seed), std::to_string(gap));
    }
    EXPECT_LE(gap_sum / runs, 0.005);
    EXPECT_GE(optimal, 3);
}

} // namespace
} // namespace dayafter::plan
