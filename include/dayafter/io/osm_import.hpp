// Import of an OpenStreetMap extract (.osm.pbf, .osm, .osm.bz2, .osm.gz, .opl) into a Town.
//
// Reads the file twice with libosmium: first its multipolygon relations (building and facility
// areas), then its nodes and ways. Node locations are resolved only after the second pass, so
// files that are not sorted (ways before their nodes) import exactly like sorted ones.
// Roads are split at junctions; facilities are placed (area centroids) and snapped to the road
// network of each travel mode; bridges are matched to the waterways they cross.
// Cost: linear in the file, with every node location held in memory once.
//
//     OsmImportOptions options;
//     options.log = Logger{...};
//     const model::Town town = import_osm("monaco.osm.pbf", options);
#pragma once

#include <filesystem>

#include "dayafter/graph/road_class.hpp"
#include "dayafter/model/town.hpp"
#include "dayafter/util/log.hpp"

namespace dayafter::io {

struct OsmImportOptions {
    graph::SpeedTable speeds = graph::SpeedTable::defaults();
    Logger log;
};

/// Imports the extract. Throws InputError naming the file when it cannot be read, is not OSM,
/// is corrupt or truncated, or holds no road; ways that reference nodes missing from the file
/// are skipped, counted in the report and announced with one warning.
[[nodiscard]] model::Town import_osm(const std::filesystem::path& file,
                                     const OsmImportOptions& options);

} // namespace dayafter::io
