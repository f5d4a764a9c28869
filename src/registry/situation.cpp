#include "dayafter/registry/situation.hpp"

#include <cmath>
#include <map>

#include <fmt/format.h>

namespace dayafter::registry {
namespace {

constexpr auto kWalk = static_cast<std::size_t>(graph::TravelMode::Walk);
constexpr auto kDrive = static_cast<std::size_t>(graph::TravelMode::Drive);

/// Functioning by the facility's own report only: A1 or A2.
bool reports_functioning(const nlohmann::json& status) {
    return status.value("functionality", "A3") != "A3";
}

void apply_effects(Situation& s, const RubbleRule& rule) {
    graph::RoadNetwork& net = s.town.roads;
    for (const EdgeEffect& effect : s.hazards.edges) {
        const EdgeId e = effect.edge;
        for (const std::size_t mode : {kWalk, kDrive}) {
            graph::Millis& ms = mode == kWalk ? net.edge_walk_ms[e] : net.edge_drive_ms[e];
            if (ms == graph::kNotUsable || effect.by_mode[mode] == Effect::None) {
                continue;
            }
            if (effect.by_mode[mode] == Effect::Block) {
                ms = graph::kNotUsable;
                ++s.edges_blocked[mode];
                continue;
            }
            const double slowed =
                mode == kWalk ? ms / rule.walk_slow_factor
                              : std::max<double>(ms, net.edge_length_m[e] /
                                                         (rule.drive_slow_kmh / 3.6) * 1000.0);
            ms = static_cast<graph::Millis>(std::min(std::round(slowed), graph::kNotUsable - 1.0));
            ++s.edges_slowed[mode];
        }
    }
}

} // namespace

Situation situate(const model::Town& town, const Registry& registry, const RubbleRule& rule) {
    Situation s{town, hazard_effects(town, registry, rule), {}, {}, 0, 0, 0};
    apply_effects(s, rule);
    model::Town& t = s.town;
    const auto& statuses = registry.objects(Kind::Facilities);
    // Facilities reported but not on the map.
    for (const auto& [key, entry] : statuses) {
        const nlohmann::json& d = entry.data;
        if (!d.value("added", false) || !d.contains("lat")) {
            continue;
        }
        const auto type = model::parse_facility_type(d.value("type", ""));
        if (!type) {
            continue;
        }
        model::Facility f;
        f.code = key;
        f.type = *type;
        f.name = d.value("name", "");
        f.location = geo::Coord::from_degrees(d["lon"].get<double>(), d["lat"].get<double>());
        t.facilities.push_back(std::move(f));
        ++s.added;
    }
    // Snap again on the damaged network: a facility whose road is blocked moves to the next.
    model::snap_facilities(t);
    // Own report first, then what each depends on.
    std::map<std::string, bool> own;
    for (const auto& [key, entry] : statuses) {
        own[key] = reports_functioning(entry.data);
    }
    auto works = [&](const std::string& code) {
        const auto found = own.find(code);
        return found == own.end() || found->second; // no status: assumed working
    };
    for (FacilityId f{0}; f.value < t.facilities.size(); ++f.value) {
        model::Facility& facility = t.facilities[f];
        const Entry* entry = registry.find(Kind::Facilities, facility.code);
        if (entry == nullptr) {
            continue;
        }
        ++s.with_status;
        const nlohmann::json& d = entry->data;
        std::string why;
        if (!reports_functioning(d)) {
            why = "reported not functioning (A3)";
        } else {
            const std::string power = d.value("power_source", "");
            const bool grid_ok =
                !d.contains("power_substation") || works(d["power_substation"].get<std::string>());
            const std::string generator = d.value("generator", "");
            const bool generator_ok = generator.empty() || generator == "working";
            if (power == "grid" && !grid_ok) {
                why = fmt::format("no power: substation {} not functioning",
                                  d["power_substation"].get<std::string>());
            } else if (power == "generator" && !generator_ok) {
                why = fmt::format("no power: generator {}", generator);
            } else if (power == "grid+generator" && !grid_ok && !generator_ok) {
                why = fmt::format("no power: substation {} down and generator {}",
                                  d["power_substation"].get<std::string>(), generator);
            } else if (d.value("water_source", "") == "network" && d.contains("water_facility") &&
                       !works(d["water_facility"].get<std::string>())) {
                why = fmt::format("no water: {} not functioning",
                                  d["water_facility"].get<std::string>());
            }
        }
        facility.functioning = why.empty();
        facility.down_because = why;
        s.not_functioning += why.empty() ? 0 : 1;
    }
    return s;
}

std::optional<model::PopulationEstimate> loaded_population(const Registry& registry) {
    model::PopulationEstimate estimate;
    estimate.source = model::PopulationSource::Loaded;
    estimate.scaled = true; // counts as given, nothing to scale
    std::vector<model::Place>& places = estimate.places;
    bool any = false;
    for (const auto& [key, entry] : registry.objects(Kind::Population)) {
        const nlohmann::json& d = entry.data;
        if (!d.contains("lat") || !d.contains("population")) {
            continue; // admin areas
        }
        any = true;
        if (d["population"].get<double>() <= 0) {
            continue; // emptied (a camp closed, a cell empty in a newer raster)
        }
        places.push_back({key,
                          geo::Coord::from_degrees(d["lon"].get<double>(), d["lat"].get<double>()),
                          d["population"].get<double>()});
        estimate.total += places.back().population;
    }
    if (!any) {
        return std::nullopt;
    }
    estimate.unscaled_total = estimate.total;
    return estimate;
}

} // namespace dayafter::registry
