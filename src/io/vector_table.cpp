// One OGR layer read into rows. GDAL's messages are captured and put into our errors, never
// printed: the library writes nothing to stderr.
#include "dayafter/io/vector_table.hpp"

#include <algorithm>
#include <memory>

#include <cpl_conv.h>
#include <cpl_error.h>
#include <gdal.h>
#include <ogr_api.h>
#include <ogr_geometry.h>
#include <ogr_spatialref.h>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "dayafter/util/error.hpp"
#include "dayafter/util/text.hpp"

namespace dayafter::io {
namespace {

/// GDAL's errors while it lives, kept instead of printed (CPLPushErrorHandlerEx is per thread).
class ErrorCapture {
public:
    ErrorCapture() { CPLPushErrorHandlerEx(&ErrorCapture::handle, this); }
    ~ErrorCapture() { CPLPopErrorHandler(); }
    ErrorCapture(const ErrorCapture&) = delete;
    ErrorCapture& operator=(const ErrorCapture&) = delete;

    /// The last failure's message, else the last warning's; empty when GDAL said nothing.
    [[nodiscard]] std::string message() const { return failure_.empty() ? warning_ : failure_; }

private:
    static void CPL_STDCALL handle(CPLErr level, CPLErrorNum /*number*/, const char* text) {
        auto* self = static_cast<ErrorCapture*>(CPLGetErrorHandlerUserData());
        if (self != nullptr && text != nullptr) {
            (level >= CE_Failure ? self->failure_ : self->warning_) = text;
        }
    }

