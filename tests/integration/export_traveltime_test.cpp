// `dayafter export traveltime` (#14): the raster read back through GDAL and checked against an
// independent reference: scipy's node times on the graph `dayafter export graph` writes (the
// network as it is at the date), plus a brute-force nearest usable node and the walk to it at
// 5 km/h, for every cell. And a cell centred on a population place has the place's minutes.
#include <gdal_priv.h>
#include <ogr_spatialref.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <fstream>
#include <limits>
#include <map>
#include <memory>
#include <sstream>

#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "dayafter/access/session.hpp"
#include "dayafter/access/travel_time_grid.hpp"
#include "dayafter/app/export_traveltime.hpp"
#include "monaco_project.hpp"
#include "snapshot_fixture.hpp"
#include "test_support.hpp"

namespace dayafter {
namespace {

using ::testing::HasSubstr;
namespace fs = std::filesystem;

constexpr double kNoData = -9999;
constexpr double kLimitM = 500;        // the documented snapping limit for a cell
constexpr double kWalkMps = 5 / 3.6;   // 5 km/h
constexpr double kToleranceMin = 2e-3; // float32 minutes, centres rounded to 1e-7 degree

std::string cli() {
    return test::cli_binary().string();
}

/// Haversine on the mean Earth radius, written here rather than taken from geo::.
double haversine_m(double lon1, double lat1, double lon2, double lat2) {
    const double rad = 3.14159265358979323846 / 180;
    const double dlat = (lat2 - lat1) * rad;
    const double dlon = (lon2 - lon1) * rad;
    const double a =
        std::sin(dlat / 2) * std::sin(dlat / 2) +
        std::cos(lat1 * rad) * std::cos(lat2 * rad) * std::sin(dlon / 2) * std::sin(dlon / 2);
    return 2 * 6371008.8 * std::asin(std::min(1.0, std::sqrt(a)));
}

/// The data rows of a CSV file, split at commas.
std::vector<std::vector<std::string>> csv_rows(const fs::path& file) {
    std::ifstream in(file);
    std::string line;
    std::getline(in, line);
    std::vector<std::vector<std::string>> rows;
    while (std::getline(in, line)) {
        std::vector<std::string> fields;
        std::stringstream split(line);
        for (std::string field; std::getline(split, field, ',');) {
            fields.push_back(field);
        }
        rows.push_back(fields);
    }
    return rows;
}

struct GdalDataset {
    explicit GdalDataset(const fs::path& file) {
        GDALAllRegister();
        dataset.reset(GDALDataset::Open(file.c_str(), GDAL_OF_RASTER | GDAL_OF_READONLY));
    }
    std::vector<float> band(int b) const {
        const int columns = dataset->GetRasterXSize();
        const int rows = dataset->GetRasterYSize();
        std::vector<float> values(static_cast<std::size_t>(columns) * rows);
        EXPECT_EQ(dataset->GetRasterBand(b)->RasterIO(GF_Read, 0, 0, columns, rows, values.data(),
                                                      columns, rows, GDT_Float32, 0, 0),
                  CE_None);
        return values;
    }
    std::unique_ptr<GDALDataset> dataset;
};

class ExportTravelTime : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        tif_ = new fs::path(dir_ / "times.tif");
        std::string out;
        ASSERT_EQ(test::run(fmt::format("{} -q export traveltime --project {} --mode walk -o {}",
                                        cli(), project().string(), tif_->string()),
                            &out),
                  0)
            << out;
    }
    static void TearDownTestSuite() { delete tif_; }
    static const fs::path& project() { return test::monaco_bundle_project(); }

    static inline test::TempDir dir_;
    static inline fs::path* tif_ = nullptr;
};

TEST_F(ExportTravelTime, OneBandPerServiceNamedWithItsUnitModeAndNodata) {
    const GdalDataset file(*tif_);
    ASSERT_TRUE(file.dataset);
    const snapshot::Snapshot snapshot = app::open_snapshot({project()});
    const auto& services = snapshot.config().services;
    ASSERT_EQ(file.dataset->GetRasterCount(), static_cast<int>(services.size()));
    for (std::size_t s = 0; s < services.size(); ++s) {
        SCOPED_TRACE(services[s].name);
        GDALRasterBand* band = file.dataset->GetRasterBand(static_cast<int>(s) + 1);
        EXPECT_EQ(band->GetRasterDataType(), GDT_Float32);
        EXPECT_EQ(std::string(band->GetDescription()), services[s].name);
        int has_nodata = 0;
        EXPECT_EQ(band->GetNoDataValue(&has_nodata), kNoData);
        EXPECT_TRUE(has_nodata);
        EXPECT_EQ(std::string(band->GetUnitType()), "minutes");
        EXPECT_STREQ(band->GetMetadataItem("mode"), "walk");
        EXPECT_THAT(std::string(band->GetMetadataItem("rule")), HasSubstr("5 km/h"));
    }
    const OGRSpatialReference* crs = file.dataset->GetSpatialRef();
    ASSERT_NE(crs, nullptr);
    EXPECT_STREQ(crs->GetAuthorityCode(nullptr), "4326");
    EXPECT_STREQ(file.dataset->GetMetadataItem("cell_m"), "100");
}

