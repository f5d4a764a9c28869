// The plans kept in a project: read back as appended, newest last; a refused append leaves the
// file byte for byte as it was; a project written before plans were stored reads as having none
// and gets the table with its first plan.

#include <limits>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "dayafter/io/osm_import.hpp"
#include "dayafter/store/plan_store.hpp"
#include "dayafter/store/project_store.hpp"
#include "dayafter/util/error.hpp"
#include "test_support.hpp"

namespace dayafter::store {
namespace {

std::filesystem::path small_project(const test::TempDir& dir) {
    const auto osm = test::AsciiTown(R"(
a---b---c
    |
    d      )")
                         .way("abc", {{"highway", "residential"}})
                         .way("bd", {{"highway", "primary"}})
                         .node("d", {{"amenity", "clinic"}})
                         .write(dir / "town.osm");
    const std::filesystem::path project = dir / "t.dayafter";
    create_project(project, io::import_osm(osm, {}), {});
    return project;
}

StoredPlan a_plan(std::uint64_t seed) {
    StoredPlan plan;
    plan.created = "2026-11-21T10:02:03Z";
    plan.as_of = "2017-12-31";
    plan.start = "2017-12-31";
    plan.horizon_days = 180;
    plan.solver = "heuristic";
    plan.seed = seed;
    plan.time_limit_s = 12.5;
    plan.max_evaluations = 4000;
    plan.samples = 8;
    plan.config_json = R"({"services": {"health": {"threshold_min": 6}}})";
    plan.population_total = 38000.5;
    plan.summary_json = R"({"gain": 1234.5, "services": []})";
    plan.schedule_json = R"([{"task": "Clear rubble: RB-1", "start": 0, "finish": 3}])";
    return plan;
}

TEST(PlanStore, ReadsBackWhatWasAppendedNewestLast) {
    test::TempDir dir;
    const auto project = small_project(dir);
    EXPECT_TRUE(read_plans(project).empty());
    StoredPlan first = a_plan(1);
    StoredPlan second = a_plan(std::numeric_limits<std::uint64_t>::max()); // past int64
    second.as_of.reset();
    second.config_json.clear();
    second.population_total.reset();
    first.id = append_plan(project, first);
    second.id = append_plan(project, second);
    EXPECT_LT(first.id, second.id);
    const std::vector<StoredPlan> plans = read_plans(project);
    ASSERT_EQ(plans.size(), 2U);
    EXPECT_EQ(plans[0], first);
    EXPECT_EQ(plans[1], second);
    EXPECT_EQ(read_plan(project, second.id), second);
    EXPECT_FALSE(read_plan(project, second.id + 1));
    // The rest of the project is still there and readable.
    EXPECT_EQ(read_project(project).facilities.size(), 1U);
}

TEST(PlanStore, ARefusedAppendLeavesTheFileByteIdentical) {
    test::TempDir dir;
    const auto project = small_project(dir);
    (void)append_plan(project, a_plan(1));
    const std::string before = test::read_text(project);
    StoredPlan no_days = a_plan(2);
    no_days.horizon_days = 0;
    EXPECT_THROW((void)append_plan(project, no_days), StorageError);
    StoredPlan not_json = a_plan(3);
    not_json.schedule_json = "[{\"task\": ";
    EXPECT_THROW((void)append_plan(project, not_json), StorageError);
    EXPECT_EQ(test::read_text(project), before);
    EXPECT_EQ(read_plans(project).size(), 1U);
    EXPECT_THROW((void)append_plan(dir / "missing.dayafter", a_plan(1)), InputError);
    EXPECT_THROW((void)read_plans(dir / "town.osm"), InputError);
}

TEST(PlanStore, AProjectWrittenBeforePlansReadsAsNoneAndIsUpgradedByItsFirstPlan) {
    test::TempDir dir;
    const auto project = small_project(dir);
    test::exec_sql(project, "DROP TABLE plans; PRAGMA user_version = 3;");
    EXPECT_TRUE(read_plans(project).empty());
    EXPECT_FALSE(read_plan(project, 1));

    // A refused plan does not upgrade it either: the migration goes with the transaction.
    const std::string before = test::read_text(project);
    StoredPlan no_days = a_plan(2);
    no_days.horizon_days = 0;
    EXPECT_THROW((void)append_plan(project, no_days), StorageError);
    EXPECT_EQ(test::read_text(project), before);

    StoredPlan plan = a_plan(7);
    plan.id = append_plan(project, plan);
    EXPECT_EQ(read_plans(project), std::vector<StoredPlan>{plan});
    EXPECT_EQ(read_project(project).facilities.size(), 1U);
}

} // namespace
} // namespace dayafter::store
