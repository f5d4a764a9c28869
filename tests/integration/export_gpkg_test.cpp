// `dayafter export gpkg` (#14): one GeoPackage that GIS tools open, checked with GDAL's own tools
// (ogrinfo, SQLite dialect with SpatiaLite's ST_IsValid) and Python's XML parser, independently
// of the code that wrote it.
#include <algorithm>
#include <fstream>
#include <map>

#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "dayafter/store/project_store.hpp"
#include "snapshot_fixture.hpp"
#include "test_support.hpp"

namespace dayafter {
namespace {

using ::testing::HasSubstr;
namespace fs = std::filesystem;

std::string cli() {
    return test::cli_binary().string();
}

class ExportGpkg : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        gpkg_ = new fs::path(dir_ / "monaco.gpkg");
        std::string out;
        ASSERT_EQ(test::run(fmt::format("{} -q export gpkg --project {} -o {}", cli(),
                                        test::monaco_bundle_project().string(), gpkg_->string()),
                            &out),
                  0)
            << out;
    }
    static void TearDownTestSuite() { delete gpkg_; }

    static inline test::TempDir dir_;
    static inline fs::path* gpkg_ = nullptr;
};

TEST_F(ExportGpkg, ListsEachLayerWithTheProjectsCounts) {
    // Expected counts from the project and the bundle's files, not from the exporter.
    const model::Town town = store::read_project(test::monaco_bundle_project());
    std::size_t drawable_roads = 0;
    for (EdgeId e{0}; e.value < town.roads.edge_count(); ++e.value) {
        const auto points = town.roads.geometry(e);
        drawable_roads += std::any_of(points.begin(), points.end(),
                                      [&](geo::Coord c) { return !(c == points.front()); })
                              ? 1
                              : 0;
    }
    const std::map<std::string, long long> expected = {
        {"roads", static_cast<long long>(drawable_roads)},
        // the map's facilities and the five the bundle adds (field hospitals, substation, works)
        {"facilities", static_cast<long long>(town.facilities.size()) + 5},
        {"hazard_areas", 3},  // rubble, contamination and insecure polygons
        {"hazard_lines", 1},  // the blown bridge, drawn as its way
        {"hazard_points", 2}, // rubble reported at points
        {"admin_areas", 3}};
    std::string out;
    ASSERT_EQ(test::run("ogrinfo -so -ro -q " + gpkg_->string(), &out), 0) << out;
    for (const auto& [layer, count] : expected) {
        EXPECT_EQ(test::ogr_count(*gpkg_, fmt::format("SELECT count(*) FROM {}", layer)), count)
            << layer;
    }
    // The bundle's population points replace the building estimate: one place per row.
    const std::string population =
        test::read_text(test::data_dir() / "registry/monaco/population.csv");
    EXPECT_EQ(test::ogr_count(*gpkg_, "SELECT count(*) FROM places"),
              std::count(population.begin(), population.end(), '\n') - 2);
    EXPECT_GT(test::ogr_count(*gpkg_, "SELECT count(*) FROM catchments"), 10);
    EXPECT_EQ(test::ogr_count(*gpkg_, "SELECT count(*) FROM layer_styles WHERE useAsDefault"), 8);
}

TEST_F(ExportGpkg, EveryFeatureHasAValidGeometryOfItsLayersType) {
    const std::map<std::string, std::string> layers = {{"roads", "MULTILINESTRING"},
                                                       {"facilities", "POINT"},
                                                       {"hazard_areas", "MULTIPOLYGON"},
                                                       {"hazard_lines", "MULTILINESTRING"},
                                                       {"hazard_points", "POINT"},
                                                       {"admin_areas", "MULTIPOLYGON"},
                                                       {"places", "POINT"},
                                                       {"catchments", "MULTILINESTRING"}};
    for (const auto& [layer, type] : layers) {
        EXPECT_EQ(
            test::ogr_count(*gpkg_, fmt::format("SELECT count(*) FROM {} WHERE geom IS NULL OR "
                                                "NOT ST_IsValid(geom) OR "
                                                "ST_GeometryType(geom) <> '{}'",
                                                layer, type)),
            0)
            << layer;
    }
}

