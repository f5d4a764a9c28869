// Population for the access figures, as counts per place (never named people).
//
// A place is one population record: a building at its centroid, a residential street segment at
// its midpoint, or later a loaded point or raster cell. Until the registry brings real population
// inputs, estimate_population() derives places from the town:
//   - from building footprints: floor area (footprint area x building:levels, or
//     levels_when_untagged) x persons_per_floor_m2;
//   - where no building is mapped (the Al-Zabadani roads): from the length of residential and
//     living streets x persons_per_street_m.
// With a total given, the estimate is scaled to it, so the densities only shape where people are,
// not how many; without one, the unscaled estimate rests on the ASSUMED densities below.
//
//     const PopulationEstimate estimate = estimate_population(town, {.total = 38'000});
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "dayafter/geo/coord.hpp"

namespace dayafter::model {

struct Town;

struct Place {
    std::string code; // the building's code (w<id>, r<id>) or e<edge id> for a street segment
    geo::Coord location;
    double population = 0;
    /// The P-code of the admin area the place's people were counted in (loaded area counts, or a
    /// point's own #adm2+code or #adm1+code); empty when not known.
    std::string area;
};

struct PopulationSettings {
    /// Scale the estimate to this many people (from a census, a UN estimate, a camp count).
    std::optional<double> total;
    /// ASSUMPTION (derived): about 6 persons per house in West Mosul (REFERENCE-FIGURES, "Occupancy
    /// per rehabilitated house", derived) over an assumed 150 m2 of floor per house.
    double persons_per_floor_m2 = 0.04;
    /// ASSUMPTION (derived): 6 persons per house (as above), houses on both sides of the street,
    /// an assumed 15 m of frontage each: 2 x 6 / 15.
    double persons_per_street_m = 0.8;
    /// Floors assumed for a building without building:levels (ASSUMPTION: single storey).
    double levels_when_untagged = 1;
};

enum class PopulationSource : std::uint8_t { Buildings, ResidentialStreets, Loaded, AreaCounts };
[[nodiscard]] std::string_view to_string(PopulationSource source) noexcept;

struct PopulationEstimate {
    std::vector<Place> places;
    PopulationSource source = PopulationSource::Buildings;
    double unscaled_total = 0; // people by the densities alone
    double total = 0;          // people after scaling (equal when no total was given)
    bool scaled = false;
    std::vector<std::string> notes; // what the user should know about how places were made
};

/// The places of the estimate by the densities alone, not scaled and possibly empty: building
/// footprints, else residential streets. Loaded area counts are spread over these same places,
/// in proportion to their people here. Throws InputError only for a setting that is not > 0.
[[nodiscard]] PopulationEstimate density_estimate(const Town& town,
                                                  const PopulationSettings& settings);

/// density_estimate() scaled to settings.total when given. Throws InputError when the town has
/// neither buildings with an area nor residential streets,
/// or when a setting is not a positive number.
[[nodiscard]] PopulationEstimate estimate_population(const Town& town,
                                                     const PopulationSettings& settings);

} // namespace dayafter::model