TEST_F(ExportTravelTime, TheGridCoversEveryRoadNodeWithCellsOf100Metres) {
    const GdalDataset file(*tif_);
    ASSERT_TRUE(file.dataset);
    std::array<double, 6> gt{};
    ASSERT_EQ(file.dataset->GetGeoTransform(gt.data()), CE_None);
    const double east = gt[0] + gt[1] * file.dataset->GetRasterXSize();
    const double south = gt[3] + gt[5] * file.dataset->GetRasterYSize();
    fs::path graph = dir_ / "graph-extent";
    std::string out;
    ASSERT_EQ(test::run(fmt::format("{} export graph --project {} --mode walk --dir {}", cli(),
                                    project().string(), graph.string()),
                        &out),
              0)
        << out;
    double mid_lat = 0;
    std::size_t count = 0;
    for (const auto& row : csv_rows(graph / "nodes.csv")) {
        const double lon = std::stod(row[1]);
        const double lat = std::stod(row[2]);
        EXPECT_TRUE(lon > gt[0] && lon < east && lat < gt[3] && lat > south) << row[0];
        mid_lat += lat;
        ++count;
    }
    mid_lat /= static_cast<double>(count);
    EXPECT_NEAR(haversine_m(gt[0], mid_lat, gt[0] + gt[1], mid_lat), 100, 1);
    EXPECT_NEAR(haversine_m(gt[0], mid_lat, gt[0], mid_lat - gt[5]), 100, 1);
}

// The whole raster against the reference: any error in the grid's placement, the snapping (its
// index, its limit, the mode's usable nodes), the walk speed, the units or the node times (the
// damaged network, the functioning facilities) shows as cells that differ.
TEST_F(ExportTravelTime, EveryCellEqualsScipyNodeTimePlusTheWalkToTheNearestUsableNode) {
    const fs::path g = dir_ / "graph-hospital";
    std::string out;
    ASSERT_EQ(test::run(fmt::format("{} export graph --project {} --mode walk --service hospital "
                                    "--dir {}",
                                    cli(), project().string(), g.string()),
                        &out),
              0)
        << out;
    ASSERT_EQ(test::run(test::system_python() + " " +
                            (test::shared_dir() / "bench" / "anchors_py.py").string() +
                            " --tool scipy --reps 1 --edges " + (g / "edges.csv").string() +
                            " --sources " + (g / "sources.csv").string() + " --out " +
                            (g / "scipy.csv").string(),
                        &out),
              0)
        << out;
    std::vector<std::pair<double, double>> lonlat;
    for (const auto& row : csv_rows(g / "nodes.csv")) {
        lonlat.emplace_back(std::stod(row[1]), std::stod(row[2]));
    }
    std::vector<bool> usable(lonlat.size(), false); // touched by an arc of the network as it is
    for (const auto& row : csv_rows(g / "edges.csv")) {
        usable.at(std::stoul(row[0])) = true;
        usable.at(std::stoul(row[1])) = true;
    }
    std::vector<double> seconds(lonlat.size(), std::numeric_limits<double>::infinity());
    for (const auto& row : csv_rows(g / "scipy.csv")) {
        if (row[1] != "inf") {
            seconds.at(std::stoul(row[0])) = std::stod(row[1]);
        }
    }

    const GdalDataset file(*tif_);
    ASSERT_TRUE(file.dataset);
    int band = 0;
    for (int b = 1; b <= file.dataset->GetRasterCount(); ++b) {
        band =
            std::string(file.dataset->GetRasterBand(b)->GetDescription()) == "hospital" ? b : band;
    }
    ASSERT_GT(band, 0);
    const std::vector<float> values = file.band(band);
    std::array<double, 6> gt{};
    ASSERT_EQ(file.dataset->GetGeoTransform(gt.data()), CE_None);
    const int columns = file.dataset->GetRasterXSize();
    std::size_t timed = 0, far_from_roads = 0, cut_off = 0, compared = 0;
    for (std::size_t cell = 0; cell < values.size(); ++cell) {
        const auto row = static_cast<double>(cell / columns);
        const auto column = static_cast<double>(cell % columns);
        const double lon = gt[0] + (column + 0.5) * gt[1];
        const double lat = gt[3] + (row + 0.5) * gt[5];
        double best = std::numeric_limits<double>::infinity();
        double second = best;
        std::size_t nearest = 0;
        for (std::size_t n = 0; n < lonlat.size(); ++n) {
            if (!usable[n]) {
                continue;
            }
            const double d = haversine_m(lon, lat, lonlat[n].first, lonlat[n].second);
            if (d < best) {
                second = best;
                best = d;
                nearest = n;
            } else if (d < second) {
                second = d;
            }
        }
        if (std::abs(best - kLimitM) < 0.05 || second - best < 0.05) {
            continue; // on the limit, or two nodes as near: rounding may choose either
        }
        ++compared;
        if (best > kLimitM) {
            ++far_from_roads;
            EXPECT_EQ(values[cell], kNoData) << "cell " << cell << " is " << best << " m off";
        } else if (std::isinf(seconds[nearest])) {
            ++cut_off;
            EXPECT_EQ(values[cell], kNoData) << "cell " << cell << " node " << nearest;
        } else {
            ++timed;
            const double minutes = (seconds[nearest] + best / kWalkMps) / 60;
            EXPECT_NEAR(values[cell], minutes, kToleranceMin)
                << "cell " << cell << " node " << nearest << " at " << best << " m";
        }
    }
    // Monaco's extent holds sea and roads: both kinds of cell must be there to be compared.
    EXPECT_GT(compared, values.size() * 9 / 10);
    EXPECT_GT(timed, 300U);
    EXPECT_GT(far_from_roads, 20U);
    RecordProperty("cells", static_cast<int>(values.size()));
    RecordProperty("compared", static_cast<int>(compared));
    RecordProperty("timed", static_cast<int>(timed));
    RecordProperty("far_from_roads", static_cast<int>(far_from_roads));
    RecordProperty("cut_off", static_cast<int>(cut_off));
}

