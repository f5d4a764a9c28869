// Scenario changes on a hand-made town where each effect is known exactly:
//
//                 r
//     a-------b-------c-------d          a clinic at a; 100 people at b, 300 at d;
//                 s                      b-c is a bridge over the river r-s ("Valira")
//
// Cutting the only bridge cuts off exactly the 300 people across the river.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "dayafter/access/session.hpp"
#include "dayafter/io/osm_import.hpp"
#include "dayafter/io/scenario_file.hpp"
#include "dayafter/snapshot/scenario_overlay.hpp"
#include "dayafter/util/error.hpp"
#include "test_support.hpp"

namespace dayafter::snapshot {
namespace {

using nlohmann::json;
using ::testing::HasSubstr;

class ScenarioOverlayTest : public ::testing::Test {
protected:
    void SetUp() override {
        test::AsciiTown ascii(R"(
            r
a-------b-------c-------d
            s )");
        const auto osm =
            ascii.way("ab", {{"highway", "residential"}})
                .way("bc", {{"highway", "residential"}, {"bridge", "yes"}, {"layer", "1"}})
                .way("cd", {{"highway", "residential"}})
                .way("rs", {{"waterway", "river"}, {"name", "Valira"}})
                .node("a", {{"amenity", "clinic"}})
                .write(dir_ / "town.osm");
        town_ = io::import_osm(osm, {});
        const geo::Coord b = ascii.coord('b');
        const geo::Coord d = ascii.coord('d');
        state_.put(registry::Kind::Population, "P-b",
                   {json{{"lat", b.lat()}, {"lon", b.lon()}, {"population", 100}}, "2017-12-15", 1,
                    1, "t", 2});
        state_.put(registry::Kind::Population, "P-d",
                   {json{{"lat", d.lat()}, {"lon", d.lon()}, {"population", 300}}, "2017-12-15", 1,
                    1, "t", 2});
    }
    model::Scenario scenario(const std::string& changes) const {
        return io::parse_scenario(json::parse(R"({"name": "t", "changes": )" + changes + "}"),
                                  "t.json");
    }
    test::TempDir dir_;
    model::Town town_;
    registry::Registry state_;
};

TEST_F(ScenarioOverlayTest, CuttingTheOnlyBridgeCutsOffExactlyThePeopleAcrossTheRiver) {
    const Snapshot s = Snapshot::build(town_, state_, {}, std::nullopt);
    const ScenarioOverlay blown =
        scenario_overlay(s, scenario(R"([{"do": "destroy_bridges_over", "waterway": "Valira"}])"));
    ASSERT_EQ(blown.overlay.block_edges.size(), 1U);
    EXPECT_EQ(s.town().roads.edge_osm_way[blown.overlay.block_edges[0]],
              test::AsciiTown::way_id(1));
    access::AccessSession session(s, s.config().services);
    const std::size_t health = 0;
    ASSERT_EQ(s.config().services[health].name, "health");
    EXPECT_EQ(session.result(health).cut_off, 0);
    session.apply(blown.overlay);
    EXPECT_EQ(session.result(health).cut_off, 300);
    EXPECT_EQ(session.result(health).within, 100);
}

TEST_F(ScenarioOverlayTest, ClosingTheOnlyClinicAndArrivalsAreCountedExactly) {
    const Snapshot s = Snapshot::build(town_, state_, {}, std::nullopt);
    const std::string clinic = s.town().facilities[FacilityId{0}].code;
    const ScenarioOverlay closed = scenario_overlay(
        s,
        scenario((R"([{"do": "close_facility", "code": ")" + clinic + R"("},
                       {"do": "add_people", "name": "arrivals", "lat": )" +
                  std::to_string(town_.roads.node_coord[NodeId{0}].lat()) + R"(, "lon": )" +
                  std::to_string(town_.roads.node_coord[NodeId{0}].lon()) + R"(, "count": 500}])")
                     .c_str()));
    access::AccessSession session(s, s.config().services);
    session.apply(closed.overlay);
    EXPECT_EQ(session.result(0).cut_off, 900); // 100 + 300 + the 500 arrivals
}

// Health within 2 minutes on foot: b (80 m) is within, d (240 m) beyond. Everyone at b leaving
// for a camp at d moves exactly 100 people from within to beyond.
TEST_F(ScenarioOverlayTest, PeopleMovedToACampBeyondTheThresholdAreCountedExactly) {
    registry::Registry state = state_;
    double lat = 0;
    double lon = 0;
    for (const auto& [key, entry] : state_.objects(registry::Kind::Population)) {
        if (key == "P-b") {
            lat = entry.data.at("lat").get<double>();
            lon = entry.data.at("lon").get<double>();
        }
    }
    const double half = 0.0002; // about 20 m around b
    state.put(registry::Kind::Population, "AREA-B",
              {json{{"pcode", "XB01"},
                    {"level", 2},
                    {"geometry",
                     {{"type", "Polygon"},
                      {"coordinates",
                       {{{lon - half, lat - half},
                         {lon + half, lat - half},
                         {lon + half, lat + half},
                         {lon - half, lat + half},
                         {lon - half, lat - half}}}}}}},
               "2017-12-15", 1, 1, "t", 2});
    io::ProjectConfig config;
    config.services.front().threshold = 120;
    const Snapshot s = Snapshot::build(town_, state, config, std::nullopt);
    access::AccessSession session(s, s.config().services);
    const double within = session.result(0).within;
    const double beyond = session.result(0).beyond;
    ASSERT_EQ(within, 100);
    ASSERT_EQ(beyond, 300);
    // The camp at d, where the population's last place is.
    const ScenarioOverlay moved = scenario_overlay(
        s, scenario(R"([{"do": "move_people",
        "area": "XB01", "share": 1, "to_camps": [{"name": "camp", "lat": )" +
                    std::to_string(s.population().places.back().location.lat()) + R"(, "lon": )" +
                    std::to_string(s.population().places.back().location.lon()) + "}]}]"));
    session.apply(moved.overlay);
    EXPECT_EQ(session.result(0).within, 0);
    EXPECT_EQ(session.result(0).beyond, 400);
    try {
        (void)scenario_overlay(s, scenario(R"([{"do": "move_people", "area": "XB01",
            "count": 500}])"));
        FAIL() << "moving more people than live in the area was accepted";
    } catch (const InputError& e) {
        EXPECT_THAT(e.what(), HasSubstr("moves 500 people but XB01 has 100"));
    }
}

TEST_F(ScenarioOverlayTest, WhatTheSnapshotLacksIsNamedWithTheChangesOrigin) {
    const Snapshot s = Snapshot::build(town_, state_, {}, std::nullopt);
    auto error = [&](const char* changes) -> std::string {
        try {
            (void)scenario_overlay(s, scenario(changes));
        } catch (const InputError& e) {
            return e.what();
        }
        return "(accepted)";
    };
    EXPECT_THAT(
        error(R"([{"do": "utility_down", "code": "SUB-1"}, {"do": "block_roads", "way": 999}])"),
        HasSubstr("t.json: changes[0].code: no facility with code 'SUB-1'"));
    EXPECT_THAT(error(R"([{"do": "block_roads", "way": 999}])"),
                HasSubstr("t.json: changes[0].way: no road with OSM way 999"));
    EXPECT_THAT(error(R"([{"do": "destroy_bridges_over", "waterway": "Nile"}])"),
                HasSubstr("bridges cross: Valira"));
    EXPECT_THAT(error(R"([{"do": "destroy_bridge", "way": 1000}])"),
                HasSubstr("no bridge with OSM way 1000"));
}

} // namespace
} // namespace dayafter::snapshot
