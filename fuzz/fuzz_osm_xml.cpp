// OSM XML through the whole import (the coordinate check, libosmium's parser, roads, areas and
// facilities), from a temporary .osm file. Keep inputs small: each run starts libosmium's threads.
#include "dayafter/io/osm_import.hpp"
#include "fuzz_target.hpp"
#include "temp_file.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto file = dayafter::fuzz::temp_file("fuzz.osm", data, size);
    return dayafter::fuzz::guarded(
        [&] { (void)dayafter::io::import_osm(file, dayafter::io::OsmImportOptions{}); });
}
