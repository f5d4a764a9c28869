#include <fstream>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "dayafter/io/graph_export.hpp"
#include "dayafter/io/osm_import.hpp"
#include "dayafter/util/error.hpp"
#include "test_support.hpp"

namespace dayafter::io {
namespace {

using ::testing::HasSubstr;

TEST(FormatSeconds, IsTheExactDecimalOfMilliseconds) {
    EXPECT_EQ(format_seconds(0), "0.000");
    EXPECT_EQ(format_seconds(8640), "8.640");
    EXPECT_EQ(format_seconds(1234567), "1234.567");
}

TEST(GraphExport, WritesTheGraphTheProjectUses) {
    test::TempDir dir;
    const auto file = test::AsciiTown(R"(
a---b---c
    P     )")
                          .way("ab", {{"highway", "residential"}, {"oneway", "yes"}})
                          .way("bc", {{"highway", "footway"}, {"bridge", "yes"}})
                          .node("P", {{"amenity", "clinic"}})
                          .write(dir / "t.osm");
    const model::Town town = import_osm(file, {});
    const GraphExportSummary drive =
        export_graph(town, graph::TravelMode::Drive, "", dir / "drive");
    EXPECT_EQ(drive.node_count, 3U);
    EXPECT_EQ(drive.arc_count, 1U); // a -> b only: one-way, and the footway is not drivable
    const std::string edges = test::read_text(dir / "drive/edges.csv");
    const graph::Millis ab = town.roads.edge_drive_ms[EdgeId{0}];
    const NodeId a = town.roads.edge_from[EdgeId{0}];
    const NodeId b = town.roads.edge_to[EdgeId{0}];
    EXPECT_EQ(edges, "from,to,seconds\n" + std::to_string(a.value) + "," + std::to_string(b.value) +
                         "," + format_seconds(ab) + "\n");
    EXPECT_EQ(test::read_text(dir / "drive/sources.csv"), "id\n" + std::to_string(b.value) + "\n");
    EXPECT_EQ(test::read_text(dir / "drive/bridges.csv"), "bridge_id,from,to\n");

    const GraphExportSummary walk =
        export_graph(town, graph::TravelMode::Walk, "health", dir / "walk");
    EXPECT_EQ(walk.arc_count, 4U);
    EXPECT_EQ(walk.source_count, 1U);
    const std::string bridges = test::read_text(dir / "walk/bridges.csv");
    EXPECT_EQ(std::count(bridges.begin(), bridges.end(), '\n'), 3); // header + both directions
    const std::string osm_ids = test::read_text(dir / "walk/osm_ids.csv");
    EXPECT_THAT(osm_ids, HasSubstr(std::to_string(a.value) + ",1\n")); // a is OSM node 1
    const std::string nodes = test::read_text(dir / "walk/nodes.csv");
    EXPECT_EQ(std::count(nodes.begin(), nodes.end(), '\n'), 4);

    EXPECT_EQ(export_graph(town, graph::TravelMode::Walk, "hospital", dir / "h").source_count, 0U);
    EXPECT_THROW((void)export_graph(town, graph::TravelMode::Walk, "pizza", dir / "x"), InputError);
}

} // namespace
} // namespace dayafter::io
