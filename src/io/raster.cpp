// GDAL opens the raster and PROJ (through OGR) moves positions between its coordinate system and
// WGS 84 longitude/latitude.
#include "dayafter/io/raster.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <vector>

#include <cpl_conv.h>
#include <gdal_priv.h>
#include <ogr_spatialref.h>

#include <fmt/format.h>

#include "dayafter/util/error.hpp"

namespace dayafter::io {
namespace {

/// The largest block GDAL may allocate to read a row: 512 MB (a tiled GeoTIFF's blocks are
/// usually 256 x 256 cells, a striped one's a few rows).
constexpr double kMostBlockBytes = 512e6;

/// The farthest a corner may lie from the origin of the raster's coordinates, in its units.
constexpr double kFarthestCorner = 1e9;

OGRSpatialReference wgs84() {
    OGRSpatialReference crs;
    crs.importFromEPSG(4326);
    crs.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    return crs;
}

/// Where a longitude/latitude falls in a raster, as fractional (column, row); nothing when PROJ
/// cannot place it there or the geotransform has no inverse.
class PixelLocator {
public:
    PixelLocator(const OGRSpatialReference& raster_crs, std::array<double, 6> transform) {
        const OGRSpatialReference lonlat = wgs84();
        if (GDALInvGeoTransform(transform.data(), inverse_.data()) != 0) {
            to_raster_.reset(OGRCreateCoordinateTransformation(&lonlat, &raster_crs));
        }
    }

    [[nodiscard]] std::optional<std::pair<double, double>> operator()(double lon,
                                                                      double lat) const {
        if (!to_raster_ || !to_raster_->Transform(1, &lon, &lat)) {
            return std::nullopt;
        }
        return std::pair{inverse_[0] + lon * inverse_[1] + lat * inverse_[2],
                         inverse_[3] + lon * inverse_[4] + lat * inverse_[5]};
    }

private:
    std::array<double, 6> inverse_{};
    std::unique_ptr<OGRCoordinateTransformation> to_raster_;
};

std::unique_ptr<GDALDataset> open_raster(const std::filesystem::path& file) {
    GDALAllRegister();
    CPLPushErrorHandler(CPLQuietErrorHandler);
    CPLErrorReset(); // so an empty message is this open's, not an earlier call's
    std::unique_ptr<GDALDataset> dataset(
        GDALDataset::Open(file.c_str(), GDAL_OF_RASTER | GDAL_OF_READONLY));
    CPLPopErrorHandler();
    if (!dataset) {
        const std::string reason = CPLGetLastErrorMsg();
        throw InputError(fmt::format(
            "{}: GDAL cannot read it as a raster: {}", file.string(),
            reason.empty() ? "not a raster format GDAL knows (a GeoTIFF is expected), or damaged"
                           : reason));
    }
    return dataset;
}

} // namespace

struct Raster::State {
    std::filesystem::path file;
    std::unique_ptr<GDALDataset> dataset;
    std::array<double, 6> transform{};
    OGRSpatialReference crs; // in longitude, latitude order; empty when the raster has none
    std::unique_ptr<OGRCoordinateTransformation> to_lonlat;
    std::optional<PixelLocator> locator;
    std::optional<std::string> placement_problem;

