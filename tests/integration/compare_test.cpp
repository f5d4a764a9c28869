// app::compare on the Monaco bundle: each scenario's figures equal a session built cold with the
// same changes, and a scenario after another sees none of the other's changes (the session is
// taken back each time).
#include <fstream>

#include <gtest/gtest.h>

#include "csv_rows.hpp"
#include "dayafter/access/session.hpp"
#include "dayafter/io/scenario_file.hpp"
#include "dayafter/snapshot/scenario_overlay.hpp"
#include "dayafter/snapshot/scenario_state.hpp"
#include "dayafter/store/project_store.hpp"
#include "snapshot_fixture.hpp"

namespace dayafter {
namespace {

void expect_same(const access::ServiceAccess& a, const access::ServiceAccess& b) {
    EXPECT_EQ(a.service.name, b.service.name);
    EXPECT_DOUBLE_EQ(a.within, b.within) << a.service.name;
    EXPECT_DOUBLE_EQ(a.beyond, b.beyond) << a.service.name;
    EXPECT_DOUBLE_EQ(a.cut_off, b.cut_off) << a.service.name;
    EXPECT_EQ(a.overloaded, b.overloaded) << a.service.name;
}

TEST(Compare, EachScenarioEqualsAColdSessionAndLeavesNothingBehind) {
    test::TempDir dir;
    std::ofstream(dir / "base.json") << R"({"name": "baseline", "changes": []})";
    std::ofstream(dir / "worse.json") << R"({"name": "grid down, hospital closed",
        "changes": [{"do": "utility_down", "code": "WW-1"},
                    {"do": "close_facility", "code": "FH-1"},
                    {"do": "add_people", "name": "arrivals", "lat": 43.7335, "lon": 7.4195,
                     "count": 4000}]})";
    app::CompareRequest request;
    request.read.project = test::monaco_bundle_project();
    request.scenarios = {dir / "base.json", dir / "worse.json", dir / "base.json"};
    const app::CompareAnswer answer = app::compare(request, {});
    ASSERT_EQ(answer.scenarios.size(), 3U);
    const snapshot::Snapshot& s = answer.snapshot;
    for (std::size_t k = 0; k < 3; ++k) {
        const auto overlay =
            snapshot::scenario_overlay(s, io::read_scenario(request.scenarios[k])).overlay;
        const access::AccessSession cold(s, s.config().services, std::nullopt, overlay);
        std::size_t r = 0;
        for (std::size_t svc = 0; svc < cold.service_count(); ++svc) {
            const access::ServiceAccess expected = cold.result(svc);
            if (expected.status == access::AccessStatus::Computed) {
                ASSERT_LT(r, answer.scenarios[k].results.size());
                expect_same(answer.scenarios[k].results[r++], expected);
            }
        }
    }
    // The works down and the arrivals change something, and the baseline after it is as before.
    double base_within = 0;
    double worse_within = 0;
    for (std::size_t r = 0; r < answer.scenarios[0].results.size(); ++r) {
        base_within += answer.scenarios[0].results[r].within;
        worse_within += answer.scenarios[1].results[r].within;
        expect_same(answer.scenarios[2].results[r], answer.scenarios[0].results[r]);
    }
    EXPECT_NE(base_within, worse_within);
}

/// The same figures by the other road: the scenario written into the registry's state (as a
/// plan sees it) and a session built cold on that snapshot.
TEST(Compare, TheScenarioWrittenIntoTheStateGivesTheOverlaysFigures) {
    test::TempDir dir;
    std::ofstream(dir / "worse.json") << R"({"name": "worse",
        "changes": [{"do": "utility_down", "code": "WW-1"},
                    {"do": "close_facility", "code": "FH-1"},
                    {"do": "destroy_bridge", "way": 50507223},
                    {"do": "add_people", "name": "arrivals", "lat": 43.7335, "lon": 7.4195,
                     "count": 4000}]})";
    app::CompareRequest request;
    request.read.project = test::monaco_bundle_project();
    request.scenarios = {dir / "worse.json"};
    const app::CompareAnswer answer = app::compare(request, {});
    const snapshot::Snapshot& s = answer.snapshot;
    const model::Scenario scenario = io::read_scenario(dir / "worse.json");
    snapshot::ScenarioState state = snapshot::scenario_state(
        s, scenario, snapshot::scenario_overlay(s, scenario), "2018-01-01");
    const snapshot::Snapshot changed =
        snapshot::Snapshot::build(store::read_project(request.read.project),
                                  std::move(state.registry), s.config(), s.as_of());
    const access::AccessSession cold(changed, changed.config().services);
    std::size_t r = 0;
    for (std::size_t svc = 0; svc < cold.service_count(); ++svc) {
        const access::ServiceAccess expected = cold.result(svc);
        if (expected.status == access::AccessStatus::Computed) {
            ASSERT_LT(r, answer.scenarios[0].results.size());
            const access::ServiceAccess& got = answer.scenarios[0].results[r++];
            EXPECT_NEAR(got.within, expected.within, 1e-6 * expected.total) << got.service.name;
            EXPECT_NEAR(got.cut_off, expected.cut_off, 1e-6 * expected.total) << got.service.name;
            EXPECT_NEAR(got.total, expected.total, 1e-6 * expected.total) << got.service.name;
        }
    }
}

