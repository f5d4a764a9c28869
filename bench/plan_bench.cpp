// The planner at city scale (issue #11): a ~500-task plan on the ~100k-node synthetic city of
// ../shared/bench/make_grid.py, with the default budget and with ten times it.
//
//   python3 ../shared/bench/make_grid.py 100k /tmp/city --seed 7 --sources 150
//   dayafter-plan-bench /tmp/city [--seed 11] [--budget-factor 10] [--only-default]
//
// The city's CSVs become an OSM XML file (one way per road segment, its class from its speed,
// bridge=yes on the generator's bridges, the facilities at its sources as OSM nodes of several
// types) imported as any town is. The damage is drawn with a fixed seed and put into the
// registry state directly: rubble points and polygons on roads, contaminated areas, destroyed
// bridges, facilities not functioning (building damage, staff and equipment gaps, substations
// down) with their operators, crews for five organisations and funding lines. People: the
// street estimate of the town (no buildings). Prints one JSON line per run and the peak RSS.
#include <sys/resource.h>

#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "dayafter/io/osm_import.hpp"
#include "dayafter/plan/planner.hpp"
#include "dayafter/snapshot/snapshot.hpp"
#include "synthetic_city.hpp"

namespace {

using namespace dayafter;
using nlohmann::json;
using Clock = std::chrono::steady_clock;
using bench::City;
using bench::write_osm;

double since(Clock::time_point start) {
    return std::chrono::duration<double>(Clock::now() - start).count();
}

registry::Entry entry(json data) {
    return {.data = std::move(data), .reported = "2018-01-01"};
}

json square(geo::Coord at, double half_m) {
    const double dlat = half_m / 110'574.0;
    const double dlon = half_m / (111'320.0 * std::cos(at.lat() * M_PI / 180));
    const double x = at.lon();
    const double y = at.lat();
    return {{"type", "Polygon"},
            {"coordinates",
             {{{x - dlon, y - dlat},
               {x + dlon, y - dlat},
               {x + dlon, y + dlat},
               {x - dlon, y + dlat},
               {x - dlon, y - dlat}}}}};
}

/// The damage and the means to repair it, drawn with `seed`.
registry::Registry damage(const model::Town& town, const City& city, std::uint64_t seed, int rubble,
                          int mined, int bridges) {
    registry::Registry state;
    std::mt19937_64 rng(seed);
    const graph::RoadNetwork& roads = town.roads;
    auto any_node = [&] {
        return roads.node_coord[NodeId{static_cast<std::uint32_t>(rng() % roads.node_count())}];
    };
    const std::array<const char*, 3> damages = {"destroyed", "severe", "moderate"};
    for (int k = 0; k < rubble; ++k) {
        const EdgeId e{static_cast<std::uint32_t>(rng() % roads.edge_count())};
        const geo::Coord a = roads.node_coord[roads.edge_from[e]];
        const geo::Coord b = roads.node_coord[roads.edge_to[e]];
        const geo::Coord mid =
            geo::Coord::from_degrees((a.lon() + b.lon()) / 2, (a.lat() + b.lat()) / 2);
        json geometry = k % 4 == 0
                            ? square(mid, 12)
                            : json{{"type", "Point"}, {"coordinates", {mid.lon(), mid.lat()}}};
        state.put(registry::Kind::Hazards, fmt::format("RB-{:04}", k),
                  entry({{"kind", "rubble"},
                         {"damage", damages[rng() % damages.size()]},
                         {"owner", k % 3 == 0 ? "" : "MUNI"},
                         {"geometry", std::move(geometry)}}));
    }
    for (int k = 0; k < mined; ++k) {
        state.put(registry::Kind::Hazards, fmt::format("MA-{:03}", k),
                  entry({{"kind", "contamination"},
                         {"owner", "UNMAS"},
                         {"geometry", square(any_node(), 60)}}));
    }
    std::vector<std::int64_t> ways = city.bridge_ways;
    std::shuffle(ways.begin(), ways.end(), rng);
    for (int k = 0; k < bridges && k < static_cast<int>(ways.size()); ++k) {
        state.put(registry::Kind::Hazards, fmt::format("BR-{:02}", k),
                  entry({{"kind", "bridge"},
                         {"osm_way", ways[static_cast<std::size_t>(k)]},
                         {"owner", "ENG"}}));
    }
    // Facilities: every third one down, a few substations down and powering hospitals.
    std::vector<std::string> substations;
    for (const model::Facility& f : town.facilities) {
        if (f.type == model::FacilityType::Substation) {
            substations.push_back(f.code);
        }
    }
    for (std::size_t i = 0; i < town.facilities.size(); ++i) {
        const model::Facility& f = town.facilities[FacilityId{static_cast<std::uint32_t>(i)}];
        json d = {{"type", std::string(model::to_string(f.type))}, {"operator", "MOH"}};
        const bool down = i % 3 == 0;
        d["functionality"] = down ? "A3" : "A1";
        d["damage"] = down ? (i % 2 == 0 ? "A3" : "A2") : "A1";
        if (down) {
            d["staff"] = {{"doctors", {{"present", 2}, {"needed", 6}}}};
            d["equipment"] = {{"x_ray", {{"working", 0}, {"total", 1}}}};
        }
        if (f.type == model::FacilityType::Hospital && !substations.empty()) {
            d["power_source"] = "grid";
            d["power_substation"] = substations[i % substations.size()];
        }
        state.put(registry::Kind::Facilities, f.code, entry(std::move(d)));
    }
    const std::array<std::tuple<const char*, const char*, int>, 8> crews = {
        {{"UNMAS", "demining_team", 8},
         {"MUNI", "excavator", 10},
         {"MUNI", "truck", 20},
         {"ENG", "engineering_unit", 8},
         {"ENG", "bridging_unit", 1},
         {"ELEC", "electrical_crew", 3},
         {"WATER", "water_crew", 2},
         {"NGO", "excavator", 4}}};
    int r = 0;
    for (const auto& [org, type, count] : crews) {
        state.put(registry::Kind::Resources, fmt::format("R-{:02}", r++),
                  entry({{"org", org}, {"type", type}, {"count", count}}));
    }
    for (const char* org : {"UNMAS", "MUNI", "ENG", "ELEC", "WATER", "NGO", "MOH"}) {
        state.put(registry::Kind::Orgs, org, entry({{"name", org}}));
    }
    const std::array<std::tuple<const char*, const char*, double>, 4> lines = {
        {{"stabilization", "2018-01-01", 30e6},
         {"stabilization", "2018-03-01", 20e6},
         {"rebuilding", "2018-01-01", 40e6},
         {"humanitarian", "2018-01-01", 10e6}}};
    int l = 0;
    for (const auto& [window, start, amount] : lines) {
        state.put(registry::Kind::Funding, fmt::format("F-{:02}", l++),
                  entry({{"donor", "FUND"},
                         {"recipient", "MUNI"},
                         {"window", window},
                         {"amount", amount},
                         {"currency", "USD"},
                         {"start", start},
                         {"end", "2018-12-31"}}));
    }
    return state;
}

long peak_rss_kb() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss;
}

void report(const char* name, const plan::Plan& plan, double ratio) {
    std::size_t placed = 0;
    for (const plan::Placement& p : plan.schedule.jobs) {
        placed += p.placed() ? 1 : 0;
    }
    fmt::print("{{\"run\":\"{}\",\"tasks\":{},\"placed\":{},\"evaluations\":{},\"seconds\":{:.2f},"
               "\"gain\":{:.6e},\"ratio_to_10x\":{:.6f},\"checks\":{},\"peak_rss_mb\":{:.0f}}}\n",
               name, plan.tasks.tasks.size(), placed, plan.evaluations, plan.seconds, plan.gain,
               ratio, plan.checks.size(), static_cast<double>(peak_rss_kb()) / 1024);
    for (const plan::RuleResult& rule : plan.rules) {
        fmt::print(stderr, "  rule {:<34} {:.6e}\n", rule.name, rule.gain);
    }
    std::fflush(stdout);
}

} // namespace

