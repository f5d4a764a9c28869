#include "dayafter/model/town.hpp"

#include <algorithm>

#include "dayafter/geo/point_index.hpp"

namespace dayafter::model {

std::string_view to_string(WaterwayKind kind) noexcept {
    switch (kind) {
    case WaterwayKind::River:
        return "river";
    case WaterwayKind::Canal:
        return "canal";
    case WaterwayKind::Stream:
        return "stream";
    }
    return "river";
}

std::optional<WaterwayKind> parse_waterway_kind(std::string_view text) noexcept {
    if (text == "river") {
        return WaterwayKind::River;
    }
    if (text == "canal") {
        return WaterwayKind::Canal;
    }
    if (text == "stream") {
        return WaterwayKind::Stream;
    }
    return std::nullopt;
}

std::uint64_t snap_facilities(Town& town) {
    std::vector<bool> unsnapped(town.facilities.size(), false);
    for (const graph::TravelMode mode : graph::kTravelModes) {
        const geo::PointIndex index = town.roads.usable_node_index(mode);
        const auto m = static_cast<std::size_t>(mode);
        for (FacilityId facility{0}; facility.value < town.facilities.size(); ++facility.value) {
            Facility& f = town.facilities[facility];
            const auto hit = index.nearest(f.location);
            f.snap_node[m] = hit ? NodeId{hit->item} : NodeId{};
            f.snap_distance_m[m] = hit ? hit->distance_m : 0;
            unsnapped[facility.value] = unsnapped[facility.value] || !hit;
        }
    }
    return static_cast<std::uint64_t>(std::count(unsnapped.begin(), unsnapped.end(), true));
}

} // namespace dayafter::model
