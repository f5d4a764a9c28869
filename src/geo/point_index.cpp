#include "dayafter/geo/point_index.hpp"

#include <utility>
#include <vector>

#include <boost/geometry.hpp>
#include <boost/geometry/index/rtree.hpp>

namespace dayafter::geo {
namespace {
namespace bg = boost::geometry;
namespace bgi = boost::geometry::index;
using IndexPoint = bg::model::point<double, 2, bg::cs::cartesian>;
using Value = std::pair<IndexPoint, std::uint32_t>;
// Candidates taken from the projected tree before ranking them by true distance: the local
// projection is nearly exact at city scale, so a handful covers any reordering.
constexpr unsigned kCandidates = 8;
} // namespace

struct PointIndex::Impl {
    LocalProjection projection{0};
    std::span<const Coord> coords;
    bgi::rtree<Value, bgi::rstar<16>> tree;
};

PointIndex::PointIndex(std::span<const Coord> coords,
                       const std::function<bool(std::uint32_t)>& accept)
    : impl_(std::make_unique<Impl>()) {
    BoundingBox box;
    for (const Coord c : coords) {
        box.extend(c);
    }
    impl_->projection = LocalProjection(box.empty() ? 0 : (box.min_lat + box.max_lat) / 2);
    impl_->coords = coords;
    std::vector<Value> values;
    values.reserve(coords.size());
    for (std::uint32_t i = 0; i < coords.size(); ++i) {
        if (!accept || accept(i)) {
            values.emplace_back(
                IndexPoint(impl_->projection.x(coords[i]), impl_->projection.y(coords[i])), i);
        }
    }
    impl_->tree = bgi::rtree<Value, bgi::rstar<16>>(values.begin(), values.end());
}

PointIndex::~PointIndex() = default;
PointIndex::PointIndex(PointIndex&&) noexcept = default;
PointIndex& PointIndex::operator=(PointIndex&&) noexcept = default;

std::size_t PointIndex::size() const noexcept {
    return impl_->tree.size();
}

std::optional<PointIndex::Hit> PointIndex::nearest(Coord where) const {
    const IndexPoint query(impl_->projection.x(where), impl_->projection.y(where));
    std::optional<Hit> best;
    for (auto it = impl_->tree.qbegin(bgi::nearest(query, kCandidates)); it != impl_->tree.qend();
         ++it) {
        const double d = distance_m(where, impl_->coords[it->second]);
        if (!best || d < best->distance_m || (d == best->distance_m && it->second < best->item)) {
            best = Hit{it->second, d};
        }
    }
    return best;
}

} // namespace dayafter::geo
