// The plan on the illustrative Monaco bundle, with thresholds tight enough that the damage
// matters in a town this small. Every plan goes through the checker; the curve and the people
// held back are recomputed from scratch on a cold session.
#include <algorithm>
#include <cmath>
#include <fstream>
#include <limits>
#include <span>

#include <gtest/gtest.h>

#include "dayafter/access/session.hpp"
#include "dayafter/plan/access_curve.hpp"
#include "dayafter/plan/planner.hpp"
#include "dayafter/util/error.hpp"
#include "snapshot_fixture.hpp"

namespace dayafter::plan {
namespace {

const snapshot::Snapshot& tight_snapshot() {
    static test::TempDir dir;
    static const snapshot::Snapshot snapshot = [] {
        const auto config = dir / "tight.json";
        std::ofstream(config) << R"({"services": {"health": {"threshold_min": 6},
            "hospital": {"threshold_min": 1.5}, "bread": {"threshold_min": 4}}})";
        return snapshot::Snapshot::open(test::monaco_bundle_project(), {.config_file = config});
    }();
    return snapshot;
}

const Plan& monaco_plan() {
    static const Plan plan = make_plan(tight_snapshot(), {.horizon = 180, .seed = 3, .samples = 8});
    return plan;
}

std::uint32_t task_named(const Plan& plan, std::string_view title) {
    for (std::uint32_t t = 0; t < plan.tasks.tasks.size(); ++t) {
        if (plan.tasks.tasks[t].title == title) {
            return t;
        }
    }
    ADD_FAILURE() << "no task " << title;
    return 0;
}

/// People within per service on a cold session where exactly `done` tasks are done.
/// Marks undone every task that waits, directly or not, for a task not done.
void undo_what_waits(const Plan& plan, std::vector<bool>& done) {
    for (bool changed = true; changed;) {
        changed = false;
        for (std::size_t t = 0; t < done.size(); ++t) {
            for (const std::uint32_t p : plan.problem.jobs[t].predecessors) {
                if (done[t] && !done[p]) {
                    done[t] = false;
                    changed = true;
                }
            }
        }
    }
}

std::vector<double> cold_within(const Plan& plan, const std::vector<bool>& done) {
    const snapshot::Snapshot& s = tight_snapshot();
    AccessCurve rules(s, plan.tasks, 180); // only for the facility rule, not its session
    snapshot::Overlay overlay;
    for (const auto& [edge, tasks] : plan.tasks.edge_tasks) {
        if (std::all_of(tasks.begin(), tasks.end(), [&](std::uint32_t t) { return done[t]; })) {
            overlay.reopen_edges.push_back(edge);
        }
    }
    overlay.open_facilities = rules.functioning_when_done(done);
    const access::AccessSession session(s, s.config().services, std::nullopt, overlay);
    std::vector<double> within;
    for (std::size_t k = 0; k < session.service_count(); ++k) {
        within.push_back(session.result(k).within);
    }
    return within;
}

TEST(MonacoPlan, PassesTheCheckerAndIsAtLeastAsGoodAsEveryRule) {
    const Plan& plan = monaco_plan();
    EXPECT_TRUE(plan.checks.empty()) << plan.checks.front();
    ASSERT_EQ(plan.rules.size(), 6U);
    for (const RuleResult& rule : plan.rules) {
        EXPECT_GE(plan.gain, rule.gain) << rule.name;
    }
    EXPECT_GT(plan.gain, 0);
}

TEST(MonacoPlan, TheSameSeedGivesTheSamePlan) {
    const Plan again = make_plan(tight_snapshot(), {.horizon = 180, .seed = 3, .samples = 8});
    EXPECT_EQ(again.order, monaco_plan().order);
    EXPECT_EQ(again.gain, monaco_plan().gain);
}

/// The curve of a schedule against a cold recomputation on day 0, the last day and every day a
/// task finishes.
void expect_curve_is_cold(const Plan& plan, const Schedule& schedule,
                          const std::vector<std::vector<double>>& curve, const std::string& what) {
    std::vector<Day> days = {0, 179};
    for (const Placement& p : schedule.jobs) {
        if (p.placed() && p.finish < 180) {
            days.push_back(p.finish);
        }
    }
    for (const Day d : days) {
        std::vector<bool> done(plan.tasks.tasks.size(), false);
        for (std::size_t t = 0; t < done.size(); ++t) {
            done[t] = schedule.jobs[t].placed() && schedule.jobs[t].finish <= d;
        }
        const std::vector<double> cold = cold_within(plan, done);
        ASSERT_EQ(curve.size(), cold.size()) << what;
        for (std::size_t s = 0; s < cold.size(); ++s) {
            EXPECT_DOUBLE_EQ(curve[s][static_cast<std::size_t>(d)], cold[s])
                << what << ": " << plan.services[s] << " on day " << d;
        }
    }
}

TEST(MonacoPlan, TheIncrementalCurveEqualsAColdRecomputationOnEveryDayThatChanges) {
    const Plan& plan = monaco_plan();
    expect_curve_is_cold(plan, plan.schedule, plan.curve, "the plan");
}

