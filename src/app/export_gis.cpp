// dayafter export gpkg: the project as GIS layers, with access when asked; export status: the
// facilities layer alone as GeoJSON.
#include <fmt/format.h>

#include "computed_access.hpp"
#include "dayafter/app/app.hpp"
#include "dayafter/io/geopackage.hpp"
#include "dayafter/report/gis_layers.hpp"

namespace dayafter::app {

GisExportAnswer export_gpkg(const GisExportRequest& request, const Logger& log) {
    const snapshot::Snapshot snapshot = open_snapshot(request.read, {});
    GisExportAnswer answer;
    std::vector<access::ServiceAccess> results;
    std::span<const model::Place> places;
    if (request.with_access) {
        log.progress("estimating population");
        places = snapshot.population().places;
        log.progress(fmt::format("computing access from {} places", places.size()));
        results = computed_access(snapshot, request.mode, answer.skipped);
    }
    log.progress(fmt::format("writing {}", request.out.string()));
    const std::vector<io::VectorLayer> layers = report::town_layers(snapshot, places, results);
    const std::vector<std::size_t> written =
        io::write_geopackage(request.out, layers, request.replace);
    for (std::size_t i = 0; i < layers.size(); ++i) {
        answer.layers.emplace_back(layers[i].name, written[i]);
    }
    return answer;
}

std::size_t export_status(const ReadRequest& request, const std::filesystem::path& out,
                          bool replace) {
    const snapshot::Snapshot snapshot = open_snapshot(request, {});
    return io::write_geojson(out, report::facility_status_layer(snapshot), replace);
}

} // namespace dayafter::app
