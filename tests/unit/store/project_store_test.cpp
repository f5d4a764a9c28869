#include <fstream>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "dayafter/io/osm_import.hpp"
#include "dayafter/store/project_store.hpp"
#include "dayafter/util/error.hpp"
#include "test_support.hpp"

namespace dayafter::store {
namespace {

using ::testing::HasSubstr;

model::Town small_town(const test::TempDir& dir) {
    const auto file = test::AsciiTown(R"(
a---b---c   h-i
    |   P   | |
    d---e   k-l
        |
  p-----q-----r )")
                          .way("abc", {{"highway", "residential"}})
                          .way("bde", {{"highway", "primary"}, {"oneway", "yes"}})
                          .way("eq", {{"highway", "service"}, {"bridge", "yes"}, {"name", "Pont"}})
                          .way("pqr", {{"waterway", "canal"}, {"name", "Canal"}})
                          .way("hilkh", {{"building", "yes"}, {"building:levels", "2"}})
                          .node("P", {{"shop", "bakery"}, {"name", "Fırın"}})
                          .write(dir / "town.osm");
    return io::import_osm(file, {});
}

void expect_same(const model::Town& a, const model::Town& b) {
    EXPECT_EQ(a.roads.node_osm_id.raw(), b.roads.node_osm_id.raw());
    EXPECT_EQ(a.roads.edge_from.raw(), b.roads.edge_from.raw());
    EXPECT_EQ(a.roads.edge_to.raw(), b.roads.edge_to.raw());
    EXPECT_EQ(a.roads.edge_oneway.raw(), b.roads.edge_oneway.raw());
    EXPECT_EQ(a.roads.edge_walk_ms.raw(), b.roads.edge_walk_ms.raw());
    EXPECT_EQ(a.roads.edge_drive_ms.raw(), b.roads.edge_drive_ms.raw());
    EXPECT_EQ(a.roads.edge_bridge.raw(), b.roads.edge_bridge.raw());
    EXPECT_EQ(a.roads.edge_length_m.raw(), b.roads.edge_length_m.raw());
    EXPECT_EQ(a.roads.geometry_first, b.roads.geometry_first);
    EXPECT_EQ(a.roads.geometry_points, b.roads.geometry_points);
    EXPECT_EQ(a.speeds, b.speeds);
    ASSERT_EQ(a.facilities.size(), b.facilities.size());
    for (FacilityId f{0}; f.value < a.facilities.size(); ++f.value) {
        EXPECT_EQ(a.facilities[f].code, b.facilities[f].code);
        EXPECT_EQ(a.facilities[f].name, b.facilities[f].name);
        EXPECT_EQ(a.facilities[f].location, b.facilities[f].location);
        EXPECT_EQ(a.facilities[f].snap_node, b.facilities[f].snap_node);
        EXPECT_EQ(a.facilities[f].snap_distance_m, b.facilities[f].snap_distance_m);
    }
    ASSERT_EQ(a.bridges.size(), b.bridges.size());
    EXPECT_EQ(a.bridges[BridgeId{0}].name, b.bridges[BridgeId{0}].name);
    EXPECT_EQ(a.bridges[BridgeId{0}].waterway, b.bridges[BridgeId{0}].waterway);
    ASSERT_EQ(a.buildings.size(), b.buildings.size());
    EXPECT_EQ(a.buildings[0].area_m2, b.buildings[0].area_m2);
    EXPECT_EQ(a.buildings[0].levels, b.buildings[0].levels);
    EXPECT_EQ(a.buildings[0].footprint_wkb, b.buildings[0].footprint_wkb);
    EXPECT_EQ(a.waterways[WaterwayId{0}].line, b.waterways[WaterwayId{0}].line);
    EXPECT_EQ(a.report.road_ways, b.report.road_ways);
}

TEST(ProjectStore, WritesAndReadsBackTheSameTown) {
    test::TempDir dir;
    const model::Town town = small_town(dir);
    ASSERT_TRUE(town.bridges[BridgeId{0}].waterway.valid());
    create_project(dir / "t.dayafter", town, {});
    expect_same(town, read_project(dir / "t.dayafter"));
}

TEST(ProjectStore, RefusesToReplaceAnExistingProjectUnlessAsked) {
    test::TempDir dir;
    const model::Town town = small_town(dir);
    create_project(dir / "t.dayafter", town, {});
    const std::string before = test::read_text(dir / "t.dayafter");
    model::Town other = town;
    other.facilities[FacilityId{0}].name = "changed";
    try {
        create_project(dir / "t.dayafter", other, {});
        FAIL() << "expected InputError";
    } catch (const InputError& e) {
        EXPECT_THAT(e.what(), HasSubstr("already exists"));
        EXPECT_THAT(e.what(), HasSubstr("--force"));
    }
    EXPECT_EQ(test::read_text(dir / "t.dayafter"), before);
    create_project(dir / "t.dayafter", other, {.overwrite = true});
    EXPECT_EQ(read_project(dir / "t.dayafter").facilities[FacilityId{0}].name, "changed");
}

TEST(ProjectStore, AFailedWriteLeavesNoFileAndKeepsTheOldProject) {
    test::TempDir dir;
    model::Town town = small_town(dir);
    create_project(dir / "t.dayafter", town, {});
    const std::string before = test::read_text(dir / "t.dayafter");
    // Two facilities with one code break a UNIQUE constraint half-way through the write.
    town.facilities.push_back(town.facilities[FacilityId{0}]);
    EXPECT_THROW(create_project(dir / "new.dayafter", town, {}), StorageError);
    EXPECT_THROW(create_project(dir / "t.dayafter", town, {.overwrite = true}), StorageError);
    EXPECT_FALSE(std::filesystem::exists(dir / "new.dayafter"));
    EXPECT_EQ(test::read_text(dir / "t.dayafter"), before);
    std::size_t files = 0;
    for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator(dir.path())) {
        ++files;
    }
    EXPECT_EQ(files, 2U); // town.osm and t.dayafter: no partial files left behind
}

TEST(ProjectStore, RefusesMissingFoldersAndFilesThatAreNotProjects) {
    test::TempDir dir;
    const model::Town town = small_town(dir);
    EXPECT_THROW(create_project(dir / "no/such/folder/t.dayafter", town, {}), InputError);
    EXPECT_THROW(check_can_create(dir / "town.osm/t.dayafter", {}), InputError);
    EXPECT_THROW((void)read_project(dir / "missing.dayafter"), InputError);
    try {
        (void)read_project(dir / "town.osm");
        FAIL() << "expected InputError";
    } catch (const InputError& e) {
        EXPECT_THAT(e.what(), HasSubstr("not a dayafter project"));
    }
}

} // namespace
} // namespace dayafter::store