    std::string failure_;
    std::string warning_;
};

struct DatasetCloser {
    void operator()(void* dataset) const { GDALClose(dataset); }
};
using Dataset = std::unique_ptr<void, DatasetCloser>;

struct FeatureDeleter {
    void operator()(OGRFeatureH feature) const { OGR_F_Destroy(feature); }
};
using Feature = std::unique_ptr<std::remove_pointer_t<OGRFeatureH>, FeatureDeleter>;

bool has_suffix(const std::filesystem::path& file, std::string_view suffix) {
    return util::ascii_lower(file.string()).ends_with(suffix);
}

/// What GDAL is given: a zipped Shapefile or GeoPackage through /vsizip/, anything else as is.
std::string gdal_path(const std::filesystem::path& file) {
    const std::string text = file.string();
    if (has_suffix(file, ".zip") && !text.starts_with("/vsi")) {
        return "/vsizip/" + text;
    }
    return text;
}

bool is_spreadsheet_path(const std::filesystem::path& file) {
    return has_suffix(file, ".xlsx") || has_suffix(file, ".ods");
}

Dataset open_vector(const std::filesystem::path& file) {
    GDALAllRegister();
    // A spreadsheet is read as rows of text, its first row included, so its hashtag row (or
    // header row) is found as in a CSV file and row numbers are the ones the user sees.
    const char* const spreadsheet_options[] = {"HEADERS=DISABLE", "FIELD_TYPES=STRING", nullptr};
    ErrorCapture errors;
    Dataset dataset(GDALOpenEx(gdal_path(file).c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr,
                               is_spreadsheet_path(file) ? spreadsheet_options : nullptr, nullptr));
    if (!dataset) {
        const std::string reason = errors.message();
        throw InputError(
            fmt::format("{}: GDAL cannot open it as a vector or table file: {}", file.string(),
                        reason.empty() ? "not a format GDAL reads, or damaged" : reason));
    }
    return dataset;
}

std::vector<std::string> layer_names(void* dataset) {
    std::vector<std::string> names;
    for (int l = 0; l < GDALDatasetGetLayerCount(dataset); ++l) {
        names.emplace_back(OGR_L_GetName(GDALDatasetGetLayer(dataset, l)));
    }
    return names;
}

OGRLayerH choose_layer(void* dataset, const std::filesystem::path& file,
                       const std::optional<std::string>& layer) {
    const std::vector<std::string> names = layer_names(dataset);
    if (layer) {
        if (OGRLayerH found = GDALDatasetGetLayerByName(dataset, layer->c_str())) {
            return found;
        }
        throw InputError(fmt::format("{}: no layer '{}' (its layers: {})", file.string(), *layer,
                                     fmt::join(names, ", ")));
    }
    if (names.empty()) {
        throw InputError(fmt::format("{}: the file has no layer to read", file.string()));
    }
    if (names.size() > 1) {
        throw InputError(
            fmt::format("{}: the file has {} layers ({}): choose one with --layer NAME",
                        file.string(), names.size(), fmt::join(names, ", ")));
    }
    return GDALDatasetGetLayer(dataset, 0);
}

VectorFieldType field_type(OGRFieldType type) {
    switch (type) {
    case OFTInteger:
    case OFTInteger64:
        return VectorFieldType::Integer;
    case OFTReal:
        return VectorFieldType::Real;
    default:
        return VectorFieldType::Text;
    }
}

/// GDAL's own spelling of a date (YYYY/MM/DD), which ogr2ogr writes into formats that store
/// dates as text (KML): read as the ISO 8601 date it stands for.
std::string iso_date_spelling(std::string text) {
    const bool gdal_date = text.size() == 10 && text[4] == '/' && text[7] == '/' &&
                           std::all_of(text.begin(), text.end(),
                                       [](char c) { return c == '/' || (c >= '0' && c <= '9'); });
    if (gdal_date) {
        text[4] = '-';
        text[7] = '-';
    }
    return text;
}

/// A field's value as text the loaders read: dates in ISO 8601, whatever the format's own
/// spelling (a Shapefile's 2017/12/15).
std::optional<std::string> field_text(OGRFeatureH feature, int field, OGRFieldType type) {
    if (OGR_F_IsFieldSetAndNotNull(feature, field) == 0) {
        return std::nullopt;
    }
    if (type == OFTDate || type == OFTDateTime) {
        int year = 0;
        int month = 0;
        int day = 0;
        int hour = 0;
        int minute = 0;
        float second = 0;
        int zone = 0;
        if (OGR_F_GetFieldAsDateTimeEx(feature, field, &year, &month, &day, &hour, &minute, &second,
                                       &zone) != 0) {
            return fmt::format("{:04}-{:02}-{:02}", year, month, day);
        }
    }
    return iso_date_spelling(OGR_F_GetFieldAsString(feature, field));
}

/// Outer rings counter-clockwise and holes clockwise (RFC 7946, 3.1.6): a Shapefile stores them
/// the other way round, and the same polygon must read the same from every format.
void orient_rings(OGRPolygon& polygon) {
    for (int r = 0; r < polygon.getNumInteriorRings() + 1; ++r) {
        OGRLinearRing* ring = r == 0 ? polygon.getExteriorRing() : polygon.getInteriorRing(r - 1);
        if (ring != nullptr && (ring->isClockwise() != 0) == (r == 0)) {
            ring->reverseWindingOrder();
        }
    }
}

/// Shapefile and FileGDB do not tell one part from a multi-part of one, so a multi-part of one
/// reads as the single geometry it stands for.
std::unique_ptr<OGRGeometry> single_part(std::unique_ptr<OGRGeometry> geometry) {
    const OGRwkbGeometryType type = wkbFlatten(geometry->getGeometryType());
    if (type != wkbMultiPolygon && type != wkbMultiLineString && type != wkbMultiPoint) {
        return geometry;
    }
    auto* collection = geometry->toGeometryCollection();
    if (collection->getNumGeometries() != 1) {
        return geometry;
    }
    return std::unique_ptr<OGRGeometry>(collection->getGeometryRef(0)->clone());
}

void orient(OGRGeometry& geometry) {
    const OGRwkbGeometryType type = wkbFlatten(geometry.getGeometryType());
    if (type == wkbPolygon) {
        orient_rings(*geometry.toPolygon());
    } else if (type == wkbMultiPolygon) {
        for (OGRPolygon* polygon : *geometry.toMultiPolygon()) {
            orient_rings(*polygon);
        }
    }
}

/// Moves features' geometries into longitude/latitude, when the layer has another CRS.
class ToLonLat {
public:
    ToLonLat(OGRLayerH layer, const std::string& name) {
        const auto* crs = OGRSpatialReference::FromHandle(OGR_L_GetSpatialRef(layer));
        if (crs == nullptr || crs->IsEmpty()) {
            return; // no CRS: taken as longitude/latitude, as GeoJSON is
        }
        OGRSpatialReference source(*crs);
        source.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
        OGRSpatialReference wgs84;
        wgs84.importFromEPSG(4326);
        wgs84.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
        if (source.IsSame(&wgs84) != 0) {
            return;
        }
        transform_.reset(OGRCreateCoordinateTransformation(&source, &wgs84));
        if (!transform_) {
            throw InputError(
                fmt::format("{}: PROJ cannot move its coordinate system ({}) to "
                            "longitude/latitude",
                            name, source.GetName() != nullptr ? source.GetName() : "unnamed"));
        }
        crs_name_ = source.GetName() != nullptr ? source.GetName() : "unnamed";
    }

