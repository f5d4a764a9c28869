#include <algorithm>
#include <numeric>
#include <random>

#include <gtest/gtest.h>

#include "dayafter/plan/schedule.hpp"
#include "dayafter/util/error.hpp"

namespace dayafter::plan {
namespace {

Job job(std::string name, Day duration, std::uint32_t pool, std::vector<std::uint32_t> after = {}) {
    Job j;
    j.name = std::move(name);
    j.modes.push_back({.demands = {{pool, 1}}, .duration = duration});
    j.predecessors = std::move(after);
    return j;
}

std::vector<std::uint32_t> identity(std::size_t n) {
    std::vector<std::uint32_t> order(n);
    std::iota(order.begin(), order.end(), 0U);
    return order;
}

TEST(Decode, OneCrewDoesJobsOneAfterAnotherInListOrder) {
    Problem p;
    p.pools.push_back({.name = "crew", .capacity = 1});
    p.jobs = {job("a", 3, 0), job("b", 2, 0), job("c", 4, 0)};
    const std::vector<std::uint32_t> order{2, 0, 1};
    const Schedule s = decode(p, order);
    EXPECT_EQ(s.jobs[2].start, 0);
    EXPECT_EQ(s.jobs[0].start, 4);
    EXPECT_EQ(s.jobs[1].start, 7);
    EXPECT_EQ(s.makespan(), 9);
    EXPECT_TRUE(check(p, s).empty());
}

TEST(Decode, WaitsForPredecessorsEvenWhenListedFirstAndFillsGapsBackward) {
    Problem p;
    p.pools.push_back({.name = "crew", .capacity = 2});
    p.jobs = {job("demine", 5, 0), job("clear", 2, 0, {0}), job("other", 3, 0)};
    const std::vector<std::uint32_t> order{1, 0, 2};
    const Schedule s = decode(p, order);
    EXPECT_EQ(s.jobs[0].start, 0);
    EXPECT_EQ(s.jobs[1].start, 5);
    EXPECT_EQ(s.jobs[2].start, 0); // the second crew is free from day 0
    EXPECT_TRUE(check(p, s).empty());
}

TEST(Decode, ReservedCrewAndReleaseDayDelayTheStart) {
    Problem p;
    p.pools.push_back(
        {.name = "crew", .capacity = 1, .reserved = {{.from = 0, .to = 10, .units = 1}}});
    p.jobs = {job("a", 2, 0)};
    p.jobs[0].release = 3;
    EXPECT_EQ(decode(p, identity(1)).jobs[0].start, 10);
    p.pools[0].reserved.clear();
    EXPECT_EQ(decode(p, identity(1)).jobs[0].start, 3);
}

TEST(Decode, MoneyArrivingLaterDelaysWorkAndNoMoneyIsAFinding) {
    Problem p;
    p.pools.push_back({.name = "crew", .capacity = 5});
    p.pots.push_back({.name = "donor", .arrivals = {{0, 100}, {20, 100}}});
    p.jobs = {job("a", 2, 0), job("b", 2, 0), job("c", 2, 0)};
    for (Job& j : p.jobs) {
        j.cost = 100;
        j.pots = {0};
    }
    const Schedule s = decode(p, identity(3));
    EXPECT_EQ(s.jobs[0].start, 0);
    EXPECT_EQ(s.jobs[1].start, 20);
    EXPECT_EQ(s.jobs[2].why, Unplaced::NobodyPays);
    EXPECT_TRUE(check(p, s).empty());
}

TEST(Decode, AJobPlacedEarlierMayNotSpendMoneyALaterStartAlreadyCounted) {
    Problem p;
    p.pools.push_back({.name = "crew", .capacity = 1});
    p.pots.push_back({.name = "donor", .arrivals = {{0, 100}}});
    p.jobs = {job("first", 10, 0), job("second", 1, 0)};
    p.jobs[0].cost = 0;
    p.jobs[1].cost = 100;
    p.jobs[1].pots = {0};
    Job third = job("third", 1, 0);
    third.cost = 100;
    third.pots = {0};
    p.jobs.push_back(third);
    const Schedule s = decode(p, identity(3));
    EXPECT_EQ(s.jobs[1].start, 10);
    EXPECT_EQ(s.jobs[2].why, Unplaced::NobodyPays);
    EXPECT_TRUE(check(p, s).empty());
}

TEST(Decode, ReasonsWhyWorkIsNotPlaced) {
    Problem p;
    p.pools.push_back({.name = "crew", .capacity = 1});
    p.horizon = 10;
    Job nobody;
    nobody.name = "nobody";
    p.jobs = {nobody, job("after", 1, 0, {0}), job("long", 11, 0), job("unpaid", 1, 0)};
    p.jobs[3].cost = 5;
    const Schedule s = decode(p, identity(4));
    EXPECT_EQ(s.jobs[0].why, Unplaced::NobodyCanDoIt);
    EXPECT_EQ(s.jobs[1].why, Unplaced::AfterUnplaced);
    EXPECT_EQ(s.jobs[2].why, Unplaced::BeyondHorizon);
    EXPECT_EQ(s.jobs[3].why, Unplaced::NobodyPays);
    EXPECT_TRUE(check(p, s).empty());
}

TEST(Decode, PicksTheModeThatFinishesFirst) {
    Problem p;
    p.pools = {{.name = "busy", .capacity = 1, .reserved = {{0, 5, 1}}},
               {.name = "free", .capacity = 1}};
    Job j;
    j.name = "clear";
    j.modes = {{.demands = {{0, 1}}, .duration = 2}, {.demands = {{1, 1}}, .duration = 4}};
    p.jobs = {j};
    const Schedule s = decode(p, identity(1));
    EXPECT_EQ(s.jobs[0].mode, 1U);
    EXPECT_EQ(s.jobs[0].finish, 4);
}

TEST(Decode, CircularPrecedenceIsRefusedNamingAJob) {
    Problem p;
    p.pools.push_back({.name = "crew", .capacity = 1});
    p.jobs = {job("a", 1, 0, {1}), job("b", 1, 0, {0})};
    EXPECT_THROW((void)decode(p, identity(2)), Error);
    EXPECT_THROW((void)topological_order(p), Error);
}

TEST(Check, CatchesABrokenPrecedenceAnOverbookedCrewAndOverspending) {
    Problem p;
    p.pools.push_back({.name = "crew", .capacity = 1});
    p.pots.push_back({.name = "donor", .arrivals = {{0, 150}}});
    p.jobs = {job("a", 3, 0), job("b", 2, 0, {0})};
    p.jobs[0].cost = 100;
    p.jobs[0].pots = {0};
    p.jobs[1].cost = 100;
    p.jobs[1].pots = {0};
    Schedule s;
    s.jobs = {{.start = 0, .finish = 3, .pot = 0}, {.start = 1, .finish = 3, .pot = 0}};
    const auto wrong = check(p, s);
    auto mentions = [&](std::string_view what) {
        return std::any_of(wrong.begin(), wrong.end(),
                           [&](const std::string& w) { return w.find(what) != std::string::npos; });
    };
    EXPECT_TRUE(mentions("before 'a' ends")) << ::testing::PrintToString(wrong);
    EXPECT_TRUE(mentions("'crew' has 2 in use"));
    EXPECT_TRUE(mentions("overspent"));
}

TEST(Check, CatchesAWrongDurationAndAHorizonBreach) {
    Problem p;
    p.pools.push_back({.name = "crew", .capacity = 1});
    p.horizon = 4;
    p.jobs = {job("a", 3, 0)};
    Schedule s;
    s.jobs = {{.start = 2, .finish = 6}};
    EXPECT_EQ(check(p, s).size(), 2U);
}

// Each rule at its edge: a start one day before the release, a start one day before the
// predecessor ends and one unit over a crew's capacity are each caught, and the schedule that
// keeps them exactly is accepted.
TEST(Check, CatchesEachRuleByOneDayOrOneUnit) {
    Problem p;
    p.pools.push_back({.name = "crew", .capacity = 2});
    p.jobs = {job("a", 2, 0), job("b", 2, 0, {0}), job("c", 2, 0)};
    p.jobs[0].release = 1;
    Schedule ok;
    ok.jobs = {{.start = 1, .finish = 3}, {.start = 3, .finish = 5}, {.start = 1, .finish = 3}};
    EXPECT_EQ(check(p, ok), std::vector<std::string>{});
    Schedule early = ok;
    early.jobs[0] = {.start = 0, .finish = 2};
    early.jobs[1] = {.start = 2, .finish = 4};
    ASSERT_EQ(check(p, early).size(), 1U) << ::testing::PrintToString(check(p, early));
    EXPECT_NE(check(p, early)[0].find("before its release"), std::string::npos);
    Schedule overlap = ok;
    overlap.jobs[1] = {.start = 2, .finish = 4};
    EXPECT_EQ(check(p, overlap).size(), 2U) // 'b' before 'a' ends; three on a crew of two
        << ::testing::PrintToString(check(p, overlap));
}

// Random problems: whatever the list, the decoded schedule keeps every rule, and the checker
// is independent enough to catch one shifted job.
TEST(Decode, RandomProblemsDecodeIntoSchedulesTheCheckerAccepts) {
    std::mt19937 rng(7);
    for (int round = 0; round < 200; ++round) {
        Problem p;
        const int pools = 1 + static_cast<int>(rng() % 3);
        for (int k = 0; k < pools; ++k) {
            p.pools.push_back({.name = std::to_string(k).insert(0, "pool"),
                               .capacity = 1 + static_cast<std::int32_t>(rng() % 3)});
        }
        p.pots.push_back({.name = "pot", .arrivals = {{0, 300}, {15, 300}}});
        const int n = 5 + static_cast<int>(rng() % 15);
        static const std::vector<std::string> names = [] {
            std::vector<std::string> all;
            for (int k = 0; k < 20; ++k) {
                all.push_back(std::to_string(k));
            }
            return all;
        }();
        for (int j = 0; j < n; ++j) {
            Job x = job(names.at(static_cast<std::size_t>(j)), 1 + static_cast<Day>(rng() % 6),
                        static_cast<std::uint32_t>(rng() % static_cast<unsigned>(pools)));
            if (j > 0 && rng() % 2 == 0) {
                x.predecessors.push_back(
                    static_cast<std::uint32_t>(rng() % static_cast<unsigned>(j)));
            }
            if (rng() % 3 == 0) {
                x.cost = 100;
                x.pots = {0};
            }
            p.jobs.push_back(x);
        }
        std::vector<std::uint32_t> order = identity(p.jobs.size());
        std::shuffle(order.begin(), order.end(), rng);
        const Schedule s = decode(p, order);
        ASSERT_TRUE(check(p, s).empty()) << ::testing::PrintToString(check(p, s));
        // Every job that can start earlier without breaking a rule would show a lazy decoder:
        // a placed job's start is its release, a predecessor's finish, or a moment a unit or
        // money freed up; shifting it one day earlier must break a rule.
        for (std::size_t j = 0; j < s.jobs.size(); ++j) {
            if (!s.jobs[j].placed() || s.jobs[j].start == 0) {
                continue;
            }
            Schedule earlier = s;
            --earlier.jobs[j].start;
            --earlier.jobs[j].finish;
            EXPECT_FALSE(check(p, earlier).empty()) << "job " << j << " could start earlier";
        }
    }
}

} // namespace
} // namespace dayafter::plan
