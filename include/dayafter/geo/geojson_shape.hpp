// GeoJSON geometries (RFC 7946) as Boost.Geometry shapes in local metres, for snapping hazards
// to edges and placing points in admin areas. The one place Boost.Geometry is set up.
//
//     const geo::LocalProjection projection(town_latitude);
//     const geo::ShapeBuilder builder(projection);
//     const geo::Shape shape = builder.build(feature["geometry"]);
//     geo::covers(shape, builder.at(point));
#pragma once

#include <algorithm>
#include <cstdint>
#include <iterator>
#include <limits>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#include <boost/geometry.hpp>
#include <boost/geometry/algorithms/point_on_surface.hpp>
#pragma GCC diagnostic pop
#include <nlohmann/json.hpp>

#include "dayafter/geo/coord.hpp"

namespace dayafter::geo {

namespace bg = boost::geometry;
using XY = bg::model::d2::point_xy<double>;
using Line = bg::model::linestring<XY>;
using Polygon = bg::model::polygon<XY>;
using Box = bg::model::box<XY>;

/// A geometry in local metres, split by dimension.
struct Shape {
    std::vector<XY> points;
    std::vector<Line> lines;
    std::vector<Polygon> polygons;
    Box box{{std::numeric_limits<double>::max(), std::numeric_limits<double>::max()},
            {std::numeric_limits<double>::lowest(), std::numeric_limits<double>::lowest()}};
};

class ShapeBuilder {
public:
    explicit ShapeBuilder(const LocalProjection& projection) : projection_(projection) {}

    Shape build(const nlohmann::json& geometry) const {
        Shape shape;
        const std::string type = geometry.value("type", "");
        const nlohmann::json& c = geometry["coordinates"];
        if (type == "Point") {
            shape.points.push_back(xy(c));
        } else if (type == "MultiPoint") {
            for (const auto& p : c) {
                shape.points.push_back(xy(p));
            }
        } else if (type == "LineString") {
            shape.lines.push_back(line(c));
        } else if (type == "Polygon") {
            shape.polygons.push_back(polygon(c));
        } else if (type == "MultiPolygon") {
            for (const auto& p : c) {
                shape.polygons.push_back(polygon(p));
            }
        }
        for (const XY& p : shape.points) {
            bg::expand(shape.box, p);
        }
        for (const Line& l : shape.lines) {
            bg::expand(shape.box, bg::return_envelope<Box>(l));
        }
        for (const Polygon& p : shape.polygons) {
            bg::expand(shape.box, bg::return_envelope<Box>(p));
        }
        return shape;
    }

    XY at(geo::Coord c) const { return {projection_.x(c), projection_.y(c)}; }

private:
    XY xy(const nlohmann::json& p) const {
        return at(geo::Coord::from_degrees(p[0].get<double>(), p[1].get<double>()));
    }
    Line line(const nlohmann::json& list) const {
        Line out;
        for (const auto& p : list) {
            out.push_back(xy(p));
        }
        return out;
    }
    Polygon polygon(const nlohmann::json& rings) const {
        Polygon out;
        for (std::size_t r = 0; r < rings.size(); ++r) {
            Line ring = line(rings[r]);
            auto& target =
                r == 0 ? out.outer() : (out.inners().emplace_back(), out.inners().back());
            target.assign(ring.begin(), ring.end());
        }
        bg::correct(out);
        return out;
    }
    const LocalProjection& projection_;
};

/// True when `p` lies inside (or on the border of) one of the shape's polygons.
inline bool covers(const Shape& shape, const XY& p) {
    if (!boost::geometry::covered_by(p, shape.box)) {
        return false;
    }
    for (const Polygon& polygon : shape.polygons) {
        if (boost::geometry::covered_by(p, polygon)) {
            return true;
        }
    }
    return false;
}

/// One point that stands for the shape's area: the centroid of its largest polygon, or, when that
/// falls outside the polygon (a crescent, a ring), a point on the polygon's surface. Nothing
/// when the shape has no polygon of positive area.
inline std::optional<XY> representative_point(const Shape& shape) {
    const Polygon* largest = nullptr;
    double largest_m2 = 0;
    for (const Polygon& polygon : shape.polygons) {
        const double m2 = bg::area(polygon);
        if (m2 > largest_m2) {
            largest = &polygon;
            largest_m2 = m2;
        }
    }
    if (largest == nullptr) {
        return std::nullopt;
    }
    XY point;
    bg::centroid(*largest, point);
    if (!bg::covered_by(point, *largest)) {
        bg::point_on_surface(*largest, point);
    }
    return point;
}

/// Metres from a line to the nearest part of the shape; a point counts as a disc of
/// `point_radius` metres (a building known only by its centroid).
inline double distance(const Line& line, const Shape& shape, double point_radius) {
    double best = std::numeric_limits<double>::max();
    for (const XY& p : shape.points) {
        best = std::min(best, std::max(0.0, bg::distance(line, p) - point_radius));
    }
    for (const Line& l : shape.lines) {
        best = std::min(best, bg::distance(line, l));
    }
    for (const Polygon& p : shape.polygons) {
        best = std::min(best, bg::intersects(line, p) ? 0.0 : bg::distance(line, p));
    }
    return best;
}

/// The box grown by `margin` metres on every side.
inline Box widened(Box box, double margin) {
    box.min_corner().x(box.min_corner().x() - margin);
    box.min_corner().y(box.min_corner().y() - margin);
    box.max_corner().x(box.max_corner().x() + margin);
    box.max_corner().y(box.max_corner().y() + margin);
    return box;
}

/// An R-tree over the boxes of many lines (road edges), so a shape looks only at lines near it.
class LineIndex {
public:
    explicit LineIndex(const std::vector<Line>& lines) {
        std::vector<std::pair<Box, std::uint32_t>> boxes(lines.size());
        for (std::uint32_t i = 0; i < lines.size(); ++i) {
            boxes[i] = {bg::return_envelope<Box>(lines[i]), i};
        }
        tree_ = Tree(boxes);
    }

    /// Indices of the lines whose box meets `box` (any order).
    void query(const Box& box, std::vector<std::uint32_t>& out) const {
        found_.clear();
        tree_.query(bg::index::intersects(box), std::back_inserter(found_));
        out.clear();
        for (const auto& [line_box, index] : found_) {
            out.push_back(index);
        }
    }

private:
    using Tree = bg::index::rtree<std::pair<Box, std::uint32_t>, bg::index::rstar<16>>;
    Tree tree_;
    mutable std::vector<std::pair<Box, std::uint32_t>> found_;
};

} // namespace dayafter::geo
