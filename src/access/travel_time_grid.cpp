#include "dayafter/access/travel_time_grid.hpp"

#include <cmath>

#include "dayafter/geo/point_index.hpp"
#include "dayafter/util/error.hpp"

namespace dayafter::access {

std::vector<PlaceSnap> snap_cells(const model::Town& town, const geo::CellGrid& grid,
                                  graph::TravelMode mode, double limit_m) {
    // The index places snap with (snapshot::snap_places), so a cell and a place at the same
    // position meet the network at the same node.
    const geo::PointIndex index = town.roads.usable_node_index(mode);
    std::vector<PlaceSnap> snaps(grid.cell_count());
    std::size_t cell = 0;
    for (int row = 0; row < grid.rows; ++row) {
        for (int column = 0; column < grid.columns; ++column, ++cell) {
            const auto hit = index.nearest(grid.centre(row, column));
            if (hit && hit->distance_m <= limit_m) {
                snaps[cell] = {NodeId{hit->item}, hit->distance_m};
            }
        }
    }
    return snaps;
}

std::vector<float> cell_minutes(std::span<const std::uint64_t> node_times_us,
                                std::span<const PlaceSnap> snaps, float nodata) {
    // summarize() computes a place's amount in exactly these steps.
    const double per_m = snap_units_per_m(model::Measure::Time);
    std::vector<float> minutes(snaps.size(), nodata);
    for (std::size_t cell = 0; cell < snaps.size(); ++cell) {
        const NodeId node = snaps[cell].node;
        if (!node.valid()) {
            continue;
        }
        DAYAFTER_ASSERT(node.value < node_times_us.size(), "a node time per road node");
        const std::uint64_t at_node = node_times_us[node.value];
        if (at_node == kUnreachable) {
            continue;
        }
        const std::uint64_t amount =
            at_node + static_cast<std::uint64_t>(std::llround(snaps[cell].distance_m * per_m));
        minutes[cell] = static_cast<float>(static_cast<double>(amount) / 60e6);
    }
    return minutes;
}

} // namespace dayafter::access
