#include <cstdlib>
#include <random>

#include <gtest/gtest.h>

#include "dayafter/graph/nearest_source.hpp"
#include "dayafter/graph/road_graph.hpp"

namespace dayafter::graph {
namespace {

/// A network of `node_count` nodes and the given edges (from, to, drive seconds, oneway).
struct EdgeSpec {
    std::uint32_t from;
    std::uint32_t to;
    Millis ms;
    Oneway oneway = Oneway::No;
};
RoadNetwork network(std::uint32_t node_count, const std::vector<EdgeSpec>& edges) {
    RoadNetwork net;
    for (std::uint32_t n = 0; n < node_count; ++n) {
        net.node_osm_id.push_back(n + 1);
        net.node_coord.push_back(geo::Coord::from_degrees(n * 0.001, 0));
    }
    for (const EdgeSpec& e : edges) {
        net.edge_from.push_back(NodeId{e.from});
        net.edge_to.push_back(NodeId{e.to});
        net.edge_osm_way.push_back(1);
        net.edge_class.push_back(RoadClass::Residential);
        net.edge_length_m.push_back(1);
        net.edge_oneway.push_back(e.oneway);
        net.edge_bridge.push_back(BridgeId{});
        net.edge_walk_ms.push_back(e.ms * 5);
        net.edge_drive_ms.push_back(e.ms);
        net.geometry_points.push_back(net.node_coord[NodeId{e.from}]);
        net.geometry_points.push_back(net.node_coord[NodeId{e.to}]);
        net.geometry_first.push_back(static_cast<std::uint32_t>(net.geometry_points.size()));
    }
    return net;
}

TEST(SpeedTable, DefaultsFollowOsrmProfiles) {
    const SpeedTable speeds = SpeedTable::defaults();
    EXPECT_EQ(speeds.speed_kmh(TravelMode::Drive, RoadClass::Motorway), 90);
    EXPECT_EQ(speeds.speed_kmh(TravelMode::Drive, RoadClass::Residential), 25);
    EXPECT_EQ(speeds.speed_kmh(TravelMode::Drive, RoadClass::Service), 15);
    EXPECT_FALSE(speeds.usable(TravelMode::Drive, RoadClass::Track));
    EXPECT_FALSE(speeds.usable(TravelMode::Drive, RoadClass::Footway));
    EXPECT_FALSE(speeds.usable(TravelMode::Walk, RoadClass::Motorway));
    EXPECT_EQ(speeds.speed_kmh(TravelMode::Walk, RoadClass::Steps), 5);
}

TEST(RoadClass, ParsesOsmValuesAndRejectsNonRoads) {
    EXPECT_EQ(parse_road_class("primary_link"), RoadClass::PrimaryLink);
    EXPECT_EQ(to_string(RoadClass::LivingStreet), "living_street");
    EXPECT_FALSE(parse_road_class("proposed"));
    EXPECT_FALSE(parse_road_class("bus_stop"));
    for (std::size_t c = 0; c < kRoadClassCount; ++c) {
        const auto road_class = static_cast<RoadClass>(c);
        EXPECT_EQ(parse_road_class(to_string(road_class)), road_class);
    }
}

TEST(TravelTime, RoundsToMillisecondsAndIsNeverZero) {
    EXPECT_EQ(travel_time_ms(100, 5), 72'000U); // 100 m at 5 km/h = 72 s
    EXPECT_EQ(travel_time_ms(1000, 36), 100'000U);
    EXPECT_EQ(travel_time_ms(0, 50), 1U);
    EXPECT_EQ(travel_time_ms(100, 0), kNotUsable);
}

TEST(RoadGraph, KeepsArcsOfANodeContiguousAndHonoursOneways) {
    // 0 - 1 two-way, 1 -> 2 one-way forward, 3 -> 2 drawn 2..3 backward
    const RoadNetwork net =
        network(4, {{0, 1, 10}, {1, 2, 20, Oneway::Forward}, {2, 3, 30, Oneway::Backward}});
    const RoadGraph drive = RoadGraph::build(net, TravelMode::Drive, ArcDirection::Forward);
    EXPECT_EQ(drive.arc_count(), 4U);
    std::vector<std::uint32_t> heads_of_1;
    for (const ArcId arc : drive.out_arcs(NodeId{1})) {
        heads_of_1.push_back(drive.head(arc).value);
    }
    EXPECT_EQ(heads_of_1, (std::vector<std::uint32_t>{0, 2}));
    EXPECT_EQ(drive.out_arcs(NodeId{2}).size(), 0U); // 2 -> 1 and 2 -> 3 are forbidden
    ASSERT_EQ(drive.out_arcs(NodeId{3}).size(), 1U);
    EXPECT_EQ(drive.head(*drive.out_arcs(NodeId{3}).begin()), NodeId{2});

    const RoadGraph walk = RoadGraph::build(net, TravelMode::Walk, ArcDirection::Forward);
    EXPECT_EQ(walk.arc_count(), 6U); // walking ignores one-way rules

    const RoadGraph reverse = RoadGraph::build(net, TravelMode::Drive, ArcDirection::Reverse);
    ASSERT_EQ(reverse.out_arcs(NodeId{2}).size(), 2U); // arcs into 2 (from 1 and from 3)
    EXPECT_EQ(reverse.edge(*reverse.out_arcs(NodeId{2}).begin()), EdgeId{1});
}

TEST(NearestSource, ReportsTimeFromNodeToFacilityOnOneWayStreets) {
    // 0 -> 1 -> 2 one-way chain; the facility is at 2. From 0 it is 10 + 20; nothing goes back.
    const RoadNetwork net = network(3, {{0, 1, 10, Oneway::Forward}, {1, 2, 20, Oneway::Forward}});
    const auto reverse = RoadGraph::build(net, TravelMode::Drive, ArcDirection::Reverse);
    const std::vector<NodeId> sources{NodeId{2}};
    EXPECT_EQ(nearest_source_times(reverse, sources), (std::vector<std::uint64_t>{30, 20, 0}));
    const std::vector<NodeId> at_zero{NodeId{0}};
    EXPECT_EQ(nearest_source_times(reverse, at_zero),
              (std::vector<std::uint64_t>{0, kUnreachable, kUnreachable}));
}

/// Bellman-Ford over the travel arcs: slow and obviously correct.
std::vector<std::uint64_t> bellman_ford(const RoadNetwork& net, TravelMode mode,
                                        const std::vector<NodeId>& sources) {
    std::vector<std::uint64_t> time(net.node_count(), kUnreachable);
    for (const NodeId s : sources) {
        time[s.value] = 0;
    }
    const auto arcs = travel_arcs(net, mode);
    for (bool changed = true; changed;) {
        changed = false;
        for (const TravelArc& arc : arcs) { // time from `from` to a source goes through `to`
            if (time[arc.to.value] != kUnreachable &&
                time[arc.to.value] + arc.time_ms < time[arc.from.value]) {
                time[arc.from.value] = time[arc.to.value] + arc.time_ms;
                changed = true;
            }
        }
    }
    return time;
}

TEST(NearestSource, EqualsBellmanFordOnRandomGraphs) {
    const char* env = std::getenv("DAYAFTER_TEST_SEED");
    const unsigned first_seed = env != nullptr ? static_cast<unsigned>(std::atoi(env)) : 1;
    for (unsigned seed = first_seed; seed < first_seed + 40; ++seed) {
        SCOPED_TRACE("DAYAFTER_TEST_SEED=" + std::to_string(seed));
        std::mt19937 random(seed);
        const auto n = static_cast<std::uint32_t>(5 + random() % 60);
        std::vector<EdgeSpec> edges;
        const auto m = static_cast<std::uint32_t>(random() % (3 * n));
        for (std::uint32_t e = 0; e < m; ++e) {
            edges.push_back({static_cast<std::uint32_t>(random() % n),
                             static_cast<std::uint32_t>(random() % n),
                             static_cast<Millis>(1 + random() % 1000),
                             static_cast<Oneway>(static_cast<int>(random() % 3) - 1)});
        }
        const RoadNetwork net = network(n, edges);
        std::vector<NodeId> sources;
        for (std::uint32_t k = 0; k < 1 + random() % 3; ++k) {
            sources.push_back(NodeId{static_cast<std::uint32_t>(random() % n)});
        }
        for (const TravelMode mode : kTravelModes) {
            const auto reverse = RoadGraph::build(net, mode, ArcDirection::Reverse);
            EXPECT_EQ(nearest_source_times(reverse, sources), bellman_ford(net, mode, sources));
        }
    }
}

TEST(WeakComponents, LargestFirstAndIsolatedNodesAlone) {
    const RoadNetwork net = network(6, {{0, 1, 1}, {3, 4, 1, Oneway::Forward}, {4, 5, 1}});
    const auto graph = RoadGraph::build(net, TravelMode::Drive, ArcDirection::Forward);
    const std::vector<std::uint32_t> component = weak_components(graph);
    EXPECT_EQ(component[3], 0U);
    EXPECT_EQ(component[4], 0U);
    EXPECT_EQ(component[5], 0U);
    EXPECT_EQ(component[0], component[1]);
    EXPECT_NE(component[0], component[2]);
    EXPECT_NE(component[2], 0U);
}

} // namespace
} // namespace dayafter::graph
