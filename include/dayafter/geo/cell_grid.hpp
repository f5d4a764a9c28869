// A north-up grid of cells over a town, in WGS 84 longitude/latitude (EPSG:4326), for rasters
// that GIS tools overlay on anything. Cells are `cell_m` metres on a side at the grid's middle
// latitude (degrees of longitude are shorter than degrees of latitude there), so they are square
// in metres across a town: over 20 km of latitude the east-west size drifts by well under 1%.
// EPSG:4326 rather than a UTM zone keeps PROJ out of the computation: a cell centre is the very
// longitude/latitude that places and roads use.
//
//     const geo::CellGrid grid = geo::grid_over(roads_box, 100.0, 100.0);
//     const geo::Coord c = grid.centre(row, column); // row 0 is the northernmost
#pragma once

#include <cstddef>
#include <cstdint>

#include "dayafter/geo/coord.hpp"

namespace dayafter::geo {

/// The most cells grid_over() makes: 10 million, 40 MB per Float32 band (a 316 km square at
/// 100 m). More comes only from a cell size far too small for the town.
inline constexpr double kMaxGridCells = 10e6;

struct CellGrid {
    double west = 0;  // degrees, the left edge of column 0
    double north = 0; // degrees, the top edge of row 0
    double cell_lon_deg = 0;
    double cell_lat_deg = 0;
    int columns = 0;
    int rows = 0;

    [[nodiscard]] std::size_t cell_count() const noexcept {
        return static_cast<std::size_t>(columns) * static_cast<std::size_t>(rows);
    }
    /// The centre of a cell, rounded to the fixed-point coordinates places use.
    [[nodiscard]] Coord centre(int row, int column) const noexcept {
        return Coord::from_degrees(west + (column + 0.5) * cell_lon_deg,
                                   north - (row + 0.5) * cell_lat_deg);
    }
};

/// Cells of `cell_m` metres covering `box` grown by `margin_m` on every side. Throws InputError
/// for an empty box, a cell size that is not a positive number of metres, or a grid of more than
/// kMaxGridCells cells.
[[nodiscard]] CellGrid grid_over(const BoundingBox& box, double cell_m, double margin_m);

} // namespace dayafter::geo
