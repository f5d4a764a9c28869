// PSPLIB reading and the makespan search, on the real j30 set (../shared, extracted once into a
// temporary folder) against its published optima.
#include <fstream>
#include <map>
#include <memory>
#include <numeric>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "dayafter/io/psplib.hpp"
#include "dayafter/plan/makespan.hpp"
#include "dayafter/util/error.hpp"
#include "test_support.hpp"

namespace dayafter::plan {
namespace {

using ::testing::HasSubstr;

std::filesystem::path psplib_dir() {
    return test::shared_dir() / "data/benchmarks/psplib-rcpsp";
}

/// The j30 files, extracted on first use and kept for the whole test program.
const std::filesystem::path& j30() {
    static const auto dir = [] {
        auto temp = std::make_unique<test::TempDir>();
        const std::string command = "tar -xzf " + (psplib_dir() / "j30.sm.tar.gz").string() +
                                    " -C " + temp->path().string();
        if (test::run(command) != 0) {
            throw std::runtime_error("cannot extract j30.sm.tar.gz: " + command);
        }
        return temp;
    }();
    static const std::filesystem::path folder = dir->path() / "j30.sm";
    return folder;
}

std::map<std::string, Day> j30_optima() {
    std::ifstream in(psplib_dir() / "j30_optimum.csv");
    std::map<std::string, Day> optima;
    std::string line;
    std::getline(in, line);
    while (std::getline(in, line)) {
        const auto comma = line.find(',');
        optima[line.substr(0, comma)] = std::stoi(line.substr(comma + 1));
    }
    return optima;
}

TEST(Psplib, ReadsAJ30Instance) {
    const io::PsplibInstance instance = io::read_psplib(j30() / "j301_1.sm");
    EXPECT_EQ(instance.name, "j301_1");
    ASSERT_EQ(instance.jobs.size(), 32U);
    EXPECT_EQ(instance.capacities, (std::vector<std::int32_t>{12, 13, 4, 12}));
    EXPECT_EQ(instance.horizon, 158);
    EXPECT_EQ(instance.jobs[0].successors, (std::vector<std::uint32_t>{1, 2, 3}));
    EXPECT_EQ(instance.jobs[1].duration, 8);
    EXPECT_EQ(instance.jobs[1].demands, (std::vector<std::int32_t>{4, 0, 0, 0}));
    EXPECT_TRUE(instance.jobs[31].successors.empty());
}

/// The message parse_psplib gives for j301_1.sm with one piece of text replaced.
std::string error_after_replacing(const std::string& from, const std::string& to) {
    std::string text = test::read_text(j30() / "j301_1.sm");
    const auto at = text.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    text.replace(at, from.size(), to);
    try {
        (void)io::parse_psplib(text, "x.sm");
    } catch (const InputError& e) {
        return e.what();
    }
    return "no error";
}

TEST(Psplib, MalformedFilesNameTheFileAndLine) {
    EXPECT_THAT(error_after_replacing("6  11  15", "6  11  99"),
                HasSubstr("x.sm:20: successor 99 is not another of the 32 jobs"));
    EXPECT_THAT(error_after_replacing("  2      1     8 ", "  2      1     8x "),
                HasSubstr("x.sm:56: '8x' is not a whole number"));
    EXPECT_THAT(error_after_replacing("sink ):  32", "sink ):  33"),
                HasSubstr("x.sm:51: fewer job rows than the job count says"));
    EXPECT_THAT(error_after_replacing("RESOURCEAVAILABILITIES:", ""),
                HasSubstr("no 'RESOURCEAVAILABILITIES:' line"));
    EXPECT_THAT(error_after_replacing("6  11  15", "6  11"),
                HasSubstr("x.sm:20: 3 successors announced, 2 listed"));
    EXPECT_THAT(error_after_replacing("  2        1          3", "  2        3          3"),
                HasSubstr("x.sm:20: 3 modes"));
    EXPECT_THROW((void)io::read_psplib(j30() / "none.sm"), InputError);
}

TEST(FromPsplib, MakesOnePoolPerResourceAndPredecessorsFromSuccessors) {
    const Problem problem = from_psplib(io::read_psplib(j30() / "j301_1.sm"));
    ASSERT_EQ(problem.pools.size(), 4U);
    EXPECT_EQ(problem.pools[2].capacity, 4);
    EXPECT_EQ(problem.jobs[5].predecessors, (std::vector<std::uint32_t>{1})); // job 6 after 2
    ASSERT_EQ(problem.jobs[1].modes.size(), 1U);
    EXPECT_EQ(problem.jobs[1].modes[0].duration, 8);
    ASSERT_EQ(problem.jobs[1].modes[0].demands.size(), 1U); // zero demands are left out
    EXPECT_EQ(problem.jobs[1].modes[0].demands[0].units, 4);
    EXPECT_EQ(critical_path_bound(problem), 38); // PSPLIB's MPM-Time
}

Job job(Day duration, std::int32_t units, std::vector<std::uint32_t> after = {}) {
    Job j;
    j.name = std::to_string(duration);
    j.modes.push_back({.demands = {{0, units}}, .duration = duration});
    j.predecessors = std::move(after);
    return j;
}

TEST(MinimizeMakespan, FindsTheOptimumOfASmallProjectAndStopsAtTheBound) {
    // Two units. a takes both, so it runs alone for 3 periods; b then d is a chain of 6 that c
    // fits beside: 9, where the critical path says 6.
    Problem p;
    p.pools.push_back({.name = "crew", .capacity = 2});
    p.jobs = {job(3, 2), job(3, 1), job(3, 1), job(3, 1, {1})};
    const MakespanResult r = minimize_makespan(p, {.max_schedules = 200});
    EXPECT_EQ(r.makespan, 9);
    EXPECT_EQ(r.lower_bound, 6);
    EXPECT_TRUE(check(p, r.schedule).empty());
    EXPECT_EQ(decode(p, r.order).makespan(), r.makespan);
    EXPECT_LE(r.schedules, 200U);
}

TEST(MinimizeMakespan, KeepsToTheScheduleBudgetAndIsDeterministic) {
    const Problem problem = from_psplib(io::read_psplib(j30() / "j3013_1.sm"));
    for (const std::uint64_t budget : {1U, 2U, 7U, 100U}) {
        const MakespanResult r = minimize_makespan(problem, {.max_schedules = budget});
        EXPECT_LE(r.schedules, budget);
        EXPECT_GE(r.schedules, 1U);
        EXPECT_TRUE(check(problem, r.schedule).empty());
    }
    const MakespanResult a = minimize_makespan(problem, {.max_schedules = 1000, .seed = 7});
    const MakespanResult b = minimize_makespan(problem, {.max_schedules = 1000, .seed = 7});
    EXPECT_EQ(a.order, b.order);
    EXPECT_EQ(a.schedules, b.schedules);
}

// A fixed sample of 24 of the 480 instances (two of each parameter set, which PSPLIB numbers
// j30<set>_<instance>), at the budget of the literature's tables. Measured: mean deviation 0.13%,
// 22 of 24 at the optimum (seeds 1-3 alike; all 480 in docs/benchmarks.md). The bounds leave a
// margin for a change of tie-breaking or random stream.
TEST(MinimizeMakespan, ComesCloseToThePublishedOptimaOfJ30) {
    const std::map<std::string, Day> optima = j30_optima();
    double deviation_sum = 0;
    int optimal = 0;
    int count = 0;
    for (int set = 1; set <= 48; set += 2) {
        const std::string name = "j30" + std::to_string(set) + "_" + std::to_string(set % 10 + 1);
        const Problem problem = from_psplib(io::read_psplib(j30() / (name + ".sm")));
        const MakespanResult r = minimize_makespan(problem, {.max_schedules = 5000});
        const Day optimum = optima.at(name + ".sm");
        EXPECT_TRUE(check(problem, r.schedule).empty()) << name;
        EXPECT_GE(r.makespan, optimum) << name;
        EXPECT_EQ(r.schedule.makespan(), r.makespan) << name;
        EXPECT_LE(r.schedules, 5000U) << name;
        deviation_sum += 100.0 * (r.makespan - optimum) / optimum;
        optimal += r.makespan == optimum ? 1 : 0;
        ++count;
    }
    EXPECT_LE(deviation_sum / count, 0.5);
    EXPECT_GE(optimal, 20) << "of " << count;
}

} // namespace
} // namespace dayafter::plan
