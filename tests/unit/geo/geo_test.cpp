#include <cstring>

#include <gtest/gtest.h>

#include "dayafter/geo/coord.hpp"
#include "dayafter/geo/point_index.hpp"
#include "dayafter/geo/polygon_validity.hpp"
#include "dayafter/geo/shapes.hpp"

namespace dayafter::geo {
namespace {

TEST(Distance, OneDegreeOfLatitudeIsAbout111Km) {
    // 2 * pi * R / 360 with the mean radius.
    EXPECT_NEAR(distance_m(Coord::from_degrees(7, 43), Coord::from_degrees(7, 44)), 111'194.9, 0.5);
}

TEST(Distance, ShrinksWithCosineOfLatitudeAlongAParallel) {
    const double at_equator = distance_m(Coord::from_degrees(0, 0), Coord::from_degrees(0.01, 0));
    const double at_60 = distance_m(Coord::from_degrees(0, 60), Coord::from_degrees(0.01, 60));
    EXPECT_NEAR(at_60 / at_equator, 0.5, 1e-4);
}

TEST(Coord, KeepsSevenDecimals) {
    const Coord c = Coord::from_degrees(7.4246123, -43.7384456);
    EXPECT_EQ(c.lon_e7, 74246123);
    EXPECT_EQ(c.lat_e7, -437384456);
}

TEST(Hilbert, NeighboursAreCloserOnTheCurveThanDistantPoints) {
    const auto a = hilbert_index(Coord::from_degrees(7.40, 43.70));
    const auto b = hilbert_index(Coord::from_degrees(7.40001, 43.70001));
    const auto far = hilbert_index(Coord::from_degrees(-70, -30));
    EXPECT_LT(a > b ? a - b : b - a, a > far ? a - far : far - a);
}

TEST(Footprint, SquareOfTenMetres) {
    const LocalProjection proj(50);
    const Coord origin = Coord::from_degrees(10, 50);
    const Coord east = proj.unproject(proj.x(origin) + 10, proj.y(origin));
    const Coord north_east = proj.unproject(proj.x(origin) + 10, proj.y(origin) + 10);
    const Coord north = proj.unproject(proj.x(origin), proj.y(origin) + 10);
    const std::vector<PolygonRings> square{{{origin, east, north_east, north, origin}, {}}};
    const Footprint f = footprint(square);
    EXPECT_NEAR(f.area_m2, 100.0, 0.5);
    EXPECT_NEAR(distance_m(f.centroid, proj.unproject(proj.x(origin) + 5, proj.y(origin) + 5)), 0,
                0.05);
}

TEST(Footprint, HolesAreSubtractedWhateverTheRingOrientation) {
    const LocalProjection proj(0);
    auto at = [&](double x, double y) { return proj.unproject(x, y); };
    // Outer 20 x 20 m drawn clockwise, hole 10 x 10 m drawn clockwise too.
    const std::vector<PolygonRings> shape{{{at(0, 0), at(0, 20), at(20, 20), at(20, 0)},
                                           {{at(5, 5), at(5, 15), at(15, 15), at(15, 5)}}}};
    EXPECT_NEAR(footprint(shape).area_m2, 300.0, 1.0);
}

TEST(Footprint, DegenerateRingHasNoAreaAndVertexMeanCentroid) {
    const std::vector<PolygonRings> line{
        {{Coord::from_degrees(0, 0), Coord::from_degrees(0.002, 0), Coord::from_degrees(0, 0)},
         {}}};
    const Footprint f = footprint(line);
    EXPECT_EQ(f.area_m2, 0);
    EXPECT_NEAR(f.centroid.lon(), 0.002 / 3, 1e-7);
}

TEST(Wkb, EncodesAClosedMultiPolygonLittleEndian) {
    const std::vector<PolygonRings> triangle{
        {{Coord::from_degrees(1, 2), Coord::from_degrees(3, 2), Coord::from_degrees(1, 4)}, {}}};
    const std::vector<unsigned char> wkb = multipolygon_wkb(triangle);
    // header 1+4+4, polygon 1+4+4, ring count 4 + 4 points * 16 bytes (closed on the way out)
    ASSERT_EQ(wkb.size(), 9U + 9U + 4U + 4U * 16U);
    EXPECT_EQ(wkb[0], 1);  // little-endian
    EXPECT_EQ(wkb[1], 6);  // MultiPolygon
    EXPECT_EQ(wkb[5], 1);  // one polygon
    EXPECT_EQ(wkb[18], 4); // four points in the ring
    double last_lat = 0;
    std::memcpy(&last_lat, wkb.data() + wkb.size() - 8, 8);
    EXPECT_DOUBLE_EQ(last_lat, 2.0);
}

TEST(Lines, CrossingAndDisjoint) {
    const std::vector<Coord> bridge{Coord::from_degrees(0, -1), Coord::from_degrees(0, 1)};
    const std::vector<Coord> river{Coord::from_degrees(-1, 0), Coord::from_degrees(1, 0)};
    const std::vector<Coord> far_river{Coord::from_degrees(-1, 5), Coord::from_degrees(1, 5)};
    EXPECT_TRUE(lines_cross(bridge, river));
    EXPECT_FALSE(lines_cross(bridge, far_river));
}

TEST(PolygonValidity, ASquareWithAHoleIsValidInEitherOrientation) {
    const LonLatRing square{{7.0, 43.0}, {7.1, 43.0}, {7.1, 43.1}, {7.0, 43.1}, {7.0, 43.0}};
    const LonLatRing hole{
        {7.04, 43.04}, {7.04, 43.06}, {7.06, 43.06}, {7.06, 43.04}, {7.04, 43.04}};
    const LonLatRing clockwise(square.rbegin(), square.rend());
    EXPECT_EQ(polygon_invalidity(std::vector<LonLatRing>{square, hole}), std::nullopt);
    EXPECT_EQ(polygon_invalidity(std::vector<LonLatRing>{clockwise}), std::nullopt);
}

TEST(PolygonValidity, ABowTieGivesBoostsFirstSentence) {
    const LonLatRing bow_tie{{7.0, 43.0}, {7.1, 43.1}, {7.1, 43.0}, {7.0, 43.1}, {7.0, 43.0}};
    EXPECT_EQ(polygon_invalidity(std::vector<LonLatRing>{bow_tie}),
              "Geometry has invalid self-intersections.");
}

TEST(PointIndex, FindsTheTrueNearestAndHonoursTheFilter) {
    std::vector<Coord> points;
    for (int i = 0; i < 50; ++i) {
        for (int j = 0; j < 50; ++j) {
            points.push_back(Coord::from_degrees(7 + i * 0.001, 43 + j * 0.001));
        }
    }
    const PointIndex all(points);
    const PointIndex even(points, [](std::uint32_t i) { return i % 2 == 0; });
    for (int probe = 0; probe < 200; ++probe) {
        const Coord where =
            Coord::from_degrees(7 + (probe * 37 % 500) * 0.0001, 43 + (probe * 91 % 500) * 0.0001);
        double best_all = 1e18;
        double best_even = 1e18;
        for (std::uint32_t i = 0; i < points.size(); ++i) {
            const double d = distance_m(where, points[i]);
            best_all = std::min(best_all, d);
            if (i % 2 == 0) {
                best_even = std::min(best_even, d);
            }
        }
        EXPECT_DOUBLE_EQ(all.nearest(where)->distance_m, best_all);
        const auto hit = even.nearest(where);
        EXPECT_DOUBLE_EQ(hit->distance_m, best_even);
        EXPECT_EQ(hit->item % 2, 0U);
    }
    EXPECT_FALSE(PointIndex(points, [](std::uint32_t) { return false; }).nearest(points[0]));
}

} // namespace
} // namespace dayafter::geo
