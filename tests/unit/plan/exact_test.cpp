#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <numeric>
#include <random>

#include <gtest/gtest.h>

#include "dayafter/plan/exact.hpp"
#include "dayafter/util/error.hpp"

namespace dayafter::plan {
namespace {

Job job(std::string name, Day duration, std::uint32_t pool = 0, std::int32_t units = 1,
        std::vector<std::uint32_t> after = {}) {
    Job j;
    j.name = std::move(name);
    j.modes.push_back({.demands = {{pool, units}}, .duration = duration});
    j.predecessors = std::move(after);
    return j;
}

Problem one_crew(std::vector<Job> jobs, Day horizon) {
    Problem p;
    p.pools.push_back({.name = "crew", .capacity = 1});
    p.jobs = std::move(jobs);
    p.horizon = horizon;
    return p;
}

/// Solves and checks what every exact answer must satisfy: optimal within the test's time, a
/// schedule the checker accepts, and an objective equal to the value recomputed from scratch.
ExactResult solve_and_check(const Problem& p, const std::vector<Requirement>& needs) {
    const ExactResult r = solve_exact(p, needs, {.time_limit_s = 20});
    EXPECT_EQ(r.status, ExactStatus::Optimal);
    EXPECT_TRUE(r.optimal);
    EXPECT_EQ(check(p, r.schedule), std::vector<std::string>{});
    EXPECT_NEAR(restoration_value(needs, r.schedule, p.horizon), r.objective, 1e-6);
    EXPECT_NEAR(r.bound, r.objective, 1e-6);
    return r;
}

TEST(SolveExact, OneCrewDoesFirstTheJobRestoringMostPeoplePerDay) {
    const Problem p = one_crew({job("well", 2), job("clinic road", 3), job("school", 1)}, 10);
    const std::vector<Requirement> needs{{.weight = 10, .any_of = {{0}}},
                                         {.weight = 30, .any_of = {{1}}},
                                         {.weight = 4, .any_of = {{2}}}};
    const ExactResult r = solve_and_check(p, needs);
    // 30/3 > 10/2 > 4/1 people per day of work (Smith's rule): road, well, school.
    EXPECT_EQ(r.schedule.jobs[1].finish, 3);
    EXPECT_EQ(r.schedule.jobs[0].finish, 5);
    EXPECT_EQ(r.schedule.jobs[2].finish, 6);
    EXPECT_DOUBLE_EQ(r.objective, 30.0 * 7 + 10.0 * 5 + 4.0 * 4);
}

TEST(SolveExact, MoneyArrivingLaterDelaysTheSecondJob) {
    Problem p;
    p.pools.push_back({.name = "crews", .capacity = 2});
    p.pots.push_back({.name = "donor", .arrivals = {{0, 100}, {4, 100}}});
    p.jobs = {job("pipes", 2), job("pump", 2)};
    for (Job& j : p.jobs) {
        j.cost = 100;
        j.pots = {0};
    }
    p.horizon = 10;
    const std::vector<Requirement> needs{{.weight = 10, .any_of = {{0}}},
                                         {.weight = 20, .any_of = {{1}}}};
    const ExactResult r = solve_and_check(p, needs);
    EXPECT_EQ(r.schedule.jobs[1].start, 0); // the heavier first, with the first money
    EXPECT_EQ(r.schedule.jobs[0].start, 4); // the other when the second amount arrives
    EXPECT_EQ(r.schedule.jobs[0].pot, 0U);
    EXPECT_DOUBLE_EQ(r.objective, 20.0 * 8 + 10.0 * 4);
}

TEST(SolveExact, ClearingEitherRoadRestoresTheClinicSoTheShorterGoesFirst) {
    const Problem p = one_crew({job("north road", 5), job("south road", 3)}, 10);
    const std::vector<Requirement> needs{
        {.weight = 100, .any_of = {{0}, {1}}, .label = "clinic"},
        {.weight = 1, .any_of = {{0}}, .label = "market by the north road"}};
    const ExactResult r = solve_and_check(p, needs);
    EXPECT_EQ(r.schedule.jobs[1].start, 0);
    EXPECT_EQ(r.schedule.jobs[0].start, 3);
    EXPECT_DOUBLE_EQ(r.objective, 100.0 * 7 + 1.0 * 2);
}

TEST(SolveExact, AJobThatCannotFitKeepsItsSuccessorsOutWithReasons) {
    const Problem p = one_crew({job("bridge", 12), job("road over it", 1, 0, 1, {0})}, 10);
    const std::vector<Requirement> needs{{.weight = 5, .any_of = {{1}}}};
    const ExactResult r = solve_and_check(p, needs);
    EXPECT_EQ(r.schedule.jobs[0].why, Unplaced::BeyondHorizon);
    EXPECT_EQ(r.schedule.jobs[1].why, Unplaced::AfterUnplaced);
    EXPECT_DOUBLE_EQ(r.objective, 0.0);
}

TEST(SolveExact, LeavesOutWorkNobodyCanDoOrPaysForWithTheReason) {
    Problem p = one_crew({job("demining", 2), job("bridge", 2), job("road", 1, 0, 1, {1})}, 10);
    p.jobs[0].modes.clear();
    p.jobs[1].cost = 500;
    const std::vector<Requirement> needs{{.weight = 5, .any_of = {{0}, {2}}}};
    const ExactResult r = solve_and_check(p, needs);
    EXPECT_EQ(r.schedule.jobs[0].why, Unplaced::NobodyCanDoIt);
    EXPECT_EQ(r.schedule.jobs[1].why, Unplaced::NobodyPays);
    EXPECT_EQ(r.schedule.jobs[2].why, Unplaced::AfterUnplaced);
    EXPECT_DOUBLE_EQ(r.objective, 0.0);
}

TEST(SolveExact, RefusesRequirementsItCannotReadAndPlansWithoutHorizon) {
    const Problem p = one_crew({job("a", 1)}, 5);
    EXPECT_THROW((void)solve_exact(p, {{.weight = 1, .any_of = {{3}}}}), InputError);
    EXPECT_THROW((void)solve_exact(p, {{.weight = -1, .any_of = {{0}}}}), InputError);
    Problem open = p;
    open.horizon = kNoDay;
    EXPECT_THROW((void)solve_exact(open, {{.weight = 1, .any_of = {{0}}}}), InputError);
}

TEST(SolveExact, MakespanOfASmallProjectWithTwoPools) {
    // Two pools of 2 units; c follows a and b; d takes both units of r2, so b and d cannot
    // overlap: b on days 0-1, d on 2-5, a on 0-2, c on 3-4 ends on day 6, and no order is shorter.
    Problem p;
    p.pools = {{.name = "r1", .capacity = 2}, {.name = "r2", .capacity = 2}};
    p.jobs = {job("a", 3, 0, 2), job("b", 2, 1, 1), job("c", 2, 0, 1, {0, 1}), job("d", 4, 1, 2)};
    const ExactResult r = solve_exact(p, {}, {.time_limit_s = 20, .makespan = true});
    ASSERT_EQ(r.status, ExactStatus::Optimal);
    EXPECT_EQ(check(p, r.schedule), std::vector<std::string>{});
    EXPECT_DOUBLE_EQ(r.objective, 6.0);
    EXPECT_DOUBLE_EQ(r.bound, 6.0);
}

// ---- random problems against brute force over priority lists --------------------------------

std::uint32_t seed() {
    const char* given = std::getenv("DAYAFTER_TEST_SEED");
    return given != nullptr ? static_cast<std::uint32_t>(std::strtoul(given, nullptr, 10)) : 11U;
}

int uniform(std::mt19937& rng, int low, int high) {
    return std::uniform_int_distribution<int>(low, high)(rng);
}

/// Single-mode jobs (the serial decoder picks a job's mode itself, so with one mode the lists
/// reach every active schedule), no money.
Problem random_problem(std::mt19937& rng, std::uint32_t job_count, Day horizon) {
    Problem p;
    const int pool_count = uniform(rng, 1, 2);
    for (int k = 0; k < pool_count; ++k) {
        p.pools.push_back({.name = "pool", .capacity = uniform(rng, 1, 3)});
    }
    if (uniform(rng, 0, 2) == 0) {
        p.pools[0].reserved.push_back({.from = 0, .to = uniform(rng, 1, 4), .units = 1});
    }
    for (std::uint32_t j = 0; j < job_count; ++j) {
        const auto pool = static_cast<std::uint32_t>(uniform(rng, 0, pool_count - 1));
        Job made = job("job", uniform(rng, 1, 5), pool, uniform(rng, 1, p.pools[pool].capacity));
        made.release = uniform(rng, 0, 1) == 0 ? 0 : uniform(rng, 1, 4);
        for (std::uint32_t q = 0; q < j; ++q) {
            if (uniform(rng, 0, 5) == 0) {
                made.predecessors.push_back(q);
            }
        }
        p.jobs.push_back(std::move(made));
    }
    p.horizon = horizon;
    return p;
}

std::vector<Requirement> random_needs(std::mt19937& rng, std::uint32_t job_count) {
    std::vector<Requirement> needs(static_cast<std::size_t>(uniform(rng, 2, 4)));
    for (Requirement& r : needs) {
        r.weight = uniform(rng, 1, 50);
        r.any_of.resize(static_cast<std::size_t>(uniform(rng, 1, 2)));
        for (auto& alternative : r.any_of) {
            for (int k = uniform(rng, 1, 3); k > 0; --k) {
                alternative.push_back(
                    static_cast<std::uint32_t>(uniform(rng, 0, static_cast<int>(job_count) - 1)));
            }
        }
    }
    return needs;
}

/// The best of score(decode(list)) over every priority list.
template <typename Score> double best_over_lists(const Problem& p, Score score) {
    std::vector<std::uint32_t> order(p.jobs.size());
    std::iota(order.begin(), order.end(), 0U);
    double best = score(decode(p, order));
    while (std::next_permutation(order.begin(), order.end())) {
        best = std::max(best, score(decode(p, order)));
    }
    return best;
}

TEST(SolveExact, RestorationOptimumEqualsTheBestSerialScheduleOnRandomProblems) {
    std::mt19937 rng(seed());
    double slowest_s = 0;
    for (int round = 0; round < 24; ++round) {
        SCOPED_TRACE(::testing::Message() << "seed " << seed() << " round " << round);
        const auto n = static_cast<std::uint32_t>(uniform(rng, 5, 7));
        const Problem p = random_problem(rng, n, uniform(rng, 12, 20));
        const auto needs = random_needs(rng, n);
        const ExactResult r = solve_and_check(p, needs);
        slowest_s = std::max(slowest_s, r.seconds);
        const double brute = best_over_lists(
            p, [&](const Schedule& s) { return restoration_value(needs, s, p.horizon); });
        EXPECT_NEAR(r.objective, brute, 1e-6);
    }
    RecordProperty("slowest_solve_ms", static_cast<int>(slowest_s * 1000));
}

TEST(SolveExact, MakespanOptimumEqualsTheBestSerialScheduleOnRandomProblems) {
    std::mt19937 rng(seed() + 1);
    double slowest_s = 0;
    for (int round = 0; round < 12; ++round) {
        SCOPED_TRACE(::testing::Message() << "seed " << seed() + 1 << " round " << round);
        const auto n = static_cast<std::uint32_t>(uniform(rng, 4, 6));
        const Problem p = random_problem(rng, n, kNoDay);
        const ExactResult r = solve_exact(p, {}, {.time_limit_s = 20, .makespan = true});
        ASSERT_EQ(r.status, ExactStatus::Optimal);
        slowest_s = std::max(slowest_s, r.seconds);
        EXPECT_EQ(check(p, r.schedule), std::vector<std::string>{});
        const double brute =
            -best_over_lists(p, [](const Schedule& s) { return -double(s.makespan()); });
        EXPECT_DOUBLE_EQ(r.objective, brute);
    }
    RecordProperty("slowest_solve_ms", static_cast<int>(slowest_s * 1000));
}

/// Two modes per job and money from one or two pots: the serial decoder no longer reaches every
/// schedule, but every schedule it makes is one the programme may choose.
Problem random_funded_problem(std::mt19937& rng, std::uint32_t job_count) {
    Problem p = random_problem(rng, job_count, 15);
    for (int k = uniform(rng, 1, 2); k > 0; --k) {
        p.pots.push_back({.name = "donor", .arrivals = {{0, 100}, {uniform(rng, 2, 8), 100}}});
    }
    for (Job& j : p.jobs) {
        Mode faster = j.modes.front();
        faster.duration = std::max<Day>(1, faster.duration - 2);
        faster.demands.front().units = p.pools[faster.demands.front().pool].capacity;
        j.modes.push_back(faster);
        if (uniform(rng, 0, 1) == 0) {
            j.cost = uniform(rng, 1, 3) * 40;
            j.pots = {
                static_cast<std::uint32_t>(uniform(rng, 0, static_cast<int>(p.pots.size()) - 1))};
        }
    }
    return p;
}

TEST(SolveExact, NeverWorseThanAnySerialScheduleWithModesAndMoney) {
    std::mt19937 rng(seed() + 2);
    double slowest_s = 0;
    for (int round = 0; round < 12; ++round) {
        SCOPED_TRACE(::testing::Message() << "seed " << seed() + 2 << " round " << round);
        const auto n = static_cast<std::uint32_t>(uniform(rng, 4, 6));
        const Problem p = random_funded_problem(rng, n);
        const auto needs = random_needs(rng, n);
        const ExactResult r = solve_and_check(p, needs);
        slowest_s = std::max(slowest_s, r.seconds);
        const double brute = best_over_lists(
            p, [&](const Schedule& s) { return restoration_value(needs, s, p.horizon); });
        EXPECT_GE(r.objective, brute - 1e-6);
    }
    RecordProperty("slowest_solve_ms", static_cast<int>(slowest_s * 1000));
}

TEST(SolveExact, StopsAtTheTimeLimitWithACheckedScheduleAndAValidBound) {
    std::mt19937 rng(seed() + 3);
    const Problem p = random_problem(rng, 24, 40);
    const auto needs = random_needs(rng, 24);
    const ExactResult r = solve_exact(p, needs, {.time_limit_s = 0.2});
    RecordProperty("exact_status", std::string(to_string(r.status)));
    RecordProperty("columns", static_cast<int>(r.variable_count));
    RecordProperty("rows", static_cast<int>(r.row_count));
    RecordProperty("solve_ms", static_cast<int>(r.seconds * 1000));
    EXPECT_LT(r.seconds, 10.0);
    // Short of a proof there is still a plan: CBC's, or the serial fallback when it is better.
    EXPECT_NE(r.status, ExactStatus::TimedOut);
    EXPECT_EQ(check(p, r.schedule), std::vector<std::string>{});
    EXPECT_NEAR(r.objective, restoration_value(needs, r.schedule, p.horizon), 1e-6);
    EXPECT_LE(r.objective, r.bound + 1e-6);
}

} // namespace
} // namespace dayafter::plan
