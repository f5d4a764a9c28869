// app::new_scenario on the Monaco bundle: grid-down finds exactly the bundle's power utilities,
// each template's file runs through app::compare, and names the project does not have are
// refused with the names it has.
#include <set>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "csv_rows.hpp"
#include "dayafter/app/new_scenario.hpp"
#include "dayafter/util/error.hpp"
#include "snapshot_fixture.hpp"

namespace dayafter {
namespace {

using ::testing::HasSubstr;

const std::filesystem::path kDocs = DAYAFTER_DOCS_DIR;

app::NewScenarioAnswer make(io::TemplateParams params, const std::filesystem::path& out = {}) {
    app::NewScenarioRequest request{.params = std::move(params), .out = out};
    request.read.project = test::monaco_bundle_project();
    return app::new_scenario(request);
}

std::string error_of(io::TemplateParams params) {
    try {
        (void)make(std::move(params));
    } catch (const InputError& e) {
        return e.what();
    }
    return "(accepted)";
}

TEST(ScenarioTemplates, GridDownPutsDownExactlyTheBundlesSubstations) {
    // Counted from the partner file itself (the OSM extract maps no substation or power plant).
    std::set<std::string> expected;
    for (const auto& row : test::csv_rows(test::data_dir() / "registry/monaco/facilities.csv")) {
        if (row.size() > 2 && (row[2] == "substation" || row[2] == "power_plant")) {
            expected.insert(row[0]);
        }
    }
    ASSERT_FALSE(expected.empty());
    const app::NewScenarioAnswer answer = make(io::GridDown{});
    std::set<std::string> down;
    for (const auto& change : answer.document.at("changes")) {
        EXPECT_EQ(change.at("do"), "utility_down");
        down.insert(change.at("code").get<std::string>());
    }
    EXPECT_EQ(down, expected);
    EXPECT_EQ(answer.change_count, expected.size());
}

TEST(ScenarioTemplates, EachTemplatesFileRunsThroughCompare) {
    test::TempDir dir;
    const std::vector<std::pair<std::string, io::TemplateParams>> all = {
        {"bridges.json", io::BridgesOver{"Le Paillon"}},
        {"displace.json",
         io::Displace{.share = 0.3,
                      .areas = {"MC01"},
                      .camps = {{"Stade", 43.7275, 7.4150, 0.6}, {"Port", 43.7350, 7.4230, {}}}}},
        {"leave.json", io::Displace{.share = 0.5, .areas = {"MC02"}}},
        {"grid.json", io::GridDown{}},
        {"entry.json", io::EntryClosed{"Menton crossing", 14}},
        {"donor.json", io::DonorWithdraws{"ECHO", 1, "humanitarian"}}};
    app::CompareRequest request;
    request.read.project = test::monaco_bundle_project();
    request.scenarios.push_back(kDocs / "scenarios/baseline.json");
    for (const auto& [file, params] : all) {
        const app::NewScenarioAnswer answer = make(params, dir / file);
        ASSERT_TRUE(std::filesystem::exists(dir / file));
        EXPECT_GT(answer.change_count, 0U) << file;
        request.scenarios.push_back(dir / file);
    }
    const app::CompareAnswer answer = app::compare(request, {});
    ASSERT_EQ(answer.scenarios.size(), all.size() + 1);
    const auto people = [&](std::size_t scenario, bool only_within) {
        double total = 0;
        for (const access::ServiceAccess& r : answer.scenarios[scenario].results) {
            total += r.within + (only_within ? 0 : r.beyond + r.cut_off);
        }
        return total;
    };
    // People displaced to camps are still counted, people who leave are not (the bundle's
    // substation is down already, so the grid-down changes nothing there); entry points and
    // money do not reach access yet, and say so.
    EXPECT_DOUBLE_EQ(people(2, false), people(0, false));
    EXPECT_LT(people(3, false), people(0, false));
    EXPECT_LT(people(3, true), people(0, true));
    EXPECT_EQ(answer.scenarios[5].plan_only.size(), 1U);
    EXPECT_EQ(answer.scenarios[6].plan_only.size(), 1U);
}

TEST(ScenarioTemplates, NamesTheProjectDoesNotHaveAreRefusedWithThoseItHas) {
    EXPECT_THAT(error_of(io::BridgesOver{"Var"}),
                HasSubstr("--waterway: no bridge of the project crosses a waterway named 'Var'; "
                          "its bridges cross: Le Paillon"));
    EXPECT_THAT(error_of(io::Displace{.share = 0.3, .areas = {"MC09"}}),
                HasSubstr("--from: no admin area with P-code 'MC09' in the project (its areas: "
                          "MC, MC01, MC02)"));
    EXPECT_THAT(error_of(io::DonorWithdraws{"DFID", 1, ""}),
                HasSubstr("--donor: no funding from 'DFID' in the project (donors: ECHO, "
                          "UNDP-FFS, WHO)"));
    EXPECT_THAT(error_of(io::DonorWithdraws{"ECHO", 1, "development"}),
                HasSubstr("--window: ECHO funds nothing in the window 'development'"));
}

TEST(ScenarioTemplates, GridDownNeedsTheProject) {
    try {
        (void)app::new_scenario({.params = io::GridDown{}});
        ADD_FAILURE() << "grid-down without a project accepted";
    } catch (const InputError& e) {
        EXPECT_THAT(e.what(), HasSubstr("grid-down: give --project"));
    }
}

TEST(ScenarioTemplates, WithoutAProjectNothingIsChecked) {
    const app::NewScenarioAnswer answer = app::new_scenario({.params = io::BridgesOver{"Var"}});
    EXPECT_EQ(answer.change_count, 1U);
    EXPECT_EQ(answer.document.at("changes").at(0).at("waterway"), "Var");
}

} // namespace
} // namespace dayafter
