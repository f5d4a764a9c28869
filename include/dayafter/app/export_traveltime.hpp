// dayafter export traveltime: a travel-time raster for those who work as AccessMod users do
// (#14). One Float32 band per service of the configuration, in minutes from each cell's centre
// to the nearest functioning facility over the network as it is at the date, by the rule access
// uses for a population place (access/travel_time_grid.hpp).
//
//     const auto answer = app::export_traveltime({.read = {"town.dayafter"}, .out = "times.tif"},
//                                                log);
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "dayafter/app/app.hpp"
#include "dayafter/geo/cell_grid.hpp"

namespace dayafter::app {

/// The default cell: 100 m, the resolution of WorldPop's population grids and of common
/// AccessMod runs; at 5 km/h a cell is crossed in about a minute, finer than the times differ.
inline constexpr double kDefaultCellM = 100;

struct TravelTimeExportRequest {
    ReadRequest read;
    std::filesystem::path out;             // the GeoTIFF to write
    std::optional<graph::TravelMode> mode; // nothing: each service's own
    double cell_m = kDefaultCellM;
    bool replace = false; // --force: replace an existing file
};

struct TravelTimeBand {
    std::string service;
    graph::TravelMode mode = graph::TravelMode::Walk;
    std::size_t cells_with_time = 0;
    std::string problem; // why the band has no time at all (no facility on a road); else empty
};

struct TravelTimeExportAnswer {
    geo::CellGrid grid;
    std::size_t cells_near_road = 0;   // within the snapping limit in the first band's mode
    std::vector<TravelTimeBand> bands; // in configuration order, as in the file
};

/// Writes the raster. Throws InputError for a bad cell size (naming the limit on cells), an
/// existing file without `replace` (before computing anything), or a project without roads.
TravelTimeExportAnswer export_traveltime(const TravelTimeExportRequest& request, const Logger& log);

} // namespace dayafter::app
