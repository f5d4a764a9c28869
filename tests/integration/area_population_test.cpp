// Population given per admin area (a P-code and a count, as in OCHA COD-PS tables) loaded into a
// hand-made town and spread over its buildings by footprint x levels:
//
//     a-----------------------------b                      the road
//
//       c---d   g-----h     k---l                          B1 cdef 40 x 20 m, 1 level
//       |   |   |     |     |   |       (XC: no building)  B2 ghij 60 x 20 m, 3 levels
//       f---e   j-----i     n---m                          B3 klmn 40 x 20 m, 2 levels
//
//       o---p                                              B4 opqr 40 x 10 m, 1 level
//       r---q
//
// Admin areas: XX (level 1) holds everything; its level-2 areas are XA (B1, B2), XB (B3) and
// XC (east of B3, no building). B4 lies in XX only.
#include <algorithm>
#include <fstream>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "dayafter/app/app.hpp"
#include "dayafter/geo/geojson_shape.hpp"
#include "snapshot_fixture.hpp"
#include "test_support.hpp"

namespace dayafter {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using ::testing::HasSubstr;

std::string read_bytes(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

/// Footprint x levels of each building, by code: what the counts are spread by.
std::map<std::string, double> weights(const snapshot::Snapshot& s) {
    std::map<std::string, double> out;
    for (const model::Building& building : s.town().buildings) {
        out[building.code] = building.area_m2 * std::max(building.levels.value_or(1.0), 1.0);
    }
    return out;
}
/// The people of each place, by code, and per area P-code.
std::map<std::string, double> by_code(const model::PopulationEstimate& estimate) {
    std::map<std::string, double> out;
    for (const model::Place& place : estimate.places) {
        out[place.code] += place.population;
    }
    return out;
}
std::map<std::string, double> by_area(const model::PopulationEstimate& estimate) {
    std::map<std::string, double> out;
    for (const model::Place& place : estimate.places) {
        out[place.area] += place.population;
    }
    return out;
}

class AreaPopulation : public ::testing::Test {
protected:
    void SetUp() override {
        const auto osm = ascii_.way("ab", {{"highway", "residential"}})
                             .way("cdefc", {{"building", "yes"}, {"building:levels", "1"}})
                             .way("ghijg", {{"building", "yes"}, {"building:levels", "3"}})
                             .way("klmnk", {{"building", "yes"}, {"building:levels", "2"}})
                             .way("opqro", {{"building", "yes"}})
                             .write(dir_ / "town.osm");
        project_ = dir_ / "town.dayafter";
        (void)app::import_osm({osm, project_, {}, false}, {});
        std::ofstream(dir_ / "areas.geojson")
            << json{{"type", "FeatureCollection"},
                    {"features",
                     {area({{"ADM1_PCODE", "XX"}}, 0, 1, 44, 9), area(adm2("XA"), 0, 1, 19, 5),
                      area(adm2("XB"), 20, 1, 29, 5), area(adm2("XC"), 32, 1, 44, 5)}}};
        ASSERT_TRUE(load("areas.geojson", "").written);
    }

    /// A level-2 area of XX.
    static json adm2(const std::string& pcode) {
        return {{"ADM1_PCODE", "XX"}, {"ADM2_PCODE", pcode}};
    }
    /// A feature whose polygon is the box between map columns and rows (10 m each).
    json area(json properties, int column0, int row0, int column1, int row1) const {
        const geo::Coord a = ascii_.coord('a');
        const double lon_per_column = (ascii_.coord('b').lon() - a.lon()) / 30;
        const double lat_per_row = (a.lat() - ascii_.coord('c').lat()) / 2;
        auto at = [&](int column, int row) {
            return json{a.lon() + column * lon_per_column, a.lat() - row * lat_per_row};
        };
        return {{"type", "Feature"},
                {"properties", std::move(properties)},
                {"geometry",
                 {{"type", "Polygon"},
                  {"coordinates",
                   {{at(column0, row0), at(column1, row0), at(column1, row1), at(column0, row1),
                     at(column0, row0)}}}}}};
    }

    /// Writes `text` (when not empty) as `name` and loads it as population.
    app::LoadAnswer load(const std::string& name, const std::string& text,
                         const std::string& reported = "2017-12-15") {
        if (!text.empty()) {
            std::ofstream(dir_ / name) << text;
        }
        app::LoadRequest request;
        request.kind = registry::Kind::Population;
        request.file = dir_ / name;
        request.project = project_;
        request.options.reported = reported;
        request.by = "tester";
        return app::load(request, {});
    }

    snapshot::Snapshot open() const { return app::open_snapshot({project_}); }

    static std::string code_of(char first_node) {
        return "w" + std::to_string(test::AsciiTown::way_id(std::string("acgko").find(first_node)));
    }

    test::AsciiTown ascii_{R"(
a-----------------------------b

  c---d   g-----h     k---l
  |   |   |     |     |   |
  f---e   j-----i     n---m

  o---p
  r---q )"};
    test::TempDir dir_;
    fs::path project_;
};

// Fails when the counts are spread evenly or by footprint alone (levels left out), when a
// building's share is taken over the whole town rather than its area, or when B4, in no counted
// area, keeps its density estimate.
TEST_F(AreaPopulation, EachBuildingGetsItsAreasCountTimesItsShareOfFootprintTimesLevels) {
    const auto answer = load("counts.csv", "#adm2+code,#population\nXA,1000\nXB,500\n");
    ASSERT_TRUE(answer.plan.problems.empty()) << answer.plan.problems.front();
    ASSERT_TRUE(answer.written);
    const snapshot::Snapshot s = open();
    const model::PopulationEstimate& population = s.population();
    const std::map<std::string, double> weight = weights(s);
    const std::string b1 = code_of('c');
    const std::string b2 = code_of('g');
    // The town is what the picture says: 800 m2 x 1 level against 1,200 m2 x 3 levels.
    ASSERT_NEAR(weight.at(b1), 800, 10);
    ASSERT_NEAR(weight.at(b2), 3600, 40);
    const std::map<std::string, double> people = by_code(population);
    EXPECT_NEAR(people.at(b1), 1000 * weight.at(b1) / (weight.at(b1) + weight.at(b2)), 1e-6);
    EXPECT_NEAR(people.at(b2), 1000 * weight.at(b2) / (weight.at(b1) + weight.at(b2)), 1e-6);
    EXPECT_NEAR(people.at(code_of('k')), 500, 1e-6);
    EXPECT_FALSE(people.contains(code_of('o'))) << "B4 lies in no counted area";
    const std::map<std::string, double> areas = by_area(population);
    EXPECT_NEAR(areas.at("XA"), 1000, 1e-6);
    EXPECT_NEAR(areas.at("XB"), 500, 1e-6);
    EXPECT_NEAR(population.total, 1500, 1e-6);
    EXPECT_EQ(population.source, model::PopulationSource::AreaCounts);
    EXPECT_THAT(population.notes, ::testing::Contains(HasSubstr("1 of 4 building footprints lie "
                                                                "in no admin area")));
}

// Fails when an area without buildings loses its people, or holds them outside itself.
TEST_F(AreaPopulation, AnAreaWithNoBuildingHoldsItsWholeCountAtOnePointInside) {
    ASSERT_TRUE(load("counts.csv", "#adm2+code,#population\nXA,1000\nXC,70\n").written);
    const snapshot::Snapshot s = open();
    const model::PopulationEstimate& population = s.population();
    const auto place = std::find_if(population.places.begin(), population.places.end(),
                                    [](const model::Place& p) { return p.area == "XC"; });
    ASSERT_NE(place, population.places.end());
    EXPECT_EQ(place->code, "area:XC");
    EXPECT_NEAR(place->population, 70, 1e-9);
    EXPECT_EQ(std::count_if(population.places.begin(), population.places.end(),
                            [](const model::Place& p) { return p.area == "XC"; }),
              1);
    const auto xc = std::find_if(s.reported().areas.begin(), s.reported().areas.end(),
                                 [](const model::AdminArea& a) { return a.pcode == "XC"; });
    ASSERT_NE(xc, s.reported().areas.end());
    const geo::LocalProjection projection(place->location.lat());
    const geo::ShapeBuilder builder(projection);
    EXPECT_TRUE(geo::covers(builder.build(xc->geometry), builder.at(place->location)));
    EXPECT_NEAR(population.total, 1070, 1e-6);
    EXPECT_THAT(population.notes, ::testing::Contains(HasSubstr("no building footprints in XC")));
}

// Fails when an unknown P-code is stored (and later dropped without a word), when the message
// lacks the file, line or code, or when the rows before it are written anyway.
TEST_F(AreaPopulation, AnUnknownPcodeIsRefusedWithFileAndLineAndTheProjectIsUnchanged) {
    const std::string before = read_bytes(project_);
    std::ofstream(dir_ / "bad.csv") << "#adm2+code,#population\nXA,1000\nXZ,20\n";
    std::string out;
    EXPECT_EQ(test::run(test::cli_binary().string() + " -q load population " +
                            (dir_ / "bad.csv").string() + " --project " + project_.string() +
                            " --reported 2017-12-15",
                        &out),
              2);
    EXPECT_THAT(out, HasSubstr((dir_ / "bad.csv").string() +
                               ":3: #adm2+code XZ is not an admin area of the project"));
    EXPECT_EQ(read_bytes(project_), before) << "a refused load changed the project";
    // The same through the library: nothing planned to be written.
    const auto answer = load("bad.csv", "");
    EXPECT_FALSE(answer.written);
    EXPECT_TRUE(answer.plan.records.empty());
    EXPECT_EQ(read_bytes(project_), before);
}

// Fails when a COD table's adm1 total is spread on top of its adm2 rows (people counted twice),
// or when what the adm1 count has beyond its counted sub-areas is not given to the rest of it.
TEST_F(AreaPopulation, ACodTableWithAdm1AndAdm2RowsUsesTheAdm2Counts) {
    const std::string cod = "ADM1_PCODE,ADM2_PCODE,ADM2_EN,T_TL,F_TL\n"
                            "#adm1+code,#adm2+code,#adm2+name,#population+total,#population+f\n"
                            "XX,,,1500,760\nXX,XA,West,1000,500\nXX,XB,East,500,260\n";
    const auto answer = load("cod.csv", cod);
    ASSERT_TRUE(answer.plan.problems.empty()) << answer.plan.problems.front();
    {
        const snapshot::Snapshot s = open();
        const std::map<std::string, double> areas = by_area(s.population());
        EXPECT_NEAR(areas.at("XA"), 1000, 1e-6);
        EXPECT_NEAR(areas.at("XB"), 500, 1e-6);
        EXPECT_FALSE(areas.contains("XX")) << "the adm1 total equals its districts'";
        EXPECT_NEAR(by_code(s.population()).at(code_of('k')), 500, 1e-6) << "B3 is XB's";
        EXPECT_NEAR(s.population().total, 1500, 1e-6);
    }
    // A newer adm1 count 100 above its districts': the 100 go to B4, the one building of XX in
    // no counted district.
    ASSERT_TRUE(load("cod-newer.csv", "#adm1+code,#population\nXX,1600\n", "2018-01-15").written);
    const snapshot::Snapshot s = open();
    EXPECT_NEAR(by_code(s.population()).at(code_of('o')), 100, 1e-6);
    EXPECT_NEAR(by_area(s.population()).at("XX"), 100, 1e-6);
    EXPECT_NEAR(s.population().total, 1600, 1e-6);
}

// Fails when loaded points stop counting once area counts are loaded, or are spread instead.
TEST_F(AreaPopulation, PointsAreAddedOnTopOfTheAreaCounts) {
    ASSERT_TRUE(load("counts.csv", "#adm2+code,#population\nXA,1000\n").written);
    const geo::Coord camp = ascii_.coord('o');
    ASSERT_TRUE(load("camp.csv", "#loc+code,#geo+lat,#geo+lon,#population,#group,#adm2+code\n"
                                 "CAMP-1," +
                                     std::to_string(camp.lat()) + "," + std::to_string(camp.lon()) +
                                     ",300,displaced,XA\n")
                    .written);
    const snapshot::Snapshot s = open();
    EXPECT_NEAR(by_code(s.population()).at("CAMP-1"), 300, 1e-9);
    EXPECT_NEAR(by_area(s.population()).at("XA"), 1300, 1e-6);
    EXPECT_NEAR(s.population().total, 1300, 1e-6);
}

// The illustrative Monaco bundle's areas with a COD-style table (tests/data/registry/monaco/
// population-by-area.csv): `access` counts exactly the people of the districts. Fails when the
// adm1 row is counted on top, or when buildings outside the districts keep an estimate.
TEST(AreaPopulationMonaco, AccessCountsExactlyThePeopleOfTheAreaCounts) {
    test::TempDir dir;
    const fs::path project = dir / "monaco.dayafter";
    (void)app::import_osm({test::data_dir() / "osm/monaco/monaco.osm.pbf", project, {}, false}, {});
    for (const std::string file : {"areas.geojson", "population-by-area.csv"}) {
        app::LoadRequest request;
        request.kind = registry::Kind::Population;
        request.file = test::data_dir() / "registry/monaco" / file;
        request.project = project;
        request.options.reported = "2017-12-15";
        request.by = "tester";
        const app::LoadAnswer answer = app::load(request, {});
        ASSERT_TRUE(answer.plan.problems.empty()) << file << ": " << answer.plan.problems.front();
        ASSERT_TRUE(answer.written) << file;
    }
    const app::AccessAnswer answer = app::access({{project}, "health", std::nullopt}, {});
    ASSERT_EQ(answer.results.size(), 1U);
    const access::ServiceAccess& health = answer.results.front();
    EXPECT_NEAR(health.total, 19000 + 16000, 1e-6);
    EXPECT_NEAR(health.within + health.beyond + health.cut_off, 35000, 1e-6);
    const std::map<std::string, double> areas = by_area(answer.snapshot.population());
    EXPECT_NEAR(areas.at("MC01"), 19000, 1e-6);
    EXPECT_NEAR(areas.at("MC02"), 16000, 1e-6);
}

} // namespace
} // namespace dayafter
