// Travel times on a grid (a raster, as AccessMod users work): per cell, the minutes from its
// centre to the nearest functioning facility of a service over the network as it is, by the
// very rule the access engine applies to a population place. The cell's centre meets the
// network at the nearest road node usable in the mode (snap_places), and its time is that
// node's time plus the snapping distance on foot at kSnapWalkKmh; a cell whose centre sits at a
// place's position has that place's time.
//
//     const auto snaps = snap_cells(town, grid, TravelMode::Walk, kCellSnapLimitM);
//     const auto minutes = cell_minutes(node_times_us(town, service, mode), snaps, kNoMinutes);
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "dayafter/access/service_access.hpp"
#include "dayafter/geo/cell_grid.hpp"
#include "dayafter/model/town.hpp"

namespace dayafter::access {

/// A cell farther than this from a usable road has no time. Places (buildings) stand by roads
/// and are snapped at any distance; a grid also covers the sea, fields and parks without paths,
/// where a straight walk of kilometres to the nearest node would be a made-up figure. 500 m is
/// 6 minutes on foot: a cell on a block's back yard still counts, a bay does not.
inline constexpr double kCellSnapLimitM = 500;

/// The value of a cell without a time (no usable road within the limit, or no facility
/// reachable): the nodata value of the raster.
inline constexpr float kNoMinutes = -9999.0F;

/// Per cell of `grid`, row by row from the north-west corner, its centre's nearest road node
/// usable in `mode` on the town's network and the distance to it; an invalid node when none is
/// within `limit_m` metres.
[[nodiscard]] std::vector<PlaceSnap> snap_cells(const model::Town& town, const geo::CellGrid& grid,
                                                graph::TravelMode mode, double limit_m);

/// Per snapped cell, minutes to the nearest facility: node time plus the snapping distance on
/// foot, rounded to microseconds as for a place; `nodata` where the cell has no node or its node
/// reaches no facility.
[[nodiscard]] std::vector<float> cell_minutes(std::span<const std::uint64_t> node_times_us,
                                              std::span<const PlaceSnap> snaps, float nodata);

} // namespace dayafter::access
