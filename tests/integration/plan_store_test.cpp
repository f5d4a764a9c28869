// Plans kept in the project: app::plan stores each plan with its inputs; running the planner
// again from nothing but the stored inputs gives the same schedule and summary; --no-store keeps
// the project byte for byte; `dayafter plans` lists and shows them. Every test plans on a copy of
// the Monaco bundle project (the fixture's own must not be written).
#include <fstream>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "dayafter/app/app.hpp"
#include "dayafter/report/plan_json.hpp"
#include "dayafter/util/error.hpp"
#include "snapshot_fixture.hpp"

namespace dayafter {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using ::testing::Not;

constexpr const char* kTightConfig = R"({"services": {"health": {"threshold_min": 6},
    "hospital": {"threshold_min": 1.5}, "bread": {"threshold_min": 4}}})";

class StoredPlans : public ::testing::Test {
protected:
    void SetUp() override {
        fs::copy_file(test::monaco_bundle_project(), project_);
        std::ofstream(config_) << kTightConfig;
    }

    /// A plan bounded by evaluations, not time, so that it is the same on every machine.
    app::PlanRequest request(bool store) const {
        app::PlanRequest r;
        r.read = {project_, "2017-12-31", config_, 30000.0};
        r.options = {.horizon = 60, .time_limit_s = 600, .max_evaluations = 150, .seed = 11};
        r.out = dir_ / "out";
        r.store = store;
        return r;
    }

    test::TempDir dir_;
    fs::path project_ = dir_ / "copy.dayafter";
    fs::path config_ = dir_ / "tight.json";
};

TEST_F(StoredPlans, APlanIsStoredWithItsInputs) {
    const app::PlanAnswer answer = app::plan(request(true), {});
    ASSERT_TRUE(answer.stored_id);
    const std::vector<store::StoredPlan> plans = app::plans(project_);
    ASSERT_EQ(plans.size(), 1U);
    const store::StoredPlan& stored = plans.front();
    EXPECT_EQ(stored.id, *answer.stored_id);
    EXPECT_EQ(stored.as_of, "2017-12-31");
    EXPECT_EQ(stored.start, answer.plan.start);
    EXPECT_EQ(stored.horizon_days, 60);
    EXPECT_EQ(stored.solver, "heuristic");
    EXPECT_EQ(stored.seed, 11U);
    EXPECT_EQ(stored.time_limit_s, 600);
    EXPECT_EQ(stored.max_evaluations, 150);
    EXPECT_EQ(stored.samples, 0);
    EXPECT_EQ(stored.config_json, kTightConfig);
    EXPECT_EQ(stored.population_total, 30000);
    EXPECT_THAT(stored.created, ::testing::MatchesRegex("....-..-..T..:..:..Z"));
    EXPECT_EQ(stored.summary_json, report::plan_summary_json(answer.plan).dump());
    EXPECT_EQ(stored.schedule_json, report::plan_schedule_json(answer.plan).dump());
    const nlohmann::json summary = nlohmann::json::parse(stored.summary_json);
    EXPECT_DOUBLE_EQ(summary["gain"].get<double>(), answer.plan.gain);
    EXPECT_EQ(summary["services"].size(), answer.plan.services.size());
    EXPECT_EQ(nlohmann::json::parse(stored.schedule_json).size(), answer.plan.tasks.tasks.size());
    EXPECT_EQ(app::stored_plan(project_, stored.id), stored);
    EXPECT_THROW((void)app::stored_plan(project_, stored.id + 1), InputError);
}

TEST_F(StoredPlans, TheStoredInputsReproduceThePlan) {
    const app::PlanAnswer first = app::plan(request(true), {});
    const store::StoredPlan stored = app::stored_plan(project_, *first.stored_id);
    ASSERT_GT(first.plan.gain, 0) << "a plan that restores nothing would prove little";

    // Nothing from the first run but what the project keeps.
    const fs::path config = dir_ / "again.json";
    std::ofstream(config) << stored.config_json;
    app::PlanRequest again;
    again.read = {project_, stored.as_of, config, stored.population_total};
    again.options = {.horizon = static_cast<plan::Day>(stored.horizon_days),
                     .start = stored.start,
                     .time_limit_s = stored.time_limit_s,
                     .max_evaluations = static_cast<std::size_t>(stored.max_evaluations),
                     .seed = stored.seed,
                     .samples = static_cast<std::size_t>(stored.samples)};
    again.out = dir_ / "again";
    again.store = false;
    const app::PlanAnswer rerun = app::plan(again, {});
    EXPECT_EQ(report::plan_schedule_json(rerun.plan).dump(), stored.schedule_json);
    EXPECT_EQ(report::plan_summary_json(rerun.plan).dump(), stored.summary_json);
}

