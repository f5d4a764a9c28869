// What-ifs on a warm session against a cold one (issue #12, docs/benchmarks.md): per scenario,
// the time to build its overlay (snapshot::scenario_overlay), apply it to an AccessSession that
// is already computed, read the figures and take it back, against a fresh AccessSession built
// with that overlay as its initial state. On the Monaco extract (building estimate, every
// service) and on the 1M-node synthetic city of ../shared/bench/make_grid.py (street estimate).
//
//   python3 ../shared/bench/make_grid.py 1m /tmp/city1m --seed 7
//   build/release/bench/dayafter-whatif-bench --city /tmp/city1m --benchmark_repetitions=3
//
// Scenarios (fixed seeds): 20 roads blocked by OSM way (random edges' ways), one hospital
// closed, one bridge destroyed by way. Benchmarks, per town and scenario:
//   Overlay  scenario_overlay alone, with the snapshot's WayIndex (built once, untimed);
//   OverlayScan  scenario_overlay without it (every edge scanned per road or bridge change);
//   Warm     scenario_overlay (with the index) + apply + within(s) for every service + apply(undo);
//   WarmFull the same reading result(s) (every place and node summarized, what compare prints);
//   Cold     scenario_overlay + AccessSession(snapshot, services, mode, overlay) + within(s).
#include <chrono>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <memory>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <vector>

#include <benchmark/benchmark.h>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "dayafter/access/session.hpp"
#include "dayafter/io/osm_import.hpp"
#include "dayafter/io/scenario_file.hpp"
#include "dayafter/snapshot/scenario_overlay.hpp"
#include "dayafter/snapshot/snapshot.hpp"
#include "synthetic_city.hpp"

