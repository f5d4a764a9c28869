#include "dayafter/geo/cell_grid.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "dayafter/util/error.hpp"

namespace dayafter::geo {

CellGrid grid_over(const BoundingBox& box, double cell_m, double margin_m) {
    if (!std::isfinite(cell_m) || cell_m <= 0) {
        throw InputError(
            fmt::format("cell size {} m: give a positive number of metres (e.g. 100)", cell_m));
    }
    if (box.empty()) {
        throw InputError("the town has no road to lay a grid over");
    }
    const double metres_per_lat_deg = kEarthRadiusM * kDegToRad;
    const double middle_lat = (box.min_lat + box.max_lat) / 2;
    const double metres_per_lon_deg = metres_per_lat_deg * std::cos(middle_lat * kDegToRad);
    CellGrid grid;
    grid.cell_lat_deg = cell_m / metres_per_lat_deg;
    grid.cell_lon_deg = cell_m / metres_per_lon_deg;
    grid.west = box.min_lon - margin_m / metres_per_lon_deg;
    grid.north = box.max_lat + margin_m / metres_per_lat_deg;
    const double east = box.max_lon + margin_m / metres_per_lon_deg;
    const double south = box.min_lat - margin_m / metres_per_lat_deg;
    // In doubles first: a tiny cell must be refused, not overflow an int.
    const double columns = std::max(1.0, std::ceil((east - grid.west) / grid.cell_lon_deg));
    const double rows = std::max(1.0, std::ceil((grid.north - south) / grid.cell_lat_deg));
    if (columns * rows > kMaxGridCells) {
        throw InputError(fmt::format("cell size {} m: the town's extent would need {:.0f} x {:.0f} "
                                     "cells, more than the limit of {:.0f} million; give a "
                                     "larger cell",
                                     cell_m, columns, rows, kMaxGridCells / 1e6));
    }
    grid.columns = static_cast<int>(columns);
    grid.rows = static_cast<int>(rows);
    return grid;
}

} // namespace dayafter::geo
