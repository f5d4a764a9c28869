// `dayafter report` (#15): the page's data checked against the contract's JSON Schema by an
// independent validator (Python's jsonschema), its figures against `dayafter plan` and the
// project, and the one placeholder filled so that no text in the data can end the page. The page
// itself is opened in headless Chromium by the report_page_monaco test (tests/report/).
#include <fstream>
#include <regex>

#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "dayafter/report/report_page.hpp"
#include "dayafter/store/project_store.hpp"
#include "dayafter/util/error.hpp"
#include "snapshot_fixture.hpp"
#include "test_support.hpp"

namespace dayafter {
namespace {

using nlohmann::json;
using ::testing::HasSubstr;
namespace fs = std::filesystem;

std::string cli() {
    return test::cli_binary().string();
}

std::string read_bytes(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

fs::path docs() {
    return test::data_dir().parent_path().parent_path() / "docs";
}

/// The data element's text, as the page's script reads it.
json data_of(const std::string& page) {
    const std::string open = R"(<script type="application/json" id="report-data">)";
    const std::size_t from = page.find(open);
    const std::size_t to = page.find("</script>", from);
    EXPECT_NE(from, std::string::npos);
    return json::parse(page.substr(from + open.size(), to - from - open.size()));
}

class Report : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        dir_ = new test::TempDir();
        std::ofstream(*dir_ / "tight.json")
            << R"({"services": {"health": {"threshold_min": 6}, "hospital": {"threshold_min": 1.5},)"
               R"( "bread": {"threshold_min": 4}}})";
        const fs::path scenarios = docs() / "scenarios";
        std::string out;
        ASSERT_EQ(
            test::run(fmt::format("{} -q report --project {} --config {} --as-of 2017-12-31 "
                                  "--evaluations 200 -o {} --scenarios {} {} {}",
                                  cli(), test::monaco_bundle_project().string(),
                                  (*dir_ / "tight.json").string(), (*dir_ / "report.html").string(),
                                  (scenarios / "baseline.json").string(),
                                  (scenarios / "bridges.json").string(),
                                  (scenarios / "grid.json").string()),
                      &out),
            0)
            << out;
        data_ = new json(data_of(read_bytes(*dir_ / "report.html")));
    }
    static void TearDownTestSuite() {
        delete data_;
        delete dir_;
    }
    static inline test::TempDir* dir_ = nullptr;
    static inline json* data_ = nullptr;
};

TEST_F(Report, ItsDataFollowTheContractsSchema) {
    const fs::path data = *dir_ / "data.json";
    std::ofstream(data) << data_->dump();
    std::string out;
    EXPECT_EQ(
        test::run(test::system_python() +
                      " -c 'import json, sys, jsonschema; "
                      "jsonschema.Draft202012Validator(json.load(open(sys.argv[1]))).validate("
                      "json.load(open(sys.argv[2])))' " +
                      (docs() / "report-data.schema.json").string() + " " + data.string(),
                  &out),
        0)
        << out;
}

TEST_F(Report, ItsFiguresAreThoseOfPlanAndOfTheProject) {
    // The same plan made by `dayafter plan` with the same options, read from its JSON.
    // It is stored (in a copy of the project) and read back as `plans --show 1 --json` has it.
    const fs::path copy = *dir_ / "planned.dayafter";
    fs::copy_file(test::monaco_bundle_project(), copy, fs::copy_options::overwrite_existing);
    std::string out;
    ASSERT_EQ(test::run(fmt::format("{} -q plan --project {} --config {} --as-of 2017-12-31 "
                                    "--evaluations 200 --out {}",
                                    cli(), copy.string(), (*dir_ / "tight.json").string(),
                                    (*dir_ / "plan").string()),
                        &out),
              0)
        << out;
    ASSERT_EQ(
        test::run(fmt::format("{} plans --project {} --show 1 --json", cli(), copy.string()), &out),
        0)
        << out;
    const json plan = json::parse(out);
    const json& summary = plan.contains("summary") ? plan["summary"] : plan;
    ASSERT_EQ((*data_)["headline"]["services"].size(), summary["services"].size());
    for (std::size_t s = 0; s < summary["services"].size(); ++s) {
        const json& ours = (*data_)["headline"]["services"][s];
        const json& theirs = summary["services"][s];
        EXPECT_EQ(ours["service"], theirs["service"]);
        EXPECT_EQ(ours["now"], theirs["today"]);
        EXPECT_EQ(ours["day_30"], theirs["day_30"]);
        EXPECT_EQ(ours["day_90"], theirs["day_90"]);
    }
    EXPECT_EQ((*data_)["schedule"]["tasks"].size(), summary["tasks"].get<std::size_t>());
    // One curve per service for the plan and for each rule.
    EXPECT_EQ((*data_)["curves"]["series"].size(),
              summary["services"].size() * (summary["rules"].size() + 1));

    const model::Town town = store::read_project(test::monaco_bundle_project());
    // the map's facilities and the five the bundle adds (field hospitals, substation, works)
    EXPECT_EQ((*data_)["map"]["facilities"]["features"].size(), town.facilities.size() + 5);
    EXPECT_EQ((*data_)["map"]["hazards"]["features"].size(), 6U); // the bundle's, as drawn
    EXPECT_EQ((*data_)["scenarios"]["list"].size(), 3U);
    EXPECT_EQ((*data_)["scenarios"]["baseline"], (*data_)["scenarios"]["list"][0]["name"]);
    EXPECT_TRUE((*data_)["meta"]["illustrative"].get<bool>());
    EXPECT_THAT((*data_)["meta"]["illustrative_note"].get<std::string>(),
                HasSubstr("illustrative HeRAMS-style round"));
}

TEST_F(Report, TheFacilitiesCarryTheirGapsAndTheRoadsTheirMines) {
    // The bundle's hospital with 25 of 112 doctors, and the roads the contaminated area blocks.
    bool doctors = false;
    for (const json& f : (*data_)["map"]["facilities"]["features"]) {
        for (const json& gap : f["properties"]["gaps"]) {
            doctors = doctors ||
                      (gap["what"] == "staff doctors" && gap["have"] == 25 && gap["need"] == 112);
        }
    }
    EXPECT_TRUE(doctors);
    std::size_t mined = 0;
    for (const json& road : (*data_)["map"]["roads"]["features"]) {
        mined += road["properties"]["walk"] == "mined" ? 1 : 0;
    }
    EXPECT_GT(mined, 0U);
}

TEST_F(Report, AnExistingFileIsRefusedBeforeAnyWork) {
    const std::string before = read_bytes(*dir_ / "report.html");
    std::string out;
    EXPECT_EQ(test::run(fmt::format("{} report --project {} -o {}", cli(),
                                    test::monaco_bundle_project().string(),
                                    (*dir_ / "report.html").string()),
                        &out),
              2);
    EXPECT_THAT(out, HasSubstr("--force"));
    EXPECT_EQ(read_bytes(*dir_ / "report.html"), before);
}

TEST(ReportPage, TextInTheDataCannotEndTheScriptElement) {
    const json data = {{"name", "</script><script>alert(1)</script><!--"}};
    const std::string page =
        report::fill_report_page("<p><script id=\"d\">@@DAYAFTER_REPORT_DATA@@</script></p>", data);
    EXPECT_EQ(page.find("</script>"), page.rfind("</script>")) << page; // only the template's
    EXPECT_EQ(page.find("<!--"), std::string::npos);
    const std::size_t from = page.find('>', page.find("<script")) + 1;
    EXPECT_EQ(json::parse(page.substr(from, page.find("</script>") - from)), data);
}

TEST(ReportPage, TheTemplateMustHoldThePlaceholderOnce) {
    EXPECT_THROW((void)report::fill_report_page("<p>no place</p>", json::object()), StorageError);
    EXPECT_THROW((void)report::fill_report_page("@@DAYAFTER_REPORT_DATA@@@@DAYAFTER_REPORT_DATA@@",
                                                json::object()),
                 StorageError);
    // The template built into the binary is the page of web/report.
    const std::string_view built = report::report_page_template();
    EXPECT_NE(built.find("@@DAYAFTER_REPORT_DATA@@"), std::string_view::npos);
    EXPECT_NE(built.find("maplibregl"), std::string_view::npos);
}

} // namespace
} // namespace dayafter
