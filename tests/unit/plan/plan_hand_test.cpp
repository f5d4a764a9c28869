// The plan on a hand-made town where every figure can be counted by hand:
//
//     a-------b-------c-------d        a clinic at a; 100 people at b, 300 at d
//
// A mined square between b and c cuts d off (both on foot and by car); nobody owns it and no
// funder is named, and one demining team exists. Rubble between c and d is owned and funded
// but no one fields an excavator. So: demining is "no owner; no funder named" and holds back the
// 300 people at d; the rubble cannot be done and holds back nobody (it only slows walking).
#include <algorithm>
#include <string>

#include <gtest/gtest.h>

#include "dayafter/io/osm_import.hpp"
#include "dayafter/plan/planner.hpp"
#include "test_support.hpp"

namespace dayafter::plan {
namespace {

using nlohmann::json;
using registry::Kind;

registry::Entry entry(json data) {
    return {std::move(data), "2017-12-15", 1, 1, "hand", 2};
}

class HandPlan : public ::testing::Test {
protected:
    void SetUp() override {
        test::AsciiTown ascii(R"(
a-------b-------c-------d )");
        const auto osm = ascii.way("ab", {{"highway", "residential"}})
                             .way("bc", {{"highway", "residential"}})
                             .way("cd", {{"highway", "residential"}})
                             .node("a", {{"amenity", "clinic"}})
                             .write(dir_ / "town.osm");
        town_ = io::import_osm(osm, {});
        const geo::Coord b = ascii.coord('b');
        const geo::Coord c = ascii.coord('c');
        const geo::Coord d = ascii.coord('d');
        state_.put(Kind::Hazards, "MA-1",
                   entry({{"kind", "contamination"}, {"geometry", test::square_between(b, c)}}));
        state_.put(
            Kind::Hazards, "RB-1",
            entry({{"kind", "rubble"},
                   {"damage", "destroyed"},
                   {"volume_m3", 500},
                   {"owner", "CITY"},
                   {"funder", "DONOR"},
                   {"geometry",
                    {{"type", "Point"}, {"coordinates", {(c.lon() + d.lon()) / 2, c.lat()}}}}}));
        state_.put(Kind::Population, "P-b",
                   entry({{"lat", b.lat()}, {"lon", b.lon()}, {"population", 100}}));
        state_.put(Kind::Population, "P-d",
                   entry({{"lat", d.lat()}, {"lon", d.lon()}, {"population", 300}}));
        state_.put(Kind::Resources, "R1",
                   entry({{"org", "DEMINERS"}, {"type", "demining_team"}, {"count", 1}}));
        state_.put(Kind::Funding, "F1",
                   entry({{"donor", "DONOR"},
                          {"window", "stabilization"},
                          {"amount", 100000},
                          {"currency", "USD"}}));
    }
    test::TempDir dir_;
    model::Town town_;
    registry::Registry state_;
};

TEST_F(HandPlan, WorkWithAnOwnerButNoFunderHoldsBackItsPeopleInTheHeadline) {
    // The mined square owned by the deminers but paid by nobody: "no funder named" alone, and
    // the 300 people at d count among those the unowned or unfunded work holds back.
    json mined = state_.objects(Kind::Hazards).at("MA-1").data;
    mined["owner"] = "DEMINERS";
    state_.put(Kind::Hazards, "MA-1", entry(mined));
    const snapshot::Snapshot s = snapshot::Snapshot::build(town_, state_, {}, "2018-01-01");
    const Plan plan = make_plan(s, {.horizon = 30, .seed = 1});
    ASSERT_TRUE(plan.checks.empty()) << plan.checks.front();
    const std::size_t health = static_cast<std::size_t>(
        std::find(plan.services.begin(), plan.services.end(), "health") - plan.services.begin());
    const auto demine =
        std::find_if(plan.findings.begin(), plan.findings.end(), [&](const Finding& f) {
            return plan.tasks.tasks[f.task].kind == model::TaskKind::Demine;
        });
    ASSERT_NE(demine, plan.findings.end());
    EXPECT_EQ(demine->what, "no funder named");
    EXPECT_FALSE(demine->no_owner);
    EXPECT_TRUE(demine->no_funder);
    ASSERT_EQ(plan.held_back_unowned_or_unfunded.size(), plan.services.size());
    EXPECT_EQ(plan.held_back_unowned_or_unfunded[health], 300);
}

TEST_F(HandPlan, NamesTheUnownedDeminingAndThe300PeopleItHoldsBack) {
    const snapshot::Snapshot s = snapshot::Snapshot::build(town_, state_, {}, "2018-01-01");
    const Plan plan = make_plan(s, {.horizon = 30, .seed = 1});
    ASSERT_TRUE(plan.checks.empty()) << plan.checks.front();
    ASSERT_EQ(plan.tasks.tasks.size(), 2U);
    const std::size_t health = static_cast<std::size_t>(
        std::find(plan.services.begin(), plan.services.end(), "health") - plan.services.begin());
    EXPECT_EQ(plan.today[health], 100); // d is cut off
    EXPECT_EQ(plan.achievable[health], 400);
    ASSERT_EQ(plan.findings.size(), 2U);
    for (const Finding& f : plan.findings) {
        const Task& task = plan.tasks.tasks[f.task];
        if (task.kind == model::TaskKind::Demine) {
            EXPECT_EQ(f.what, "no owner; no funder named");
            EXPECT_EQ(f.held_back[health], 300);
        } else {
            EXPECT_EQ(task.kind, model::TaskKind::ClearRubble);
            EXPECT_EQ(f.what, "nobody can do it");
            EXPECT_EQ(f.held_back[health], 0);
        }
    }
    // Demining 80 m x ~13 m at 300 m²/day takes a day (rounded up to whole days) and is paid
    // from the only stabilization money: from day 1 on, 400 people have the service.
    const Placement& demine = plan.schedule.jobs[0];
    ASSERT_TRUE(demine.placed());
    EXPECT_EQ(plan.curve[health][static_cast<std::size_t>(demine.finish - 1)], 100);
    EXPECT_EQ(plan.curve[health][static_cast<std::size_t>(demine.finish)], 400);
    EXPECT_DOUBLE_EQ(plan.gain, 300.0 * (30 - demine.finish));
    // CBC on the same: one requirement (the 300 at d need the demining), the same optimum; the
    // services without a facility in this town are skipped, not read out of range.
    const Plan exact = make_plan(s, {.horizon = 30, .solver = Solver::Exact, .time_limit_s = 30});
    ASSERT_TRUE(exact.checks.empty()) << exact.checks.front();
    EXPECT_NE(exact.solver.find("optimal"), std::string::npos) << exact.solver;
    EXPECT_NE(exact.solver.find("1 requirements"), std::string::npos) << exact.solver;
    EXPECT_DOUBLE_EQ(exact.gain, plan.gain);
}

TEST_F(HandPlan, AHazardWithNoPlaceGetsNoTaskAndANoteNotSomeRoadNode) {
    // No geometry, and no road of the town to stand on: an unknown bridge way, rubble with
    // neither geometry nor way. Nothing is made up for them; the plan says why.
    state_.put(Kind::Hazards, "BR-X", entry({{"kind", "bridge"}, {"osm_way", 123}}));
    state_.put(Kind::Hazards, "RB-X", entry({{"kind", "rubble"}, {"damage", "destroyed"}}));
    const snapshot::Snapshot s = snapshot::Snapshot::build(town_, state_, {}, "2018-01-01");
    const TaskList list = derive_tasks(s, {.start = "2018-01-01", .horizon = 30});
    ASSERT_EQ(list.tasks.size(), 2U); // the demining and the rubble of the fixture
    for (const Task& task : list.tasks) {
        EXPECT_NE(task.object, "BR-X");
        EXPECT_NE(task.object, "RB-X");
    }
    for (const std::string key : {"BR-X", "RB-X"}) {
        EXPECT_EQ(std::count_if(list.notes.begin(), list.notes.end(),
                                [&](const std::string& note) {
                                    return note.starts_with(key + ": ") &&
                                           note.find("no work is planned") != std::string::npos;
                                }),
                  1)
            << key;
    }
}

} // namespace
} // namespace dayafter::plan
