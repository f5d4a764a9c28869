// docs/scenario.schema.json and io::parse_scenario agree: every example of docs/scenarios/ and
// every template's document passes both; bad documents are refused by both. The schema side is
// checked by an independent validator (python3-jsonschema, tests/tools/validate_scenarios.py).
#include <fstream>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "dayafter/io/scenario_file.hpp"
#include "dayafter/io/scenario_templates.hpp"
#include "dayafter/util/error.hpp"
#include "test_support.hpp"

namespace dayafter::io {
namespace {

const std::filesystem::path kDocs = DAYAFTER_DOCS_DIR;

/// The validator's exit code on the files (0: as expected) and its output.
int validate(const std::vector<std::filesystem::path>& files, bool expect_valid,
             std::string* output) {
    std::string command =
        test::system_python() + " " +
        (test::data_dir().parent_path() / "tools/validate_scenarios.py").string() +
        (expect_valid ? "" : " --expect-invalid") + " " + (kDocs / "scenario.schema.json").string();
    for (const std::filesystem::path& file : files) {
        command += " '" + file.string() + "'";
    }
    return test::run(command, output);
}

bool parses(const std::filesystem::path& file) {
    try {
        (void)read_scenario(file);
        return true;
    } catch (const InputError&) {
        return false;
    }
}

TEST(ScenarioSchema, EveryDocumentedExampleReads) {
    std::size_t count = 0;
    for (const auto& entry : std::filesystem::directory_iterator(kDocs / "scenarios")) {
        if (entry.path().extension() == ".json") {
            EXPECT_NO_THROW((void)read_scenario(entry.path())) << entry.path();
            ++count;
        }
    }
    EXPECT_GE(count, 10U);
    // worst-week.json extends grid.json: the base's changes first.
    const model::Scenario worst = read_scenario(kDocs / "scenarios/worst-week.json");
    ASSERT_EQ(worst.chain.size(), 2U);
    EXPECT_EQ(worst.changes.size(), 5U);
    EXPECT_TRUE(std::holds_alternative<model::UtilityDown>(worst.changes[0].change));
}

TEST(ScenarioSchema, EveryDocumentedExampleIsValid) {
    std::string output;
    EXPECT_EQ(validate({kDocs / "scenarios"}, true, &output), 0) << output;
}

TEST(ScenarioSchema, EveryTemplatesDocumentIsValid) {
    test::TempDir dir;
    const std::vector<TemplateParams> all = {
        BridgesOver{"Le Paillon"},
        Displace{.share = 0.3,
                 .areas = {"MC01"},
                 .camps = {{"Stade", 43.7, 7.4, 0.6}, {"Port", 43.7, 7.4, std::nullopt}}},
        Displace{.share = 1, .areas = {"MC01", "MC02"}},
        GridDown{{{"SUB-1", "Substation"}}},
        EntryClosed{"Menton", 14},
        EntryClosed{"Menton", std::nullopt},
        DonorWithdraws{"ECHO", 0.5, "humanitarian"}};
    std::vector<std::filesystem::path> files;
    for (std::size_t k = 0; k < all.size(); ++k) {
        files.push_back(dir / ("template" + std::to_string(k) + ".json"));
        std::ofstream(files.back()) << scenario_from_template(all[k]).dump(2);
        EXPECT_TRUE(parses(files.back())) << files.back();
    }
    std::string output;
    EXPECT_EQ(validate(files, true, &output), 0) << output;
}

TEST(ScenarioSchema, SchemaAndReaderRefuseTheSameBadDocuments) {
    const std::vector<std::string> bad = {
        R"({"name": "x", "colour": "red"})",
        R"({"changes": []})",
        R"({"name": ""})",
        R"({"name": "x", "changes": {}})",
        R"({"name": "x", "changes": [{"do": "fly"}]})",
        R"({"name": "x", "changes": [{"way": 3}]})",
        R"({"name": "x", "changes": [{"do": "utility_down", "code": "S", "colour": "red"}]})",
        R"({"name": "x", "changes": [{"do": "block_roads", "way": -4}]})",
        R"({"name": "x", "changes": [{"do": "block_roads"}]})",
        R"({"name": "x", "changes": [{"do": "block_roads", "way": 4,
            "polygon": {"type": "Polygon", "coordinates": []}}]})",
        R"({"name": "x", "changes": [{"do": "reopen_roads", "polygon": {"type": "Point"}}]})",
        R"({"name": "x", "changes": [{"do": "destroy_bridges_over", "waterway": ""}]})",
        R"({"name": "x", "changes": [{"do": "damage_facility", "code": "a", "damage": "A5"}]})",
        R"({"name": "x", "changes": [{"do": "add_facility", "code": "a", "type": "hospital",
            "lat": 43.7}]})",
        R"({"name": "x", "changes": [{"do": "move_people", "area": "A", "count": 5,
            "share": 0.1}]})",
        R"({"name": "x", "changes": [{"do": "move_people", "area": "A", "share": 1.5}]})",
        R"({"name": "x", "changes": [{"do": "move_people", "area": "A", "share": 0.1,
            "to_camps": [{"name": "c", "lat": 1}]}]})",
        R"({"name": "x", "changes": [{"do": "move_people", "area": "A", "share": 0.1,
            "to_camps": []}]})",
        R"({"name": "x", "changes": [{"do": "add_people", "name": "a", "lat": 1, "lon": 1}]})",
        R"({"name": "x", "changes": [{"do": "change_resources", "org": "A", "type": "t",
            "count": 0}]})",
        R"({"name": "x", "changes": [{"do": "change_resources", "org": "A", "type": "t",
            "count": 1.5}]})",
        R"({"name": "x", "changes": [{"do": "cut_funding", "donor": "D", "share": 2}]})",
        R"({"name": "x", "changes": [{"do": "add_funding", "donor": "D", "window": "w",
            "amount": 5}]})",
        R"({"name": "x", "changes": [{"do": "close_entry_point", "name": "E",
            "delay_days": 4000}]})",
    };
    test::TempDir dir;
    std::vector<std::filesystem::path> files;
    for (std::size_t k = 0; k < bad.size(); ++k) {
        files.push_back(dir / ("bad" + std::to_string(k) + ".json"));
        std::ofstream(files.back()) << bad[k];
        EXPECT_FALSE(parses(files.back())) << "the reader accepts " << bad[k];
    }
    std::string output;
    EXPECT_EQ(validate(files, false, &output), 0) << "the schema accepts some:\n" << output;
}

} // namespace
} // namespace dayafter::io
