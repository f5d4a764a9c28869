// Scenario files: every kind of change read into its typed value; extends followed in order;
// cycles, unknown keys and bad values refused with the file and the JSON path.
#include <fstream>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "dayafter/io/scenario_file.hpp"
#include "dayafter/util/error.hpp"
#include "test_support.hpp"

namespace dayafter::io {
namespace {

using ::testing::HasSubstr;

std::string error_of(const std::string& text) {
    try {
        (void)parse_scenario(nlohmann::json::parse(text), "s.json");
    } catch (const InputError& e) {
        return e.what();
    }
    return "(accepted)";
}

TEST(ScenarioFile, ReadsEveryKindOfChange) {
    const model::Scenario s = parse_scenario(nlohmann::json::parse(R"({
      "name": "all", "description": "one of each",
      "changes": [
        {"do": "block_roads", "way": 123},
        {"do": "reopen_roads", "polygon": {"type": "Polygon", "coordinates": [[[0,0],[1,0],[1,1],[0,0]]]}},
        {"do": "destroy_bridge", "way": 77},
        {"do": "destroy_bridges_over", "waterway": "Gran Valira"},
        {"do": "damage_facility", "code": "n1", "damage": "A3"},
        {"do": "add_facility", "code": "FH-9", "type": "hospital", "lat": 42.5, "lon": 1.5,
         "capacity_people": 5000},
        {"do": "utility_down", "code": "SUB-1"},
        {"do": "move_people", "area": "AD07", "share": 0.5,
         "to_camps": [{"name": "North", "lat": 42.6, "lon": 1.5, "share": 0.25},
                      {"name": "South", "lat": 42.4, "lon": 1.5, "share": 0.75}]},
        {"do": "add_people", "name": "arrivals", "lat": 42.5, "lon": 1.52, "count": 2000},
        {"do": "change_resources", "org": "UNMAS", "type": "demining_team", "count": -2},
        {"do": "cut_funding", "donor": "ECHO"},
        {"do": "add_funding", "donor": "DFID", "window": "stabilization", "amount": 1e6,
         "currency": "GBP"},
        {"do": "close_entry_point", "name": "Semalka", "delay_days": 14}
      ]})"),
                                             "s.json");
    ASSERT_EQ(s.changes.size(), 13U);
    EXPECT_EQ(std::get<model::RoadChange>(s.changes[0].change).way, 123);
    EXPECT_FALSE(std::get<model::RoadChange>(s.changes[1].change).block);
    EXPECT_EQ(std::get<model::BridgeChange>(s.changes[3].change).waterway, "Gran Valira");
    EXPECT_EQ(std::get<model::FacilityChange>(s.changes[4].change).damage, "A3");
    EXPECT_EQ(std::get<model::FacilityAdded>(s.changes[5].change).capacity_people, 5000);
    const auto& moved = std::get<model::PeopleMoved>(s.changes[7].change);
    EXPECT_EQ(moved.share, 0.5);
    ASSERT_EQ(moved.camps.size(), 2U);
    EXPECT_EQ(moved.camps[1].share, 0.75);
    EXPECT_EQ(std::get<model::ResourcesChange>(s.changes[9].change).count, -2);
    EXPECT_EQ(std::get<model::FundingChange>(s.changes[10].change).share_cut, 1.0);
    EXPECT_EQ(std::get<model::EntryClosed>(s.changes[12].change).delay_days, 14);
    EXPECT_EQ(s.changes[12].origin, "s.json: changes[12]");
}

TEST(ScenarioFile, BadEntriesAreNamedByTheirJsonPath) {
    EXPECT_THAT(error_of(R"({"name": "x", "changes": [{"do": "block_roads", "way": -4}]})"),
                HasSubstr("s.json: changes[0].way: must be an OSM way id"));
    EXPECT_THAT(error_of(R"({"name": "x", "changes": [{}, {"do": "fly"}]})"),
                HasSubstr("s.json: changes[0]: must be an object with \"do\""));
    EXPECT_THAT(error_of(R"({"name": "x", "changes": [{"do": "fly"}]})"),
                HasSubstr("changes[0].do: unknown change 'fly'"));
    EXPECT_THAT(error_of(R"({"name": "x", "changes": [{"do": "utility_down", "code": "S",
                 "colour": "red"}]})"),
                HasSubstr("changes[0].colour: unknown key"));
    EXPECT_THAT(error_of(R"({"name": "x", "changes": [{"do": "move_people", "area": "A",
                 "count": 5, "share": 0.1}]})"),
                HasSubstr("give count or share, one of them"));
    EXPECT_THAT(error_of(R"({"name": "x", "changes": [{"do": "move_people", "area": "A",
                 "share": 0.1, "to_camps": [{"name": "c", "lat": 1, "lon": 1, "share": 0.4}]}]})"),
                HasSubstr("changes[0].to_camps: the camps' shares add up to 0.4"));
    EXPECT_THAT(error_of(R"({"name": "x", "changes": [{"do": "move_people", "area": "A",
                 "share": 0.1, "to_camps": [{"name": "c", "lat": 100, "lon": 1}]}]})"),
                HasSubstr("changes[0].to_camps[0].lat: must be a number from -90 to 90"));
    EXPECT_THAT(error_of(R"({"name": "x", "changes": [{"do": "damage_facility", "code": "n",
                 "damage": "A9"}]})"),
                HasSubstr("changes[0].damage: must be a HeRAMS building condition"));
    EXPECT_THAT(error_of(R"({"changes": []})"), HasSubstr("s.json: name: is missing"));
    EXPECT_THAT(error_of(R"({"name": "x", "colour": 1})"),
                HasSubstr("s.json: colour: unknown key"));
}

TEST(ScenarioFile, ExtendsPutsTheBasesChangesFirstAndRefusesCycles) {
    test::TempDir dir;
    std::filesystem::create_directories(dir / "more");
    std::ofstream(dir / "base.json")
        << R"({"name": "base", "changes": [{"do": "utility_down", "code": "SUB-1"}]})";
    std::ofstream(dir / "more/then.json") << R"({"name": "then", "extends": "../base.json",
              "changes": [{"do": "close_facility", "code": "n1"}]})";
    const model::Scenario s = read_scenario(dir / "more/then.json");
    EXPECT_EQ(s.name, "then");
    ASSERT_EQ(s.changes.size(), 2U);
    EXPECT_TRUE(std::holds_alternative<model::UtilityDown>(s.changes[0].change));
    EXPECT_THAT(s.changes[0].origin, HasSubstr("base.json: changes[0]"));
    EXPECT_EQ(s.chain.size(), 2U);

    std::ofstream(dir / "a.json") << R"({"name": "a", "extends": "b.json"})";
    std::ofstream(dir / "b.json") << R"({"name": "b", "extends": "a.json"})";
    try {
        (void)read_scenario(dir / "a.json");
        FAIL() << "a cycle was accepted";
    } catch (const InputError& e) {
        EXPECT_THAT(e.what(), HasSubstr("extends itself"));
    }
    std::ofstream(dir / "self.json") << R"({"name": "s", "extends": "self.json"})";
    EXPECT_THROW((void)read_scenario(dir / "self.json"), InputError);
    std::ofstream(dir / "gone.json") << R"({"name": "g", "extends": "nowhere.json"})";
    EXPECT_THROW((void)read_scenario(dir / "gone.json"), InputError);
}

} // namespace
} // namespace dayafter::io
