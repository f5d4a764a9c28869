// Single-band rasters (GeoTIFF such as WorldPop's population counts, or any raster GDAL reads)
// placed on the map in WGS 84 longitude/latitude through PROJ, whatever their coordinate system.
// Opening reads only the header; cells are read one window at a time, a row per GDAL call, so a
// country-wide raster costs only the part asked for. GDAL stays behind this header.
//
//     const io::Raster raster = io::Raster::open("pop.tif");
//     if (const auto& why = raster.placement_problem()) { ... refuse: *why ... }
//     const auto pixel = raster.pixel_of(7.42, 43.73); // fractional (column, row)
//     raster.read({0, 0, raster.width(), raster.height()}, [&](const io::RasterCell& cell) {
//         if (cell.value > 0) { raster.centre(cell); } // longitude/latitude, or nothing
//     }, nullptr);
#pragma once

#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "dayafter/geo/polygon_validity.hpp"

namespace dayafter::io {

/// A block of cells: `columns` x `rows` from (column0, row0), all counted from 0.
struct RasterWindow {
    int column0 = 0;
    int row0 = 0;
    int columns = 0;
    int rows = 0;
};

/// A cell that holds a value (not nodata, not NaN); rows and columns counted from 0.
struct RasterCell {
    int row = 0;
    int column = 0;
    double value = 0;
};

class Raster {
public:
    using CellVisitor = std::function<void(const RasterCell&)>;
    using Progress = std::function<void(std::string_view)>;

    /// Opens band 1 of `file`; InputError naming the file when GDAL cannot read it as a raster.
    [[nodiscard]] static Raster open(const std::filesystem::path& file);
    Raster(Raster&&) noexcept;
    Raster& operator=(Raster&&) noexcept;
    ~Raster();

    /// Why the cells cannot be placed (no geotransform, no coordinate reference system, no PROJ
    /// transformation to longitude/latitude); nothing when they can, which pixel_of(), centre() and
    /// read() require.
    [[nodiscard]] const std::optional<std::string>& placement_problem() const noexcept;
    /// True when the cells are already WGS 84 longitude/latitude (nothing is reprojected).
    [[nodiscard]] bool is_wgs84_lonlat() const;
    /// The name of the raster's coordinate reference system; nothing when it has none.
    [[nodiscard]] std::optional<std::string> crs_name() const;

    [[nodiscard]] int width() const noexcept;
    [[nodiscard]] int height() const noexcept;

    /// Where a longitude/latitude falls, as fractional (column, row), possibly outside the
    /// raster; nothing when PROJ cannot place it or the geotransform has no inverse.
    [[nodiscard]] std::optional<std::pair<double, double>> pixel_of(double lon, double lat) const;

    /// The longitude/latitude of the cell's centre; nothing when PROJ cannot reproject it. Apart
    /// from read() so that callers reproject (most of a cell's cost) only the cells they keep.
    [[nodiscard]] std::optional<geo::LonLat> centre(const RasterCell& cell) const;

    /// Calls `visit` for each cell of `window` that holds a value, row by row; `progress` (may be
    /// empty) hears of every tenth of a window of 1,000 rows or more. InputError naming the file
    /// when a row cannot be read (one outside the raster cannot).
    void read(const RasterWindow& window, const CellVisitor& visit, const Progress& progress) const;

private:
    struct State;
    explicit Raster(std::unique_ptr<State> state);

    std::unique_ptr<State> state_;
};

} // namespace dayafter::io
