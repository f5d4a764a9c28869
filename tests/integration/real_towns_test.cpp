// The real extracts: counts against an independent reference, and shortest paths against scipy.
#include <fstream>
#include <random>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "dayafter/access/service_access.hpp"
#include "dayafter/graph/nearest_source.hpp"
#include "dayafter/graph/road_graph.hpp"
#include "dayafter/io/graph_export.hpp"
#include "dayafter/io/osm_import.hpp"
#include "dayafter/model/town_summary.hpp"
#include "dayafter/report/access_files.hpp"
#include "test_support.hpp"

namespace dayafter {
namespace {

struct Extract {
    const char* name;
    const char* path; // under tests/data/osm
};

const Extract kExtracts[] = {
    {"monaco", "monaco/monaco.osm.pbf"},
    {"andorra", "andorra/andorra.osm.pbf"},
    {"zabadani", "zabadani/zabadani_roads.osm.pbf"},
    {"bavaria", "xml-tiny/planet_10.068_48.135_10.071_48.137.osm"},
    {"oakland", "xml-tiny/west-oakland.osm.bz2"},
};

void PrintTo(const Extract& extract, std::ostream* out) {
    *out << extract.name;
}

class RealTown : public ::testing::TestWithParam<Extract> {
protected:
    std::filesystem::path file() const { return test::data_dir() / "osm" / GetParam().path; }
};

TEST_P(RealTown, CountsMatchAnIndependentReference) {
    // tests/tools/osm_reference_counts.py re-implements the counting rules over osmium-tool's
    // OPL output (python, no shared code).
    std::string output;
    ASSERT_EQ(test::run(test::system_python() + " " +
                            (test::data_dir() / "../tools/osm_reference_counts.py").string() + " " +
                            file().string(),
                        &output),
              0)
        << output;
    const auto reference = nlohmann::json::parse(output);
    const model::Town town = io::import_osm(file(), {});
    EXPECT_EQ(town.report.road_ways, reference["road_ways"].get<std::uint64_t>());
    EXPECT_EQ(town.report.ways_missing_nodes,
              reference["road_ways_missing_nodes"].get<std::uint64_t>());
    EXPECT_EQ(town.roads.node_count(), reference["nodes"].get<std::uint32_t>());
    EXPECT_EQ(town.roads.edge_count(), reference["edges"].get<std::uint32_t>());
    EXPECT_EQ(town.bridges.size(), reference["bridges"].get<std::size_t>());
    EXPECT_EQ(town.buildings.size(), reference["buildings"].get<std::size_t>());
    EXPECT_EQ(town.waterways.size(), reference["waterways"].get<std::size_t>());
    const model::TownSummary summary = model::summarize(town);
    std::map<std::string, std::uint32_t> expected_facilities;
    for (const auto& [type, count] : reference["facilities_by_type"].items()) {
        expected_facilities[type] = count.get<std::uint32_t>();
    }
    EXPECT_EQ(summary.facilities_by_type, expected_facilities);
}

std::vector<NodeId> read_sources(const std::filesystem::path& path) {
    std::ifstream in(path);
    std::string line;
    std::getline(in, line);
    std::vector<NodeId> sources;
    while (std::getline(in, line)) {
        sources.push_back(NodeId{static_cast<std::uint32_t>(std::stoul(line))});
    }
    return sources;
}

/// Runs scipy on (edges, sources) and checks `ours` against it with compare.py.
void expect_equal_to_scipy(const std::filesystem::path& edges, const std::filesystem::path& sources,
                           const std::filesystem::path& ours) {
    std::string output;
    ASSERT_EQ(test::compare_with_scipy(edges, sources, ours, &output), 0) << output;
    EXPECT_THAT(output, ::testing::HasSubstr("ok=True"));
}

/// Exactness on the real graphs, both modes: the access engine equals scipy on the graph that
/// `export graph` writes, cold and after a random sequence of blocks and reopenings (each step
/// also equal to a cold recomputation), and the reference Dijkstra agrees.
TEST_P(RealTown, AccessEngineEqualsScipyColdAndAfterBlocks) {
    const model::Town town = io::import_osm(file(), {});
    ASSERT_TRUE(std::filesystem::exists(test::shared_dir() / "bench" / "anchors_py.py"))
        << "../shared/bench is missing";
    for (const graph::TravelMode mode : graph::kTravelModes) {
        SCOPED_TRACE(std::string(graph::to_string(mode)));
        test::TempDir dir;
        io::export_graph(town, mode, "", dir.path());
        std::vector<NodeId> sources = read_sources(dir / "sources.csv");
        if (sources.empty()) {
            // No facility mapped (Al-Zabadani): the test picks a few spread-out nodes.
            std::ofstream out(dir / "sources.csv");
            out << "id\n";
            const std::uint32_t n = town.roads.node_count();
            for (const std::uint32_t node : {0U, n / 3, 2 * n / 3, n - 1}) {
                out << node << '\n';
                sources.push_back(NodeId{node});
            }
        }
        const std::vector<access::Arc> arcs =
            access::engine_arcs(town.roads, mode, model::Measure::Time);
        access::NearestFacilityEngine engine(town.roads.node_count(), arcs, sources);
        engine.compute();
        const std::vector<std::uint64_t> cold = engine.times_us();
        report::write_node_times(dir / "ours.csv", cold);
        expect_equal_to_scipy(dir / "edges.csv", dir / "sources.csv", dir / "ours.csv");
        const auto reachable = std::count_if(
            cold.begin(), cold.end(), [](std::uint64_t t) { return t != access::kUnreachable; });
        EXPECT_GT(reachable, static_cast<long>(sources.size())) << "a trivial comparison";

        // The reference Dijkstra of the graph module agrees (milliseconds there).
        const auto reverse =
            graph::RoadGraph::build(town.roads, mode, graph::ArcDirection::Reverse);
        const std::vector<std::uint64_t> reference = graph::nearest_source_times(reverse, sources);
        for (std::size_t node = 0; node < cold.size(); ++node) {
            ASSERT_EQ(cold[node], reference[node] == graph::kUnreachable ? access::kUnreachable
                                                                         : reference[node] * 1000)
                << "node " << node;
        }

        // Random blocks and reopenings; every step equals a cold engine on the same state.
        std::mt19937 random(12345);
        std::vector<bool> blocked(arcs.size(), false);
        std::uniform_int_distribution<std::uint32_t> pick(
            0, static_cast<std::uint32_t>(arcs.size() - 1));
        for (int step = 0; step < 12; ++step) {
            std::vector<std::uint32_t> change;
            const bool block = step % 3 != 2;
            for (int k = 0; k < 20; ++k) {
                const std::uint32_t arc = pick(random);
                if (blocked[arc] != block &&
                    std::find(change.begin(), change.end(), arc) == change.end()) {
                    change.push_back(arc);
                }
            }
            if (!block) { // reopen some of what is blocked
                change.clear();
                for (std::uint32_t a = 0; a < arcs.size() && change.size() < 15; ++a) {
                    if (blocked[a] && random() % 2 == 0) {
                        change.push_back(a);
                    }
                }
            }
            engine.set_arcs_blocked(change, block);
            for (const std::uint32_t a : change) {
                blocked[a] = block;
            }
            std::vector<access::Arc> open_arcs;
            for (std::uint32_t a = 0; a < arcs.size(); ++a) {
                if (!blocked[a]) {
                    open_arcs.push_back(arcs[a]);
                }
            }
            access::NearestFacilityEngine fresh(town.roads.node_count(), open_arcs, sources);
            fresh.compute();
            ASSERT_EQ(engine.times_us(), fresh.times_us()) << "step " << step;
        }
        // And the final state against scipy on the edges left open.
        test::write_open_edges(dir / "edges.csv", dir / "edges_open.csv", blocked);
        EXPECT_NE(engine.times_us(), cold) << "the blocks changed nothing: a trivial test";
        report::write_node_times(dir / "ours_blocked.csv", engine.times_us());
        expect_equal_to_scipy(dir / "edges_open.csv", dir / "sources.csv",
                              dir / "ours_blocked.csv");
    }
}

INSTANTIATE_TEST_SUITE_P(BundledExtracts, RealTown, ::testing::ValuesIn(kExtracts),
                         [](const auto& param_info) { return std::string(param_info.param.name); });

TEST(Zabadani, ConnectivityMatchesItsProvenance) {
    // PROVENANCE.md (networkx over the raw ways): 2 components, the largest holds 4,566 of 5,025
    // road nodes. Walking uses every road, so the walk graph must show the same.
    const model::Town town =
        io::import_osm(test::data_dir() / "osm/zabadani/zabadani_roads.osm.pbf", {});
    const model::ModeConnectivity walk =
        model::summarize(town).modes[static_cast<std::size_t>(graph::TravelMode::Walk)];
    EXPECT_EQ(walk.component_count, 2U);
    EXPECT_EQ(walk.osm_nodes, 5025U);
    EXPECT_EQ(walk.osm_nodes_in_largest, 4566U);
    // "Total length is about 174.5 km". We measure on a sphere (haversine); along these mostly
    // north-south roads at 33.7 N a WGS84 degree of latitude is ~0.3% shorter, which accounts
    // for our 175.1 km. Within 1%.
    EXPECT_NEAR(walk.road_km, 174.5, 174.5 * 0.01);
}

TEST(Monaco, FacilitiesMatchItsProvenance) {
    // PROVENANCE.md (osmium-tool 1.15): hospital 5, school 16, shop=bakery 12, water_tower 1.
    const model::Town town = io::import_osm(test::data_dir() / "osm/monaco/monaco.osm.pbf", {});
    const auto by_type = model::summarize(town).facilities_by_type;
    EXPECT_EQ(by_type.at("hospital"), 5U);
    EXPECT_EQ(by_type.at("school"), 16U);
    EXPECT_EQ(by_type.at("bakery"), 12U);
    EXPECT_EQ(by_type.at("water_tower"), 1U);
    EXPECT_EQ(town.report.facilities_unsnapped, 0U);
}

} // namespace
} // namespace dayafter
