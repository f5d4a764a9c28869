#include "dayafter/geo/shapes.hpp"

#include <cstring>

// As in geojson_shape.hpp: GCC sees a maybe-uninitialised value deep in Boost.Geometry.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#include <boost/geometry.hpp>
#include <boost/geometry/geometries/linestring.hpp>
#include <boost/geometry/geometries/point_xy.hpp>
#include <boost/geometry/geometries/polygon.hpp>
#pragma GCC diagnostic pop

namespace dayafter::geo {
namespace {

namespace bg = boost::geometry;
using XyPoint = bg::model::d2::point_xy<double>;
// Counter-clockwise, not necessarily closed: we close rings ourselves.
using CcwPolygon = bg::model::polygon<XyPoint, false, true>;
using XyLine = bg::model::linestring<XyPoint>;

void append_ring(const Ring& ring, const LocalProjection& proj, CcwPolygon::ring_type& out) {
    for (const Coord c : ring) {
        out.emplace_back(proj.x(c), proj.y(c));
    }
    if (!ring.empty() && ring.front() != ring.back()) {
        out.emplace_back(proj.x(ring.front()), proj.y(ring.front()));
    }
}

Coord mean_of_outer_vertices(std::span<const PolygonRings> polygons) {
    double lon = 0;
    double lat = 0;
    std::size_t count = 0;
    for (const auto& polygon : polygons) {
        for (const Coord c : polygon.outer) {
            lon += c.lon();
            lat += c.lat();
            ++count;
        }
    }
    if (count == 0) {
        return {};
    }
    return Coord::from_degrees(lon / static_cast<double>(count), lat / static_cast<double>(count));
}

} // namespace

Footprint footprint(std::span<const PolygonRings> polygons) {
    Footprint result;
    if (polygons.empty() || polygons.front().outer.empty()) {
        return result;
    }
    const LocalProjection proj(polygons.front().outer.front().lat());
    double area_sum = 0;
    double cx = 0;
    double cy = 0;
    for (const auto& rings : polygons) {
        CcwPolygon polygon;
        append_ring(rings.outer, proj, polygon.outer());
        for (const Ring& inner : rings.inners) {
            polygon.inners().emplace_back();
            append_ring(inner, proj, polygon.inners().back());
        }
        bg::correct(polygon); // orientation as the polygon type expects
        const double area = bg::area(polygon);
        if (area <= 0) {
            continue;
        }
        XyPoint centroid(0, 0);
        bg::centroid(polygon, centroid);
        area_sum += area;
        cx += centroid.x() * area;
        cy += centroid.y() * area;
    }
    if (area_sum <= 0) {
        result.centroid = mean_of_outer_vertices(polygons);
        return result;
    }
    result.area_m2 = area_sum;
    result.centroid = proj.unproject(cx / area_sum, cy / area_sum);
    return result;
}

namespace {

class WkbWriter {
public:
    void byte(unsigned char b) { out_.push_back(b); }
    void u32(std::uint32_t v) {
        for (int shift = 0; shift < 32; shift += 8) {
            out_.push_back(static_cast<unsigned char>(v >> shift));
        }
    }
    void f64(double v) {
        std::uint64_t bits = 0;
        std::memcpy(&bits, &v, sizeof bits);
        for (int shift = 0; shift < 64; shift += 8) {
            out_.push_back(static_cast<unsigned char>(bits >> shift));
        }
    }
    void ring(const Ring& ring) {
        const bool open = !ring.empty() && ring.front() != ring.back();
        u32(static_cast<std::uint32_t>(ring.size() + (open ? 1 : 0)));
        for (const Coord c : ring) {
            f64(c.lon());
            f64(c.lat());
        }
        if (open) {
            f64(ring.front().lon());
            f64(ring.front().lat());
        }
    }
    std::vector<unsigned char> take() { return std::move(out_); }

private:
    std::vector<unsigned char> out_;
};

constexpr unsigned char kLittleEndian = 1;
constexpr std::uint32_t kWkbPolygon = 3;
constexpr std::uint32_t kWkbMultiPolygon = 6;

} // namespace

std::vector<unsigned char> multipolygon_wkb(std::span<const PolygonRings> polygons) {
    WkbWriter w;
    w.byte(kLittleEndian);
    w.u32(kWkbMultiPolygon);
    w.u32(static_cast<std::uint32_t>(polygons.size()));
    for (const PolygonRings& polygon : polygons) {
        w.byte(kLittleEndian);
        w.u32(kWkbPolygon);
        w.u32(static_cast<std::uint32_t>(1 + polygon.inners.size()));
        w.ring(polygon.outer);
        for (const Ring& inner : polygon.inners) {
            w.ring(inner);
        }
    }
    return w.take();
}

bool lines_cross(std::span<const Coord> a, std::span<const Coord> b) {
    XyLine la;
    XyLine lb;
    for (const Coord c : a) {
        la.emplace_back(c.lon(), c.lat());
    }
    for (const Coord c : b) {
        lb.emplace_back(c.lon(), c.lat());
    }
    return bg::intersects(la, lb);
}

} // namespace dayafter::geo