namespace {

using namespace dayafter;
using nlohmann::json;

struct Scenario {
    std::string name;
    model::Scenario scenario;
};

struct Setup {
    std::string name;
    model::Town imported;
    std::optional<snapshot::Snapshot> snapshot;
    std::optional<snapshot::WayIndex> ways;
    std::vector<Scenario> scenarios;
    std::unique_ptr<access::AccessSession> warm;
};

model::Scenario parse(const json& changes) {
    return io::parse_scenario(json{{"name", "bench"}, {"changes", changes}}, "bench.json");
}

/// 20 distinct OSM ways of random edges, a hospital (random, functioning) closed, a random
/// bridge destroyed; seed fixed.
std::vector<Scenario> scenarios(const snapshot::Snapshot& s) {
    const model::Town& town = s.town();
    std::mt19937_64 rng(20);
    std::vector<Scenario> out;
    std::set<std::int64_t> ways;
    while (ways.size() < 20) {
        const EdgeId e{static_cast<std::uint32_t>(rng() % town.roads.edge_count())};
        ways.insert(town.roads.edge_osm_way[e]);
    }
    json block = json::array();
    for (const std::int64_t way : ways) {
        block.push_back({{"do", "block_roads"}, {"way", way}});
    }
    out.push_back({"block20", parse(block)});
    std::vector<std::string> hospitals;
    for (const model::Facility& f : town.facilities) {
        if (f.type == model::FacilityType::Hospital) {
            hospitals.push_back(f.code);
        }
    }
    if (!hospitals.empty()) {
        out.push_back({"hospital_closed",
                       parse(json::array({{{"do", "close_facility"},
                                           {"code", hospitals[rng() % hospitals.size()]}}}))});
    }
    if (!town.bridges.empty()) {
        const model::Bridge& b =
            town.bridges[BridgeId{static_cast<std::uint32_t>(rng() % town.bridges.size())}];
        out.push_back(
            {"bridge", parse(json::array({{{"do", "destroy_bridge"}, {"way", b.osm_way_id}}}))});
    }
    return out;
}

std::unique_ptr<Setup> make_setup(std::string name, model::Town town) {
    auto setup = std::make_unique<Setup>();
    setup->name = std::move(name);
    setup->imported = std::move(town);
    setup->snapshot.emplace(snapshot::Snapshot::build(setup->imported, registry::Registry{},
                                                      io::ProjectConfig{}, std::nullopt));
    const snapshot::Snapshot& s = *setup->snapshot;
    (void)s.population();
    const auto start = std::chrono::steady_clock::now();
    setup->ways.emplace(s);
    const double index_s =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    setup->scenarios = scenarios(s);
    setup->warm = std::make_unique<access::AccessSession>(s, s.config().services);
    const std::size_t edges =
        snapshot::scenario_overlay(s, setup->scenarios[0].scenario).overlay.block_edges.size();
    fmt::print(stderr,
               "{}: {} nodes, {} edges, {} facilities, {} places, {} services; block20 "
               "blocks {} edges; WayIndex built in {:.3f} s\n",
               setup->name, s.town().roads.node_count(), s.town().roads.edge_count(),
               s.town().facilities.size(), s.population().places.size(),
               setup->warm->service_count(), edges, index_s);
    return setup;
}

void count(benchmark::State& state, const Setup& setup) {
    state.counters["nodes"] = setup.snapshot->town().roads.node_count();
    state.counters["places"] = static_cast<double>(setup.snapshot->population().places.size());
}

void bm_overlay(benchmark::State& state, Setup* setup, const Scenario* scenario, bool indexed) {
    const snapshot::WayIndex* ways = indexed ? &*setup->ways : nullptr;
    for (auto _ : state) {
        auto overlay = snapshot::scenario_overlay(*setup->snapshot, scenario->scenario, ways);
        benchmark::DoNotOptimize(overlay);
    }
    count(state, *setup);
}

/// Applies the scenario to the warm session, reads, takes it back. `full`: result(s), else
/// within(s).
void bm_warm(benchmark::State& state, Setup* setup, const Scenario* scenario, bool full) {
    const snapshot::Snapshot& s = *setup->snapshot;
    access::AccessSession& session = *setup->warm;
    for (auto _ : state) {
        const snapshot::ScenarioOverlay overlay =
            snapshot::scenario_overlay(s, scenario->scenario, &*setup->ways);
        const std::size_t places_before = session.places().size();
        session.apply(overlay.overlay);
        for (std::size_t k = 0; k < session.service_count(); ++k) {
            if (full) {
                benchmark::DoNotOptimize(session.result(k).within);
            } else {
                benchmark::DoNotOptimize(session.within(k));
            }
        }
        session.apply(snapshot::undo(s, overlay.overlay, places_before));
    }
    count(state, *setup);
}

void bm_cold(benchmark::State& state, Setup* setup, const Scenario* scenario) {
    const snapshot::Snapshot& s = *setup->snapshot;
    for (auto _ : state) {
        const snapshot::ScenarioOverlay overlay =
            snapshot::scenario_overlay(s, scenario->scenario, &*setup->ways);
        const access::AccessSession cold(s, s.config().services, std::nullopt, overlay.overlay);
        for (std::size_t k = 0; k < cold.service_count(); ++k) {
            benchmark::DoNotOptimize(cold.within(k));
        }
    }
    count(state, *setup);
}

void register_all(Setup* setup) {
    for (const Scenario& scenario : setup->scenarios) {
        const std::string tail = setup->name + "/" + scenario.name;
        const Scenario* sc = &scenario;
        benchmark::RegisterBenchmark(("Overlay/" + tail).c_str(), bm_overlay, setup, sc, true)
            ->Unit(benchmark::kMicrosecond);
        benchmark::RegisterBenchmark(("OverlayScan/" + tail).c_str(), bm_overlay, setup, sc, false)
            ->Unit(benchmark::kMicrosecond);
        benchmark::RegisterBenchmark(("Warm/" + tail).c_str(), bm_warm, setup, sc, false)
            ->Unit(benchmark::kMicrosecond);
        benchmark::RegisterBenchmark(("WarmFull/" + tail).c_str(), bm_warm, setup, sc, true)
            ->Unit(benchmark::kMicrosecond);
        benchmark::RegisterBenchmark(("Cold/" + tail).c_str(), bm_cold, setup, sc)
            ->Unit(benchmark::kMillisecond);
    }
}

} // namespace

int main(int argc, char** argv) {
    std::filesystem::path monaco = DAYAFTER_SOURCE_DIR "/tests/data/osm/monaco/monaco.osm.pbf";
    std::filesystem::path city;
    std::vector<char*> rest;
    for (int k = 0; k < argc; ++k) {
        if (std::strcmp(argv[k], "--city") == 0 && k + 1 < argc) {
            city = argv[++k];
        } else if (std::strcmp(argv[k], "--monaco") == 0 && k + 1 < argc) {
            monaco = argv[++k];
        } else {
            rest.push_back(argv[k]);
        }
    }
    int rest_count = static_cast<int>(rest.size());
    benchmark::Initialize(&rest_count, rest.data());
    std::vector<std::unique_ptr<Setup>> setups;
    try {
        if (!monaco.empty() && monaco != "none") {
            setups.push_back(make_setup("monaco", io::import_osm(monaco, {})));
        }
        if (!city.empty()) {
            const std::filesystem::path osm = city / "city.osm";
            (void)bench::write_osm(city, osm);
            setups.push_back(make_setup(city.filename().string(), io::import_osm(osm, {})));
        }
    } catch (const std::exception& error) {
        fmt::print(stderr, "dayafter-whatif-bench: {}\n", error.what());
        return 1;
    }
    for (const auto& setup : setups) {
        register_all(setup.get());
    }
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
