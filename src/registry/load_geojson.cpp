#include "registry/load_geojson.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

#include <fmt/format.h>

#include "dayafter/geo/polygon_validity.hpp"
#include "dayafter/io/geojson.hpp"

namespace dayafter::registry::detail {

const nlohmann::json* features_of(const nlohmann::json& root, LoadContext& context) {
    const nlohmann::json* features = io::geojson_features(root);
    if (features == nullptr) {
        context.problem(1, "not a GeoJSON FeatureCollection");
    }
    return features;
}

nlohmann::json present_properties(const nlohmann::json& feature) {
    nlohmann::json properties = nlohmann::json::object();
    if (!feature.contains("properties") || !feature["properties"].is_object()) {
        return properties;
    }
    for (const auto& [name, value] : feature["properties"].items()) {
        if (!value.is_null()) {
            properties[name] = value;
        }
    }
    return properties;
}

namespace {

nlohmann::json rounded_coordinates(const nlohmann::json& value) {
    if (value.is_array()) {
        nlohmann::json out = nlohmann::json::array();
        for (const nlohmann::json& item : value) {
            out.push_back(rounded_coordinates(item));
        }
        return out;
    }
    if (value.is_number_float() && std::isfinite(value.get<double>())) {
        return std::round(value.get<double>() * 1e7) / 1e7;
    }
    return value;
}

} // namespace

nlohmann::json rounded_geometry(const nlohmann::json& geometry) {
    if (!geometry.is_object() || !geometry.contains("coordinates")) {
        return geometry;
    }
    nlohmann::json out = geometry;
    out["coordinates"] = rounded_coordinates(geometry["coordinates"]);
    return out;
}

void feature_problem(LoadContext& context, std::int64_t index, std::string_view reason) {
    context.problem(index, fmt::format("feature {}: {}", index, reason));
}

std::optional<std::string> text_property(const nlohmann::json& properties,
                                         std::initializer_list<const char*> names) {
    auto text = [](const nlohmann::json& value) -> std::optional<std::string> {
        if (value.is_string()) {
            return value.get<std::string>();
        }
        if (value.is_number()) {
            return value.dump();
        }
        return std::nullopt;
    };
    for (const char* name : names) {
        if (properties.contains(name)) {
            if (auto found = text(properties[name])) {
                return found;
            }
        }
    }
    // Formats spell the same field in other cases: KML's Name, a Shapefile's SITEID.
    for (const char* name : names) {
        for (const auto& [key, value] : properties.items()) {
            if (ascii_lower(key) == ascii_lower(name)) {
                if (auto found = text(value)) {
                    return found;
                }
            }
        }
    }
    return std::nullopt;
}

std::string lower_words(std::string_view text) {
    std::string out = ascii_lower(text);
    for (char& c : out) {
        c = c == '-' ? ' ' : c;
    }
    return out;
}

bool GeometryCheck::check(const nlohmann::json& geometry) {
    if (!geometry.is_object() || !geometry.contains("type") || !geometry.contains("coordinates")) {
        return fail("the geometry has no type or coordinates");
    }
    const std::string type = geometry["type"].is_string() ? geometry["type"] : "";
    return shape(type, geometry["coordinates"]) && reaches_area();
}

bool GeometryCheck::shape(const std::string& type, const nlohmann::json& c) {
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

bool GeometryCheck::fail(std::string_view reason) {
    feature_problem(context_, line_, reason);
    return false;
}

bool GeometryCheck::position(const nlohmann::json& p) {
    if (!p.is_array() || p.size() < 2 || !p[0].is_number() || !p[1].is_number()) {
        return fail("a position must be [longitude, latitude] numbers");
    }
    const double lat = p[1].get<double>();
    const double lon = p[0].get<double>();
    if (!std::isfinite(lat) || !std::isfinite(lon) || lat < -90 || lat > 90 || lon < -180 ||
        lon > 180) {
        return fail(context_.check_location(lat, lon).value_or("not a coordinate"));
    }
    if (!first_) {
        first_.emplace(lat, lon);
    }
    extent_.min_lat = std::min(extent_.min_lat, lat);
    extent_.max_lat = std::max(extent_.max_lat, lat);
    extent_.min_lon = std::min(extent_.min_lon, lon);
    extent_.max_lon = std::max(extent_.max_lon, lon);
    return true;
}

bool GeometryCheck::reaches_area() {
    const geo::BoundingBox& area = context_.area();
    if (area.empty() || !first_) {
        return true;
    }
    // Extents that overlap: the geometry may reach into the area. A point must lie inside.
    const bool overlaps = extent_.min_lat <= area.max_lat && extent_.max_lat >= area.min_lat &&
                          extent_.min_lon <= area.max_lon && extent_.max_lon >= area.min_lon;
    if (overlaps) {
        return true;
    }
    const std::string where =
        context_.check_location(first_->first, first_->second).value_or("outside");
    return fail(fmt::format("the geometry lies wholly outside the project area ({})", where));
}

bool GeometryCheck::positions(const nlohmann::json& list, std::size_t at_least) {
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

bool GeometryCheck::polygon(const nlohmann::json& rings, std::string_view prefix) {
    if (!rings.is_array() || rings.empty()) {
        return fail(fmt::format("{}a polygon needs an outer ring", prefix));
    }
    std::vector<geo::LonLatRing> lonlat_rings;
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
        geo::LonLatRing& target = lonlat_rings.emplace_back();
        for (const auto& p : ring) {
            target.push_back({p[0].get<double>(), p[1].get<double>()});
        }
    }
    if (const auto reason = geo::polygon_invalidity(lonlat_rings)) {
        return fail(fmt::format("{}the polygon is not valid: {}", prefix, *reason));
    }
    return true;
}

} // namespace dayafter::registry::detail