TEST(MonacoPlan, EachRulesCurveIsItsOwnScheduleRecomputedCold) {
    // The report draws the rules' curves beside the plan's: each is its own order's schedule.
    const Plan& plan = monaco_plan();
    ASSERT_EQ(plan.rules.size(), 6U);
    for (const RuleResult& rule : plan.rules) {
        ASSERT_EQ(rule.order.size(), plan.tasks.tasks.size()) << rule.name;
        expect_curve_is_cold(plan, decode(plan.problem, rule.order), rule.curve, rule.name);
    }
}

TEST(MonacoPlan, NothingDoneGivesTheSnapshotsOwnFacilities) {
    const Plan& plan = monaco_plan();
    AccessCurve curve(tight_snapshot(), plan.tasks, 180);
    const auto open =
        curve.functioning_when_done(std::vector<bool>(plan.tasks.tasks.size(), false));
    for (const FacilityNeeds& needs : plan.tasks.facilities) {
        const bool functions = std::find(open.begin(), open.end(), needs.facility) != open.end();
        EXPECT_EQ(functions,
                  tight_snapshot().town().facilities[needs.facility].functioning.value_or(true))
            << needs.code;
    }
}

// Hand count from the bundle's files: SUB-1 (substation, A3, no operator) powers FH-3 and two
// bakeries' grid; nobody owns it. FH-3 (6,000 people at Moneghetti within 6 min) waits for it.
TEST(MonacoPlan, NamesTheWorkNobodyOwnsAndThePeopleItHoldsBack) {
    const Plan& plan = monaco_plan();
    auto finding = [&](std::string_view title) -> const Finding* {
        const std::uint32_t t = task_named(plan, title);
        for (const Finding& f : plan.findings) {
            if (f.task == t) {
                return &f;
            }
        }
        return nullptr;
    };
    const Finding* substation = finding("Restore power: Substation Condamine (SUB-1)");
    ASSERT_NE(substation, nullptr);
    EXPECT_NE(substation->what.find("no owner"), std::string::npos);
    const Finding* rubble = finding("Clear rubble: RB-002");
    ASSERT_NE(rubble, nullptr);
    EXPECT_NE(rubble->what.find("no owner"), std::string::npos);
    // RB-001 is owned (UNMAS) and under way (3W activity A-01): no finding.
    EXPECT_EQ(finding("Clear rubble: RB-001"), nullptr);
    // The bridge has no bridging unit anywhere in the registry.
    const Finding* crossing = finding("Temporary crossing: BR-001");
    ASSERT_NE(crossing, nullptr);
    EXPECT_NE(crossing->what.find("nobody can do it"), std::string::npos);
    // The people held back, recomputed cold: everything done, and everything but the task and
    // what waits for it.
    const std::size_t n = plan.tasks.tasks.size();
    const std::vector<double> all = cold_within(plan, std::vector<bool>(n, true));
    for (const Finding& f : plan.findings) {
        std::vector<bool> done(n, true);
        done[f.task] = false;
        undo_what_waits(plan, done);
        const std::vector<double> without = cold_within(plan, done);
        for (std::size_t s = 0; s < all.size(); ++s) {
            EXPECT_DOUBLE_EQ(f.held_back[s], std::max(0.0, all[s] - without[s]))
                << plan.tasks.tasks[f.task].title << " " << plan.services[s];
        }
    }
    const std::size_t health = static_cast<std::size_t>(
        std::find(plan.services.begin(), plan.services.end(), "health") - plan.services.begin());
    EXPECT_GT(substation->held_back[health], 0);
}

TEST(MonacoPlan, TheUnownedAndUnfundedTasksHoldBackTheirPeopleTogether) {
    // Recomputed cold: everything done but every task with no owner or no funder and what
    // waits for them; at least each one's own figure, at most their sum.
    const Plan& plan = monaco_plan();
    const std::size_t n = plan.tasks.tasks.size();
    std::vector<bool> done(n, true);
    std::vector<double> largest(plan.services.size(), 0);
    std::vector<double> sum(plan.services.size(), 0);
    std::size_t flagged = 0;
    for (const Finding& f : plan.findings) {
        EXPECT_EQ(f.no_owner, f.what.find("no owner") != std::string::npos) << f.what;
        EXPECT_EQ(f.no_funder, f.what.find("no funder") != std::string::npos) << f.what;
        if (!f.no_owner && !f.no_funder) {
            continue;
        }
        ++flagged;
        done[f.task] = false;
        for (std::size_t s = 0; s < sum.size(); ++s) {
            largest[s] = std::max(largest[s], f.held_back[s]);
            sum[s] += f.held_back[s];
        }
    }
    ASSERT_GT(flagged, 1U);
    undo_what_waits(plan, done);
    const std::vector<double> all = cold_within(plan, std::vector<bool>(n, true));
    const std::vector<double> without = cold_within(plan, done);
    ASSERT_EQ(plan.held_back_unowned_or_unfunded.size(), all.size());
    for (std::size_t s = 0; s < all.size(); ++s) {
        EXPECT_DOUBLE_EQ(plan.held_back_unowned_or_unfunded[s], std::max(0.0, all[s] - without[s]))
            << plan.services[s];
        EXPECT_GE(plan.held_back_unowned_or_unfunded[s], largest[s]) << plan.services[s];
        EXPECT_LE(plan.held_back_unowned_or_unfunded[s], sum[s] + 1e-9) << plan.services[s];
    }
}

