// GeoJSON geometries (RFC 7946) as Boost.Geometry shapes in local metres, for snapping hazards
// to edges and placing points in admin areas. The one place Boost.Geometry is set up.
//
//     const geo::LocalProjection projection(town_latitude);
//     const geo::ShapeBuilder builder(projection);
//     const geo::Shape shape = builder.build(feature["geometry"]);
//     geo::covers(shape, builder.at(point));
#pragma once

#include <limits>
#include <string>
#include <vector>

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#include <boost/geometry.hpp>
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

} // namespace dayafter::geo