/// Checks a one-cell grid centred on each place (every `step`-th) against the incremental
/// session's per-place amounts, a different code path from node_times_us; returns the places
/// compared with a time.
std::size_t check_cells_at_places(const fs::path& project, std::size_t step) {
    const snapshot::Snapshot snapshot = app::open_snapshot({project});
    const auto& services = snapshot.config().services;
    const access::AccessSession session(snapshot, services, graph::TravelMode::Walk);
    const auto& places = session.places();
    const auto snaps = snapshot.place_snaps(graph::TravelMode::Walk);
    std::size_t checked = 0;
    for (std::size_t s = 0; s < services.size(); ++s) {
        const access::ServiceAccess result = session.result(s);
        if (result.status != access::AccessStatus::Computed ||
            services[s].measure != model::Measure::Time) {
            continue;
        }
        SCOPED_TRACE(services[s].name);
        const std::vector<std::uint64_t> node_times =
            access::node_times_us(snapshot.town(), services[s], graph::TravelMode::Walk);
        for (std::size_t p = 0; p < places.size(); p += step) {
            const double side = 1e-3;
            const geo::CellGrid one{places[p].location.lon() - side / 2,
                                    places[p].location.lat() + side / 2,
                                    side,
                                    side,
                                    1,
                                    1};
            EXPECT_EQ(one.centre(0, 0), places[p].location);
            const auto cell_snaps =
                access::snap_cells(snapshot.town(), one, graph::TravelMode::Walk, kLimitM);
            const std::vector<float> minutes =
                access::cell_minutes(node_times, cell_snaps, access::kNoMinutes);
            const access::PlaceAccess& place = result.places[p];
            if (place.reach == access::Reach::CutOff || snaps[p].distance_m > kLimitM) {
                EXPECT_EQ(minutes[0], access::kNoMinutes) << "place " << p;
            } else {
                EXPECT_EQ(minutes[0], static_cast<float>(static_cast<double>(place.amount) / 60e6))
                    << "place " << p;
                ++checked;
            }
        }
    }
    return checked;
}

// The rule is the place's rule, on the damaged network (the bundle: its 8 population points)
// and on the building estimate of the plain import (thousands of places, 1 in 20 checked).
TEST_F(ExportTravelTime, ACellCentredOnAPlaceHasThePlacesMinutes) {
    EXPECT_EQ(check_cells_at_places(project(), 1), 32U); // 8 places x 4 services in minutes
    EXPECT_GT(check_cells_at_places(test::imported_monaco_project(), 20), 1000U);
}

