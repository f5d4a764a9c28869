// dayafter export traveltime: per service, the access engine's node times laid on a grid.
#include "dayafter/app/export_traveltime.hpp"

#include <array>
#include <optional>

#include <fmt/format.h>

#include "dayafter/access/travel_time_grid.hpp"
#include "dayafter/io/geotiff.hpp"
#include "dayafter/io/replace_file.hpp"

namespace dayafter::app {
namespace {

using registry::Kind;

geo::BoundingBox roads_box(const graph::RoadNetwork& roads) {
    geo::BoundingBox box;
    for (const geo::Coord c : roads.node_coord.raw()) {
        box.extend(c);
    }
    return box;
}

std::string rule_text(const access::ServiceAccess& prepared) {
    const std::string_view how = prepared.mode == graph::TravelMode::Walk ? "on foot" : "by car";
    return fmt::format("minutes from the cell centre to the nearest functioning {} facility, {} "
                       "over the network as it is: the time at the nearest road node usable {}, "
                       "plus the straight line to it walked at {} km/h, as for a population "
                       "place; nodata beyond {} m of such a road or where no facility can be "
                       "reached",
                       prepared.service.name, how, how, access::kSnapWalkKmh,
                       access::kCellSnapLimitM);
}

} // namespace

TravelTimeExportAnswer export_traveltime(const TravelTimeExportRequest& request,
                                         const Logger& log) {
    // Refuse an existing file before reading and computing, not after.
    io::check_replaceable(request.out, request.replace);
    const snapshot::Snapshot snapshot =
        open_snapshot(request.read, {Kind::Facilities, Kind::Hazards});
    const model::Town& town = snapshot.town();
    TravelTimeExportAnswer answer;
    answer.grid = geo::grid_over(roads_box(town.roads), request.cell_m, request.cell_m);
    const geo::CellGrid& grid = answer.grid;

    std::array<std::optional<std::vector<access::PlaceSnap>>, 2> snaps; // per mode, on first use
    std::vector<io::FloatBand> bands;
    for (const model::Service& service : snapshot.config().services) {
        const graph::TravelMode mode = request.mode.value_or(service.mode);
        const auto m = static_cast<std::size_t>(mode);
        if (!snaps[m]) {
            log.progress(fmt::format("snapping {} x {} cells to roads usable {}", grid.columns,
                                     grid.rows,
                                     mode == graph::TravelMode::Walk ? "on foot" : "by car"));
            snaps[m] = access::snap_cells(town, grid, mode, access::kCellSnapLimitM);
            if (answer.bands.empty()) {
                for (const access::PlaceSnap& snap : *snaps[m]) {
                    answer.cells_near_road += snap.node.valid() ? 1 : 0;
                }
            }
        }
        log.progress(fmt::format("travel times to {} ({})", service.name, graph::to_string(mode)));
        const access::ServiceAccess prepared = access::prepare(town, service, mode);
        TravelTimeBand summary{service.name, mode, 0, prepared.problem};
        io::FloatBand band{service.name, {}, {}};
        if (prepared.status == access::AccessStatus::Computed) {
            band.values = access::cell_minutes(access::node_times_us(town, service, mode),
                                               *snaps[m], access::kNoMinutes);
        } else {
            band.values.assign(grid.cell_count(), access::kNoMinutes);
        }
        for (const float value : band.values) {
            summary.cells_with_time += value != access::kNoMinutes ? 1 : 0;
        }
        band.metadata = {{"service", service.name},
                         {"mode", std::string(graph::to_string(mode))},
                         {"unit", "minutes"},
                         {"facilities_serving", std::to_string(prepared.serving())},
                         {"rule", rule_text(prepared)}};
        if (!prepared.problem.empty()) {
            band.metadata.emplace_back("problem", prepared.problem);
        }
        bands.push_back(std::move(band));
        answer.bands.push_back(std::move(summary));
    }
    log.progress(fmt::format("writing {}", request.out.string()));
    const io::MetadataItems metadata = {
        {"as_of", snapshot.as_of().value_or("latest")},
        {"cell_m", fmt::format("{:g}", request.cell_m)},
        {"snap_limit_m", fmt::format("{:g}", access::kCellSnapLimitM)},
        {"walk_kmh_to_road", fmt::format("{:g}", access::kSnapWalkKmh)},
        {"written_by", "dayafter export traveltime"}};
    io::write_geotiff(request.out, grid, bands, access::kNoMinutes, "minutes", metadata,
                      request.replace);
    return answer;
}

} // namespace dayafter::app
