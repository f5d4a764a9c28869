// Small plan instances on a real town's roads, with damage drawn at random for a seed: rubble
// on the roads next to health facilities (blocking them by car), small mined squares on streets
// (blocking them on foot and by car), some health facilities not functioning with a damaged
// building, population points at random road nodes, a few crews of two organisations and enough
// money. Thresholds are tight (health 5 min on foot, hospital 3 min by car) so that the damage
// matters in a small town. For the heuristic-against-CBC tests and benchmark.
//
//     const auto project = test::generate_plan_instance(base, dir, 7, 20);
#pragma once

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "dayafter/app/app.hpp"

namespace dayafter::test {

/// The configuration the generated instances are planned with.
inline const char* kPlanInstanceConfig =
    R"({"services": {"health": {"threshold_min": 5}, "hospital": {"threshold_min": 3}}})";

/// Copies `base` (an imported town) into `dir` and loads damage for `seed` aiming at about
/// `tasks` tasks. Returns the new project. `scarce`: one crew of each type and money arriving in
/// three tranches, so that crews and money bind and the order matters more.
inline std::filesystem::path generate_plan_instance(const std::filesystem::path& base,
                                                    const std::filesystem::path& dir, unsigned seed,
                                                    int tasks, bool scarce = false) {
    const std::filesystem::path project = dir / fmt::format("instance-{}.dayafter", seed);
    std::filesystem::copy_file(base, project, std::filesystem::copy_options::overwrite_existing);
    const snapshot::Snapshot town = snapshot::Snapshot::open(base, {});
    const model::Town& t = town.town();
    std::mt19937 rng(seed);
    auto pick = [&](std::size_t n) { return static_cast<std::size_t>(rng() % n); };
    std::vector<std::uint32_t> health;
    for (std::uint32_t f = 0; f < t.facilities.size(); ++f) {
        const auto type = t.facilities[FacilityId{f}].type;
        if ((type == model::FacilityType::Hospital || type == model::FacilityType::Clinic ||
             type == model::FacilityType::Doctors) &&
            t.facilities[FacilityId{f}].snap_node[1].valid()) {
            health.push_back(f);
        }
    }
    const int down = std::max(1, tasks / (scarce ? 4 : 6));
    const int mined = std::max(1, tasks / 5);
    const int rubble = std::max(1, tasks - down - mined);
    const std::string dated = "2017-12-15";
    auto write = [&](const std::string& name, const std::string& text) {
        std::ofstream(dir / name) << text;
        return dir / name;
    };
    std::string facilities = "code,functionality,building damage,reported\n"
                             "#loc+facility+code,#status+functionality,#status+damage,"
                             "#date+reported\n";
    std::vector<std::uint32_t> chosen = health;
    std::shuffle(chosen.begin(), chosen.end(), rng);
    for (std::size_t k = 0; k < chosen.size() && k < static_cast<std::size_t>(down); ++k) {
        const auto& f = t.facilities[FacilityId{chosen[k]}];
        facilities += fmt::format("{},A3,{},{}\n", f.code, pick(2) == 0 ? "A2" : "A3", dated);
    }
    // Rubble at the middle of roads that touch a health facility's node.
    std::vector<std::uint32_t> near;
    for (std::uint32_t e = 0; e < t.roads.edge_count(); ++e) {
        for (const std::uint32_t f : health) {
            const NodeId node = t.facilities[FacilityId{f}].snap_node[1];
            if (t.roads.edge_from[EdgeId{e}] == node || t.roads.edge_to[EdgeId{e}] == node) {
                near.push_back(e);
            }
        }
    }
    auto middle = [&](std::uint32_t e) {
        const geo::Coord a = t.roads.node_coord[t.roads.edge_from[EdgeId{e}]];
        const geo::Coord b = t.roads.node_coord[t.roads.edge_to[EdgeId{e}]];
        return std::pair{(a.lon() + b.lon()) / 2, (a.lat() + b.lat()) / 2};
    };
    std::string features;
    for (int k = 0; k < rubble && !near.empty(); ++k) {
        const auto [lon, lat] = middle(near[pick(near.size())]);
        features += fmt::format(
            R"({}{{"type":"Feature","id":"RB-{}","geometry":{{"type":"Point","coordinates":[{:.7f},{:.7f}]}},"properties":{{"kind":"rubble","damage":"Destroyed","volume_m3":{},"reported":"{}","owner":"{}"}}}})",
            features.empty() ? "" : ",", k, lon, lat, 250 * (1 + pick(6)), dated,
            pick(3) == 0 ? "" : "CITY");
    }
    for (int k = 0; k < mined; ++k) {
        // Half the mines on a health facility's own streets, so that they cut people off.
        const auto [lon, lat] = middle(
            k % 2 == 0 && !near.empty() ? near[pick(near.size())]
                                        : static_cast<std::uint32_t>(pick(t.roads.edge_count())));
        const double d = 0.00012; // about 13 m
        features += fmt::format(
            R"(,{{"type":"Feature","id":"MA-{}","geometry":{{"type":"Polygon","coordinates":[[[{:.7f},{:.7f}],[{:.7f},{:.7f}],[{:.7f},{:.7f}],[{:.7f},{:.7f}],[{:.7f},{:.7f}]]]}},"properties":{{"kind":"contamination","reported":"{}","owner":"DEMINERS"}}}})",
            k, lon - d, lat - d, lon + d, lat - d, lon + d, lat + d, lon - d, lat + d, lon - d,
            lat - d, dated);
    }
    std::string population = "site,lat,lon,people,reported\n"
                             "#loc+code,#geo+lat,#geo+lon,#population,#date+reported\n";
    for (int k = 0; k < 40; ++k) {
        const geo::Coord c =
            t.roads.node_coord[NodeId{static_cast<std::uint32_t>(pick(t.roads.node_count()))}];
        population += fmt::format("P-{},{:.7f},{:.7f},{},{}\n", k, c.lat(), c.lon(),
                                  100 * (1 + pick(30)), dated);
    }
    const std::vector<std::pair<registry::Kind, std::filesystem::path>> files = {
        {registry::Kind::Facilities, write("facilities.csv", facilities)},
        {registry::Kind::Hazards,
         write("hazards.geojson", R"({"type":"FeatureCollection","features":[)" + features + "]}")},
        {registry::Kind::Population, write("population.csv", population)},
        {registry::Kind::Resources,
         write("resources.csv",
               std::string("id,org,type,count,reported\n"
                           "#meta+id,#org+impl,#item+type,#capacity+num,#date+reported\n"
                           "R1,CITY,excavator,1,2017-12-15\nR2,CITY,truck,2,2017-12-15\n"
                           "R3,DEMINERS,demining_team,1,2017-12-15\n"
                           "R4,CITY,engineering_unit,1,2017-12-15\n") +
                   (scarce ? "" : "R5,NGO,excavator,1,2017-12-15\nR6,NGO,truck,2,2017-12-15\n"))},
        {registry::Kind::Funding,
         write("funding.csv",
               std::string("id,donor,window,amount,currency,start\n"
                           "#meta+id,#org+funding,#meta+window,#value+funding,#currency+code,"
                           "#date+start\n") +
                   (scarce ? "F1,DONOR,stabilization,60000,USD,2017-12-15\n"
                             "F2,DONOR,stabilization,60000,USD,2018-01-05\n"
                             "F3,DONOR,stabilization,60000,USD,2018-01-25\n"
                             "F4,DONOR,reconstruction,5000000,USD,2017-12-15\n"
                           : "F1,DONOR,stabilization,5000000,USD,2017-12-15\n"
                             "F2,DONOR,reconstruction,5000000,USD,2017-12-15\n"))}};
    for (const auto& [kind, file] : files) {
        app::LoadRequest request;
        request.kind = kind;
        request.file = file;
        request.project = project;
        request.options.reported = dated;
        request.by = "generator";
        const app::LoadAnswer answer = app::load(request, {});
        if (!answer.written) {
            throw Error(fmt::format("generated {} was refused", file.string()));
        }
    }
    return project;
}

} // namespace dayafter::test
