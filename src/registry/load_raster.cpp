// Population rasters (WorldPop and the like): the cells of the project window that hold people,
// as population points at the cells' centres. Reading the raster is io's (dayafter/io/raster.hpp).
#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>
#include <set>
#include <utility>

#include <fmt/format.h>

#include "dayafter/io/raster.hpp"
#include "dayafter/util/text.hpp"
#include "registry/load_common.hpp"

namespace dayafter::registry::detail {
namespace {

/// A raster describes the whole population surface it covers: a cell of an earlier raster that
/// lies inside this one's footprint and is empty in it now holds nobody (a version with
/// population 0), so loading a newer raster over an older one does not count people twice.
void empty_earlier_cells(LoadContext& context, std::vector<Parsed>& parsed,
                         const io::Raster& raster, const std::string& date) {
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
        const auto pixel = raster.pixel_of(d["lon"].get<double>(), d["lat"].get<double>());
        if (!pixel || pixel->first < 0 || pixel->second < 0 || pixel->first >= raster.width() ||
            pixel->second >= raster.height()) {
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
io::RasterWindow project_window(const LoadContext& context, const io::Raster& raster) {
    const int width = raster.width();
    const int height = raster.height();
    const io::RasterWindow whole{0, 0, width, height};
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
            const auto pixel = raster.pixel_of(lon, lat);
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

/// The project window of the raster, with a note when that is not all of it.
io::RasterWindow read_window(LoadContext& context, const std::filesystem::path& file,
                             const io::Raster& raster) {
    const io::RasterWindow window = project_window(context, raster);
    if (window.columns != raster.width() || window.rows != raster.height()) {
        context.note(fmt::format("{}: the raster ({} x {} cells) reaches beyond the project area: "
                                 "only rows {}-{} and columns {}-{} are read",
                                 file.string(), raster.width(), raster.height(), window.row0 + 1,
                                 window.row0 + window.rows, window.column0 + 1,
                                 window.column0 + window.columns));
    }
    return window;
}

/// Turns the cells that hold people into population points at the cells' centres.
class PopulationCells {
public:
    PopulationCells(LoadContext& context, const io::Raster& raster, std::string date)
        : context_(context), raster_(raster), date_(std::move(date)) {}

    void add(const io::RasterCell& cell);
    [[nodiscard]] std::vector<Parsed>& parsed() noexcept { return parsed_; }
    /// Cells with people that lie outside the project area (left out).
    [[nodiscard]] std::size_t outside() const noexcept { return outside_; }
    /// One problem for all cells that hold no count (infinite, or a float's 3.4e38 used as an
    /// undeclared no-data value), naming the first; a broken raster would otherwise give
    /// millions of lines.
    void report_unreadable() const;

private:
    LoadContext& context_;
    const io::Raster& raster_;
    std::string date_;
    std::vector<Parsed> parsed_;
    std::size_t outside_ = 0;
    std::size_t unreadable_ = 0;
    io::RasterCell first_unreadable_;
};

/// More people than any cell of any population raster holds (the densest square kilometre on
/// Earth has about 100,000); larger values are no-data markers, not counts.
constexpr double kMostPeoplePerCell = 1e7;

void PopulationCells::report_unreadable() const {
    if (unreadable_ == 0) {
        return;
    }
    const io::RasterCell& cell = first_unreadable_;
    context_.problem(
        cell.row + 1,
        fmt::format(
            "cell (row {}, column {}) holds {}, which is not a number of people (more "
            "than {} or infinite){}; if it marks cells without data, declare it with "
            "gdal_edit.py -a_nodata",
            cell.row + 1, cell.column + 1, cell.value, util::grouped_count(kMostPeoplePerCell),
            unreadable_ == 1   ? std::string()
            : unreadable_ == 2 ? std::string(", and so does 1 other cell")
                               : fmt::format(", and so do {} other cells", unreadable_ - 1)));
}

void PopulationCells::add(const io::RasterCell& cell) {
    const int r = cell.row;
    const int c = cell.column;
    if (cell.value == 0) {
        return;
    }
    if (!std::isfinite(cell.value) || cell.value > kMostPeoplePerCell) {
        if (unreadable_++ == 0) {
            first_unreadable_ = cell;
        }
        return;
    }
    if (cell.value < 0) {
        context_.problem(r + 1, fmt::format("cell (row {}, column {}) holds {} people", r + 1,
                                            c + 1, cell.value));
        return;
    }
    const auto centre = raster_.centre(cell);
    if (!centre) {
        context_.problem(
            r + 1, fmt::format("cell (row {}, column {}) cannot be reprojected", r + 1, c + 1));
        return;
    }
    if (context_.check_location(centre->lat, centre->lon)) {
        ++outside_;
        return;
    }
    Parsed p;
    p.line = r + 1;
    p.reported = date_;
    p.key = fmt::format("cell:{:.6f},{:.6f}", centre->lat, centre->lon);
    p.data = {{"lat", std::round(centre->lat * 1e6) / 1e6},
              {"lon", std::round(centre->lon * 1e6) / 1e6},
              {"population", cell.value},
              {"group", "residents"},
              {"raster", true}};
    parsed_.push_back(std::move(p));
}

} // namespace

std::vector<Parsed> parse_population_raster(const std::filesystem::path& file,
                                            LoadContext& context) {
    const io::Raster raster = io::Raster::open(file);
    if (const auto& problem = raster.placement_problem()) {
        context.problem(1, *problem);
        return {};
    }
    if (!raster.is_wgs84_lonlat()) {
        context.note(fmt::format("{}: cells reprojected from {} to WGS 84 longitude/latitude",
                                 file.string(), raster.crs_name().value_or("its CRS")));
    }
    const io::RasterWindow window = read_window(context, file, raster);
    const auto date = context.reported(1, std::nullopt);
    if (!date) {
        return {};
    }
    PopulationCells cells(context, raster, *date);
    raster.read(
        window, [&cells](const io::RasterCell& cell) { cells.add(cell); },
        [&context](std::string_view text) { context.progress(text); });
    cells.report_unreadable();
    if (cells.outside() > 0) {
        context.note(fmt::format("{}: {} populated cells lie outside the project area and were "
                                 "left out",
                                 file.string(), cells.outside()));
    }
    std::vector<Parsed> parsed = std::move(cells.parsed());
    empty_earlier_cells(context, parsed, raster, *date);
    return parsed;
}

} // namespace dayafter::registry::detail
