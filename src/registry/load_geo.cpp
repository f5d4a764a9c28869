// The geographic kinds: hazards and admin areas (GeoJSON, RFC 7946) and population rasters
// (GeoTIFF through GDAL, reprojected to longitude/latitude with PROJ).
#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <memory>
#include <optional>
#include <set>
#include <utility>

// GCC 12 reports a false "may be used uninitialized" inside Boost.Geometry's rescale policy when
// is_valid is inlined here; the warning is about Boost's code, not ours.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#include <boost/geometry.hpp>
#pragma GCC diagnostic pop
#include <cpl_conv.h>
#include <gdal_priv.h>
#include <ogr_spatialref.h>

#include <fmt/format.h>

#include "dayafter/model/hazard.hpp"
#include "dayafter/util/error.hpp"
#include "registry/load_common.hpp"

namespace dayafter::registry::detail {
namespace {

namespace bg = boost::geometry;
/// A bridge given by location is the one whose road passes within this distance.
constexpr double kBridgeSearchM = 50;
using XY = bg::model::d2::point_xy<double>;
using Polygon = bg::model::polygon<XY>;

nlohmann::json read_json_file(const std::filesystem::path& file) {
    const std::string text = read_file_text(file);
    try {
        return nlohmann::json::parse(text);
    } catch (const nlohmann::json::parse_error& error) {
        throw InputError(fmt::format("{}: not valid JSON: {}", file.string(), error.what()));
    }
}

/// Checks one GeoJSON geometry; `where` prefixes each problem ("feature 3").
class GeometryCheck {
public:
    GeometryCheck(LoadContext& context, std::int64_t line) : context_(context), line_(line) {}

    bool check(const nlohmann::json& geometry) {
        if (!geometry.is_object() || !geometry.contains("type") ||
            !geometry.contains("coordinates")) {
            return fail("the geometry has no type or coordinates");
        }
        const std::string type = geometry["type"].is_string() ? geometry["type"] : "";
        const nlohmann::json& c = geometry["coordinates"];
        if (type == "Point") {
            return position(c);
        }
        if (type == "MultiPoint" || type == "LineString") {
            return positions(c, type == "LineString" ? 2 : 1);
        }
        if (type == "Polygon") {
            return polygon(c, "");
        }
        if (type == "MultiPolygon") {
            if (!c.is_array() || c.empty()) {
                return fail("a MultiPolygon needs at least one polygon");
            }
            bool ok = true;
            for (std::size_t p = 0; p < c.size(); ++p) {
                ok = polygon(c[p], fmt::format("polygon {}: ", p + 1)) && ok;
            }
            return ok;
        }
        return fail(fmt::format("geometry type '{}' is not read (Point, MultiPoint, LineString, "
                                "Polygon, MultiPolygon)",
                                type));
    }

private:
    bool fail(std::string_view reason) {
        context_.problem(line_, fmt::format("feature {}: {}", line_, reason));
        return false;
    }

    bool position(const nlohmann::json& p) {
        if (!p.is_array() || p.size() < 2 || !p[0].is_number() || !p[1].is_number()) {
            return fail("a position must be [longitude, latitude] numbers");
        }
        if (const auto problem = context_.check_location(p[1].get<double>(), p[0].get<double>())) {
            return fail(*problem);
        }
        return true;
    }

    bool positions(const nlohmann::json& list, std::size_t at_least) {
        if (!list.is_array() || list.size() < at_least) {
            return fail(fmt::format("needs at least {} positions", at_least));
        }
        for (const auto& p : list) {
            if (!position(p)) {
                return false;
            }
        }
        return true;
    }

    bool polygon(const nlohmann::json& rings, std::string_view prefix) {
        if (!rings.is_array() || rings.empty()) {
            return fail(fmt::format("{}a polygon needs an outer ring", prefix));
        }
        Polygon shape;
        for (std::size_t r = 0; r < rings.size(); ++r) {
            const nlohmann::json& ring = rings[r];
            if (!positions(ring, 4)) {
                return false;
            }
            if (ring.front() != ring.back()) {
                return fail(fmt::format("{}ring {} is not closed (its first and last positions "
                                        "differ)",
                                        prefix, r + 1));
            }
            auto& target =
                r == 0 ? shape.outer() : (shape.inners().emplace_back(), shape.inners().back());
            for (const auto& p : ring) {
                // Degrees scaled by the latitude's cosine: planar enough to judge validity.
                target.emplace_back(p[0].get<double>() *
                                        std::cos(p[1].get<double>() * geo::kDegToRad),
                                    p[1].get<double>());
            }
        }
        bg::correct(shape);
        std::string reason;
        if (!bg::is_valid(shape, reason)) {
            // Boost's first sentence ("Geometry has invalid self-intersections."); its details
            // are in projected units, which would only confuse.
            return fail(fmt::format("{}the polygon is not valid: {}", prefix,
                                    reason.substr(0, reason.find('.') + 1)));
        }
        return true;
    }

