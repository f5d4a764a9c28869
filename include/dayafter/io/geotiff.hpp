// Writes Float32 GeoTIFFs on a geo::CellGrid (EPSG:4326, north up), one band per layer of values,
// with GDAL's GTiff driver: tiled, DEFLATE-compressed with the floating-point predictor. Each
// band carries its description (what GIS tools show as its name), nodata value, unit and
// metadata items; the file carries its own. GDAL stays behind this header.
//
//     io::FloatBand band{"hospital", minutes, {{"mode", "walk"}}};
//     io::write_geotiff("times.tif", grid, std::span(&band, 1), -9999.0F, "minutes", {}, false);
#pragma once

#include <filesystem>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "dayafter/geo/cell_grid.hpp"

namespace dayafter::io {

using MetadataItems = std::vector<std::pair<std::string, std::string>>;

struct FloatBand {
    std::string description;
    std::vector<float> values; // grid.cell_count(), row by row from the north-west corner
    MetadataItems metadata;
};

/// Writes the bands in order into a new GeoTIFF at `file`, made in a private folder beside it and
/// moved into place when complete (a failure leaves nothing behind). An existing file is replaced
/// only when `replace` is set (InputError otherwise); StorageError naming the file for any GDAL
/// failure.
void write_geotiff(const std::filesystem::path& file, const geo::CellGrid& grid,
                   std::span<const FloatBand> bands, float nodata, const std::string& unit,
                   const MetadataItems& metadata, bool replace);

} // namespace dayafter::io