    [[nodiscard]] bool moves() const noexcept { return transform_ != nullptr; }
    [[nodiscard]] const std::string& crs_name() const noexcept { return crs_name_; }
    [[nodiscard]] bool apply(OGRGeometry& geometry) const {
        return !transform_ || geometry.transform(transform_.get()) == OGRERR_NONE;
    }

private:
    std::unique_ptr<OGRCoordinateTransformation> transform_;
    std::string crs_name_;
};

std::optional<nlohmann::json> geometry_json(OGRFeatureH feature, const ToLonLat& to_lonlat,
                                            const std::string& name, std::size_t number) {
    const OGRGeometry* source = OGRGeometry::FromHandle(OGR_F_GetGeometryRef(feature));
    if (source == nullptr || source->IsEmpty()) {
        return std::nullopt;
    }
    std::unique_ptr<OGRGeometry> geometry(
        source->hasCurveGeometry() != 0 ? source->getLinearGeometry() : source->clone());
    if (!to_lonlat.apply(*geometry)) {
        throw InputError(fmt::format("{}:{}: feature {}: its geometry cannot be moved to "
                                     "longitude/latitude",
                                     name, number, number));
    }
    geometry->flattenTo2D(); // KML and some GeoPackages carry heights the loaders do not use
    geometry = single_part(std::move(geometry));
    orient(*geometry);
    // 17 significant digits: every double reads back as itself, so a geometry that went
    // through a binary format compares equal to the GeoJSON it came from.
    const char* const options[] = {"SIGNIFICANT_FIGURES=17", nullptr};
    char* text =
        OGR_G_ExportToJsonEx(OGRGeometry::ToHandle(geometry.get()), const_cast<char**>(options));
    if (text == nullptr) {
        throw InputError(fmt::format("{}:{}: feature {}: GDAL cannot write its geometry as "
                                     "GeoJSON",
                                     name, number, number));
    }
    nlohmann::json geojson = nlohmann::json::parse(text, nullptr, false);
    CPLFree(text);
    return geojson;
}

/// A layer of points gives each row its position, as #geo+lat and #geo+lon columns, when it has
/// no such columns of its own (a Shapefile or GeoPackage of facilities or sites).
void add_point_positions(const VectorTable& table, std::size_t offset, HxlTable& hxl) {
    if (hxl.find("#geo+lat") || hxl.find("#geo+lon")) {
        return;
    }
    auto point_of = [&](const HxlRow& row) -> const nlohmann::json* {
        const std::size_t index = row.line - offset - 1; // rows[i] has number i + 1
        if (row.line <= offset || index >= table.rows.size()) {
            return nullptr;
        }
        const auto& geometry = table.rows[index].geometry;
        return geometry && geometry->value("type", "") == "Point" ? &(*geometry)["coordinates"]
                                                                  : nullptr;
    };
    if (std::none_of(hxl.rows.begin(), hxl.rows.end(),
                     [&](const HxlRow& row) { return point_of(row) != nullptr; })) {
        return;
    }
    for (const char* tag : {"#geo+lat", "#geo+lon"}) {
        hxl.tags.push_back(HxlTag::parse(tag));
        if (!hxl.headers.empty()) {
            hxl.headers.emplace_back(tag);
        }
    }
    for (HxlRow& row : hxl.rows) {
        row.cells.resize(hxl.tags.size() - 2);
        const nlohmann::json* point = point_of(row);
        row.cells.push_back(point != nullptr ? fmt::format("{}", (*point)[1].get<double>()) : "");
        row.cells.push_back(point != nullptr ? fmt::format("{}", (*point)[0].get<double>()) : "");
    }
    hxl.notes.push_back(fmt::format("{}: positions read from the layer's points", table.name));
}

} // namespace

bool is_gdal_vector_path(const std::filesystem::path& file) {
    for (const char* own : {".csv", ".tsv", ".txt", ".geojson", ".json", ".tif", ".tiff"}) {
        if (has_suffix(file, own)) {
            return false;
        }
    }
    return true;
}

VectorTable read_vector_table(const std::filesystem::path& file,
                              const std::optional<std::string>& layer) {
    const Dataset dataset = open_vector(file);
    ErrorCapture errors;
    OGRLayerH source = choose_layer(dataset.get(), file, layer);
    VectorTable table;
    table.file = file.string();
    table.layer = OGR_L_GetName(source);
    table.name = fmt::format("{} (layer {})", table.file, table.layer);
    table.is_spreadsheet = is_spreadsheet_path(file);
    OGRFeatureDefnH definition = OGR_L_GetLayerDefn(source);
    std::vector<OGRFieldType> types;
    for (int f = 0; f < OGR_FD_GetFieldCount(definition); ++f) {
        OGRFieldDefnH field = OGR_FD_GetFieldDefn(definition, f);
        types.push_back(OGR_Fld_GetType(field));
        table.fields.push_back({OGR_Fld_GetNameRef(field), field_type(types.back())});
    }
    const ToLonLat to_lonlat(source, table.name);
    if (to_lonlat.moves()) {
        table.notes.push_back(fmt::format("{}: geometries moved from {} to longitude/latitude "
                                          "(EPSG:4326)",
                                          table.name, to_lonlat.crs_name()));
    }
    OGR_L_ResetReading(source);
    std::size_t number = 0;
    while (Feature feature{OGR_L_GetNextFeature(source)}) {
        VectorRow row;
        row.number = ++number;
        for (int f = 0; f < static_cast<int>(types.size()); ++f) {
            row.values.push_back(field_text(feature.get(), f, types[static_cast<std::size_t>(f)]));
        }
        row.geometry = geometry_json(feature.get(), to_lonlat, table.name, row.number);
        table.rows.push_back(std::move(row));
    }
    if (const std::string message = errors.message(); !message.empty()) {
        table.notes.push_back(fmt::format("{}: GDAL: {}", table.name, message));
    }
    return table;
}

HxlTable to_hxl_table(const VectorTable& table, const HxlMapping* mapping) {
    std::vector<HxlRow> records;
    // The field names are the first row unless GDAL read the spreadsheet's own first row.
    const std::size_t offset = table.is_spreadsheet ? 0 : 1;
    if (!table.is_spreadsheet) {
        HxlRow names{1, {}};
        for (const VectorField& field : table.fields) {
            names.cells.push_back(field.name);
        }
        records.push_back(std::move(names));
    }
    for (const VectorRow& row : table.rows) {
        HxlRow record{row.number + offset, {}};
        for (const auto& value : row.values) {
            record.cells.push_back(value.value_or(""));
        }
        // A row of empty cells (what spreadsheets keep below the data) is no row at all.
        if (std::any_of(record.cells.begin(), record.cells.end(),
                        [](const std::string& cell) { return !cell.empty(); })) {
            records.push_back(std::move(record));
        }
    }
    HxlTable hxl = parse_hxl_rows(std::move(records), table.name, mapping);
    add_point_positions(table, offset, hxl);
    return hxl;
}

nlohmann::json to_feature_collection(const VectorTable& table) {
    nlohmann::json features = nlohmann::json::array();
    for (const VectorRow& row : table.rows) {
        nlohmann::json properties = nlohmann::json::object();
        for (std::size_t f = 0; f < table.fields.size(); ++f) {
            const auto& value = row.values[f];
            if (!value) {
                continue; // GDAL's null is an absent property, not a value
            }
            const VectorFieldType type = table.fields[f].type;
            const nlohmann::json number = type == VectorFieldType::Text
                                              ? nlohmann::json()
                                              : nlohmann::json::parse(*value, nullptr, false);
            properties[table.fields[f].name] = number.is_number() ? number : nlohmann::json(*value);
        }
        features.push_back({{"type", "Feature"},
                            {"geometry", row.geometry.value_or(nlohmann::json())},
                            {"properties", std::move(properties)}});
    }
    return {{"type", "FeatureCollection"}, {"features", std::move(features)}};
}

} // namespace dayafter::io
