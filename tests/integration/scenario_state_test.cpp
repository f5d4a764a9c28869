// A scenario written into the registry's state, for plans, on a hand-made town where each
// effect on the plan is known exactly:
//
//                 r
//     a-------b-------c-------d          a clinic at a; 100 people at b, 300 at d;
//                 s                      b-c is the only bridge over the river r-s ("Valira")
//
// One bridging unit arrives through the "North crossing"; one engineering unit is in town.
// Blowing the bridge makes a temporary crossing (2 days, the bridging unit) and a permanent
// repair after it (the engineering unit). Closing the crossing for 10 days delays exactly the
// temporary crossing by 10 days and nothing the engineering unit could do before it.
#include <algorithm>
#include <array>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "dayafter/access/session.hpp"
#include "dayafter/io/osm_import.hpp"
#include "dayafter/io/scenario_file.hpp"
#include "dayafter/plan/planner.hpp"
#include "dayafter/snapshot/scenario_overlay.hpp"
#include "dayafter/snapshot/scenario_state.hpp"
#include "dayafter/util/error.hpp"
#include "test_support.hpp"

namespace dayafter::snapshot {
namespace {

using nlohmann::json;
using registry::Kind;
using ::testing::HasSubstr;

registry::Entry entry(json data) {
    return {std::move(data), "2017-12-15", 1, 1, "hand", 2};
}

constexpr const char* kStart = "2018-01-01";

class ScenarioStateTest : public ::testing::Test {
protected:
    void SetUp() override {
        test::AsciiTown ascii(R"(
            r
a-------b-------c-------d
            s )");
        const auto osm =
            ascii.way("ab", {{"highway", "residential"}})
                .way("bc", {{"highway", "residential"}, {"bridge", "yes"}, {"layer", "1"}})
                .way("cd", {{"highway", "residential"}})
                .way("rs", {{"waterway", "river"}, {"name", "Valira"}})
                .node("a", {{"amenity", "clinic"}})
                .write(dir_ / "town.osm");
        town_ = io::import_osm(osm, {});
        const geo::Coord b = ascii.coord('b');
        const geo::Coord d = ascii.coord('d');
        state_.put(Kind::Population, "P-b",
                   entry({{"lat", b.lat()}, {"lon", b.lon()}, {"population", 100}}));
        state_.put(Kind::Population, "P-d",
                   entry({{"lat", d.lat()}, {"lon", d.lon()}, {"population", 300}}));
        state_.put(Kind::Resources, "R1",
                   entry({{"org", "ENG"},
                          {"type", "bridging_unit"},
                          {"count", 1},
                          {"entry_point", "North crossing"}}));
        state_.put(Kind::Resources, "R2",
                   entry({{"org", "ENG"}, {"type", "engineering_unit"}, {"count", 1}}));
        state_.put(Kind::Funding, "F1",
                   entry({{"donor", "DONOR"},
                          {"window", "stabilization"},
                          {"amount", 1e6},
                          {"currency", "USD"}}));
        state_.put(Kind::Funding, "F2",
                   entry({{"donor", "DONOR"},
                          {"window", "reconstruction"},
                          {"amount", 1e7},
                          {"currency", "USD"}}));
        base_.emplace(Snapshot::build(town_, state_, {}, kStart));
    }

    model::Scenario scenario(const std::string& changes) const {
        return io::parse_scenario(json::parse(R"({"name": "t", "changes": )" + changes + "}"),
                                  "t.json");
    }

    /// The scenario's state as a snapshot, and its plan from the same day 0.
    std::pair<Snapshot, plan::Plan> planned(const std::string& changes) const {
        const model::Scenario s = scenario(changes);
        ScenarioState state = scenario_state(*base_, s, scenario_overlay(*base_, s), kStart);
        Snapshot snapshot = Snapshot::build(town_, std::move(state.registry), {}, kStart);
        plan::Plan plan = plan::make_plan(snapshot, {.horizon = 60, .start = kStart, .seed = 1});
        EXPECT_TRUE(plan.checks.empty()) << plan.checks.front();
        return {std::move(snapshot), std::move(plan)};
    }

    static const plan::Placement& job(const plan::Plan& p, model::TaskKind kind) {
        for (std::size_t t = 0; t < p.tasks.tasks.size(); ++t) {
            if (p.tasks.tasks[t].kind == kind) {
                return p.schedule.jobs[t];
            }
        }
        throw std::runtime_error("no such task");
    }