    std::optional<std::string> place();
};

/// Sets up the transformations; the first reason the cells cannot be placed, if any.
std::optional<std::string> Raster::State::place() {
    if (dataset->GetGeoTransform(transform.data()) != CE_None) {
        return "the raster has no geotransform: its cells cannot be placed";
    }
    // A corner a billion units out (1e9 m is 25 times round the Earth) is a broken header, and
    // PROJ 9.1 can loop for ever bringing such a position back to the globe (found by fuzzing).
    const double columns = dataset->GetRasterXSize();
    const double rows = dataset->GetRasterYSize();
    for (const auto& [c, r] : {std::pair{0.0, 0.0}, std::pair{columns, 0.0}, std::pair{0.0, rows},
                               std::pair{columns, rows}}) {
        const double x = transform[0] + c * transform[1] + r * transform[2];
        const double y = transform[3] + c * transform[4] + r * transform[5];
        if (!std::isfinite(x) || !std::isfinite(y) || std::abs(x) > kFarthestCorner ||
            std::abs(y) > kFarthestCorner) {
            return fmt::format("the raster's geotransform puts a corner at ({:g}, {:g}), off any "
                               "map: its cells cannot be placed",
                               x, y);
        }
    }
    const OGRSpatialReference* source = dataset->GetSpatialRef();
    if (source == nullptr || source->IsEmpty()) {
        return "the raster has no coordinate reference system: its cells cannot be placed "
               "(assign one with gdal_edit.py -a_srs)";
    }
    crs = *source;
    crs.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    const OGRSpatialReference lonlat = wgs84();
    to_lonlat.reset(OGRCreateCoordinateTransformation(&crs, &lonlat));
    if (!to_lonlat) {
        return fmt::format("PROJ cannot transform the raster's coordinate system ({}) to "
                           "longitude/latitude",
                           crs.GetName() != nullptr ? crs.GetName() : "unnamed");
    }
    locator.emplace(crs, transform);
    return std::nullopt;
}

Raster Raster::open(const std::filesystem::path& file) {
    auto state = std::make_unique<State>();
    state->file = file;
    state->dataset = open_raster(file);
    state->placement_problem = state->place();
    return Raster(std::move(state));
}

Raster::Raster(std::unique_ptr<State> state) : state_(std::move(state)) {}
Raster::Raster(Raster&&) noexcept = default;
Raster& Raster::operator=(Raster&&) noexcept = default;
Raster::~Raster() = default;

const std::optional<std::string>& Raster::placement_problem() const noexcept {
    return state_->placement_problem;
}

bool Raster::is_wgs84_lonlat() const {
    return state_->crs.IsGeographic() && state_->crs.GetEPSGGeogCS() == 4326;
}

std::optional<std::string> Raster::crs_name() const {
    if (state_->crs.IsEmpty() || state_->crs.GetName() == nullptr) {
        return std::nullopt;
    }
    return state_->crs.GetName();
}

int Raster::width() const noexcept {
    return state_->dataset->GetRasterXSize();
}
int Raster::height() const noexcept {
    return state_->dataset->GetRasterYSize();
}

std::optional<std::pair<double, double>> Raster::pixel_of(double lon, double lat) const {
    DAYAFTER_ASSERT(state_->locator, "pixel_of() on a raster that cannot be placed");
    return (*state_->locator)(lon, lat);
}

std::optional<geo::LonLat> Raster::centre(const RasterCell& cell) const {
    DAYAFTER_ASSERT(state_->to_lonlat, "centre() on a raster that cannot be placed");
    const std::array<double, 6>& t = state_->transform;
    double x = t[0] + (cell.column + 0.5) * t[1] + (cell.row + 0.5) * t[2];
    double y = t[3] + (cell.column + 0.5) * t[4] + (cell.row + 0.5) * t[5];
    if (!state_->to_lonlat->Transform(1, &x, &y)) {
        return std::nullopt;
    }
    return geo::LonLat{x, y};
}

void Raster::read(const RasterWindow& window, const CellVisitor& visit,
                  const Progress& progress) const {
    DAYAFTER_ASSERT(state_->to_lonlat, "read() on a raster that cannot be placed");
    GDALRasterBand* band = state_->dataset->GetRasterBand(1);
    if (band == nullptr) {
        throw InputError(fmt::format("{}: the raster has no bands", state_->file.string()));
    }
    // GDAL allocates a whole block to read any row of it; a damaged or hostile header can declare
    // blocks of many gigabytes for a file of a few bytes (found by fuzz/fuzz_raster.cpp).
    int block_columns = 0;
    int block_rows = 0;
    band->GetBlockSize(&block_columns, &block_rows);
    const double block_bytes = static_cast<double>(block_columns) * block_rows *
                               GDALGetDataTypeSizeBytes(band->GetRasterDataType());
    if (block_bytes > kMostBlockBytes) {
        throw InputError(fmt::format(
            "{}: the raster is stored in blocks of {} x {} cells ({:.1f} GB each), more than "
            "dayafter reads at once; rewrite it with gdal_translate -co TILED=YES",
            state_->file.string(), block_columns, block_rows, block_bytes / 1e9));
    }
    int has_nodata = 0;
    const double nodata = band->GetNoDataValue(&has_nodata);
    std::vector<double> row(static_cast<std::size_t>(std::max(window.columns, 0)));
    const int step = std::max(1, window.rows / 10);
    for (int r = window.row0; r < window.row0 + window.rows; ++r) {
        if (progress && window.rows >= 1000 && (r - window.row0) % step == 0) {
            progress(fmt::format("{}: row {} of {}", state_->file.filename().string(),
                                 r - window.row0 + 1, window.rows));
        }
        CPLPushErrorHandler(CPLQuietErrorHandler);
        CPLErrorReset();
        const CPLErr read = band->RasterIO(GF_Read, window.column0, r, window.columns, 1,
                                           row.data(), window.columns, 1, GDT_Float64, 0, 0);
        CPLPopErrorHandler();
        if (read != CE_None) {
            const std::string reason = CPLGetLastErrorMsg();
            throw InputError(
                fmt::format("{}: cannot read raster row {}: {}", state_->file.string(), r + 1,
                            reason.empty() ? "GDAL gives no reason (damaged file?)" : reason));
        }
        for (int c = window.column0; c < window.column0 + window.columns; ++c) {
            const double value = row[static_cast<std::size_t>(c - window.column0)];
            if ((has_nodata != 0 && value == nodata) || std::isnan(value)) {
                continue;
            }
            visit(RasterCell{.row = r, .column = c, .value = value});
        }
    }
}

} // namespace dayafter::io
