// QGIS styles (QML documents, QGIS 3) for the layers of report/gis_layers.hpp, stored with them
// in the GeoPackage so QGIS opens each layer styled: roads by their state for driving, facilities
// by status, places by access to the first service, hazards by kind. Colours follow the usual
// traffic-light reading (green works, orange partly, red does not, grey unknown).
#pragma once

#include <string>

namespace dayafter::report {

[[nodiscard]] std::string roads_style();
[[nodiscard]] std::string facilities_style();
[[nodiscard]] std::string hazard_areas_style();
[[nodiscard]] std::string hazard_lines_style();
[[nodiscard]] std::string hazard_points_style();
[[nodiscard]] std::string admin_areas_style();
/// By `<service>_access` when a service is given, else one grey dot per place.
[[nodiscard]] std::string places_style(const std::string& service);
[[nodiscard]] std::string catchments_style();

} // namespace dayafter::report