/// A field hospital put up where the closed one stood serves exactly the people it served.
TEST(Compare, AFieldHospitalWhereTheClosedOneStoodServesTheSamePeople) {
    test::TempDir dir;
    // Only FH-1 stays open among the functioning hospitals, so where it stands matters.
    std::ofstream(dir / "base.json") << R"({"name": "only FH-1", "changes": [
        {"do": "close_facility", "code": "n25237989"}, {"do": "close_facility", "code": "n280488322"},
        {"do": "close_facility", "code": "n1794111144"}, {"do": "close_facility", "code": "n2287695176"},
        {"do": "close_facility", "code": "n2169430533"}, {"do": "close_facility", "code": "FH-2"}]})";
    std::ofstream(dir / "closed.json") << R"({"name": "closed", "extends": "base.json",
        "changes": [{"do": "close_facility", "code": "FH-1"}]})";
    std::ofstream(dir / "field.json") << R"({"name": "field hospital", "extends": "closed.json",
        "changes": [{"do": "add_facility", "code": "FIELD-1", "name": "Field hospital",
                     "type": "hospital", "lat": 43.72880, "lon": 7.41640}]})";
    app::CompareRequest request;
    request.read.project = test::monaco_bundle_project();
    request.scenarios = {dir / "base.json", dir / "closed.json", dir / "field.json"};
    const app::CompareAnswer answer = app::compare(request, {});
    EXPECT_FALSE(answer.scenarios[1].cold);
    ASSERT_TRUE(answer.scenarios[2].cold);
    bool changed = false;
    for (std::size_t r = 0; r < answer.scenarios[0].results.size(); ++r) {
        const access::ServiceAccess& base = answer.scenarios[0].results[r];
        const access::ServiceAccess& closed = answer.scenarios[1].results[r];
        const access::ServiceAccess& field = answer.scenarios[2].results[r];
        changed = changed || closed.within != base.within;
        EXPECT_NEAR(field.within, base.within, 1e-6 * base.total) << base.service.name;
        EXPECT_NEAR(field.cut_off, base.cut_off, 1e-6 * base.total) << base.service.name;
    }
    EXPECT_TRUE(changed); // closing FH-1 mattered, so the field hospital is what restores it
}

TEST(Compare, WithPlansTheBaselinesOwnPlanReplayedInItScoresItsOwnArea) {
    test::TempDir dir;
    std::ofstream(dir / "base.json") << R"({"name": "baseline", "changes": []})";
    std::ofstream(dir / "bridge.json") << R"({"name": "bridge",
        "changes": [{"do": "destroy_bridge", "way": 50507223}]})";
    app::CompareRequest request;
    request.read.project = test::monaco_bundle_project();
    request.scenarios = {dir / "base.json", dir / "bridge.json"};
    request.plan = plan::PlanOptions{.horizon = 90, .time_limit_s = 10, .max_evaluations = 40};
    const app::CompareAnswer answer = app::compare(request, {});
    const app::ScenarioPlan& base = *answer.scenarios[0].plan;
    const app::ScenarioPlan& bridge = *answer.scenarios[1].plan;
    EXPECT_NEAR(base.baseline_gain, base.gain, 1e-6 * std::max(1.0, base.gain));
    EXPECT_GT(base.money_needed, 0);
    EXPECT_LE(base.money_missing, base.money_needed);
    // The blown bridge is a task the baseline's plan does not have.
    EXPECT_EQ(bridge.tasks, base.tasks + 2);
    ASSERT_EQ(base.day_90_of_baseline.size(), answer.scenarios[0].results.size());
}

/// The binary: a scenario naming what the project does not have is exit 2 with the file and JSON
/// path, and no CSV; a good run's --json and --csv carry the same figures.
TEST(CompareCli, BadScenarioIsExit2AndWritesNothingGoodOneGivesJsonAndCsv) {
    test::TempDir dir;
    const std::string project = test::monaco_bundle_project().string();
    const std::string bin = test::cli_binary().string();
    std::ofstream(dir / "base.json") << R"({"name": "baseline", "changes": []})";
    std::ofstream(dir / "bad.json") << R"({"name": "bad", "changes": [
        {"do": "close_facility", "code": "FH-1"}, {"do": "destroy_bridge", "way": 123}]})";
    std::ofstream(dir / "grid.json") << R"({"name": "grid down",
        "changes": [{"do": "utility_down", "code": "SUB-1"}]})";
    const std::string csv = (dir / "out.csv").string();
    std::string out;
    EXPECT_EQ(test::run(bin + " compare --project " + project + " " + (dir / "base.json").string() +
                            " " + (dir / "bad.json").string() + " --csv " + csv,
                        &out),
              2);
    EXPECT_NE(out.find("bad.json: changes[1].way: no bridge with OSM way 123"), std::string::npos)
        << out;
    EXPECT_FALSE(std::filesystem::exists(csv));
    ASSERT_EQ(test::run(bin + " -q compare --json --project " + project + " " +
                            (dir / "base.json").string() + " " + (dir / "grid.json").string() +
                            " --csv " + csv,
                        &out),
              0)
        << out;
    const nlohmann::json json = nlohmann::json::parse(out);
    ASSERT_EQ(json["scenarios"].size(), 2U);
    const auto rows = test::csv_rows(csv);
    ASSERT_EQ(rows.size(), 1 + 2 * json["scenarios"][0]["services"].size()); // HXL, then rows
    std::size_t row = 1;
    for (const auto& scenario : json["scenarios"]) {
        for (const auto& service : scenario["services"]) {
            EXPECT_EQ(rows[row][0], scenario["name"].get<std::string>());
            EXPECT_EQ(rows[row][1], service["service"].get<std::string>());
            EXPECT_NEAR(std::stod(rows[row][4]), service["within"].get<double>(), 0.01);
            ++row;
        }
    }
}

} // namespace
} // namespace dayafter