TEST_F(ExportTravelTime, GdalinfoReadsItsStatistics) {
    const fs::path copy = dir_ / "stats.tif";
    fs::copy_file(*tif_, copy);
    std::string out;
    ASSERT_EQ(test::run("gdalinfo -stats " + copy.string(), &out), 0) << out;
    EXPECT_THAT(out, HasSubstr("Block=256x256 Type=Float32"));
    EXPECT_THAT(out, HasSubstr("Description = hospital"));
    EXPECT_THAT(out, HasSubstr("NoData Value=-9999"));
    EXPECT_THAT(out, HasSubstr("STATISTICS_MAXIMUM="));
    EXPECT_THAT(out, HasSubstr("COMPRESSION=DEFLATE"));
    EXPECT_THAT(out, ::testing::Not(HasSubstr("Minimum=-9999"))); // nodata left out
}

TEST_F(ExportTravelTime, EachServiceInItsOwnModeByDefault) {
    const fs::path tif = dir_ / "own-modes.tif";
    std::string out;
    ASSERT_EQ(test::run(fmt::format("{} -q export traveltime --project {} --cell 250 -o {}", cli(),
                                    project().string(), tif.string()),
                        &out),
              0)
        << out;
    const GdalDataset file(tif);
    ASSERT_TRUE(file.dataset);
    const snapshot::Snapshot snapshot = app::open_snapshot({project()});
    for (std::size_t s = 0; s < snapshot.config().services.size(); ++s) {
        const model::Service& service = snapshot.config().services[s];
        EXPECT_EQ(
            std::string(
                file.dataset->GetRasterBand(static_cast<int>(s) + 1)->GetMetadataItem("mode")),
            graph::to_string(service.mode))
            << service.name;
    }
    EXPECT_STREQ(file.dataset->GetMetadataItem("cell_m"), "250");
}

// Before the bundle's reports (2017-12-15) there is no hazard, no status and no added field
// hospital: the hospital band differs in many cells. Fails if --as-of is not passed on.
TEST_F(ExportTravelTime, AsOfADateBeforeTheReportsGivesThatDaysNetwork) {
    const fs::path before = dir_ / "before.tif";
    std::string out;
    ASSERT_EQ(test::run(fmt::format("{} -q export traveltime --project {} --mode walk --as-of "
                                    "2017-12-01 -o {}",
                                    cli(), project().string(), before.string()),
                        &out),
              0)
        << out;
    const GdalDataset then(before);
    const GdalDataset now(*tif_);
    ASSERT_TRUE(then.dataset && now.dataset);
    EXPECT_STREQ(then.dataset->GetMetadataItem("as_of"), "2017-12-01");
    EXPECT_STREQ(now.dataset->GetMetadataItem("as_of"), "latest");
    const std::vector<float> hospital_then = then.band(2);
    const std::vector<float> hospital_now = now.band(2);
    ASSERT_EQ(hospital_then.size(), hospital_now.size());
    std::size_t differ = 0;
    for (std::size_t cell = 0; cell < hospital_now.size(); ++cell) {
        differ += hospital_then[cell] != hospital_now[cell] ? 1 : 0;
    }
    EXPECT_GT(differ, 100U);
    RecordProperty("differ", static_cast<int>(differ));
}

TEST_F(ExportTravelTime, AnExistingFileIsLeftAsItIsWithoutForce) {
    const fs::path tif = dir_ / "existing.tif";
    std::ofstream(tif) << "keep me";
    std::string out;
    EXPECT_EQ(test::run(fmt::format("{} export traveltime --project {} -o {}", cli(),
                                    project().string(), tif.string()),
                        &out),
              2);
    EXPECT_THAT(out, HasSubstr("already exists"));
    EXPECT_EQ(test::read_text(tif), "keep me");
    ASSERT_EQ(test::run(fmt::format("{} -q export traveltime --project {} --cell 500 --force -o {}",
                                    cli(), project().string(), tif.string()),
                        &out),
              0)
        << out;
    EXPECT_EQ(test::run("gdalinfo " + tif.string(), &out), 0) << out;
    for (const auto& entry : fs::directory_iterator(dir_.path())) {
        EXPECT_EQ(entry.path().filename().string().find(".partial-"), std::string::npos)
            << entry.path();
    }
}

TEST_F(ExportTravelTime, BadCellSizesAreRefusedWithExitCode2AndNoFile) {
    const fs::path tif = dir_ / "never.tif";
    const std::pair<std::string, std::string> cases[] = {
        {"0", "--cell"},
        {"-100", "--cell"},
        {"nan", "--cell"},
        {"metres", "--cell"},
        {"0.01", "limit of 10 million"},
    };
    for (const auto& [cell, expected] : cases) {
        SCOPED_TRACE(cell);
        std::string out;
        EXPECT_EQ(test::run(fmt::format("{} export traveltime --project {} --cell {} -o {}", cli(),
                                        project().string(), cell, tif.string()),
                            &out),
                  2);
        EXPECT_THAT(out, HasSubstr(expected));
        EXPECT_FALSE(fs::exists(tif));
    }
}

} // namespace
} // namespace dayafter