TEST_F(StoredPlans, NoStoreLeavesTheProjectByteIdentical) {
    const std::string before = test::read_text(project_);
    const app::PlanAnswer answer = app::plan(request(false), {});
    EXPECT_FALSE(answer.stored_id);
    EXPECT_FALSE(answer.files.empty());
    EXPECT_EQ(test::read_text(project_), before);
    EXPECT_TRUE(app::plans(project_).empty());
}

/// Standard output only (progress goes to standard error).
int run_stdout(const std::string& command, std::string* output) {
    return test::run("(" + command + " 2>/dev/null)", output);
}

TEST_F(StoredPlans, CliListsAndShowsThePlans) {
    const std::string cli = test::cli_binary().string();
    const std::string project = " --project " + project_.string();
    const std::string plan = cli + " plan" + project + " --as-of 2017-12-31 --config " +
                             config_.string() + " --horizon 30d --evaluations 60 --seed 4" +
                             " --time-limit 600 --out " + (dir_ / "p").string();
    std::string out;
    ASSERT_EQ(run_stdout(plan, &out), 0) << out;
    EXPECT_THAT(out, HasSubstr("Stored as plan 1 in the project"));
    ASSERT_EQ(run_stdout(plan + " --no-store --force", &out), 0) << out;
    EXPECT_THAT(out, Not(HasSubstr("Stored as plan")));

    ASSERT_EQ(run_stdout(cli + " plans" + project, &out), 0) << out;
    EXPECT_THAT(out, HasSubstr("2017-12-31"));
    EXPECT_THAT(out, HasSubstr("30d"));
    EXPECT_THAT(out, HasSubstr("1 plan stored in"));

    ASSERT_EQ(run_stdout(cli + " plans" + project + " --show 1 --json", &out), 0) << out;
    const nlohmann::json summary = nlohmann::json::parse(out);
    EXPECT_EQ(summary.dump(), app::stored_plan(project_, 1).summary_json);
    EXPECT_EQ(summary["horizon_days"], 30);

    ASSERT_EQ(run_stdout(cli + " plans" + project + " --show 1", &out), 0) << out;
    EXPECT_THAT(out, HasSubstr("seed 4"));
    EXPECT_THAT(out, HasSubstr("--seed 4"));
    EXPECT_THAT(out, HasSubstr("threshold_min"));

    ASSERT_EQ(run_stdout(cli + " plans" + project + " --json", &out), 0) << out;
    EXPECT_EQ(nlohmann::json::parse(out).size(), 1U);

    EXPECT_EQ(test::run(cli + " plans" + project + " --show 2", &out), 2);
    EXPECT_THAT(out, HasSubstr("no plan 2"));
    EXPECT_EQ(test::run(cli + " plans --project " + (dir_ / "none.dayafter").string(), &out), 2);
    EXPECT_EQ(test::run(cli + " plans --help", &out), 0);
    EXPECT_THAT(out, HasSubstr("Example"));
}

// Bad input to `dayafter plan` exits 2 with the option or key named and stores nothing.
TEST_F(StoredPlans, CliBadInputIsNamedAndLeavesTheProjectAsItWas) {
    const std::string cli = test::cli_binary().string();
    const std::string plan =
        cli + " plan --project " + project_.string() + " --out " + (dir_ / "bad").string();
    const std::string before = test::read_text(project_);
    std::string out;
    EXPECT_EQ(test::run(plan + " --horizon 0d", &out), 2);
    EXPECT_THAT(out, HasSubstr("--horizon '0d'"));
    EXPECT_EQ(test::run(plan + " --horizon six-months", &out), 2);
    EXPECT_EQ(test::run(plan + " --solver magic", &out), 2);
    EXPECT_THAT(out, HasSubstr("--solver 'magic'"));
    EXPECT_EQ(test::run(plan + " --objective fastest", &out), 2);
    EXPECT_EQ(test::run(plan + " --time-limit 0", &out), 2);
    const fs::path bad = dir_ / "bad-work.json";
    std::ofstream(bad) << R"({"work": {"kinds": {"clear_rubble": {"rate": -250}}}})";
    EXPECT_EQ(test::run(plan + " --config " + bad.string(), &out), 2);
    EXPECT_THAT(out, HasSubstr("work.kinds.clear_rubble.rate"));
    std::ofstream(bad) << R"({"work": {"kinds": {"clear_rubble": {"speed": 3}}}})";
    EXPECT_EQ(test::run(plan + " --config " + bad.string(), &out), 2);
    EXPECT_THAT(out, HasSubstr("work.kinds.clear_rubble.speed"));
    EXPECT_EQ(test::read_text(project_), before);
    EXPECT_FALSE(fs::exists(dir_ / "bad"));
    EXPECT_TRUE(app::plans(project_).empty());
}

} // namespace
} // namespace dayafter
