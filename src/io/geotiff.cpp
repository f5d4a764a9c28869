#include "dayafter/io/geotiff.hpp"

#include <array>
#include <memory>

#include <cpl_conv.h>
#include <cpl_error.h>
#include <cpl_string.h>
#include <gdal_priv.h>
#include <ogr_spatialref.h>

#include <fmt/format.h>

#include "dayafter/io/replace_file.hpp"
#include "dayafter/util/error.hpp"
#include "gdal_errors.hpp"

namespace dayafter::io {
namespace {

void write_dataset(const std::filesystem::path& temp, const geo::CellGrid& grid,
                   std::span<const FloatBand> bands, float nodata, const std::string& unit,
                   const MetadataItems& metadata) {
    GDALDriver* driver = GetGDALDriverManager()->GetDriverByName("GTiff");
    if (driver == nullptr) {
        throw StorageError("GDAL has no GTiff driver");
    }
    // Tiles and the floating-point predictor: a town's times are smooth, so DEFLATE packs them
    // several times smaller, and GIS tools read any window without the whole file.
    char** options = nullptr;
    options = CSLSetNameValue(options, "TILED", "YES");
    options = CSLSetNameValue(options, "COMPRESS", "DEFLATE");
    options = CSLSetNameValue(options, "PREDICTOR", "3");
    options = CSLSetNameValue(options, "BIGTIFF", "IF_SAFER");
    // Band by band: each service's band is read (and written) on its own.
    options = CSLSetNameValue(options, "INTERLEAVE", "BAND");
    const std::unique_ptr<GDALDataset> dataset(driver->Create(temp.c_str(), grid.columns, grid.rows,
                                                              static_cast<int>(bands.size()),
                                                              GDT_Float32, options));
    CSLDestroy(options);
    if (!dataset) {
        throw StorageError(fmt::format("cannot create a GeoTIFF: {}", gdal_reason()));
    }
    std::array<double, 6> transform = {grid.west, grid.cell_lon_deg, 0, grid.north,
                                       0,         -grid.cell_lat_deg};
    OGRSpatialReference wgs84;
    wgs84.importFromEPSG(4326);
    wgs84.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    if (dataset->SetGeoTransform(transform.data()) != CE_None ||
        dataset->SetSpatialRef(&wgs84) != CE_None) {
        throw StorageError(fmt::format("cannot place the raster: {}", gdal_reason()));
    }
    for (const auto& [key, value] : metadata) {
        dataset->SetMetadataItem(key.c_str(), value.c_str());
    }
    for (std::size_t b = 0; b < bands.size(); ++b) {
        const FloatBand& band = bands[b];
        DAYAFTER_ASSERT(band.values.size() == grid.cell_count(), "a value per cell");
        GDALRasterBand* out = dataset->GetRasterBand(static_cast<int>(b) + 1);
        out->SetDescription(band.description.c_str());
        out->SetNoDataValue(nodata);
        out->SetUnitType(unit.c_str());
        for (const auto& [key, value] : band.metadata) {
            out->SetMetadataItem(key.c_str(), value.c_str());
        }
        // GDAL takes a non-const buffer even to write from it.
        std::vector<float> values = band.values;
        if (out->RasterIO(GF_Write, 0, 0, grid.columns, grid.rows, values.data(), grid.columns,
                          grid.rows, GDT_Float32, 0, 0) != CE_None) {
            throw StorageError(
                fmt::format("cannot write band '{}': {}", band.description, gdal_reason()));
        }
    }
    // GDAL 3.6 reports a failed flush only through its error state.
    CPLErrorReset();
    dataset->FlushCache();
    if (CPLGetLastErrorType() >= CE_Failure) {
        throw StorageError(fmt::format("cannot write the GeoTIFF: {}", gdal_reason()));
    }
}

} // namespace

void write_geotiff(const std::filesystem::path& file, const geo::CellGrid& grid,
                   std::span<const FloatBand> bands, float nodata, const std::string& unit,
                   const MetadataItems& metadata, bool replace) {
    check_replaceable(file, replace);
    GDALAllRegister();
    const QuietGdalErrors quiet;
    write_whole(file, "out.tif", [&](const std::filesystem::path& temp) {
        write_dataset(temp, grid, bands, nodata, unit, metadata); // closed on return
    });
}

} // namespace dayafter::io
