// Nearest-point queries over a fixed set of coordinates (an R-tree from Boost.Geometry).
//
// Used to snap facilities, buildings and hazard points to the road network. Building costs
// O(n log n); a query costs O(log n). Distances returned are great-circle metres.
//
//     PointIndex index(coords, [&](std::uint32_t i) { return is_walkable[i]; });
//     if (auto hit = index.nearest(where)) { use(hit->item, hit->distance_m); }
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>

#include "dayafter/geo/coord.hpp"

namespace dayafter::geo {

class PointIndex {
public:
    struct Hit {
        std::uint32_t item;
        double distance_m;
    };

    /// Indexes coords[i] for every i the filter accepts (all when the filter is empty).
    explicit PointIndex(std::span<const Coord> coords,
                        const std::function<bool(std::uint32_t)>& accept = {});
    ~PointIndex();
    PointIndex(PointIndex&&) noexcept;
    PointIndex& operator=(PointIndex&&) noexcept;

    /// The nearest indexed point, or nothing when the index is empty. Ties go to the lower item.
    [[nodiscard]] std::optional<Hit> nearest(Coord where) const;
    [[nodiscard]] std::size_t size() const noexcept;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

} // namespace dayafter::geo
