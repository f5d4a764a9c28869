// Private to registry: the checks the GeoJSON loaders (hazards, admin areas) share; reading the
// format is io's (dayafter/io/geojson.hpp). Problems name a feature by its index in the
// FeatureCollection, counted from 1.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include <nlohmann/json.hpp>

#include "registry/load_common.hpp"

namespace dayafter::registry::detail {

/// The features of a FeatureCollection; nothing, after reporting a problem, when it is not one.
[[nodiscard]] const nlohmann::json* features_of(const nlohmann::json& root, LoadContext& context);

/// A feature's properties without those set to null: GDAL writes null for a property a feature
/// does not have, and absent is what it means.
[[nodiscard]] nlohmann::json present_properties(const nlohmann::json& feature);

/// The geometry with every coordinate rounded to 7 decimals (1 cm; the precision of geo::Coord),
/// so the same geometry is the same state whichever format and tool it went through (GDAL keeps
/// 15 significant digits, GeoJSON writers differ in the last ones).
[[nodiscard]] nlohmann::json rounded_geometry(const nlohmann::json& geometry);

/// Reports a problem of feature `index` ("feature 3: ...").
void feature_problem(LoadContext& context, std::int64_t index, std::string_view reason);

/// The first of `names` that is a string or a number (as its JSON text).
[[nodiscard]] std::optional<std::string> text_property(const nlohmann::json& properties,
                                                       std::initializer_list<const char*> names);

/// Lower case, with '-' read as a space ("Moderate-Damage" is "moderate damage").
[[nodiscard]] std::string lower_words(std::string_view text);

/// Checks one GeoJSON geometry (types read, positions are coordinates, rings closed, polygons
/// valid, the geometry reaches into the project area), reporting each problem as one of feature
/// `line`. A line or polygon may extend beyond the project area (a minefield across the edge of
/// the extract); only one wholly outside it is refused.
class GeometryCheck {
public:
    GeometryCheck(LoadContext& context, std::int64_t line) : context_(context), line_(line) {}

    /// True when the geometry is usable; false after reporting why not.
    bool check(const nlohmann::json& geometry);

private:
    bool fail(std::string_view reason);
    bool shape(const std::string& type, const nlohmann::json& c);
    bool position(const nlohmann::json& p);
    bool positions(const nlohmann::json& list, std::size_t at_least);
    bool polygon(const nlohmann::json& rings, std::string_view prefix);
    bool reaches_area();

    LoadContext& context_;
    std::int64_t line_;
    geo::BoundingBox extent_;                        // of the positions read
    std::optional<std::pair<double, double>> first_; // lat, lon of the first position
};

} // namespace dayafter::registry::detail