/// Metres from `at` to the nearest point of `line`, on a flat projection around `at` (good to
/// centimetres over a bridge's length).
double metres_to_line(geo::Coord at, std::span<const geo::Coord> line) {
    constexpr double kMetresPerDegree = 6371008.8 * 3.14159265358979323846 / 180;
    const double x_scale = kMetresPerDegree * std::cos(at.lat() * 3.14159265358979323846 / 180);
    double nearest = std::numeric_limits<double>::infinity();
    for (std::size_t p = 1; p < line.size(); ++p) {
        const double ax = (line[p - 1].lon() - at.lon()) * x_scale;
        const double ay = (line[p - 1].lat() - at.lat()) * kMetresPerDegree;
        const double bx = (line[p].lon() - at.lon()) * x_scale;
        const double by = (line[p].lat() - at.lat()) * kMetresPerDegree;
        const double dx = bx - ax;
        const double dy = by - ay;
        const double squared = dx * dx + dy * dy;
        const double t = squared == 0 ? 0 : std::clamp(-(ax * dx + ay * dy) / squared, 0.0, 1.0);
        nearest = std::min(nearest, std::hypot(ax + t * dx, ay + t * dy));
    }
    return nearest;
}

TEST(MonacoPlan, TheBlownBridgeGivenOnlyByItsWayIsWorkedOnOnThatWay) {
    // BR-001 has no geometry, only its OSM way: its tasks lie on the way's own road edges (not
    // at some node of the network chosen by default).
    const snapshot::Snapshot& s = tight_snapshot();
    const auto& hazards = s.reported().hazards;
    const auto bridge = std::find_if(hazards.begin(), hazards.end(),
                                     [](const model::Hazard& h) { return h.key == "BR-001"; });
    ASSERT_NE(bridge, hazards.end());
    ASSERT_TRUE(bridge->geometry.is_null());
    ASSERT_TRUE(bridge->osm_way);
    const graph::RoadNetwork& net = s.town().roads;
    std::vector<EdgeId> way;
    for (EdgeId e{0}; e.value < net.edge_count(); ++e.value) {
        if (net.edge_osm_way[e] == *bridge->osm_way) {
            way.push_back(e);
        }
    }
    ASSERT_FALSE(way.empty());
    std::size_t on_bridge = 0;
    for (const Task& task : monaco_plan().tasks.tasks) {
        if (task.object != "BR-001") {
            continue;
        }
        ++on_bridge;
        double nearest = std::numeric_limits<double>::infinity();
        for (const EdgeId e : way) {
            nearest = std::min(nearest, metres_to_line(task.location, net.geometry(e)));
        }
        EXPECT_LT(nearest, 2.0) << task.title << " at " << task.location.lat() << ", "
                                << task.location.lon();
    }
    EXPECT_EQ(on_bridge, 2U); // a temporary crossing, then the repair
}

TEST(MonacoPlan, SampledBandsAreOrderedAndMatchTheirCount) {
    const Plan& plan = monaco_plan();
    ASSERT_EQ(plan.bands.samples, 8U);
    for (const auto& band : plan.bands.by_service) {
        for (std::size_t d = 0; d < band[0].size(); ++d) {
            EXPECT_LE(band[0][d], band[1][d]);
            EXPECT_LE(band[1][d], band[2][d]);
        }
    }
}

TEST(MonacoPlan, BadHorizonAndBadWorkConfigurationAreRefusedNamingTheKey) {
    EXPECT_THROW((void)make_plan(tight_snapshot(), {.horizon = 0}), InputError);
    io::ProjectConfig config;
    try {
        io::apply_config(R"({"work": {"kinds": {"demine": {"rate": -3}}}})", "w.json", config);
        FAIL() << "a negative rate was accepted";
    } catch (const InputError& e) {
        EXPECT_NE(std::string(e.what()).find("work.kinds.demine.rate"), std::string::npos);
    }
    EXPECT_THROW(io::apply_config(R"({"work": {"kinds": {"paint": {}}}})", "w.json", config),
                 InputError);
    EXPECT_THROW(io::apply_config(R"({"work": {"speed": 1}})", "w.json", config), InputError);
    model::WorkRules rules = model::WorkRules::defaults();
    try {
        (void)rules.to_planning(100, "SYP", "funding line F-9");
        FAIL() << "a currency without a rate was converted";
    } catch (const InputError& e) {
        EXPECT_NE(std::string(e.what()).find("SYP"), std::string::npos);
    }
}

} // namespace
} // namespace dayafter::plan
