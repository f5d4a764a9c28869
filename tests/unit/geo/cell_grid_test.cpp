#include <limits>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "dayafter/geo/cell_grid.hpp"
#include "dayafter/util/error.hpp"

namespace dayafter::geo {
namespace {

BoundingBox town_box() {
    BoundingBox box; // about 2.4 km x 1.7 km around Monaco
    box.extend(Coord::from_degrees(7.40, 43.72));
    box.extend(Coord::from_degrees(7.43, 43.735));
    return box;
}

TEST(CellGrid, CoversTheBoxAndItsMarginWithCellsSquareInMetres) {
    const CellGrid grid = grid_over(town_box(), 100, 100);
    const double east = grid.west + grid.columns * grid.cell_lon_deg;
    const double south = grid.north - grid.rows * grid.cell_lat_deg;
    EXPECT_LE(grid.west, 7.40 - 100 / 80'500.0); // a degree of longitude is 80.4 km here
    EXPECT_GE(east, 7.43 + 100 / 80'500.0);
    EXPECT_GE(grid.north, 43.735 + 100 / 112'000.0);
    EXPECT_LE(south, 43.72 - 100 / 112'000.0);
    // Measured with the haversine, not with the grid's own scale factors.
    const Coord a = grid.centre(grid.rows / 2, 0);
    EXPECT_NEAR(distance_m(a, grid.centre(grid.rows / 2, 1)), 100, 0.5);
    EXPECT_NEAR(distance_m(a, grid.centre(grid.rows / 2 + 1, 0)), 100, 0.5);
    EXPECT_EQ(grid.columns, 27); // ceil((2410 m + 200 m) / 100 m)
    EXPECT_EQ(grid.rows, 19);    // ceil((1668 m + 200 m) / 100 m)
}

TEST(CellGrid, RowZeroIsTheNorthernmost) {
    const CellGrid grid = grid_over(town_box(), 250, 0);
    EXPECT_GT(grid.centre(0, 0).lat(), grid.centre(1, 0).lat());
    EXPECT_LT(grid.centre(0, 0).lon(), grid.centre(0, 1).lon());
}

TEST(CellGrid, RefusesCellsThatAreNotPositiveOrMakeTooManyCells) {
    for (const double cell : {0.0, -100.0, std::numeric_limits<double>::quiet_NaN(),
                              std::numeric_limits<double>::infinity()}) {
        EXPECT_THROW((void)grid_over(town_box(), cell, 0), InputError) << cell;
    }
    try {
        (void)grid_over(town_box(), 0.5, 0); // 4,820 x 3,336 cells
        FAIL() << "16 million cells accepted";
    } catch (const InputError& e) {
        EXPECT_THAT(e.what(), ::testing::HasSubstr("limit of 10 million"));
    }
    EXPECT_NO_THROW((void)grid_over(town_box(), 1, 0)); // 2,410 x 1,668 cells
    EXPECT_THROW((void)grid_over(BoundingBox{}, 100, 0), InputError);
}

} // namespace
} // namespace dayafter::geo
