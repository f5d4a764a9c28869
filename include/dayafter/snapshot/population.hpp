// Where a snapshot's people are when population files are loaded (Snapshot::population()).
//
// Loaded points (HXL CSV points, raster cells) count where they are. Loaded area counts (a P-code
// and a count, as in OCHA's COD-PS tables or IOM DTM lists) are spread over the places of the
// density estimate (model::density_estimate: buildings by footprint x levels, else residential
// street segments) whose position lies in the area, each in proportion to its people by the
// densities, so that an area's places sum to its count:
//   - a place in several counted areas belongs to the most detailed one (the highest level);
//   - an area's count less the counts of its counted sub-areas (found by parent P-codes) goes to
//     its places in no counted sub-area; when the sub-areas hold more than the area, its other
//     places get nobody, and a note says so;
//   - an area with people to place and no place inside holds them at one place, `area:<pcode>`,
//     at its representative point (the centroid of its largest polygon, or a point on its surface
//     when the centroid falls outside), and a note says so;
//   - once area counts are loaded they are the population: places in no counted area hold nobody
//     (a note counts them). Points are added on top, so a camp inside a counted area adds to it.
// Each place carries the P-code of the area it was counted in (model::Place::area).
//
//     const auto loaded = loaded_population(town, reported, config.population);
//     if (!loaded) { /* nothing loaded: the building estimate */ }
#pragma once

#include <optional>

#include "dayafter/model/population.hpp"
#include "dayafter/model/town.hpp"
#include "dayafter/snapshot/decode.hpp"

namespace dayafter::snapshot {

/// The loaded points and area counts as places (source Loaded, or AreaCounts when any area count
/// is loaded), or nothing when neither is loaded. Throws InputError for a density setting that is
/// not > 0 (the spreading uses the densities as weights).
[[nodiscard]] std::optional<model::PopulationEstimate>
loaded_population(const model::Town& town, const Reported& reported,
                  const model::PopulationSettings& settings);

} // namespace dayafter::snapshot
