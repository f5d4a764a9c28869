// Files of an access run, for spreadsheets, HDX and QGIS:
//
//   places.csv           one row per place, with an HXL hashtag row under the header:
//                        code,lat,lon,population, then per service S
//                        S_minutes (or S_metres for a distance threshold), S_facility, S_access
//                        #loc+code #geo+lat #geo+lon #population
//                        #x_time+minutes+S (#x_distance+metres+S) #loc+facility+code+S
//                        #status+access+S
//   places.geojson       the same places as points (RFC 7946, lon/lat)
//   facilities.geojson   per service, each facility with its status as the search used it
//                        ("functioning", "not functioning" with down_because, or "unknown" when
//                        none is loaded), the people in its catchment, its capacity and how many
//                        people it cannot take
//   catchments.geojson   per service and facility, the road segments it serves (MultiLineString)
//
// Cut-off places have an empty time and facility and access "cut off". Every file is written
// beside its name and moved into place, so a failed run leaves no half-written file.
#pragma once

#include <cstdint>
#include <filesystem>
#include <span>
#include <vector>

#include "dayafter/access/service_access.hpp"

namespace dayafter::report {

/// Writes the four files into `folder` (created if missing) and returns their paths. Throws
/// StorageError when a file cannot be written.
std::vector<std::filesystem::path>
write_access_files(const model::Town& town, std::span<const model::Place> places,
                   std::span<const access::ServiceAccess> results,
                   const std::filesystem::path& folder);

/// Writes `id,seconds` per road node ("inf" when unreachable), for ../shared/bench/compare.py.
void write_node_times(const std::filesystem::path& file, std::span<const std::uint64_t> times_us);

} // namespace dayafter::report
