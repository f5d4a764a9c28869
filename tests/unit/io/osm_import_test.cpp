#include <cstdlib>
#include <fstream>
#include <set>

#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "dayafter/geo/shapes.hpp"
#include "dayafter/io/osm_import.hpp"
#include "dayafter/model/town_summary.hpp"
#include "dayafter/util/error.hpp"
#include "test_support.hpp"

namespace dayafter::io {
namespace {

using graph::TravelMode;
using test::AsciiTown;
using ::testing::HasSubstr;

model::Town import_file(const std::filesystem::path& file,
                        std::vector<std::string>* warnings = nullptr) {
    OsmImportOptions options;
    options.log = Logger([warnings](LogLevel level, std::string_view text) {
        if (level == LogLevel::Warning && warnings != nullptr) {
            warnings->emplace_back(text);
        }
    });
    return import_osm(file, options);
}

const model::Facility& facility(const model::Town& town, const std::string& code) {
    for (const auto& f : town.facilities) {
        if (f.code == code) {
            return f;
        }
    }
    throw std::runtime_error("no facility " + code);
}

NodeId node_of(const model::Town& town, char name) {
    for (NodeId n{0}; n.value < town.roads.node_count(); ++n.value) {
        if (town.roads.node_osm_id[n] == AsciiTown::node_id(name)) {
            return n;
        }
    }
    return NodeId{};
}

TEST(OsmImport, SplitsWaysAtJunctionsOnly) {
    test::TempDir dir;
    const auto file = AsciiTown(R"(
a--e--b--f--c
      |
      d       )")
                          .way("aebfc", {{"highway", "residential"}})
                          .way("bd", {{"highway", "service"}})
                          .write(dir / "town.osm");
    const model::Town town = import_file(file);
    const auto& net = town.roads;
    EXPECT_EQ(net.node_count(), 4U); // a, b, c, d: e and f are inside edges
    ASSERT_EQ(net.edge_count(), 3U);
    EXPECT_FALSE(node_of(town, 'e').valid());
    // Edge a..b runs through e: three points, 60 m (6 steps of 10 m).
    const EdgeId ab{0};
    EXPECT_EQ(net.edge_from[ab], node_of(town, 'a'));
    EXPECT_EQ(net.edge_to[ab], node_of(town, 'b'));
    EXPECT_EQ(net.geometry(ab).size(), 3U);
    EXPECT_NEAR(net.edge_length_m[ab], 60.0, 0.1);
    EXPECT_EQ(net.edge_osm_way[ab], AsciiTown::way_id(0));
    EXPECT_EQ(net.edge_class[EdgeId{2}], graph::RoadClass::Service);
    // 60 m at 5 km/h walking = 43.2 s; at 25 km/h driving (residential) = 8.64 s.
    EXPECT_NEAR(net.edge_walk_ms[ab], 43'200, 10);
    EXPECT_NEAR(net.edge_drive_ms[ab], 8'640, 5);
    EXPECT_EQ(town.report.road_ways, 2U);
}

TEST(OsmImport, SplitsTwoWaysThatCrossAtAMiddleNodeOfEach) {
    test::TempDir dir;
    // b is inside both ways: each must be split there, or d and g are not reachable from a.
    const auto file = AsciiTown(R"(
      d
      |
a--e--b--f--c
      |
      g       )")
                          .way("aebfc", {{"highway", "residential"}})
                          .way("dbg", {{"highway", "residential"}})
                          .write(dir / "town.osm");
    const model::Town town = import_file(file);
    const auto& net = town.roads;
    EXPECT_EQ(net.node_count(), 5U); // a, b, c, d, g
    ASSERT_EQ(net.edge_count(), 4U);
    const NodeId b = node_of(town, 'b');
    ASSERT_TRUE(b.valid());
    std::set<NodeId> ends;
    for (EdgeId e{0}; e.value < net.edge_count(); ++e.value) {
        EXPECT_TRUE(net.edge_from[e] == b || net.edge_to[e] == b) << "edge " << e.value;
        ends.insert(net.edge_from[e] == b ? net.edge_to[e] : net.edge_from[e]);
    }
    EXPECT_EQ(ends, (std::set<NodeId>{node_of(town, 'a'), node_of(town, 'c'), node_of(town, 'd'),
                                      node_of(town, 'g')}));
    // One piece in both modes.
    const model::TownSummary summary = model::summarize(town);
    for (const graph::TravelMode mode : graph::kTravelModes) {
        EXPECT_EQ(summary.modes[static_cast<std::size_t>(mode)].component_count, 1U);
        EXPECT_EQ(summary.modes[static_cast<std::size_t>(mode)].largest_component_nodes, 5U);
    }
}

TEST(OsmImport, OneWaysRoundaboutsAndWhoMayUseWhat) {
    test::TempDir dir;
    const auto file = AsciiTown(R"(
a---b---c---d
    |   |
    e---f---g  )")
                          .way("ab", {{"highway", "primary"}, {"oneway", "yes"}})
                          .way("cb", {{"highway", "primary"}, {"oneway", "-1"}})
                          .way("befcb", {{"highway", "tertiary"}, {"junction", "roundabout"}})
                          .way("cd", {{"highway", "footway"}})
                          .way("fg", {{"highway", "motorway"}})
                          .write(dir / "town.osm");
    const model::Town town = import_file(file);
    const auto& net = town.roads;
    auto edge_of_way = [&](std::size_t way) {
        for (EdgeId e{0}; e.value < net.edge_count(); ++e.value) {
            if (net.edge_osm_way[e] == AsciiTown::way_id(way)) {
                return e;
            }
        }
        return EdgeId{};
    };
    EXPECT_EQ(net.edge_oneway[edge_of_way(0)], graph::Oneway::Forward);
    EXPECT_EQ(net.edge_oneway[edge_of_way(1)], graph::Oneway::Backward);
    EXPECT_EQ(net.edge_oneway[edge_of_way(2)], graph::Oneway::Forward); // implied by roundabout
    EXPECT_EQ(net.edge_oneway[edge_of_way(4)], graph::Oneway::Forward); // implied by motorway
    EXPECT_TRUE(net.allows(TravelMode::Drive, edge_of_way(1), false));
    EXPECT_FALSE(net.allows(TravelMode::Drive, edge_of_way(1), true));
    EXPECT_TRUE(net.allows(TravelMode::Walk, edge_of_way(1), true));
    EXPECT_EQ(net.edge_drive_ms[edge_of_way(3)], graph::kNotUsable); // footway
    EXPECT_EQ(net.edge_walk_ms[edge_of_way(4)], graph::kNotUsable);  // motorway
}

TEST(OsmImport, BridgesAreOneObjectAndKnowTheRiverTheyCross) {
    test::TempDir dir;
    const auto file =
        AsciiTown(R"(
      p
a--b--x--c--d
      q
r-----s-----t
      y
u-----z-----v  )")
            .way("abxcd", {{"highway", "primary"}})
            .way("bxc", {{"highway", "secondary"}, {"bridge", "yes"}, {"name", "Old Bridge"}})
            .way("rst", {{"highway", "residential"}})
            .way("syz", {{"highway", "residential"}, {"bridge", "viaduct"}})
            .way("uzv", {{"highway", "residential"}})
            .way("pq", {{"waterway", "river"}, {"name", "Tigris"}})
            .write(dir / "town.osm");
    // p..q crosses the bridge b-x-c at x; the viaduct s-y-z crosses only roads.
    const model::Town town = import_file(file);
    ASSERT_EQ(town.bridges.size(), 2U);
    ASSERT_EQ(town.waterways.size(), 1U);
    EXPECT_EQ(town.waterways[WaterwayId{0}].name, "Tigris");
    const model::Bridge& old_bridge = town.bridges[BridgeId{0}];
    EXPECT_EQ(old_bridge.osm_way_id, AsciiTown::way_id(1));
    EXPECT_EQ(old_bridge.name, "Old Bridge");
    EXPECT_EQ(old_bridge.waterway, WaterwayId{0});
    EXPECT_FALSE(town.bridges[BridgeId{1}].waterway.valid());
    // Every edge of the bridge way points at the one bridge.
    int bridge_edges = 0;
    for (EdgeId e{0}; e.value < town.roads.edge_count(); ++e.value) {
        if (town.roads.edge_osm_way[e] == AsciiTown::way_id(1)) {
            EXPECT_EQ(town.roads.edge_bridge[e], BridgeId{0});
            ++bridge_edges;
        }
    }
    EXPECT_EQ(bridge_edges, 2); // b-x and x-c: x is shared with the road a..d, so a junction
}

TEST(OsmImport, FacilitiesFromNodesAreasAndRelationsSnapPerMode) {
    test::TempDir dir;
    AsciiTown map(R"(
a-------b-------c

   h j       P
           Q R
   m o      S

d.......e
  T  U V W
  X  Y Z    )");
    map.way("abc", {{"highway", "residential"}})
        .way("de", {{"highway", "footway"}})
        .node("P", {{"amenity", "clinic"}, {"name", "Clinic A"}})
        .way("hjomh", {{"amenity", "hospital"}, {"name", "Hospital B"}})
        .way("TUYXT", {{"amenity", "school"}})
        .way("VWZV", {})
        .relation({"w:4:outer"}, {{"type", "multipolygon"}, {"shop", "bakery"}})
        .way("QRS", {{"healthcare", "centre"}}); // not closed: placed at the vertex mean
    const model::Town town = import_file(map.write(dir / "town.osm"));
    ASSERT_EQ(town.facilities.size(), 5U);
    // Nodes first, then ways and relations, each by id.
    std::vector<std::string> codes;
    for (const auto& f : town.facilities) {
        codes.push_back(f.code);
    }
    EXPECT_EQ(codes, (std::vector<std::string>{"n42", "w1002", "w1003", "w1005", "r5000"}));

    const model::Facility& clinic = facility(town, "n42");
    EXPECT_EQ(clinic.type, model::FacilityType::Clinic);
    EXPECT_EQ(clinic.name, "Clinic A");
    const auto walk = static_cast<std::size_t>(TravelMode::Walk);
    const auto drive = static_cast<std::size_t>(TravelMode::Drive);
    EXPECT_EQ(clinic.snap_node[walk], node_of(town, 'c'));
    EXPECT_EQ(clinic.snap_node[drive], node_of(town, 'c'));
    EXPECT_NEAR(clinic.snap_distance_m[walk], std::hypot(30.0, 20.0), 0.2);

    // The hospital's square h-j-o-m sits at its centre.
    const model::Facility& hospital = facility(town, "w1002");
    EXPECT_EQ(hospital.type, model::FacilityType::Hospital);
    const geo::Coord h = map.coord('h');
    const geo::Coord o = map.coord('o');
    const geo::Coord centre{(h.lon_e7 + o.lon_e7) / 2, (h.lat_e7 + o.lat_e7) / 2};
    EXPECT_LT(geo::distance_m(hospital.location, centre), 0.1);

    // The school is nearer the footway d-e on foot, but a car must stop on the street a-b-c.
    const model::Facility& school = facility(town, "w1003");
    EXPECT_EQ(school.snap_node[walk], node_of(town, 'd'));
    EXPECT_EQ(school.snap_node[drive], node_of(town, 'a'));

    EXPECT_EQ(facility(town, "r5000").type, model::FacilityType::Bakery);
    const model::Facility& centre_clinic = facility(town, "w1005");
    EXPECT_EQ(centre_clinic.type, model::FacilityType::Clinic);
    EXPECT_EQ(town.report.facilities_approximate, 1U);
}

TEST(OsmImport, BuildingsWithHolesLevelsAndBrokenOnesCounted) {
    test::TempDir dir;
    const auto file = AsciiTown(R"(
r---s

A-----B  N---O
  C-D
  E-F    Q---R
G-----H

U---V---W       )")
                          .way("rs", {{"highway", "residential"}})
                          .way("ABHGA", {})
                          .way("CDFEC", {})
                          .way("NORQN", {{"building", "yes"}, {"building:levels", "4"}})
                          .way("UVW", {{"building", "yes"}})
                          .relation({"w:1:outer", "w:2:inner"},
                                    {{"type", "multipolygon"}, {"building", "apartments"}})
                          .write(dir / "town.osm");
    const model::Town town = import_file(file);
    ASSERT_EQ(town.buildings.size(), 2U);
    const model::Building& house = town.buildings[0];
    EXPECT_EQ(house.code, "w1003");
    EXPECT_NEAR(house.area_m2, 800.0, 2.0);
    EXPECT_EQ(house.levels, 4.0);
    const model::Building& block = town.buildings[1];
    EXPECT_EQ(block.code, "r5000");
    EXPECT_NEAR(block.area_m2, 1800.0 - 200.0, 4.0);
    EXPECT_FALSE(block.levels.has_value());
    EXPECT_FALSE(block.footprint_wkb.empty());
    EXPECT_EQ(town.report.buildings_without_area, 1U); // U-V-W is not closed
}

TEST(OsmImport, SkipsAndCountsWaysWithMissingNodes) {
    test::TempDir dir;
    const auto file = dir / "cut.osm";
    std::ofstream(file) << R"(<osm version="0.6">
  <node id="1" lat="50.0" lon="10.0"/>
  <node id="2" lat="50.001" lon="10.0"/>
  <node id="3" lat="50.002" lon="10.0"/>
  <way id="7"><nd ref="1"/><nd ref="2"/><tag k="highway" v="residential"/></way>
  <way id="8"><nd ref="2"/><nd ref="3"/><nd ref="99"/><tag k="highway" v="primary"/></way>
</osm>)";
    std::vector<std::string> warnings;
    const model::Town town = import_file(file, &warnings);
    EXPECT_EQ(town.roads.edge_count(), 1U);
    EXPECT_EQ(town.report.ways_missing_nodes, 1U);
    EXPECT_EQ(town.report.first_way_missing_nodes, 8);
    ASSERT_EQ(warnings.size(), 1U);
    EXPECT_THAT(warnings[0], HasSubstr("skipped 1 way(s)"));
    EXPECT_THAT(warnings[0], HasSubstr("way 8"));
    EXPECT_THAT(warnings[0], HasSubstr("cut.osm"));
}

TEST(OsmImport, UnsortedFileImportsLikeSortedOne) {
    test::TempDir dir;
    AsciiTown map(R"(
a---b---c
    |   P
    d---e  )");
    map.way("abc", {{"highway", "residential"}})
        .way("bde", {{"highway", "tertiary"}})
        .way("ec", {{"highway", "service"}, {"bridge", "yes"}})
        .node("P", {{"amenity", "doctors"}});
    const model::Town sorted = import_file(map.write(dir / "sorted.osm", false));
    const model::Town unsorted = import_file(map.write(dir / "unsorted.osm", true));
    EXPECT_EQ(sorted.roads.node_osm_id.raw(), unsorted.roads.node_osm_id.raw());
    EXPECT_EQ(sorted.roads.edge_from.raw(), unsorted.roads.edge_from.raw());
    EXPECT_EQ(sorted.roads.edge_to.raw(), unsorted.roads.edge_to.raw());
    EXPECT_EQ(sorted.roads.edge_drive_ms.raw(), unsorted.roads.edge_drive_ms.raw());
    EXPECT_EQ(sorted.bridges.size(), unsorted.bridges.size());
    ASSERT_EQ(unsorted.facilities.size(), 1U);
    EXPECT_EQ(sorted.facilities[FacilityId{0}].snap_node,
              unsorted.facilities[FacilityId{0}].snap_node);
    EXPECT_EQ(sorted.roads.edge_count(), 4U);
}

TEST(OsmImportBadInput, ExtractWithoutRoadsIsRefused) {
    test::TempDir dir;
    const auto file =
        AsciiTown("a-b\nc-d").way("abdca", {{"building", "yes"}}).write(dir / "no_roads.osm");
    try {
        (void)import_file(file);
        FAIL() << "expected InputError";
    } catch (const InputError& e) {
        EXPECT_THAT(e.what(), HasSubstr("no_roads.osm"));
        EXPECT_THAT(e.what(), HasSubstr("no roads"));
    }
}

TEST(OsmImportBadInput, NotOsmCorruptTruncatedOrMissingFilesAreRefusedWithTheirName) {
    test::TempDir dir;
    std::ofstream(dir / "notes.osm.pbf") << "this is a shopping list, not a map\n";
    std::ofstream(dir / "notes.osm") << "<html><body>not osm</body></html>\n";
    std::ofstream(dir / "broken.osm") << "<osm version=\"0.6\"><node id=\"1\" lat=";
    std::ofstream(dir / "data.txt") << "a,b\n";
    {
        const std::string pbf = test::read_text(test::data_dir() / "osm/monaco/monaco.osm.pbf");
        std::ofstream(dir / "truncated.osm.pbf", std::ios::binary)
            .write(pbf.data(), static_cast<std::streamsize>(pbf.size() / 2));
        std::string flipped = pbf;
        for (std::size_t k = 5000; k < 5400; ++k) {
            flipped[k] = static_cast<char>(~flipped[k]);
        }
        std::ofstream(dir / "corrupt.osm.pbf", std::ios::binary)
            .write(flipped.data(), static_cast<std::streamsize>(flipped.size()));
    }
    for (const char* name : {"notes.osm.pbf", "notes.osm", "broken.osm", "data.txt",
                             "truncated.osm.pbf", "corrupt.osm.pbf", "missing.osm.pbf"}) {
        SCOPED_TRACE(name);
        try {
            (void)import_file(dir / name);
            ADD_FAILURE() << "expected InputError";
        } catch (const InputError& e) {
            EXPECT_THAT(e.what(), HasSubstr(name));
        }
    }
}

// libosmium reads lat="1e400" through a signed overflow as 0: a node on the equator and a road
// thousands of kilometres long. The file is refused, naming the line and the attribute.
TEST(OsmImportBadInput, CoordinateOffTheGlobeIsRefusedWithItsLine) {
    test::TempDir dir;
    for (const char* value : {"1e400", "90.5", "nan", "inf"}) {
        SCOPED_TRACE(value);
        const auto file = dir / "far.osm";
        std::ofstream(file) << "<osm version=\"0.6\">\n"
                               "  <node id=\"1\" lat=\"43.73\" lon=\"7.42\"/>\n"
                               "  <node id=\"2\" lat=\""
                            << value
                            << "\" lon=\"7.42\"/>\n"
                               "  <way id=\"7\"><nd ref=\"1\"/><nd ref=\"2\"/>"
                               "<tag k=\"highway\" v=\"residential\"/></way>\n"
                               "</osm>\n";
        // Compressed XML is read through the same check (libosmium's decompressors).
        ASSERT_EQ(std::system(fmt::format("cd {} && gzip -kf far.osm && bzip2 -kf far.osm",
                                          dir.path().string())
                                  .c_str()),
                  0);
        for (const char* name : {"far.osm", "far.osm.gz", "far.osm.bz2"}) {
            try {
                (void)import_file(dir / name);
                ADD_FAILURE() << "expected InputError for " << name;
            } catch (const InputError& e) {
                EXPECT_THAT(e.what(), HasSubstr(fmt::format("{}:3: lat=\"", name)));
                EXPECT_THAT(e.what(), HasSubstr("is not a latitude"));
            }
        }
    }
}

// A tag value past libosmium's limit (1024 characters... of 10 MB here) is the file's fault.
TEST(OsmImportBadInput, TagTooLongIsRefusedWithTheFileName) {
    test::TempDir dir;
    const auto file = dir / "long.osm";
    std::ofstream(file) << "<osm version=\"0.6\">\n"
                           "  <node id=\"1\" lat=\"43.73\" lon=\"7.42\">"
                           "<tag k=\"name\" v=\""
                        << std::string(10'000'000, 'x') << "\"/></node>\n</osm>\n";
    try {
        (void)import_file(file);
        FAIL() << "expected InputError";
    } catch (const InputError& e) {
        EXPECT_THAT(e.what(), HasSubstr("long.osm"));
        EXPECT_THAT(e.what(), HasSubstr("too long"));
    }
}

TEST(SpeedConfig, ChangesTheImportedTimes) {
    test::TempDir dir;
    const auto file =
        AsciiTown("a---------b").way("ab", {{"highway", "track"}}).write(dir / "t.osm");
    OsmImportOptions options;
    EXPECT_EQ(import_osm(file, options).roads.edge_drive_ms[EdgeId{0}], graph::kNotUsable);
    options.speeds.set(TravelMode::Drive, graph::RoadClass::Track, 36); // 10 m/s over 100 m
    EXPECT_NEAR(import_osm(file, options).roads.edge_drive_ms[EdgeId{0}], 10'000, 5);
}

} // namespace
} // namespace dayafter::io
