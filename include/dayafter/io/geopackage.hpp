// Vector layers written for GIS tools through GDAL/OGR: one GeoPackage (OGC 12-128r18) of many
// layers, or one layer as GeoJSON, in WGS 84 longitude/latitude (EPSG:4326), one geometry type
// per layer, each geometry valid (GEOS's MakeValid where a drawing is not; parts of zero length
// dropped). A GeoPackage keeps a QGIS style per layer in its `layer_styles` table, which QGIS
// reads as the layer's default style when it opens the file.
//
//     io::VectorLayer roads{"roads", "Road segments", io::GeometryType::MultiLineString,
//                           {{"state_walk", io::FieldType::Text}}, {}, qml};
//     roads.features.push_back({geometry_json, {std::string("open")}});
//     io::write_geopackage("town.gpkg", std::span(&roads, 1));
#pragma once

#include <cstdint>
#include <filesystem>
#include <span>
#include <string>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

namespace dayafter::io {

/// Boolean is written from an integer (0, 1); DateTime from ISO 8601 text.
enum class FieldType : std::uint8_t { Text, Integer, Real, Boolean, DateTime };
enum class GeometryType : std::uint8_t { None, Point, MultiLineString, MultiPolygon };

struct FieldSpec {
    std::string name;
    FieldType type = FieldType::Text;
};

/// A field's value; std::monostate is written as NULL (unknown or not applicable).
using FieldValue = std::variant<std::monostate, std::string, std::int64_t, double>;

struct VectorFeature {
    nlohmann::json geometry;        // GeoJSON geometry in lon/lat; null for a table without one
    std::vector<FieldValue> values; // one per field of the layer, in order
};

struct VectorLayer {
    std::string name;
    std::string description; // what the layer holds, shown by QGIS and ogrinfo
    GeometryType geometry = GeometryType::Point;
    std::vector<FieldSpec> fields;
    std::vector<VectorFeature> features;
    std::string qml_style; // QGIS style (QML document); empty: none stored
};

/// Writes the layers in order into a new GeoPackage at `file`, created beside it in a private
/// folder and moved into place when complete (a failure leaves nothing behind). A feature whose
/// geometry is left empty once made valid (a road segment of no length) is not written. An existing
/// file is replaced only when `replace` is set (InputError otherwise). A geometry of another type
/// than its layer's is promoted (a Polygon to a MultiPolygon) or refused: StorageError naming
/// the layer and the feature, as for any GDAL failure.
/// Returns the features written per layer.
std::vector<std::size_t> write_geopackage(const std::filesystem::path& file,
                                          std::span<const VectorLayer> layers, bool replace);

/// Writes one layer as a GeoJSON file (RFC 7946: longitude/latitude, 7 decimals), made valid and
/// moved into place as write_geopackage does. Returns the features written.
std::size_t write_geojson(const std::filesystem::path& file, const VectorLayer& layer,
                          bool replace);

} // namespace dayafter::io