TEST_F(ExportGpkg, FacilitiesCarryTheirDecodedStatusAndRoadsTheirState) {
    EXPECT_EQ(test::ogr_count(*gpkg_, "SELECT count(*) FROM facilities WHERE code = 'FH-1' AND "
                                      "status = 'functioning' AND herams = 'A1' AND "
                                      "funders = 'ECHO; DFID'"),
              1);
    // FH-3 was reported A3; MC-H-004 (n2287695176) A2; n1794111144 A2, but its substation is down.
    EXPECT_EQ(test::ogr_count(*gpkg_, "SELECT count(*) FROM facilities WHERE code = 'FH-3' AND "
                                      "status = 'not functioning'"),
              1);
    EXPECT_EQ(test::ogr_count(*gpkg_,
                              "SELECT count(*) FROM facilities WHERE code = 'n2287695176' AND "
                              "status = 'partially functioning'"),
              1);
    EXPECT_EQ(test::ogr_count(*gpkg_,
                              "SELECT count(*) FROM facilities WHERE code = 'n1794111144' AND "
                              "status = 'not functioning' AND herams = 'A2' AND down_because = "
                              "'no power: substation SUB-1 not functioning'"),
              1);
    // Facilities no one reported on are said to have no status, not to function.
    EXPECT_GT(test::ogr_count(*gpkg_,
                              "SELECT count(*) FROM facilities WHERE status = 'no status' AND "
                              "herams IS NULL"),
              0);
    // The blown bridge blocks its way for vehicles, and its roads name it.
    EXPECT_GT(test::ogr_count(*gpkg_, "SELECT count(*) FROM roads WHERE drive = 'blocked'"), 0);
    EXPECT_EQ(test::ogr_count(*gpkg_, "SELECT count(*) FROM roads WHERE drive = 'blocked' AND "
                                      "hazards IS NULL"),
              0);
    EXPECT_EQ(test::ogr_count(*gpkg_, "SELECT count(*) FROM roads WHERE drive = 'blocked' AND "
                                      "drive_minutes IS NOT NULL"),
              0);
    // Who answers for each hazard, or that nobody does.
    EXPECT_EQ(
        test::ogr_count(*gpkg_, "SELECT count(*) FROM hazard_areas WHERE accountable IS NULL"), 0);
}

TEST_F(ExportGpkg, EachLayersStyleIsQmlOnItsOwnFields) {
    // Every style parses as XML; a categorized renderer's field is one of its layer's columns.
    const fs::path script = dir_ / "styles.py";
    std::ofstream(script) << R"(
import sqlite3, sys, xml.etree.ElementTree as ET
db = sqlite3.connect(sys.argv[1])
bad = 0
for table, geom, qml, default in db.execute(
        "SELECT f_table_name, f_geometry_column, styleQML, useAsDefault FROM layer_styles"):
    root = ET.fromstring(qml)
    renderer = root.find("renderer-v2")
    columns = [row[1] for row in db.execute(f'PRAGMA table_info("{table}")')]
    if renderer is None or geom not in columns or default != 1:
        bad += 1
    elif renderer.get("type") == "categorizedSymbol" and renderer.get("attr") not in columns:
        bad += 1
    elif len(renderer.find("symbols")) == 0:
        bad += 1
print(bad)
)";
    std::string out;
    ASSERT_EQ(test::run(fmt::format("python3 {} {}", script.string(), gpkg_->string()), &out), 0)
        << out;
    EXPECT_EQ(out, "0\n");
}

TEST_F(ExportGpkg, AnExistingFileIsReplacedOnlyWithForceAndNeverThroughALink) {
    const fs::path target = dir_ / "again.gpkg";
    std::ofstream(target) << "a file of mine";
    const std::string command =
        fmt::format("{} -q export gpkg --project {} -o {} --no-access", cli(),
                    test::monaco_bundle_project().string(), target.string());
    std::string out;
    EXPECT_EQ(test::run(command, &out), 2);
    EXPECT_THAT(out, HasSubstr("already exists; use --force to replace it"));
    EXPECT_EQ(test::read_text(target), "a file of mine");
    EXPECT_EQ(test::run(command + " --force", &out), 0) << out;
    EXPECT_EQ(test::ogr_count(target, "SELECT count(*) FROM facilities"),
              test::ogr_count(*gpkg_, "SELECT count(*) FROM facilities"));
    // --no-access: no places, no catchments.
    EXPECT_THAT(test::read_text(target), ::testing::Not(HasSubstr("catchments")));

    const fs::path victim = dir_ / "victim.txt";
    std::ofstream(victim) << "not yours";
    const fs::path link = dir_ / "link.gpkg";
    fs::create_symlink(victim, link);
    EXPECT_EQ(test::run(fmt::format("{} -q export gpkg --project {} -o {} --no-access --force",
                                    cli(), test::monaco_bundle_project().string(), link.string()),
                        &out),
              2);
    EXPECT_EQ(test::read_text(victim), "not yours");
    for (const auto& entry : fs::directory_iterator(dir_.path())) {
        EXPECT_THAT(entry.path().filename().string(), ::testing::Not(HasSubstr(".partial-")));
    }
}

TEST(AccessFilesValidity, EveryCatchmentOfTheAccessRunIsAValidLine) {
    test::TempDir dir;
    std::string out;
    ASSERT_EQ(
        test::run(fmt::format("{} -q access --project {} --out {}", cli(),
                              test::monaco_bundle_project().string(), (dir / "access").string()),
                  &out),
        0)
        << out;
    const fs::path catchments = dir / "access/catchments.geojson";
    EXPECT_GT(test::ogr_count(catchments, "SELECT count(*) FROM catchments"), 10);
    EXPECT_EQ(test::ogr_count(catchments, "SELECT count(*) FROM catchments WHERE NOT "
                                          "ST_IsValid(GEOMETRY)"),
              0);
}

} // namespace
} // namespace dayafter
