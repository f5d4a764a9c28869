// Every bridge over the Valira destroyed in Andorra (issue #12): the people app::compare finds
// cut off from a hospital equal those scipy finds on the exported graph with the bridges' arcs
// taken out (tests/tools/cut_off_reference.py). Two independent computations of one figure:
// compare goes through the scenario file, snapshot::scenario_overlay (bridges by the waterway
// they cross) and the incremental session; the reference gets `export graph`'s files for the
// undamaged drive network, the bridge ids read here from the town's bridge table, and the places
// with the nodes they snap to, and runs csgraph.dijkstra as ../shared/bench/anchors_py.py does.
// Skipped when /usr/bin/python3 has no scipy.
#include <fstream>
#include <set>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "dayafter/app/app.hpp"
#include "dayafter/io/scenario_file.hpp"
#include "dayafter/snapshot/scenario_overlay.hpp"
#include "snapshot_fixture.hpp"
#include "test_support.hpp"

namespace dayafter {
namespace {

namespace fs = std::filesystem;

// The names the import gives the Valira and its two branches above Escaldes (compare's error
// message for an unknown name lists what bridges cross: Riu Madriu, Riu d'Arinsal, Riu d'Incles,
// Riu d'Os de Civís, Riu de Segudet, Riu de l'Angonella, Valira, Valira d'Orient, Valira del
// Nord). The main river's own bridges ("Valira") cut nobody more off from a hospital by car;
// with the branches' they do.
const std::vector<std::string> kValira = {"Valira", "Valira d'Orient", "Valira del Nord"};

const access::ServiceAccess& hospital(const std::vector<access::ServiceAccess>& results) {
    for (const access::ServiceAccess& r : results) {
        if (r.service.name == "hospital") {
            return r;
        }
    }
    throw std::runtime_error("no hospital figures");
}

/// The reference's counts; the nodes that reach no hospital go to `unreachable`.
nlohmann::json reference(const fs::path& folder, const std::string& bridges,
                         const fs::path& unreachable) {
    std::string output;
    const int rc =
        test::run(test::system_python() + " " +
                      (test::data_dir() / "../tools/cut_off_reference.py").string() + " " +
                      folder.string() + (bridges.empty() ? "" : " --block-bridges " + bridges) +
                      " --unreachable-out " + unreachable.string(),
                  &output);
    if (rc != 0) {
        throw std::runtime_error(fmt::format("cut_off_reference.py exit {}: {}", rc, output));
    }
    return nlohmann::json::parse(output.substr(output.rfind('{')));
}

const fs::path& andorra_project() {
    static test::TempDir dir;
    static const fs::path project = [] {
        const fs::path p = dir / "andorra.dayafter";
        (void)app::import_osm({test::data_dir() / "osm/andorra/andorra.osm.pbf", p, {}, false}, {});
        return p;
    }();
    return project;
}

void expect_same_overlay(const snapshot::Overlay& a, const snapshot::Overlay& b,
                         const std::string& what) {
    EXPECT_EQ(a.block_edges, b.block_edges) << what;
    EXPECT_EQ(a.reopen_edges, b.reopen_edges) << what;
}

// snapshot::WayIndex (what compare and the benchmark pass) gives the overlay a scan of every
// edge gives: for every bridge by way, every road way of a bridge blocked and reopened, every
// waterway the bridges cross, and 200 road ways, on Andorra and the Monaco bundle.
TEST(WhatIfWayIndex, GivesTheOverlayAScanGives) {
    for (const fs::path& project : {andorra_project(), test::monaco_bundle_project()}) {
        const snapshot::Snapshot s = app::open_snapshot({.project = project});
        const snapshot::WayIndex index(s);
        nlohmann::json changes = nlohmann::json::array();
        std::set<std::string> waterways;
        for (const model::Bridge& bridge : s.town().bridges.raw()) {
            changes.push_back({{"do", "destroy_bridge"}, {"way", bridge.osm_way_id}});
            changes.push_back({{"do", "reopen_roads"}, {"way", bridge.osm_way_id}});
            if (bridge.waterway.valid() && !s.town().waterways[bridge.waterway].name.empty()) {
                waterways.insert(s.town().waterways[bridge.waterway].name);
            }
        }
        for (const std::string& name : waterways) {
            changes.push_back({{"do", "destroy_bridges_over"}, {"waterway", name}});
        }
        const std::uint32_t edge_count = s.town().roads.edge_count();
        for (std::uint32_t k = 0; k < 200; ++k) {
            const EdgeId e{k * 7919 % edge_count};
            changes.push_back({{"do", "block_roads"}, {"way", s.town().roads.edge_osm_way[e]}});
        }
        ASSERT_GT(changes.size(), 200U);
        for (const nlohmann::json& change : changes) {
            const model::Scenario one = io::parse_scenario(
                {{"name", "one"}, {"changes", nlohmann::json::array({change})}}, "one.json");
            expect_same_overlay(snapshot::scenario_overlay(s, one, &index).overlay,
                                snapshot::scenario_overlay(s, one).overlay, change.dump());
        }
        const model::Scenario all =
            io::parse_scenario({{"name", "all"}, {"changes", changes}}, "all.json");
        const snapshot::Overlay indexed = snapshot::scenario_overlay(s, all, &index).overlay;
        EXPECT_FALSE(indexed.block_edges.empty());
        expect_same_overlay(indexed, snapshot::scenario_overlay(s, all).overlay, project.string());
    }
}

TEST(WhatIfAndorra, PeopleCutOffByTheValiraBridgesEqualScipyOnTheExportedGraph) {
    if (test::run(test::system_python() + " -c 'import scipy'") != 0) {
        GTEST_SKIP() << "/usr/bin/python3 has no scipy: the reference count cannot run";
    }
    test::TempDir dir;
    const fs::path project = dir / "andorra.dayafter";
    (void)app::import_osm({test::data_dir() / "osm/andorra/andorra.osm.pbf", project, {}, false},
                          {});

    nlohmann::json changes = nlohmann::json::array();
    for (const std::string& name : kValira) {
        changes.push_back({{"do", "destroy_bridges_over"}, {"waterway", name}});
    }
    std::ofstream(dir / "base.json") << R"({"name": "baseline", "changes": []})";
    std::ofstream(dir / "valira.json")
        << nlohmann::json{{"name", "Valira bridges down"}, {"changes", changes}}.dump();
    app::CompareRequest request;
    request.read.project = project;
    request.scenarios = {dir / "base.json", dir / "valira.json"};
    const app::CompareAnswer answer = app::compare(request, {});
    const access::ServiceAccess& before = hospital(answer.scenarios[0].results);
    const access::ServiceAccess& after = hospital(answer.scenarios[1].results);
    ASSERT_EQ(after.mode, graph::TravelMode::Drive);

    // The reference's inputs: the graph as export graph writes it, the bridges over the Valira
    // from the town's own table, the places with their drive nodes.
    const snapshot::Snapshot& s = answer.snapshot;
    const fs::path graph_dir = dir / "graph";
    (void)app::export_graph({.project = project}, graph::TravelMode::Drive, "hospital", graph_dir);
    std::set<std::uint32_t> bridge_ids;
    std::set<std::int64_t> bridge_ways;
    for (std::uint32_t b = 0; b < s.town().bridges.size(); ++b) {
        const model::Bridge& bridge = s.town().bridges[BridgeId{b}];
        if (bridge.waterway.valid() &&
            std::ranges::count(kValira, s.town().waterways[bridge.waterway].name) > 0) {
            bridge_ids.insert(b);
            bridge_ways.insert(bridge.osm_way_id);
        }
    }
    {
        std::ofstream places(graph_dir / "places.csv");
        places << "node,population\n";
        const auto snaps = s.place_snaps(graph::TravelMode::Drive);
        const std::vector<model::Place>& all = s.population().places;
        for (std::size_t p = 0; p < all.size(); ++p) {
            places << (snaps[p].node.valid() ? static_cast<std::int64_t>(snaps[p].node.value)
                                             : std::int64_t{-1})
                   << ',' << fmt::format("{:.17g}", all[p].population) << '\n';
        }
    }
    const nlohmann::json base = reference(graph_dir, "", dir / "unreachable-base.txt");
    const nlohmann::json blown = reference(graph_dir, fmt::format("{}", fmt::join(bridge_ids, ",")),
                                           dir / "unreachable.txt");

    RecordProperty("bridges_destroyed", static_cast<int>(bridge_ways.size()));
    RecordProperty("cut_off", fmt::format("{:.6f}", after.cut_off));
    std::cout << fmt::format(
        "Valira bridges destroyed: {} ways ({} arcs); hospital cut off: {:.3f} "
        "people before, {:.3f} after (scipy: {:.3f}, {} places); "
        "{} of {} people\n",
        bridge_ways.size(), blown["arcs_removed"].get<int>(), before.cut_off, after.cut_off,
        blown["cut_off"].get<double>(), blown["places_cut_off"].get<int>(), after.cut_off,
        after.total);

    ASSERT_FALSE(bridge_ids.empty());
    EXPECT_GT(blown["arcs_removed"].get<int>(), 0);
    EXPECT_NEAR(before.cut_off, base["cut_off"].get<double>(), 1e-6 * (1 + before.cut_off));
    EXPECT_NEAR(after.cut_off, blown["cut_off"].get<double>(), 1e-6 * (1 + after.cut_off));
    // The bridges matter: more people are cut off than before.
    EXPECT_GT(after.cut_off, before.cut_off);
    // Node by node: the nodes no hospital serves are those scipy finds unreachable, so a bridge
    // edge left open (or one too many blocked) shows even where it moves no place.
    for (const auto& [result, file] : {std::pair{&before, dir / "unreachable-base.txt"},
                                       std::pair{&after, dir / "unreachable.txt"}}) {
        std::vector<std::uint32_t> ours;
        for (std::uint32_t n = 0; n < result->node_facility.size(); ++n) {
            if (!result->node_facility[n].valid()) {
                ours.push_back(n);
            }
        }
        std::vector<std::uint32_t> scipy;
        std::ifstream in(file);
        for (std::uint32_t n = 0; in >> n;) {
            scipy.push_back(n);
        }
        EXPECT_EQ(ours, scipy) << file;
    }
}

} // namespace
} // namespace dayafter
