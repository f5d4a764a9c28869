// Any vector or table file GDAL/OGR opens (GeoJSON, Shapefile, zipped or not, GeoPackage, FileGDB,
// KML, XLSX, ODS and the `/vsizip/` paths) read as one layer of rows: field names, each feature's
// values as text (absent when GDAL has none: a null or unset field) and its geometry as GeoJSON in
// longitude/latitude (EPSG:4326). This is the one place an OGR layer becomes rows; the loaders
// turn them into the HXL table or the GeoJSON features their checks already read, so a kind is
// checked the same whatever format it came in. The whole layer is read into memory.
//
//     const VectorTable table = read_vector_table("damage.gpkg", "buildings");
//     for (const VectorRow& row : table.rows) { row.values[0]; row.geometry; row.number; }
//     const HxlTable hxl = to_hxl_table(table);          // the table kinds
//     const nlohmann::json collection = to_feature_collection(table); // hazards, admin areas
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "dayafter/io/hxl.hpp"

namespace dayafter::io {

/// How a field's values read back as GeoJSON properties.
enum class VectorFieldType : std::uint8_t { Text, Integer, Real };

struct VectorField {
    std::string name;
    VectorFieldType type = VectorFieldType::Text;
};

struct VectorRow {
    /// The row or feature number in messages: the spreadsheet row (counting the header row) for
    /// XLSX and ODS, else the feature's position in the layer counted from 1.
    std::size_t number = 0;
    std::vector<std::optional<std::string>> values; // per field; nothing: null or unset
    std::optional<nlohmann::json> geometry;         // GeoJSON, 2D, longitude/latitude
};

struct VectorTable {
    std::string file;  // as given
    std::string layer; // the layer read
    /// "FILE (layer NAME)": what messages about its rows start with.
    std::string name;
    std::vector<VectorField> fields;
    std::vector<VectorRow> rows;
    /// A spreadsheet is read without a header row: its first row is rows[0] (number 1), so the
    /// hashtag row can be any of the first rows, as in a CSV file.
    bool is_spreadsheet = false;
    std::vector<std::string> notes; // what the user should know (reprojected, skipped parts)
};

/// Whether the file is read through GDAL: anything but .csv, .tsv, .txt (HXL CSV), .geojson,
/// .json and .tif, .tiff, which have readers of their own that name lines and columns.
[[nodiscard]] bool is_gdal_vector_path(const std::filesystem::path& file);

/// Reads one layer of the file: `layer` when given, else the only one. Throws InputError naming
/// the file when GDAL cannot open it (with GDAL's own reason), when the layer does not exist or
/// when the file has several and none is chosen (listing them all), and naming the feature when
/// a geometry cannot be moved into longitude/latitude.
[[nodiscard]] VectorTable read_vector_table(const std::filesystem::path& file,
                                            const std::optional<std::string>& layer);

/// The layer as an HXL table: the field names are its first row (for a spreadsheet, its own
/// first row), so the hashtag row is found as in a CSV file and row numbers stand for lines.
/// A layer of points without #geo+lat and #geo+lon columns gets them from its points.
/// Throws InputError when no hashtag row is found and there is no mapping (see
/// parse_hxl_records).
[[nodiscard]] HxlTable to_hxl_table(const VectorTable& table, const HxlMapping* mapping = nullptr);

/// The layer as a GeoJSON FeatureCollection: one Feature per row, its geometry (null without one)
/// and its values as properties, numbers for numeric fields, absent values left out.
[[nodiscard]] nlohmann::json to_feature_collection(const VectorTable& table);

} // namespace dayafter::io