    test::TempDir dir_;
    model::Town town_;
    registry::Registry state_;
    std::optional<Snapshot> base_;
};

const std::string kBlown = R"({"do": "destroy_bridges_over", "waterway": "Valira"})";

TEST_F(ScenarioStateTest, ABlownBridgeBecomesItsRepairTasksAndCutsOffTheSameAsTheOverlay) {
    const auto [state, plan] = planned("[" + kBlown + "]");
    ASSERT_EQ(plan.tasks.tasks.size(), 2U);
    const plan::Placement& crossing = job(plan, model::TaskKind::TemporaryCrossing);
    ASSERT_TRUE(crossing.placed());
    EXPECT_EQ(crossing.start, 0);
    EXPECT_EQ(crossing.finish, 2);
    EXPECT_EQ(plan.today[0], 100);    // d is cut off until the crossing stands
    EXPECT_EQ(plan.curve[0][2], 400); // and back from day 2
    // The what-if names the bridge by its way only: its work is halfway along it, from b to c.
    const graph::RoadNetwork& net = state.town().roads;
    std::size_t bridge_edges = 0;
    for (EdgeId e{0}; e.value < net.edge_count(); ++e.value) {
        if (net.edge_osm_way[e] != test::AsciiTown::way_id(1)) {
            continue;
        }
        ++bridge_edges;
        const geo::Coord b = net.node_coord[net.edge_from[e]];
        const geo::Coord c = net.node_coord[net.edge_to[e]];
        for (const plan::Task& task : plan.tasks.tasks) {
            EXPECT_NEAR(task.location.lon(), (b.lon() + c.lon()) / 2, 1e-6) << task.title;
            EXPECT_NEAR(task.location.lat(), (b.lat() + c.lat()) / 2, 1e-6) << task.title;
        }
    }
    EXPECT_EQ(bridge_edges, 1U);
    // The cold state and the incremental overlay agree on access.
    access::AccessSession cold(state, state.config().services);
    access::AccessSession warm(*base_, base_->config().services);
    warm.apply(scenario_overlay(*base_, scenario("[" + kBlown + "]")).overlay);
    EXPECT_EQ(cold.result(0).cut_off, 300);
    EXPECT_EQ(warm.result(0).cut_off, 300);
}

TEST_F(ScenarioStateTest, ClosingTheEntryPointDelaysExactlyTheCrewsThatUseIt) {
    const auto [open_state, open] = planned("[" + kBlown + "]");
    const auto [closed_state, closed] =
        planned("[" + kBlown +
                R"(, {"do": "close_entry_point", "name": "North crossing", "delay_days": 10}])");
    const plan::Placement& before = job(open, model::TaskKind::TemporaryCrossing);
    const plan::Placement& after = job(closed, model::TaskKind::TemporaryCrossing);
    ASSERT_TRUE(after.placed());
    EXPECT_EQ(after.start, before.start + 10);
    // The bridging unit's pool is reserved for the 10 days; the engineering unit's is not.
    for (const plan::Pool& pool : closed.problem.pools) {
        if (pool.name == "ENG bridging_unit") {
            ASSERT_EQ(pool.reserved.size(), 1U);
            EXPECT_EQ(pool.reserved[0].from, 0);
            EXPECT_EQ(pool.reserved[0].to, 10);
        } else {
            EXPECT_TRUE(pool.reserved.empty()) << pool.name;
        }
    }
    EXPECT_EQ(closed.curve[0][11], 100);
    EXPECT_EQ(closed.curve[0][12], 400);
}

TEST_F(ScenarioStateTest, AnEntryPointLostOrACrewWithdrawnLeavesTheCrossingUndone) {
    for (const std::string& change :
         {std::string(R"({"do": "close_entry_point", "name": "North crossing"})"),
          std::string(R"({"do": "change_resources", "org": "ENG", "type": "bridging_unit",
                           "count": -1})")}) {
        const auto [state, plan] = planned("[" + kBlown + ", " + change + "]");
        EXPECT_FALSE(job(plan, model::TaskKind::TemporaryCrossing).placed()) << change;
        EXPECT_EQ(plan.curve[0].back(), 100) << change;
    }
}

TEST_F(ScenarioStateTest, AnActivityUnderWayHoldsOnlyTheCrewThatIsThere) {
    // The bridge reported destroyed, and ENG at work on it until day 20: the activity holds the
    // bridging unit and the engineering unit. With the North crossing closed the bridging unit
    // is not there before day 10 (a delay) or ever (lost): the activity holds it from the day it
    // comes, if it does, and a pool never has more units reserved on a day than it has.
    state_.put(
        Kind::Hazards, "BR-1",
        entry(
            {{"kind", "bridge"}, {"osm_way", test::AsciiTown::way_id(1)}, {"state", "destroyed"}}));
    state_.put(Kind::Activities, "A-1",
               entry({{"org", "ENG"},
                      {"object", "BR-1"},
                      {"status", "ongoing"},
                      {"start", "2017-12-01"},
                      {"end", "2018-01-21"}}));
    base_.emplace(Snapshot::build(town_, state_, {}, kStart));
    struct Case {
        std::string change;
        std::vector<std::array<plan::Day, 3>> bridging; // reserved: from, to, units
    };
    const std::vector<Case> cases = {
        {"", {{0, 20, 1}}},
        {R"({"do": "close_entry_point", "name": "North crossing", "delay_days": 10})",
         {{0, 10, 1}, {10, 20, 1}}},
        {R"({"do": "close_entry_point", "name": "North crossing"})", {}},
    };
    for (const Case& c : cases) {
        const auto [state, made] = planned("[" + c.change + "]"); // the checker passes
        for (const plan::Pool& pool : made.problem.pools) {
            for (plan::Day day = 0; day < 60; ++day) {
                std::int32_t reserved = 0;
                for (const plan::Reservation& r : pool.reserved) {
                    reserved += r.from <= day && day < r.to ? r.units : 0;
                }
                if (reserved > pool.capacity) {
                    ADD_FAILURE() << c.change << ": " << pool.name << " has " << reserved
                                  << " reserved on day " << day << ", more than its "
                                  << pool.capacity;
                    break;
                }
            }
            std::vector<std::array<plan::Day, 3>> reserved;
            for (const plan::Reservation& r : pool.reserved) {
                reserved.push_back({r.from, r.to, r.units});
            }
            std::sort(reserved.begin(), reserved.end());
            if (pool.name == "ENG bridging_unit") {
                EXPECT_EQ(reserved, c.bridging) << c.change;
            } else if (pool.name == "ENG engineering_unit") {
                EXPECT_EQ(reserved, (std::vector<std::array<plan::Day, 3>>{{0, 20, 1}}))
                    << c.change;
            }
        }
    }
}

TEST_F(ScenarioStateTest, ADonorsCutLeavesTheCrossingUnpaid) {
    const auto [state, plan] = planned(
        "[" + kBlown +
        R"(, {"do": "cut_funding", "donor": "DONOR", "window": "stabilization", "share": 1}])");
    EXPECT_EQ(job(plan, model::TaskKind::TemporaryCrossing).why, plan::Unplaced::NobodyPays);
    const auto [half_state, half] = planned(
        "[" + kBlown +
        R"(, {"do": "cut_funding", "donor": "DONOR", "window": "stabilization", "share": 0.5}])");
    EXPECT_TRUE(job(half, model::TaskKind::TemporaryCrossing).placed()); // 500,000 left > 150,000
}

TEST_F(ScenarioStateTest, RubbleOnARoadByItsWayBlocksExactlyThatWay) {
    const std::int64_t cd = test::AsciiTown::way_id(2);
    registry::Registry state = state_;
    state.put(Kind::Hazards, "RB-cd",
              entry({{"kind", "rubble"},
                     {"damage", "destroyed"},
                     {"osm_way", cd},
                     {"geometry", {{"type", "Point"}, {"coordinates", {0.0, 0.0}}}}}));
    const Snapshot s = Snapshot::build(town_, std::move(state), {}, kStart);
    ASSERT_EQ(s.hazard_effects().hazards.size(), 1U);
    const std::vector<EdgeId>& edges = s.hazard_effects().hazards[0].edges;
    ASSERT_FALSE(edges.empty());
    for (const EdgeId e : edges) {
        EXPECT_EQ(s.town().roads.edge_osm_way[e], cd); // not the geometry's far-away point
    }
    std::size_t blocked = 0;
    for (const graph::TravelMode mode : {graph::TravelMode::Walk, graph::TravelMode::Drive}) {
        for (const ModeArc& arc : s.arcs(mode)) {
            const bool on_cd = s.town().roads.edge_osm_way[arc.edge] == cd;
            EXPECT_EQ(arc.now_ms == graph::kNotUsable, on_cd);
            blocked += on_cd ? 1 : 0;
        }
    }
    EXPECT_EQ(blocked, 4U); // one edge, both directions, both modes
}

TEST_F(ScenarioStateTest, UnknownEntryPointsOrganisationsAndDonorsAreRefusedWithTheirPath) {
    const auto refused = [this](const std::string& changes) {
        try {
            (void)scenario_overlay(*base_, scenario(changes));
        } catch (const InputError& e) {
            return std::string(e.what());
        }
        return std::string("accepted");
    };
    EXPECT_THAT(refused(R"([{"do": "close_entry_point", "name": "South"}])"),
                HasSubstr("t.json: changes[0].name: no crews or machines arrive through an "
                          "entry point 'South' (resources name: North crossing)"));
    EXPECT_THAT(refused(R"([{"do": "change_resources", "org": "NOBODY", "type": "truck",
                             "count": 2}])"),
                HasSubstr("changes[0].org: no organisation 'NOBODY'"));
    EXPECT_THAT(refused(R"([{"do": "change_resources", "org": "ENG", "type": "truck",
                             "count": -2}])"),
                HasSubstr("changes[0].type: ENG has no truck to withdraw"));
    EXPECT_THAT(refused(R"([{"do": "cut_funding", "donor": "ELSE"}])"),
                HasSubstr("changes[0].donor: no funding from 'ELSE'"));
}

} // namespace
} // namespace dayafter::snapshot
