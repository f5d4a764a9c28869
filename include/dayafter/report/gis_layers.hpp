// The project as GIS layers (`dayafter export gpkg`), each styled for QGIS:
//
//   roads           one road segment per feature: OSM way, class, bridge, and per travel mode its
//                   state now (open, slowed, blocked, or no access for that mode), its minutes
//                   now and the hazards on it
//   facilities      with their decoded status (functioning, partially functioning, not
//                   functioning, or no status), why one is down, operator, funders, date reported
//   hazard_areas, hazard_lines, hazard_points
//                   one geometry type per layer; a blown bridge given by its OSM way is drawn as
//                   the way; with kind, damage, effect, owner and funder (empty: nobody's), and
//                   the road segments each blocks or slows
//   admin_areas     the admin areas loaded, by P-code
//   places          population places (people per building, or loaded points and area counts)
//                   and, with access results, per service the minutes (or metres) to the
//                   nearest functioning facility, which one, and within / beyond / cut off
//   catchments      with access results: per service and facility, the road segments it serves,
//                   the people in them and the people it cannot take
// Layers with no feature are left out.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "dayafter/access/service_access.hpp"
#include "dayafter/io/geopackage.hpp"
#include "dayafter/snapshot/snapshot.hpp"

namespace dayafter::report {

/// `places` and `results` may be empty (no access computed); results' places follow `places`.
[[nodiscard]] std::vector<io::VectorLayer>
town_layers(const snapshot::Snapshot& snapshot, std::span<const model::Place> places,
            std::span<const access::ServiceAccess> results);

/// The layers one at a time, as town_layers has them (the report draws them on its map).
/// facility_status_layer is also `dayafter export status`: every facility at its position with
/// its decoded status.
[[nodiscard]] io::VectorLayer roads_layer(const snapshot::Snapshot& snapshot);
[[nodiscard]] io::VectorLayer facility_status_layer(const snapshot::Snapshot& snapshot);
/// hazard_areas, hazard_lines, hazard_points, in that order (each possibly empty).
[[nodiscard]] std::vector<io::VectorLayer> hazard_layers(const snapshot::Snapshot& snapshot);
[[nodiscard]] io::VectorLayer places_layer(const model::Town& town,
                                           std::span<const model::Place> places,
                                           std::span<const access::ServiceAccess> results);

/// The road segments each facility of the result serves (both ends served by it), by the
/// result's facility index.
[[nodiscard]] std::vector<std::vector<EdgeId>> catchment_edges(const model::Town& town,
                                                               const access::ServiceAccess& r);

/// The column of a service's amount per place: "S_minutes", or "S_metres" for a distance
/// threshold (places.csv, places.geojson and the places layer alike).
[[nodiscard]] std::string amount_column(const access::ServiceAccess& r);
/// A place's amount in the unit people read (minutes, or metres for a distance threshold);
/// nothing when cut off.
[[nodiscard]] std::optional<double> amount_for_people(const access::ServiceAccess& r,
                                                      const access::PlaceAccess& place);

/// "functioning", "partially functioning", "not functioning" or "no status" (counted as
/// functioning, as access does).
[[nodiscard]] std::string_view status_label(const model::Facility& facility,
                                            const model::FacilityStatus* status);

} // namespace dayafter::report
