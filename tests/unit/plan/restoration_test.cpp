#include <algorithm>
#include <cstdlib>
#include <random>

#include <gtest/gtest.h>

#include "dayafter/plan/restoration.hpp"

namespace dayafter::plan {
namespace {

Placement at(Day start, Day finish) {
    return {.start = start, .finish = finish};
}

TEST(RestorationValue, CountsEachGroupFromItsFirstCompleteAlternativeToTheHorizon) {
    Schedule s;
    s.jobs = {at(0, 3), at(0, 6), at(3, 5), Placement{.why = Unplaced::BeyondHorizon}};
    const std::vector<Requirement> needs{
        {.weight = 10, .any_of = {{0}}},        // from day 3: 10 × 7
        {.weight = 2, .any_of = {{1}, {0, 2}}}, // from day 5 (0 and 2 both done): 2 × 5
        {.weight = 100, .any_of = {{3}}},       // never: job 3 is left out
        {.weight = 100, .any_of = {{3}, {}}},   // served already: not the plan's gain
        {.weight = 100, .any_of = {}},          // no way back
    };
    EXPECT_DOUBLE_EQ(restoration_value(needs, s, 10), 80.0);
    EXPECT_EQ(restored_on(needs[1], s), 5);
    EXPECT_EQ(restored_on(needs[2], s), kNoDay);
    EXPECT_DOUBLE_EQ(restoration_value(needs, s, 4), 10.0); // only the first, on day 3
}

std::vector<std::vector<std::uint32_t>>
brute_minimal_sets(std::uint32_t n, const std::function<bool(const std::vector<bool>&)>& restored) {
    std::vector<std::vector<std::uint32_t>> sets;
    for (std::uint32_t mask = 0; mask < (1U << n); ++mask) {
        std::vector<bool> done(n);
        for (std::uint32_t j = 0; j < n; ++j) {
            done[j] = ((mask >> j) & 1U) != 0;
        }
        if (!restored(done)) {
            continue;
        }
        bool minimal = true;
        std::vector<std::uint32_t> set;
        for (std::uint32_t j = 0; j < n && minimal; ++j) {
            if (done[j]) {
                done[j] = false;
                minimal = !restored(done);
                done[j] = true;
                set.push_back(j);
            }
        }
        if (minimal) {
            sets.push_back(set);
        }
    }
    std::sort(sets.begin(), sets.end());
    return sets;
}

/// A random monotone predicate: some random job set (a "route") is entirely done.
std::function<bool(const std::vector<bool>&)> random_predicate(std::mt19937& rng, std::uint32_t n) {
    std::vector<std::vector<std::uint32_t>> routes(std::uniform_int_distribution<int>(0, 6)(rng));
    for (auto& route : routes) {
        const int length = std::uniform_int_distribution<int>(0, 4)(rng);
        for (int k = 0; k < length; ++k) {
            route.push_back(std::uniform_int_distribution<std::uint32_t>(0, n - 1)(rng));
        }
    }
    return [routes](const std::vector<bool>& done) {
        return std::any_of(routes.begin(), routes.end(), [&](const auto& route) {
            return std::all_of(route.begin(), route.end(), [&](auto j) { return done[j]; });
        });
    };
}

std::uint32_t seed() {
    const char* given = std::getenv("DAYAFTER_TEST_SEED");
    return given != nullptr ? static_cast<std::uint32_t>(std::strtoul(given, nullptr, 10)) : 7U;
}

TEST(MinimalSets, AgreesWithBruteForceOnRandomMonotonePredicates) {
    std::mt19937 rng(seed());
    for (int round = 0; round < 300; ++round) {
        SCOPED_TRACE(::testing::Message() << "seed " << seed() << " round " << round);
        const auto n = std::uniform_int_distribution<std::uint32_t>(1, 12)(rng);
        const auto restored = random_predicate(rng, n);
        bool stopped = true;
        EXPECT_EQ(minimal_sets(n, restored, 10000, &stopped), brute_minimal_sets(n, restored));
        EXPECT_FALSE(stopped);
    }
}

TEST(MinimalSets, NamesTheEmptySetWhenNothingIsNeededAndNoSetWhenNothingHelps) {
    const auto always = [](const std::vector<bool>&) { return true; };
    const auto never = [](const std::vector<bool>&) { return false; };
    EXPECT_EQ(minimal_sets(4, always, 10), (std::vector<std::vector<std::uint32_t>>{{}}));
    EXPECT_TRUE(minimal_sets(4, never, 10).empty());
}

TEST(MinimalSets, StopsAtTheLimitAndSaysSo) {
    // Any two of six jobs: fifteen minimal sets.
    const auto two = [](const std::vector<bool>& done) {
        return std::count(done.begin(), done.end(), true) >= 2;
    };
    bool stopped = false;
    EXPECT_EQ(minimal_sets(6, two, 100, &stopped).size(), 15U);
    EXPECT_FALSE(stopped);
    EXPECT_EQ(minimal_sets(6, two, 4, &stopped).size(), 4U);
    EXPECT_TRUE(stopped);
}

} // namespace
} // namespace dayafter::plan
