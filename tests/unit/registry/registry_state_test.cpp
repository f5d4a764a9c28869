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
#include "dayafter/util/error.hpp"
#include "test_support.hpp"

namespace dayafter::registry {
namespace {

using nlohmann::json;
using ::testing::Contains;
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

// --as-of D includes what was reported on D itself, and nothing reported the day after.
TEST(RegistryState, AsOfADateIncludesThatDay) {
    const store::History h = history_of({
        {0, 0, "facilities", "H1", "2017-12-15", 2, R"({"functionality":"A1"})"},
        {0, 0, "facilities", "H1", "2017-12-16", 3, R"({"functionality":"A3"})"},
    });
    EXPECT_EQ(Registry::at(h, std::string("2017-12-14")).find(Kind::Facilities, "H1"), nullptr);
    // Kept in a name: find() points into the registry, which must outlive the pointer.
    const Registry on_the_15th = Registry::at(h, std::string("2017-12-15"));
    const Entry* on_the_day = on_the_15th.find(Kind::Facilities, "H1");
    ASSERT_NE(on_the_day, nullptr) << "a version reported on the as-of date belongs to it";
    EXPECT_EQ(on_the_day->data, json::parse(R"({"functionality":"A1"})"));
    EXPECT_EQ(Registry::at(h, std::string("2017-12-16")).find(Kind::Facilities, "H1")->data,
              json::parse(R"({"functionality":"A3"})"));
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
    std::filesystem::path file(const std::string& name, const std::string& text) {
        const auto path = dir_ / name;
        std::ofstream(path) << text;
        return path;
    }
    /// "<file>:<line>: <reason>", as plan.problems holds them.
    static std::string at(const std::filesystem::path& file, int line, const std::string& reason) {
        return file.string() + ":" + std::to_string(line) + ": " + reason;
    }
    /// The history after loading `file` into an empty registry, as the store would hold it.
    store::History stored(const std::filesystem::path& file) {
        store::History h;
        h.loads.push_back({1, "facilities", "status.csv", "2026-01-01T00:00:00Z", "t", "dayafter"});
        for (store::Record r : plan_load(Kind::Facilities, file, town_, {}, {}).records) {
            r.id = static_cast<std::int64_t>(h.records.size()) + 1;
            r.load_id = 1;
            h.records.push_back(r);
        }
        return h;
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
    const store::History h = stored(csv("n1,A2,2017-12-15\n"));
    const LoadPlan again = plan_load(Kind::Facilities, csv("n1,A2,2017-12-15\n"), town_, h, {});
    EXPECT_TRUE(again.records.empty());
    EXPECT_EQ(again.unchanged, 1U);
}

TEST_F(PlanLoad, EmptyUnknownAndBadCellsAreReportedInRowOrder) {
    const auto orgs = file("orgs.csv", "name,type,sectors,reported\n"
                                       "#org+name,#org+type,#sector,#date+reported\n"
                                       " ,Unknown,health,2017-12-15\n"
                                       "Org B,militia,health,2017-12-15\n"
                                       "Org C,ngo,health,2017-02-30\n"
                                       "Org D,ngo,health,\n"
                                       "Org E,ngo,health,\n");
    const LoadPlan plan = plan_load(Kind::Orgs, orgs, town_, {}, {});
    EXPECT_THAT(
        plan.problems,
        ElementsAre(at(orgs, 3, "#org+name is empty (required)"),
                    at(orgs, 3, "#org+type is required and cannot be unknown"),
                    at(orgs, 4,
                       "#org+type 'militia' is not one of un, ingo, ngo, local_authority, "
                       "government, red_cross, private, donor, other"),
                    at(orgs, 5, "#date+reported '2017-02-30' is not an ISO 8601 date (YYYY-MM-DD)"),
                    at(orgs, 6,
                       "no #date+reported for this row and no --reported DATE given: every "
                       "version needs the date it reports on")));
    EXPECT_TRUE(plan.records.empty());
}

TEST_F(PlanLoad, ListsDropEmptyItemsAndUnknownClearsAnOptionalField) {
    const auto orgs = file("orgs.csv", "name,type,sectors,reported\n"
                                       "#org+name,#org+type,#sector,#date+reported\n"
                                       "Org C,NGO, health ; ;wash ,2017-12-15\n"
                                       "Org D,local authority,unknown,2017-12-15\n");
    const LoadPlan plan = plan_load(Kind::Orgs, orgs, town_, {}, {});
    EXPECT_TRUE(plan.problems.empty());
    ASSERT_EQ(plan.records.size(), 2U);
    EXPECT_EQ(json::parse(plan.records[0].data),
              json::parse(R"({"name":"Org C","type":"ngo","sectors":["health","wash"]})"));
    EXPECT_EQ(json::parse(plan.records[1].data),
              json::parse(R"({"name":"Org D","type":"local_authority","sectors":null})"));
}

TEST_F(PlanLoad, CountsAmountsCurrenciesAndDatesAreChecked) {
    const auto resources =
        file("resources.csv", "id,org,type,count,start,reported\n"
                              "#meta+id,#org+impl,#item+type,#capacity+num,#date+start,"
                              "#date+reported\n"
                              "R1,Org A,truck,-1,2017-12-01,2017-12-15\n"
                              "R2,Org A,truck,2,2017-13-01,\n");
    EXPECT_THAT(
        plan_load(Kind::Resources, resources, town_, {}, {}).problems,
        ElementsAre(
            at(resources, 3, "#capacity+num '-1' is not a whole number of 0 or more"),
            at(resources, 4, "#date+start '2017-13-01' is not an ISO 8601 date (YYYY-MM-DD)")));
    const auto funding =
        file("funding.csv", "id,donor,window,amount,currency,reported\n"
                            "#meta+id,#org+funding,#meta+window,#value+funding,#currency+code,"
                            "#date+reported\n"
                            "F1,EU,stabilization,-5,usd,2017-12-15\n"
                            "F2,EU,Stabilization,12.5,EUR,2017-12-15\n");
    EXPECT_THAT(plan_load(Kind::Funding, funding, town_, {}, {}).problems,
                ElementsAre(at(funding, 3, "#value+funding '-5' is not a number of 0 or more"),
                            at(funding, 3,
                               "#currency+code 'usd' is not an ISO 4217 currency code such "
                               "as USD")));
}

TEST_F(PlanLoad, EachBadCodeInAListIsReportedBeforeTheRowsPosition) {
    const auto status = file("status.csv", "code,functionality,cause,lat,lon,reported\n"
                                           "#loc+facility+code,#status+functionality,#cause,"
                                           "#geo+lat,#geo+lon,#date+reported\n"
                                           "n1,A1,staff;bribes;weather,43.7,,2017-12-15\n");
    EXPECT_THAT(plan_load(Kind::Facilities, status, town_, {}, {}).problems,
                ElementsAre(at(status, 3,
                               "#cause 'bribes' is not one of staff, finances, physical_access, "
                               "equipment, supplies"),
                            at(status, 3,
                               "#cause 'weather' is not one of staff, finances, physical_access, "
                               "equipment, supplies"),
                            at(status, 3, "a position needs both #geo+lat and #geo+lon")));
}

TEST_F(PlanLoad, TheFileNameChoosesTheFormat) {
    const auto missing = dir_ / "missing.csv";
    const auto hazards = file("hazards.csv", "id\n#meta+id\n");
    const auto orgs = file("orgs.geojson", "{}");
    auto message = [&](Kind kind, const std::filesystem::path& path) -> std::string {
        try {
            (void)plan_load(kind, path, town_, {}, {});
        } catch (const InputError& e) {
            return e.what();
        }
        return "";
    };
    EXPECT_EQ(message(Kind::Facilities, missing), missing.string() + ": no such file");
    EXPECT_EQ(message(Kind::Hazards, hazards),
              hazards.string() + ": hazards are read from GeoJSON (.geojson or .json) or a layer "
                                 "GDAL opens (Shapefile, GeoPackage, FileGDB, KML ...)");
    EXPECT_EQ(message(Kind::Orgs, orgs), orgs.string() + ": orgs are read from HXL CSV or a table "
                                                         "GDAL opens (XLSX, ODS, GeoPackage ...)");
}

TEST_F(PlanLoad, BackDatedRowsAreNoted) {
    const store::History h = stored(csv("n1,A2,2017-12-15\n"));
    const auto status = csv("n1,A3,2017-12-01\n");
    const LoadPlan plan = plan_load(Kind::Facilities, status, town_, h, {});
    EXPECT_TRUE(plan.problems.empty());
    EXPECT_THAT(plan.notes, Contains(status.string() +
                                     ": 1 row report on an earlier date than the project's "
                                     "latest version: they change the history from that date, "
                                     "and the fields set by later versions stay"));
    EXPECT_EQ(plan.records.size(), 1U);
}

} // namespace
} // namespace dayafter::registry
