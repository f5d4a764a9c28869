#include "dayafter/io/geopackage.hpp"

#include <chrono>
#include <memory>
#include <optional>
#include <vector>

#include <cpl_conv.h>
#include <cpl_error.h>
#include <gdal_priv.h>
#include <ogr_geometry.h>
#include <ogr_spatialref.h>
#include <ogrsf_frmts.h>

#include <fmt/chrono.h>
#include <fmt/format.h>

#include "dayafter/io/replace_file.hpp"
#include "dayafter/util/error.hpp"
#include "gdal_errors.hpp"

namespace dayafter::io {
namespace {

using GeometryPtr = std::unique_ptr<OGRGeometry>;

OGRwkbGeometryType wkb_type(GeometryType type) {
    switch (type) {
    case GeometryType::Point:
        return wkbPoint;
    case GeometryType::MultiLineString:
        return wkbMultiLineString;
    case GeometryType::MultiPolygon:
        return wkbMultiPolygon;
    case GeometryType::None:
        break;
    }
    return wkbNone;
}

/// A line part of fewer than two distinct points has no length: ST_IsValid refuses it, and a
/// catchment's zero-length road piece (a node drawn twice) is nothing to show.
GeometryPtr without_empty_lines(GeometryPtr geometry) {
    auto* multi = geometry->toMultiLineString();
    auto kept = std::make_unique<OGRMultiLineString>();
    for (const OGRLineString* line : *multi) {
        bool has_length = false;
        for (int i = 1; i < line->getNumPoints() && !has_length; ++i) {
            has_length = line->getX(i) != line->getX(0) || line->getY(i) != line->getY(0);
        }
        if (has_length) {
            kept->addGeometry(line);
        }
    }
    return kept;
}

/// The polygons of a geometry MakeValid returned (it may add lines and points where a drawing
/// touched itself), as one MultiPolygon.
GeometryPtr polygons_of(GeometryPtr geometry) {
    if (OGR_GT_Flatten(geometry->getGeometryType()) != wkbGeometryCollection) {
        return GeometryPtr(OGRGeometryFactory::forceToMultiPolygon(geometry.release()));
    }
    auto kept = std::make_unique<OGRMultiPolygon>();
    for (const OGRGeometry* part : *geometry->toGeometryCollection()) {
        const OGRwkbGeometryType type = OGR_GT_Flatten(part->getGeometryType());
        if (type == wkbPolygon) {
            kept->addGeometry(part);
        } else if (type == wkbMultiPolygon) {
            for (const OGRPolygon* polygon : *part->toMultiPolygon()) {
                kept->addGeometry(polygon);
            }
        }
    }
    return kept;
}

/// The feature's geometry as its layer's type, valid; nothing when it has none left.
std::optional<GeometryPtr> layer_geometry(const VectorLayer& layer, const VectorFeature& feature,
                                          std::size_t index) {
    if (layer.geometry == GeometryType::None || feature.geometry.is_null()) {
        return std::nullopt;
    }
    GeometryPtr geometry(OGRGeometryFactory::createFromGeoJson(feature.geometry.dump().c_str()));
    if (!geometry) {
        throw StorageError(fmt::format("layer {}, feature {}: not a GeoJSON geometry: {}",
                                       layer.name, index + 1, gdal_reason()));
    }
    switch (layer.geometry) {
    case GeometryType::MultiLineString:
        geometry.reset(OGRGeometryFactory::forceToMultiLineString(geometry.release()));
        geometry = without_empty_lines(std::move(geometry));
        break;
    case GeometryType::MultiPolygon:
        geometry.reset(OGRGeometryFactory::forceToMultiPolygon(geometry.release()));
        if (!geometry->IsValid()) {
            GeometryPtr valid(geometry->MakeValid());
            if (!valid) {
                throw StorageError(fmt::format("layer {}, feature {}: cannot make the polygon "
                                               "valid: {}",
                                               layer.name, index + 1, gdal_reason()));
            }
            geometry = polygons_of(std::move(valid));
        }
        break;
    default:
        break;
    }
    if (OGR_GT_Flatten(geometry->getGeometryType()) != wkb_type(layer.geometry)) {
        throw StorageError(fmt::format("layer {}, feature {}: a {} in a layer of {}", layer.name,
                                       index + 1, geometry->getGeometryName(),
                                       OGRGeometryTypeToName(wkb_type(layer.geometry))));
    }
    if (geometry->IsEmpty()) {
        return std::nullopt;
    }
    return geometry;
}

OGRFieldType field_type(FieldType type) {
    switch (type) {
    case FieldType::Integer:
        return OFTInteger64;
    case FieldType::Real:
        return OFTReal;
    case FieldType::Boolean:
        return OFTInteger;
    case FieldType::DateTime:
        return OFTDateTime;
    case FieldType::Text:
        break;
    }
    return OFTString;
}

void set_value(OGRFeature& feature, int field, const FieldValue& value) {
    if (const auto* text = std::get_if<std::string>(&value)) {
        feature.SetField(field, text->c_str());
    } else if (const auto* integer = std::get_if<std::int64_t>(&value)) {
        feature.SetField(field, static_cast<GIntBig>(*integer));
    } else if (const auto* real = std::get_if<double>(&value)) {
        feature.SetField(field, *real);
    } else {
        feature.SetFieldNull(field);
    }
}

/// `wgs84` is not const only because GDAL 3.6's CreateLayer takes it so; it is not changed.
/// Returns the features written.
std::size_t write_layer(GDALDataset& dataset, OGRSpatialReference& wgs84,
                        const VectorLayer& layer) {
    const bool spatial = layer.geometry != GeometryType::None;
    const std::string description = "DESCRIPTION=" + layer.description;
    // GeoJSON as RFC 7946 has it: longitude/latitude without a CRS member, 7 decimals; and no
    // "name" member, so readers name the layer after the file, as for our other GeoJSON files.
    std::vector<const char*> options = {description.c_str()};
    if (std::string_view(dataset.GetDriverName()) == "GeoJSON") {
        options.insert(options.end(), {"RFC7946=YES", "WRITE_NAME=NO"});
    }
    options.push_back(nullptr);
    OGRLayer* out =
        dataset.CreateLayer(layer.name.c_str(), spatial ? &wgs84 : nullptr,
                            wkb_type(layer.geometry), const_cast<char**>(options.data()));
    if (out == nullptr) {
        throw StorageError(
            fmt::format("layer {}: cannot create it: {}", layer.name, gdal_reason()));
    }
    for (const FieldSpec& spec : layer.fields) {
        OGRFieldDefn field(spec.name.c_str(), field_type(spec.type));
        if (spec.type == FieldType::Boolean) {
            field.SetSubType(OFSTBoolean);
        }
        if (out->CreateField(&field) != OGRERR_NONE) {
            throw StorageError(fmt::format("layer {}: cannot create field {}: {}", layer.name,
                                           spec.name, gdal_reason()));
        }
    }
    // One transaction per layer: GeoPackage inserts are slow one commit at a time.
    if (out->StartTransaction() != OGRERR_NONE) {
        throw StorageError(fmt::format("layer {}: {}", layer.name, gdal_reason()));
    }
    std::size_t written = 0;
    for (std::size_t i = 0; i < layer.features.size(); ++i) {
        const VectorFeature& in = layer.features[i];
        if (in.values.size() != layer.fields.size()) {
            throw StorageError(fmt::format("layer {}, feature {}: {} values for {} fields",
                                           layer.name, i + 1, in.values.size(),
                                           layer.fields.size()));
        }
        const std::unique_ptr<OGRFeature> feature(OGRFeature::CreateFeature(out->GetLayerDefn()));
        for (std::size_t f = 0; f < in.values.size(); ++f) {
            set_value(*feature, static_cast<int>(f), in.values[f]);
        }
        if (std::optional<GeometryPtr> geometry = layer_geometry(layer, in, i)) {
            feature->SetGeometryDirectly(geometry->release());
        } else if (layer.geometry != GeometryType::None) {
            continue; // nothing left to draw
        }
        if (out->CreateFeature(feature.get()) != OGRERR_NONE) {
            throw StorageError(fmt::format("layer {}, feature {}: cannot write it: {}", layer.name,
                                           i + 1, gdal_reason()));
        }
        ++written;
    }
    if (out->CommitTransaction() != OGRERR_NONE) {
        throw StorageError(fmt::format("layer {}: {}", layer.name, gdal_reason()));
    }
    return written;
}

/// QGIS's own table of styles (created as QGIS creates it, registered as an attributes table),
/// one default style per layer that has one.
void write_styles(GDALDataset& dataset, OGRSpatialReference& wgs84,
                  std::span<const VectorLayer> layers) {
    VectorLayer styles{"layer_styles", "QGIS styles of the layers", GeometryType::None, {}, {}, {}};
    for (const char* name : {"f_table_catalog", "f_table_schema", "f_table_name",
                             "f_geometry_column", "styleName", "styleQML", "styleSLD"}) {
        styles.fields.push_back({name, FieldType::Text});
    }
    styles.fields.push_back({"useAsDefault", FieldType::Boolean});
    for (const char* name : {"description", "owner", "ui"}) {
        styles.fields.push_back({name, FieldType::Text});
    }
    // QGIS picks the latest default style by this column.
    styles.fields.push_back({"update_time", FieldType::DateTime});
    const std::string now =
        fmt::format("{:%Y-%m-%dT%H:%M:%SZ}",
                    std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()));
    for (const VectorLayer& layer : layers) {
        if (layer.qml_style.empty() || layer.geometry == GeometryType::None) {
            continue;
        }
        styles.features.push_back(
            {nullptr,
             {std::string(), std::string(), layer.name, std::string("geom"), layer.name,
              layer.qml_style, std::monostate{}, std::int64_t{1},
              std::string("written by dayafter"), std::string(), std::monostate{}, now}});
    }
    if (!styles.features.empty()) {
        (void)write_layer(dataset, wgs84, styles); // a table: no geometry, so no CRS used
    }
}

/// Writes the layers through the named GDAL driver into a new file beside `file`, moved into
/// place when complete; the GeoPackage also gets its styles table.
std::vector<std::size_t> write_dataset(const std::filesystem::path& file, const char* driver_name,
                                       std::span<const VectorLayer> layers, bool replace) {
    check_replaceable(file, replace);
    GDALAllRegister();
    GDALDriver* driver = GetGDALDriverManager()->GetDriverByName(driver_name);
    if (driver == nullptr) {
        throw StorageError(fmt::format("GDAL has no {} driver", driver_name));
    }
    const bool geopackage = std::string_view(driver_name) == "GPKG";
    std::vector<std::size_t> written;
    const QuietGdalErrors quiet;
    write_whole(file, geopackage ? "out.gpkg" : "out.geojson",
                [&](const std::filesystem::path& temp) {
                    const std::unique_ptr<GDALDataset> dataset(
                        driver->Create(temp.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
                    if (!dataset) {
                        throw StorageError(
                            fmt::format("cannot create a {} file: {}", driver_name, gdal_reason()));
                    }
                    OGRSpatialReference wgs84;
                    wgs84.importFromEPSG(4326);
                    wgs84.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
                    for (const VectorLayer& layer : layers) {
                        written.push_back(write_layer(*dataset, wgs84, layer));
                    }
                    if (geopackage) {
                        write_styles(*dataset, wgs84, layers);
                    }
                }); // the dataset is closed, so written out, before the move
    return written;
}

} // namespace

std::vector<std::size_t> write_geopackage(const std::filesystem::path& file,
                                          std::span<const VectorLayer> layers, bool replace) {
    return write_dataset(file, "GPKG", layers, replace);
}

std::size_t write_geojson(const std::filesystem::path& file, const VectorLayer& layer,
                          bool replace) {
    return write_dataset(file, "GeoJSON", std::span(&layer, 1), replace).front();
}

} // namespace dayafter::io