int main(int argc, char** argv) {
    CLI::App app("The planner on the 100k-node synthetic city (issue #11)");
    std::string dir;
    std::uint64_t seed = 11;
    int rubble = 330;
    int mined = 20;
    int bridges = 3;
    double factor = 10;
    bool only_default = false;
    app.add_option("city", dir, "make_grid.py output directory")->required();
    app.add_option("--seed", seed, "seed of the damage");
    app.add_option("--rubble", rubble);
    app.add_option("--mined", mined);
    app.add_option("--bridges", bridges);
    app.add_option("--budget-factor", factor);
    app.add_flag("--only-default", only_default);
    CLI11_PARSE(app, argc, argv);
    try {
        const auto start = Clock::now();
        const std::filesystem::path osm = std::filesystem::path(dir) / "city.osm";
        const City city = write_osm(dir, osm);
        const model::Town town = io::import_osm(osm, {});
        registry::Registry state = damage(town, city, seed, rubble, mined, bridges);
        const snapshot::Snapshot snapshot =
            snapshot::Snapshot::build(town, std::move(state), io::ProjectConfig{}, "2018-01-01");
        fmt::print(stderr, "city: {} nodes, {} edges, {} facilities, {} places; {:.1f} s\n",
                   town.roads.node_count(), town.roads.edge_count(), town.facilities.size(),
                   snapshot.population().places.size(), since(start));
        const plan::PlanOptions defaults{};
        const plan::Plan plan = plan::make_plan(snapshot, defaults);
        if (only_default) {
            report("default", plan, 0);
            return plan.checks.empty() ? 0 : 1;
        }
        plan::PlanOptions more = defaults;
        more.time_limit_s *= factor;
        more.max_evaluations = static_cast<std::size_t>(
            std::llround(static_cast<double>(more.max_evaluations) * factor));
        const plan::Plan longer = plan::make_plan(snapshot, more);
        report("default", plan, longer.gain > 0 ? plan.gain / longer.gain : 1);
        report("budget x10", longer, 1);
        return plan.checks.empty() && longer.checks.empty() ? 0 : 1;
    } catch (const std::exception& error) {
        fmt::print(stderr, "dayafter-plan-bench: {}\n", error.what());
        return 1;
    }
}
