#include "dayafter/model/population.hpp"

#include <cmath>

#include <fmt/format.h>

#include "dayafter/model/town.hpp"
#include "dayafter/util/error.hpp"

namespace dayafter::model {
namespace {

void check_positive(double value, std::string_view name) {
    if (!(value > 0) || !std::isfinite(value)) {
        throw InputError(fmt::format("population.{} must be a number > 0 (got {})", name, value));
    }
}

/// The point halfway along a polyline (by great-circle length).
geo::Coord midpoint(std::span<const geo::Coord> line) {
    double total = 0;
    for (std::size_t i = 1; i < line.size(); ++i) {
        total += geo::distance_m(line[i - 1], line[i]);
    }
    double left = total / 2;
    for (std::size_t i = 1; i < line.size(); ++i) {
        const double step = geo::distance_m(line[i - 1], line[i]);
        if (step >= left && step > 0) {
            const double t = left / step;
            return geo::Coord::from_degrees(
                line[i - 1].lon() + t * (line[i].lon() - line[i - 1].lon()),
                line[i - 1].lat() + t * (line[i].lat() - line[i - 1].lat()));
        }
        left -= step;
    }
    return line.front();
}

} // namespace

std::string_view to_string(PopulationSource source) noexcept {
    switch (source) {
    case PopulationSource::Buildings:
        return "building footprints";
    case PopulationSource::ResidentialStreets:
        return "residential streets";
    case PopulationSource::Loaded:
        return "loaded population points";
    case PopulationSource::AreaCounts:
        return "loaded area counts spread over buildings (plus any loaded points)";
    }
    return "building footprints";
}

PopulationEstimate density_estimate(const Town& town, const PopulationSettings& settings) {
    check_positive(settings.persons_per_floor_m2, "persons_per_floor_m2");
    check_positive(settings.persons_per_street_m, "persons_per_street_m");
    check_positive(settings.levels_when_untagged, "levels_when_untagged");
    PopulationEstimate estimate;
    for (const Building& building : town.buildings) {
        if (building.area_m2 > 0) {
            const double levels = building.levels.value_or(settings.levels_when_untagged);
            const double people =
                building.area_m2 * std::max(levels, 1.0) * settings.persons_per_floor_m2;
            estimate.places.push_back({building.code, building.centroid, people});
        }
    }
    if (estimate.places.empty()) {
        estimate.source = PopulationSource::ResidentialStreets;
        const graph::RoadNetwork& net = town.roads;
        for (EdgeId e{0}; e.value < net.edge_count(); ++e.value) {
            const graph::RoadClass road_class = net.edge_class[e];
            if ((road_class == graph::RoadClass::Residential ||
                 road_class == graph::RoadClass::LivingStreet) &&
                net.edge_length_m[e] > 0) {
                estimate.places.push_back({fmt::format("e{}", e.value), midpoint(net.geometry(e)),
                                           net.edge_length_m[e] * settings.persons_per_street_m});
            }
        }
    }
    for (const Place& place : estimate.places) {
        estimate.unscaled_total += place.population;
    }
    estimate.total = estimate.unscaled_total;
    return estimate;
}

PopulationEstimate estimate_population(const Town& town, const PopulationSettings& settings) {
    PopulationEstimate estimate = density_estimate(town, settings);
    if (settings.total) {
        check_positive(*settings.total, "total");
    }
    if (estimate.places.empty()) {
        throw InputError("the project has no population: no building footprints and no "
                         "residential streets to estimate it from (population files come with "
                         "`dayafter load population`)");
    }
    if (settings.total) {
        const double scale = *settings.total / estimate.unscaled_total;
        for (Place& place : estimate.places) {
            place.population *= scale;
        }
        estimate.total = *settings.total;
        estimate.scaled = true;
    }
    return estimate;
}

} // namespace dayafter::model
