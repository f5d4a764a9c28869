// Population rasters: GeoTIFF (WorldPop and the like) through GDAL, cells reprojected to
// longitude/latitude with PROJ.
#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <memory>
#include <optional>
#include <set>
#include <utility>

#include <cpl_conv.h>
#include <gdal_priv.h>
#include <ogr_spatialref.h>

#include <fmt/format.h>

#include "dayafter/util/error.hpp"
#include "registry/load_common.hpp"

namespace dayafter::registry::detail {
namespace {

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

/// A raster describes the whole population surface it covers: a cell of an earlier raster that
/// lies inside this one's footprint and is empty in it now holds nobody (a version with
/// population 0), so loading a newer raster over an older one does not count people twice.
void empty_earlier_cells(LoadContext& context, std::vector<Parsed>& parsed,
                         const PixelLocator& pixel_of, int width, int height,
                         const std::string& date) {
    std::set<std::string> in_file;
    for (const Parsed& p : parsed) {
        in_file.insert(p.key);
    }
    std::size_t emptied = 0;
    for (const auto& [key, entry] : context.current.objects(Kind::Population)) {
        const nlohmann::json& d = entry.data;
        if (!d.value("raster", false) || d.value("population", 0.0) == 0 || in_file.contains(key)) {
            continue;
        }
        const auto pixel = pixel_of(d["lon"].get<double>(), d["lat"].get<double>());
        if (!pixel || pixel->first < 0 || pixel->second < 0 || pixel->first >= width ||
            pixel->second >= height) {
            continue; // outside this raster: another tile's cell
        }
        Parsed p;
        p.key = key;
        p.line = static_cast<std::int64_t>(pixel->second) + 1;
        p.reported = date;
        p.data = {{"population", 0}};
        parsed.push_back(std::move(p));
        ++emptied;
    }
    if (emptied > 0) {
        context.note(fmt::format("{}: {} populated cells of earlier rasters are empty in this one "
                                 "and are set to 0 people",
                                 context.file(), emptied));
    }
}

/// The cells of a raster that can hold the project area, so that a country-wide raster (WorldPop
/// publishes them per country) is not read whole for one town.
struct Window {
    int column0 = 0;
    int row0 = 0;
    int columns = 0;
    int rows = 0;
};

Window project_window(const LoadContext& context, const PixelLocator& pixel_of, int width,
                      int height) {
    const Window whole{0, 0, width, height};
    const geo::BoundingBox& area = context.area();
    if (area.empty()) {
        return whole;
    }
    // The area's outline, 16 points a side, in pixel coordinates (projections bend its edges).
    constexpr int kPerSide = 16;
    double min_c = std::numeric_limits<double>::max();
    double min_r = min_c;
    double max_c = std::numeric_limits<double>::lowest();
    double max_r = max_c;
    for (int side = 0; side < 4; ++side) {
        for (int i = 0; i <= kPerSide; ++i) {
            const double t = static_cast<double>(i) / kPerSide;
            const double lon = side < 2 ? area.min_lon + t * (area.max_lon - area.min_lon)
                                        : (side == 2 ? area.min_lon : area.max_lon);
            const double lat = side < 2 ? (side == 0 ? area.min_lat : area.max_lat)
                                        : area.min_lat + t * (area.max_lat - area.min_lat);
            const auto pixel = pixel_of(lon, lat);
            if (!pixel) {
                return whole;
            }
            min_c = std::min(min_c, pixel->first);
            max_c = std::max(max_c, pixel->first);
            min_r = std::min(min_r, pixel->second);
            max_r = std::max(max_r, pixel->second);
        }
    }
    // One cell of slack on each side; clamped to the raster.
    auto clamp = [](double v, int hi) {
        return static_cast<int>(std::clamp(v, 0.0, static_cast<double>(hi)));
    };
    const int c0 = clamp(std::floor(min_c) - 1, width);
    const int c1 = clamp(std::ceil(max_c) + 1, width);
    const int r0 = clamp(std::floor(min_r) - 1, height);
    const int r1 = clamp(std::ceil(max_r) + 1, height);
    return {c0, r0, c1 - c0, r1 - r0};
}

std::unique_ptr<GDALDataset> open_raster(const std::filesystem::path& file) {
    GDALAllRegister();
    CPLPushErrorHandler(CPLQuietErrorHandler);
    std::unique_ptr<GDALDataset> dataset(
        GDALDataset::Open(file.c_str(), GDAL_OF_RASTER | GDAL_OF_READONLY));
    CPLPopErrorHandler();
    if (!dataset) {
        throw InputError(fmt::format("{}: GDAL cannot read it as a raster: {}", file.string(),
                                     CPLGetLastErrorMsg()));
    }
    return dataset;
}

/// From the raster's coordinate system to WGS 84 longitude/latitude; nothing, after reporting a
/// problem, when PROJ has no such transformation.
std::unique_ptr<OGRCoordinateTransformation>
lonlat_transformation(const OGRSpatialReference& from, const std::filesystem::path& file,
                      LoadContext& context) {
    const OGRSpatialReference lonlat = wgs84();
    std::unique_ptr<OGRCoordinateTransformation> to_lonlat(
        OGRCreateCoordinateTransformation(&from, &lonlat));
    if (!to_lonlat) {
        context.problem(1, fmt::format("PROJ cannot transform the raster's coordinate system "
                                       "({}) to longitude/latitude",
                                       from.GetName() != nullptr ? from.GetName() : "unnamed"));
        return nullptr;
    }
    if (!from.IsGeographic() || from.GetEPSGGeogCS() != 4326) {
        context.note(fmt::format("{}: cells reprojected from {} to WGS 84 longitude/latitude",
                                 file.string(),
                                 from.GetName() != nullptr ? from.GetName() : "its CRS"));
    }
    return to_lonlat;
}

/// The project window of a width x height raster, with a note when that is not all of it.
Window read_window(LoadContext& context, const std::filesystem::path& file,
                   const PixelLocator& pixel_of, int width, int height) {
    const Window window = project_window(context, pixel_of, width, height);
    if (window.columns != width || window.rows != height) {
        context.note(fmt::format("{}: the raster ({} x {} cells) reaches beyond the project area: "
                                 "only rows {}-{} and columns {}-{} are read",
                                 file.string(), width, height, window.row0 + 1,
                                 window.row0 + window.rows, window.column0 + 1,
                                 window.column0 + window.columns));
    }
    return window;
}

/// Reads the populated cells of a window, one row at a time, as population points at the cells'
/// centres.
class CellReader {
public:
    CellReader(LoadContext& context, const std::filesystem::path& file, GDALRasterBand& band,
               const std::array<double, 6>& transform, OGRCoordinateTransformation& to_lonlat,
               std::string date)
        : context_(context), file_(file), band_(band), transform_(transform), to_lonlat_(to_lonlat),
          date_(std::move(date)) {
        nodata_ = band.GetNoDataValue(&has_nodata_);
    }