    LoadContext& context_;
    std::int64_t line_;
};

std::string lower_words(std::string_view text) {
    std::string out = ascii_lower(text);
    for (char& c : out) {
        c = c == '-' ? ' ' : c;
    }
    return out;
}

std::optional<std::string> hazard_kind(const std::string& text) {
    const std::string t = lower_words(text);
    if (t == "rubble" || t == "debris") {
        return "rubble";
    }
    if (t == "contamination" || t == "contaminated" || t == "mined" || t == "mines" || t == "uxo" ||
        t == "erw") {
        return "contamination";
    }
    if (t == "bridge") {
        return "bridge";
    }
    if (t == "insecure" || t == "insecurity") {
        return "insecure";
    }
    return std::nullopt;
}

/// UNOSAT's damage classes, in their own spellings too.
std::optional<std::string> damage_class(const std::string& text) {
    const std::string t = lower_words(text);
    for (const std::string_view cls : {"destroyed", "severe", "moderate", "possible"}) {
        if (t == cls || t == fmt::format("{} damage", cls) ||
            (cls != "destroyed" && t == fmt::format("{}ly damaged", cls))) {
            return std::string(cls);
        }
    }
    if (t == "no damage" || t == "no visible damage" || t == "none") {
        return "none";
    }
    return std::nullopt;
}

std::optional<std::string> text_property(const nlohmann::json& properties,
                                         std::initializer_list<const char*> names) {
    for (const char* name : names) {
        if (properties.contains(name) && properties[name].is_string()) {
            return properties[name].get<std::string>();
        }
        if (properties.contains(name) && properties[name].is_number()) {
            return properties[name].dump();
        }
    }
    return std::nullopt;
}

std::uint64_t fnv1a(std::string_view text) {
    std::uint64_t hash = 0xcbf29ce484222325ULL;
    for (const char c : text) {
        hash = (hash ^ static_cast<unsigned char>(c)) * 0x100000001b3ULL;
    }
    return hash;
}

/// The features of a FeatureCollection; problems when it is not one.
const nlohmann::json* features_of(const nlohmann::json& root, LoadContext& context) {
    if (!root.is_object() || root.value("type", "") != "FeatureCollection" ||
        !root.contains("features") || !root["features"].is_array()) {
        context.problem(1, "not a GeoJSON FeatureCollection");
        return nullptr;
    }
    return &root["features"];
}

} // namespace

std::vector<Parsed> parse_hazards(const std::filesystem::path& file, LoadContext& context) {
    const nlohmann::json root = read_json_file(file);
    std::vector<Parsed> parsed;
    const nlohmann::json* features = features_of(root, context);
    if (features == nullptr) {
        return parsed;
    }
    for (std::size_t f = 0; f < features->size(); ++f) {
        const nlohmann::json& feature = (*features)[f];
        // Problems name the feature by its index, counted from 1.
        const auto index = static_cast<std::int64_t>(f + 1);
        const auto problem = [&](std::string_view reason) {
            context.problem(index, fmt::format("feature {}: {}", index, reason));
        };
        if (!feature.is_object() || feature.value("type", "") != "Feature") {
            problem("not a GeoJSON Feature");
            continue;
        }
        const nlohmann::json properties =
            feature.contains("properties") && feature["properties"].is_object()
                ? feature["properties"]
                : nlohmann::json::object();
        Parsed p;
        p.line = index;
        bool ok = true;
        const auto kind_text = text_property(properties, {"kind", "hazard"});
        const auto kind = kind_text ? hazard_kind(*kind_text) : std::nullopt;
        if (!kind) {
            problem(kind_text ? fmt::format("kind '{}' is not rubble, contamination, bridge or "
                                            "insecure",
                                            *kind_text)
                              : "no 'kind' property (rubble, contamination, bridge, insecure)");
            continue;
        }
        p.data["kind"] = *kind;
        const bool has_geometry = feature.contains("geometry") && !feature["geometry"].is_null();
        if (has_geometry) {
            GeometryCheck check(context, index);
            if (!check.check(feature["geometry"])) {
                continue;
            }
            p.data["geometry"] = feature["geometry"];
        }
        const std::string geometry_type = has_geometry ? feature["geometry"].value("type", "") : "";
        const bool areal = geometry_type == "Polygon" || geometry_type == "MultiPolygon";
        if ((*kind == "contamination" || *kind == "insecure") && !areal) {
            problem(fmt::format("a {} area needs a Polygon or MultiPolygon geometry", *kind));
            ok = false;
        }
        if (*kind == "rubble") {
            if (const auto text = text_property(
                    properties, {"damage", "damage_class", "Main_Damag", "main_damage"})) {
                if (const auto cls = damage_class(*text)) {
                    p.data["damage"] = *cls;
                } else {
                    problem(fmt::format("damage '{}' is not destroyed, severe, moderate, possible "
                                        "or none",
                                        *text));
                    ok = false;
                }
            }
            if (properties.contains("volume_m3")) {
                if (!properties["volume_m3"].is_number() ||
                    properties["volume_m3"].get<double>() < 0) {
                    problem("volume_m3 is not a number of 0 or more");
                    ok = false;
                } else {
                    p.data["volume_m3"] = properties["volume_m3"].get<double>();
                }
            }
            if (!p.data.contains("damage") && !p.data.contains("volume_m3") && ok) {
                problem("rubble needs a damage class or a volume_m3");
                ok = false;
            }
            if (!has_geometry) {
                problem("rubble needs a geometry");
                ok = false;
            }
        }
        if (*kind == "bridge") {
            if (properties.contains("osm_way")) {
                if (!properties["osm_way"].is_number_integer()) {
                    problem("osm_way is not an OSM way id");
                    ok = false;
                } else {
                    p.data["osm_way"] = properties["osm_way"].get<std::int64_t>();
                }
            } else if (geometry_type != "Point") {
                problem("a bridge needs osm_way (the bridge's OSM way id) or a Point near it");
                ok = false;
            }
            if (p.data.contains("osm_way")) {
                const std::int64_t way = p.data["osm_way"].get<std::int64_t>();
                const bool known =
                    std::any_of(context.town.bridges.begin(), context.town.bridges.end(),
                                [&](const model::Bridge& b) { return b.osm_way_id == way; });
                if (!known) {
                    problem(fmt::format("osm_way {} is not a bridge of the project", way));
                    ok = false;
                }
            } else if (geometry_type == "Point" && ok) {
                const auto& c = feature["geometry"]["coordinates"];
                if (const auto way = model::nearest_bridge(
                        context.town,
                        geo::Coord::from_degrees(c[0].get<double>(), c[1].get<double>()),
                        kBridgeSearchM)) {
                    p.data["osm_way"] = *way;
                } else {
                    problem(fmt::format("no bridge of the project within {} m of the point",
                                        kBridgeSearchM));
                    ok = false;
                }
            }
            const std::string state =
                lower_words(text_property(properties, {"state"}).value_or("destroyed"));
            if (state != "destroyed" && state != "damaged") {
                problem(fmt::format("state '{}' is not destroyed or damaged", state));
                ok = false;
            }
            p.data["state"] = state;
        }
        if (const auto effect = text_property(properties, {"effect"})) {
            const std::string e = lower_words(*effect);
            if (e != "block" && e != "slow" && e != "none") {
                problem(fmt::format("effect '{}' is not block, slow or none", *effect));
                ok = false;
            }
            p.data["effect"] = e;
        }
        for (const char* field : {"name", "owner", "funder", "source"}) {
            if (const auto value = text_property(properties, {field})) {
                p.data[field] = *value;
            }
        }
        std::optional<std::string> own_date;
        if (const auto text = text_property(properties, {"reported", "date"})) {
            own_date = parse_iso_date(*text);
            if (!own_date) {
                problem(fmt::format("reported '{}' is not an ISO 8601 date (YYYY-MM-DD)", *text));
                ok = false;
            }
        }
        const auto date = context.reported(index, own_date);
        if (!ok || !date) {
            continue;
        }
        p.reported = *date;
        const nlohmann::json& id =
            feature.contains("id") ? feature["id"] : properties.value("id", nlohmann::json());
        if (id.is_string()) {
            p.key = id.get<std::string>();
        } else if (id.is_number()) {
            p.key = id.dump();
        } else {
            // No id: a key from what it is, so the same feature loads as the same hazard.
            p.key =
                fmt::format("h{:016x}", fnv1a(p.data["kind"].dump() +
                                              p.data.value("geometry", nlohmann::json()).dump() +
                                              p.data.value("osm_way", nlohmann::json()).dump()));
        }
        parsed.push_back(std::move(p));
    }
    return parsed;
}

std::vector<Parsed> parse_admin_areas(const std::filesystem::path& file, LoadContext& context) {
    const nlohmann::json root = read_json_file(file);
    std::vector<Parsed> parsed;
    const nlohmann::json* features = features_of(root, context);
    if (features == nullptr) {
        return parsed;
    }
    // The spellings of P-code fields seen in COD-AB and HDX files.
    auto pcode = [](const nlohmann::json& properties, int level) -> std::optional<std::string> {
        return text_property(properties, {fmt::format("ADM{}_PCODE", level).c_str(),
                                          fmt::format("admin{}Pcode", level).c_str(),
                                          fmt::format("adm{}_pcode", level).c_str()});
    };
    std::map<std::string, std::int64_t> codes;
    for (const auto& [key, entry] : context.current.objects(Kind::Population)) {
        if (key.starts_with("adm:")) {
            codes[key.substr(4)] = 0;
        }
    }
    std::vector<std::pair<std::string, std::int64_t>> parents;
    for (std::size_t f = 0; f < features->size(); ++f) {
        const nlohmann::json& feature = (*features)[f];
        const auto index = static_cast<std::int64_t>(f + 1);
        if (!feature.is_object() || feature.value("type", "") != "Feature") {
            context.problem(index, fmt::format("feature {}: not a GeoJSON Feature", index));
            continue;
        }
        const nlohmann::json properties = feature.value("properties", nlohmann::json::object());
        int level = 0;
        for (int l = 4; l >= 1 && level == 0; --l) {
            if (pcode(properties, l)) {
                level = l;
            }
        }
        if (level == 0) {
            context.problem(index, fmt::format("feature {}: no P-code property (ADM1_PCODE, "
                                               "admin1Pcode or adm1_pcode, up to level 4)",
                                               index));
            continue;
        }
        GeometryCheck check(context, index);
        if (!feature.contains("geometry") || !check.check(feature["geometry"])) {
            continue;
        }
        Parsed p;
        p.line = index;
        const std::string code = *pcode(properties, level);
        p.key = "adm:" + code;
        p.data["level"] = level;
        p.data["pcode"] = code;
        p.data["geometry"] = feature["geometry"];
        if (const auto name =
                text_property(properties, {fmt::format("ADM{}_EN", level).c_str(),
                                           fmt::format("admin{}Name", level).c_str(), "name"})) {
            p.data["name"] = *name;
        }
        if (level > 1) {
            const auto parent = pcode(properties, level - 1);
            if (!parent) {
                context.problem(index, fmt::format("feature {}: admin level {} area {} has no "
                                                   "parent code (ADM{}_PCODE)",
                                                   index, level, code, level - 1));
                continue;
            }
            p.data["parent"] = *parent;
            parents.emplace_back(*parent, index);
        }
        if (properties.contains("population")) {
            if (!properties["population"].is_number() ||
                properties["population"].get<double>() < 0) {
                context.problem(index, fmt::format("feature {}: population is not a number of 0 "
                                                   "or more",
                                                   index));
                continue;
            }
            p.data["population"] = properties["population"];
        }
        const auto date = context.reported(index, std::nullopt);
        if (!date) {
            continue;
        }
        p.reported = *date;
        codes.emplace(code, index);
        parsed.push_back(std::move(p));
    }
    for (const auto& [parent, index] : parents) {
        if (!codes.contains(parent)) {
            context.problem(index, fmt::format("feature {}: parent P-code {} is neither in this "
                                               "file nor in the project",
                                               index, parent));
        }
    }
    return parsed;
}

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

} // namespace

