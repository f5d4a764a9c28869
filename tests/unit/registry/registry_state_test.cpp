// The registry at library level: the state at a date from versions (merge patches in reported
// order, ties in recorded order, null clears, hazards replace), the fields a version changes,
// dates, and a load planned against a small town (matching, problems with file:line, nothing
// written).
#include <fstream>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "dayafter/io/osm_import.hpp"
#include "dayafter/registry/columns.hpp"
#include "dayafter/registry/load.hpp"
#include "dayafter/registry/registry.hpp"
#include "test_support.hpp"

namespace dayafter::registry {
namespace {

using nlohmann::json;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

store::History history_of(std::vector<store::Record> records) {
    store::History h;
    h.loads.push_back({1, "facilities", "a.csv", "2026-01-01T00:00:00Z", "t", "dayafter"});
    std::int64_t id = 0;
    for (store::Record& r : records) {
        r.id = ++id;
        r.load_id = 1;
        h.records.push_back(std::move(r));
    }
    return h;
}

TEST(RegistryState, VersionsApplyInReportedOrderAsMergePatches) {
    const store::History h = history_of({
        {0, 0, "facilities", "H1", "2017-12-15", 2, R"({"functionality":"A1","operator":"MOH"})"},
        {0, 0, "facilities", "H1", "2017-11-01", 3, R"({"functionality":"A3","damage":"A2"})"},
        {0, 0, "facilities", "H1", "2018-01-10", 4, R"({"operator":null})"},
    });
    const Registry latest = Registry::at(h, std::nullopt);
    const Entry* h1 = latest.find(Kind::Facilities, "H1");
    ASSERT_NE(h1, nullptr);
    // The back-dated A3 applies first, the later A1 wins; damage stays; null cleared operator.
    EXPECT_EQ(h1->data, json::parse(R"({"functionality":"A1","damage":"A2"})"));
    EXPECT_EQ(h1->reported, "2018-01-10");
    EXPECT_EQ(h1->line, 4);
    const Registry then = Registry::at(h, std::string("2017-12-31"));
    EXPECT_EQ(then.find(Kind::Facilities, "H1")->data,
              json::parse(R"({"functionality":"A1","operator":"MOH","damage":"A2"})"));
    EXPECT_EQ(Registry::at(h, std::string("2017-10-31")).find(Kind::Facilities, "H1"), nullptr);
}

TEST(RegistryState, EqualDatesApplyInRecordedOrderAndHazardsReplace) {
    const store::History h = history_of({
        {0, 0, "facilities", "H1", "2017-12-15", 2, R"({"functionality":"A1"})"},
        {0, 0, "facilities", "H1", "2017-12-15", 2, R"({"functionality":"A2"})"},
        {0, 0, "hazards", "R1", "2017-12-15", 1, R"({"kind":"rubble","damage":"severe"})"},
        {0, 0, "hazards", "R1", "2017-12-16", 1, R"({"kind":"rubble"})"},
        {0, 0, "a kind from a newer dayafter", "X", "2017-12-15", 1, R"({"a":1})"},
    });
    const Registry r = Registry::at(h, std::nullopt);
    EXPECT_EQ(r.find(Kind::Facilities, "H1")->data["functionality"], "A2");
    EXPECT_EQ(r.find(Kind::Hazards, "R1")->data, json::parse(R"({"kind":"rubble"})"));
    EXPECT_FALSE(r.empty());
}

TEST(RegistryState, ClearingNestedCountsDropsEmptyObjects) {
    json state = json::parse(R"({"staff":{"doctors":{"present":3}},"name":"x"})");
    apply_version(Kind::Facilities, state,
                  json::parse(R"({"staff":{"doctors":{"present":null}}})"));
    EXPECT_EQ(state, json::parse(R"({"name":"x"})"));
    EXPECT_THAT(changed_fields(json::parse(R"({"a":1,"b":2})"), json::parse(R"({"a":1,"c":3})")),
                ElementsAre("b", "c"));
}

TEST(RegistryState, DatesAndKinds) {
    EXPECT_EQ(parse_iso_date(" 2016-02-29 "), "2016-02-29");
    EXPECT_EQ(parse_iso_date("2017-02-29"), std::nullopt);
    EXPECT_EQ(parse_iso_date("2017-1-05"), std::nullopt);
    EXPECT_EQ(parse_iso_date("2017-13-01"), std::nullopt);
    for (const Kind kind : kKinds) {
        EXPECT_EQ(parse_kind(to_string(kind)), kind);
        EXPECT_FALSE(columns_for(kind).empty());
    }
    EXPECT_EQ(parse_kind("facility"), std::nullopt);
    EXPECT_THAT(kind_list(), HasSubstr("activities"));
}

class PlanLoad : public ::testing::Test {
protected:
    void SetUp() override {
        const auto osm = test::AsciiTown(R"(
            a-------b-------c )")
                             .way("abc", {{"highway", "residential"}})
                             .node("a", {{"amenity", "clinic"}})
                             .write(dir_ / "town.osm");
        town_ = io::import_osm(osm, {});
    }
    std::filesystem::path csv(const std::string& rows) {
        const auto file = dir_ / "status.csv";
        std::ofstream(file) << "code,functionality,reported\n"
                               "#loc+facility+code,#status+functionality,#date+reported\n"
                            << rows;
        return file;
    }
    test::TempDir dir_;
    model::Town town_;
};

TEST_F(PlanLoad, NewRowsBecomeRecordsAndNothingIsWritten) {
    const LoadPlan plan = plan_load(Kind::Facilities, csv("n1,A2,2017-12-15\n"), town_, {}, {});
    EXPECT_TRUE(plan.problems.empty());
    ASSERT_EQ(plan.records.size(), 1U);
    EXPECT_EQ(plan.records[0].key, "n1");
    EXPECT_EQ(plan.records[0].line, 3);
    EXPECT_EQ(json::parse(plan.records[0].data)["functionality"], "A2");
    ASSERT_EQ(plan.changes.size(), 1U);
    EXPECT_TRUE(plan.changes[0].is_new);
}

TEST_F(PlanLoad, EveryBadRowIsNamedWithItsLine) {
    const LoadPlan plan =
        plan_load(Kind::Facilities, csv("n1,A9,2017-12-15\nn1,A1,2017-02-30\n"), town_, {}, {});
    ASSERT_EQ(plan.problems.size(), 2U);
    EXPECT_THAT(plan.problems[0], HasSubstr("status.csv:3"));
    EXPECT_THAT(plan.problems[0], HasSubstr("A9"));
    EXPECT_THAT(plan.problems[1], HasSubstr("status.csv:4"));
}

TEST_F(PlanLoad, ARowEqualToTheStoredStateChangesNothing) {
    const LoadPlan first = plan_load(Kind::Facilities, csv("n1,A2,2017-12-15\n"), town_, {}, {});
    store::History h;
    h.loads.push_back({1, "facilities", "status.csv", "2026-01-01T00:00:00Z", "t", "dayafter"});
    for (store::Record r : first.records) {
        r.id = static_cast<std::int64_t>(h.records.size()) + 1;
        r.load_id = 1;
        h.records.push_back(r);
    }
    const LoadPlan again = plan_load(Kind::Facilities, csv("n1,A2,2017-12-15\n"), town_, h, {});
    EXPECT_TRUE(again.records.empty());
    EXPECT_EQ(again.unchanged, 1U);
}

} // namespace
} // namespace dayafter::registry
