#include <cmath>
#include <fstream>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "dayafter/io/raster.hpp"
#include "dayafter/util/error.hpp"
#include "test_support.hpp"

namespace dayafter::io {
namespace {

using ::testing::HasSubstr;

// An ASCII grid (which GDAL reads) with its coordinate system in a .prj beside it, if any.
std::filesystem::path grid(const test::TempDir& dir, const std::string& name,
                           const std::string& text, bool with_crs) {
    std::ofstream(dir / (name + ".asc")) << text;
    if (with_crs) {
        std::ofstream(dir / (name + ".prj"))
            << R"(GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563]],)"
            << R"(PRIMEM["Greenwich",0],UNIT["degree",0.0174532925199433],)"
            << R"(AUTHORITY["EPSG","4326"]])";
    }
    return dir / (name + ".asc");
}

const std::string kSmall = "ncols 3\nnrows 2\nxllcorner 7.0\nyllcorner 43.0\ncellsize 0.5\n"
                           "NODATA_value -9999\n1 -9999 0\n4 5 6\n";

TEST(Raster, ReadsTheCellsThatHoldValuesAndPlacesThem) {
    test::TempDir dir;
    const Raster raster = Raster::open(grid(dir, "small", kSmall, true));
    ASSERT_FALSE(raster.placement_problem()) << *raster.placement_problem();
    EXPECT_TRUE(raster.is_wgs84_lonlat());
    EXPECT_EQ(raster.width(), 3);
    EXPECT_EQ(raster.height(), 2);
    const auto pixel = raster.pixel_of(7.75, 43.25); // column 1, row 1 (rows run south)
    ASSERT_TRUE(pixel);
    EXPECT_NEAR(pixel->first, 1.5, 1e-9);
    EXPECT_NEAR(pixel->second, 1.5, 1e-9);

    std::vector<RasterCell> cells;
    raster.read(
        {1, 0, 2, 2}, [&](const RasterCell& cell) { cells.push_back(cell); }, nullptr);
    ASSERT_EQ(cells.size(), 3U); // nodata left out, 0 kept
    EXPECT_EQ(cells[0].value, 0);
    EXPECT_EQ(cells[1].row, 1);
    EXPECT_EQ(cells[1].column, 1);
    EXPECT_EQ(cells[1].value, 5);
    const auto centre = raster.centre(cells[1]);
    ASSERT_TRUE(centre);
    EXPECT_NEAR(centre->lon, 7.75, 1e-9);
    EXPECT_NEAR(centre->lat, 43.25, 1e-9);
}

TEST(Raster, ReportsProgressOnALongWindow) {
    test::TempDir dir;
    std::string text = "ncols 1\nnrows 1000\nxllcorner 7.0\nyllcorner 43.0\ncellsize 0.001\n";
    for (int row = 0; row < 1000; ++row) {
        text += "1\n";
    }
    const Raster raster = Raster::open(grid(dir, "long", text, true));
    std::vector<std::string> progress;
    std::size_t cells = 0;
    raster.read(
        {0, 0, 1, 1000}, [&](const RasterCell&) { ++cells; },
        [&](std::string_view line) { progress.emplace_back(line); });
    EXPECT_EQ(cells, 1000U);
    ASSERT_EQ(progress.size(), 10U);
    EXPECT_EQ(progress[1], "long.asc: row 101 of 1000");
}

TEST(Raster, CannotPlaceARasterWithoutACoordinateSystem) {
    test::TempDir dir;
    const Raster raster = Raster::open(grid(dir, "bare", kSmall, false));
    ASSERT_TRUE(raster.placement_problem());
    EXPECT_THAT(*raster.placement_problem(), HasSubstr("no coordinate reference system"));
    EXPECT_FALSE(raster.crs_name());
}

TEST(Raster, RefusesAFileThatIsNotARaster) {
    test::TempDir dir;
    std::ofstream(dir / "text.tif") << "not a raster\n";
    try {
        (void)Raster::open(dir / "text.tif");
        ADD_FAILURE() << "opened a text file";
    } catch (const InputError& e) {
        EXPECT_THAT(e.what(), HasSubstr((dir / "text.tif").string() + ": GDAL cannot read it"));
    }
}

TEST(Raster, RefusesARowItCannotRead) {
    test::TempDir dir;
    const Raster raster = Raster::open(grid(dir, "small", kSmall, true));
    try {
        raster.read(
            {0, 0, 3, 3}, [](const RasterCell&) {}, nullptr);
        ADD_FAILURE() << "read a row beyond the raster";
    } catch (const InputError& e) {
        EXPECT_THAT(e.what(), HasSubstr("small.asc: cannot read raster row 3"));
    }
}

} // namespace
} // namespace dayafter::io