    void read(const Window& window, std::vector<Parsed>& parsed);
    /// Cells with people that lie outside the project area (left out).
    [[nodiscard]] std::size_t outside() const noexcept { return outside_; }

private:
    void read_cell(int r, int c, double value, std::vector<Parsed>& parsed);

    LoadContext& context_;
    const std::filesystem::path& file_;
    GDALRasterBand& band_;
    const std::array<double, 6>& transform_;
    OGRCoordinateTransformation& to_lonlat_;
    std::string date_;
    int has_nodata_ = 0;
    double nodata_ = 0;
    std::size_t outside_ = 0;
};

void CellReader::read(const Window& window, std::vector<Parsed>& parsed) {
    std::vector<double> row(static_cast<std::size_t>(std::max(window.columns, 0)));
    const int step = std::max(1, window.rows / 10);
    for (int r = window.row0; r < window.row0 + window.rows; ++r) {
        if (window.rows >= 1000 && (r - window.row0) % step == 0) {
            context_.progress(fmt::format("{}: row {} of {}", file_.filename().string(),
                                          r - window.row0 + 1, window.rows));
        }
        if (band_.RasterIO(GF_Read, window.column0, r, window.columns, 1, row.data(),
                           window.columns, 1, GDT_Float64, 0, 0) != CE_None) {
            throw InputError(fmt::format("{}: cannot read raster row {}", file_.string(), r + 1));
        }
        for (int c = window.column0; c < window.column0 + window.columns; ++c) {
            read_cell(r, c, row[static_cast<std::size_t>(c - window.column0)], parsed);
        }
    }
}

void CellReader::read_cell(int r, int c, double value, std::vector<Parsed>& parsed) {
    if ((has_nodata_ != 0 && value == nodata_) || std::isnan(value) || value == 0) {
        return;
    }
    if (value < 0) {
        context_.problem(
            r + 1, fmt::format("cell (row {}, column {}) holds {} people", r + 1, c + 1, value));
        return;
    }
    double x = transform_[0] + (c + 0.5) * transform_[1] + (r + 0.5) * transform_[2];
    double y = transform_[3] + (c + 0.5) * transform_[4] + (r + 0.5) * transform_[5];
    if (!to_lonlat_.Transform(1, &x, &y)) {
        context_.problem(
            r + 1, fmt::format("cell (row {}, column {}) cannot be reprojected", r + 1, c + 1));
        return;
    }
    if (context_.check_location(y, x)) {
        ++outside_;
        return;
    }
    Parsed p;
    p.line = r + 1;
    p.reported = date_;
    p.key = fmt::format("cell:{:.6f},{:.6f}", y, x);
    p.data = {{"lat", std::round(y * 1e6) / 1e6},
              {"lon", std::round(x * 1e6) / 1e6},
              {"population", value},
              {"group", "residents"},
              {"raster", true}};
    parsed.push_back(std::move(p));
}

} // namespace

std::vector<Parsed> parse_population_raster(const std::filesystem::path& file,
                                            LoadContext& context) {
    const std::unique_ptr<GDALDataset> dataset = open_raster(file);
    std::vector<Parsed> parsed;
    std::array<double, 6> transform{};
    if (dataset->GetGeoTransform(transform.data()) != CE_None) {
        context.problem(1, "the raster has no geotransform: its cells cannot be placed");
        return parsed;
    }
    const OGRSpatialReference* source = dataset->GetSpatialRef();
    if (source == nullptr || source->IsEmpty()) {
        context.problem(1, "the raster has no coordinate reference system: its cells cannot be "
                           "placed (assign one with gdal_edit.py -a_srs)");
        return parsed;
    }
    OGRSpatialReference from(*source);
    from.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    const auto to_lonlat = lonlat_transformation(from, file, context);
    if (!to_lonlat) {
        return parsed;
    }
    const int width = dataset->GetRasterXSize();
    const int height = dataset->GetRasterYSize();
    const PixelLocator pixel_of(from, transform);
    const Window window = read_window(context, file, pixel_of, width, height);
    const auto date = context.reported(1, std::nullopt);
    if (!date) {
        return parsed;
    }
    CellReader cells(context, file, *dataset->GetRasterBand(1), transform, *to_lonlat, *date);
    cells.read(window, parsed);
    if (cells.outside() > 0) {
        context.note(fmt::format("{}: {} populated cells lie outside the project area and were "
                                 "left out",
                                 file.string(), cells.outside()));
    }
    empty_earlier_cells(context, parsed, pixel_of, width, height, *date);
    return parsed;
}

} // namespace dayafter::registry::detail