std::vector<Parsed> parse_population_raster(const std::filesystem::path& file,
                                            LoadContext& context) {
    GDALAllRegister();
    CPLPushErrorHandler(CPLQuietErrorHandler);
    std::unique_ptr<GDALDataset> dataset(
        GDALDataset::Open(file.c_str(), GDAL_OF_RASTER | GDAL_OF_READONLY));
    CPLPopErrorHandler();
    if (!dataset) {
        throw InputError(fmt::format("{}: GDAL cannot read it as a raster: {}", file.string(),
                                     CPLGetLastErrorMsg()));
    }
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
    const OGRSpatialReference lonlat = wgs84();
    OGRSpatialReference from(*source);
    from.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    std::unique_ptr<OGRCoordinateTransformation> to_lonlat(
        OGRCreateCoordinateTransformation(&from, &lonlat));
    if (!to_lonlat) {
        context.problem(1, fmt::format("PROJ cannot transform the raster's coordinate system "
                                       "({}) to longitude/latitude",
                                       from.GetName() != nullptr ? from.GetName() : "unnamed"));
        return parsed;
    }
    if (!from.IsGeographic() || from.GetEPSGGeogCS() != 4326) {
        context.note(fmt::format("{}: cells reprojected from {} to WGS 84 longitude/latitude",
                                 file.string(),
                                 from.GetName() != nullptr ? from.GetName() : "its CRS"));
    }
    GDALRasterBand* band = dataset->GetRasterBand(1);
    const int width = dataset->GetRasterXSize();
    const int height = dataset->GetRasterYSize();
    int has_nodata = 0;
    const double nodata = band->GetNoDataValue(&has_nodata);
    const PixelLocator pixel_of(from, transform);
    const Window window = project_window(context, pixel_of, width, height);
    if (window.columns != width || window.rows != height) {
        context.note(fmt::format("{}: the raster ({} x {} cells) reaches beyond the project area: "
                                 "only rows {}-{} and columns {}-{} are read",
                                 file.string(), width, height, window.row0 + 1,
                                 window.row0 + window.rows, window.column0 + 1,
                                 window.column0 + window.columns));
    }
    std::vector<double> row(static_cast<std::size_t>(std::max(window.columns, 0)));
    std::size_t outside = 0;
    const auto date = context.reported(1, std::nullopt);
    const int step = std::max(1, window.rows / 10);
    for (int r = window.row0; r < window.row0 + window.rows && date; ++r) {
        if (window.rows >= 1000 && (r - window.row0) % step == 0) {
            context.progress(fmt::format("{}: row {} of {}", file.filename().string(),
                                         r - window.row0 + 1, window.rows));
        }
        if (band->RasterIO(GF_Read, window.column0, r, window.columns, 1, row.data(),
                           window.columns, 1, GDT_Float64, 0, 0) != CE_None) {
            throw InputError(fmt::format("{}: cannot read raster row {}", file.string(), r + 1));
        }
        for (int c = window.column0; c < window.column0 + window.columns; ++c) {
            const double value = row[static_cast<std::size_t>(c - window.column0)];
            if ((has_nodata != 0 && value == nodata) || std::isnan(value) || value == 0) {
                continue;
            }
            if (value < 0) {
                context.problem(r + 1, fmt::format("cell (row {}, column {}) holds {} people",
                                                   r + 1, c + 1, value));
                continue;
            }
            double x = transform[0] + (c + 0.5) * transform[1] + (r + 0.5) * transform[2];
            double y = transform[3] + (c + 0.5) * transform[4] + (r + 0.5) * transform[5];
            if (!to_lonlat->Transform(1, &x, &y)) {
                context.problem(r + 1, fmt::format("cell (row {}, column {}) cannot be "
                                                   "reprojected",
                                                   r + 1, c + 1));
                continue;
            }
            if (context.check_location(y, x)) {
                ++outside;
                continue;
            }
            Parsed p;
            p.line = r + 1;
            p.reported = *date;
            p.key = fmt::format("cell:{:.6f},{:.6f}", y, x);
            p.data = {{"lat", std::round(y * 1e6) / 1e6},
                      {"lon", std::round(x * 1e6) / 1e6},
                      {"population", value},
                      {"group", "residents"},
                      {"raster", true}};
            parsed.push_back(std::move(p));
        }
    }
    if (outside > 0) {
        context.note(fmt::format("{}: {} populated cells lie outside the project area and were "
                                 "left out",
                                 file.string(), outside));
    }
    if (date) {
        empty_earlier_cells(context, parsed, pixel_of, width, height, *date);
    }
    return parsed;
}

} // namespace dayafter::registry::detail
