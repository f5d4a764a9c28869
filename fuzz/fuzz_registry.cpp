// The registry's loaders on the Monaco town, through their entry point (registry::plan_load):
// HXL CSV for every table kind and GeoJSON for hazards and admin areas, with every per-kind check
// (columns, codes, geometries, matching to the map). The first byte picks the kind and format;
// the rest is the file.
#include <array>
#include <utility>

#include "dayafter/io/osm_import.hpp"
#include "dayafter/registry/load.hpp"
#include "fuzz_target.hpp"
#include "temp_file.hpp"

namespace {

using dayafter::registry::Kind;

constexpr std::array<std::pair<Kind, const char*>, 8> kFormats = {{
    {Kind::Facilities, "facilities.csv"},
    {Kind::Hazards, "hazards.geojson"},
    {Kind::Population, "population.csv"},
    {Kind::Population, "areas.geojson"},
    {Kind::Orgs, "orgs.csv"},
    {Kind::Resources, "resources.csv"},
    {Kind::Funding, "funding.csv"},
    {Kind::Activities, "activities.csv"},
}};

const dayafter::model::Town& town() {
    static const dayafter::model::Town monaco =
        dayafter::io::import_osm(DAYAFTER_FUZZ_TOWN, dayafter::io::OsmImportOptions{});
    return monaco;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) {
        return 0;
    }
    // Not a structured binding: clang 14 cannot capture one in the lambda below.
    const auto& format = kFormats[data[0] % kFormats.size()];
    const auto kind = format.first;
    const auto file = dayafter::fuzz::temp_file(format.second, data + 1, size - 1);
    return dayafter::fuzz::guarded([&] {
        dayafter::registry::LoadOptions options;
        options.reported = "2017-12-15";
        (void)dayafter::registry::plan_load(kind, file, town(), dayafter::store::History{},
                                            options);
    });
}
