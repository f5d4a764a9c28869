// What dayafter writes, opened with the tools people open it with (#14): facility status as
// GeoJSON through GDAL's ogrinfo and ogr2ogr, the GeoPackage turned into Shapefiles, and CSV
// files read by Python's csv module, independently of the code that wrote them.
#include <algorithm>
#include <fstream>
#include <map>

#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "dayafter/store/project_store.hpp"
#include "monaco_project.hpp"
#include "snapshot_fixture.hpp"
#include "test_support.hpp"

namespace dayafter {
namespace {

using ::testing::HasSubstr;
namespace fs = std::filesystem;

constexpr std::string_view kBom = "\xEF\xBB\xBF";

std::string cli() {
    return test::cli_binary().string();
}

std::string read_bytes(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

/// The file's rows as Python's csv module reads them (utf-8-sig: a BOM is not part of a cell).
std::vector<std::vector<std::string>> python_csv_rows(const fs::path& file) {
    std::string out;
    const int code =
        test::run(test::system_python() +
                      " -c 'import csv, json, sys; "
                      "print(json.dumps(list(csv.reader(open(sys.argv[1], encoding=\"utf-8-sig\", "
                      "newline=\"\")))))' " +
                      file.string(),
                  &out);
    EXPECT_EQ(code, 0) << out;
    return code == 0 ? nlohmann::json::parse(out).get<std::vector<std::vector<std::string>>>()
                     : std::vector<std::vector<std::string>>{};
}

TEST(ExportStatus, EveryFacilityIsAValidPointWithItsDecodedStatus) {
    test::TempDir dir;
    const fs::path file = dir / "status.geojson";
    std::string out;
    ASSERT_EQ(test::run(fmt::format("{} export status --project {} -o {}", cli(),
                                    test::monaco_bundle_project().string(), file.string()),
                        &out),
              0)
        << out;
    // The map's facilities and the five the bundle adds, as in the GeoPackage's layer.
    const model::Town town = store::read_project(test::monaco_bundle_project());
    EXPECT_EQ(test::ogr_count(file, "SELECT count(*) FROM status"),
              static_cast<long long>(town.facilities.size()) + 5);
    EXPECT_EQ(test::ogr_count(file, "SELECT count(*) FROM status WHERE GEOMETRY IS NULL OR NOT "
                                    "ST_IsValid(GEOMETRY) OR ST_GeometryType(GEOMETRY) <> 'POINT'"),
              0);
    EXPECT_EQ(test::ogr_count(file, "SELECT count(*) FROM status WHERE code = 'FH-1' AND status = "
                                    "'functioning' AND herams = 'A1' AND funders = 'ECHO; DFID'"),
              1);
    EXPECT_EQ(test::ogr_count(file, "SELECT count(*) FROM status WHERE status = 'no status'"),
              test::ogr_count(file, "SELECT count(*) FROM status WHERE herams IS NULL"));
    // RFC 7946: no "crs" member, positions to 7 decimals at most.
    const nlohmann::json collection = nlohmann::json::parse(read_bytes(file));
    EXPECT_FALSE(collection.contains("crs"));
    const double lon = collection["features"][0]["geometry"]["coordinates"][0].get<double>();
    EXPECT_NEAR(lon * 1e7, std::round(lon * 1e7), 1e-6);

    // One geometry type: it converts to a Shapefile as it is.
    EXPECT_EQ(test::run(fmt::format("ogr2ogr -q -f 'ESRI Shapefile' {} {}",
                                    (dir / "status.shp").string(), file.string()),
                        &out),
              0)
        << out;

    const std::string before = read_bytes(file);
    EXPECT_EQ(test::run(fmt::format("{} export status --project {} -o {}", cli(),
                                    test::monaco_bundle_project().string(), file.string()),
                        &out),
              2);
    EXPECT_THAT(out, HasSubstr("--force"));
    EXPECT_EQ(read_bytes(file), before);
}

TEST(ExportStatus, TheWholeGeoPackageConvertsToShapefiles) {
    // The hazards as one GeoJSON mix points, lines and polygons; the GeoPackage's layers each
    // hold one type, so every layer becomes a Shapefile.
    test::TempDir dir;
    std::string out;
    ASSERT_EQ(
        test::run(fmt::format("{} -q export gpkg --no-access --project {} -o {}", cli(),
                              test::monaco_bundle_project().string(), (dir / "town.gpkg").string()),
                  &out),
        0)
        << out;
    ASSERT_EQ(test::run(fmt::format("ogr2ogr -q -f 'ESRI Shapefile' {} {} hazard_areas "
                                    "hazard_lines hazard_points facilities roads 2>&1",
                                    (dir / "shp").string(), (dir / "town.gpkg").string()),
                        &out),
              0)
        << out;
    for (const auto& [layer, count] : std::map<std::string, long long>{
             {"hazard_areas", 3}, {"hazard_lines", 1}, {"hazard_points", 2}}) {
        EXPECT_EQ(test::ogr_count(dir / "shp" / (layer + ".shp"),
                                  fmt::format("SELECT count(*) FROM {}", layer)),
                  count)
            << layer;
    }
}

TEST(ExportStatus, EveryGeoJsonWrittenHasValidGeometries) {
    // access, plan and the exports, checked by SpatiaLite's ST_IsValid through ogrinfo; a
    // feature without a geometry (a blown bridge given by its OSM way) is allowed.
    test::TempDir dir;
    const std::string project = test::monaco_bundle_project().string();
    std::string out;
    ASSERT_EQ(test::run(fmt::format("{} -q access --project {} --out {}", cli(), project,
                                    (dir / "access").string()),
                        &out),
              0)
        << out;
    ASSERT_EQ(test::run(fmt::format("{} -q plan --project {} --evaluations 50 --out {}", cli(),
                                    project, (dir / "plan").string()),
                        &out),
              0)
        << out;
    for (const std::string& command :
         {fmt::format("export hazards --project {} -o {}", project,
                      (dir / "hazards.geojson").string()),
          fmt::format("export population --format geojson --project {} -o {}", project,
                      (dir / "areas.geojson").string()),
          fmt::format("export status --project {} -o {}", project,
                      (dir / "status.geojson").string())}) {
        ASSERT_EQ(test::run(cli() + " -q " + command, &out), 0) << command << ":\n" << out;
    }
    std::size_t files = 0;
    for (const auto& entry : fs::recursive_directory_iterator(dir.path())) {
        if (entry.path().extension() != ".geojson") {
            continue;
        }
        ++files;
        const std::string layer = entry.path().stem().string();
        EXPECT_GT(test::ogr_count(entry.path(), fmt::format("SELECT count(*) FROM {}", layer)), 0)
            << entry.path();
        EXPECT_EQ(test::ogr_count(entry.path(), fmt::format("SELECT count(*) FROM {} WHERE "
                                                            "NOT ST_IsValid(GEOMETRY)",
                                                            layer)),
                  0)
            << entry.path();
    }
    // places, facilities, catchments; tasks; hazards, areas, status
    EXPECT_EQ(files, 7U);
}

class CsvForSpreadsheets : public ::testing::Test {
protected:
    void SetUp() override {
        project_ = dir_ / "town.dayafter";
        fs::copy_file(test::imported_monaco_project(), project_);
    }
    int load(const std::string& kind, const fs::path& file, std::string* out) {
        return test::run(cli() + " -q load " + kind + " " + file.string() + " --project " +
                             project_.string() + " --by tester --reported 2017-12-15",
                         out);
    }
    test::TempDir dir_;
    fs::path project_;
};

TEST_F(CsvForSpreadsheets, PlaceCodesWithCommasAndQuotesReadBackAsTheSameCells) {
    const std::map<std::string, int> people = {
        {"Camp, \"North\"", 1200}, {"P-02", 3000}, {"Gare; quai", 75}};
    std::ofstream(dir_ / "population.csv")
        << "site,lat,lon,people,reported\n"
           "#loc+code,#geo+lat,#geo+lon,#population,#date+reported\n"
           "\"Camp, \"\"North\"\"\",43.7340,7.4200,1200,2017-12-15\n"
           "P-02,43.7310,7.4230,3000,2017-12-15\n"
           "Gare; quai,43.7360,7.4190,75,2017-12-15\n";
    std::string out;
    ASSERT_EQ(load("population", dir_ / "population.csv", &out), 0) << out;
    ASSERT_EQ(test::run(fmt::format("{} -q access --project {} --out {}", cli(), project_.string(),
                                    (dir_ / "access").string()),
                        &out),
              0)
        << out;

    const auto rows = python_csv_rows(dir_ / "access/places.csv");
    ASSERT_EQ(rows.size(), people.size() + 2); // header, hashtags, one row per place
    const std::vector<std::string>& header = rows[0];
    EXPECT_EQ(header[0], "code");
    const auto population = std::find(header.begin(), header.end(), "population");
    ASSERT_NE(population, header.end());
    std::map<std::string, int> read;
    for (std::size_t r = 2; r < rows.size(); ++r) {
        ASSERT_EQ(rows[r].size(), header.size()) << "row " << r;
        read[rows[r][0]] = static_cast<int>(
            std::stod(rows[r][static_cast<std::size_t>(population - header.begin())]));
    }
    EXPECT_EQ(read, people);
}

TEST_F(CsvForSpreadsheets, AByteOrderMarkOnlyWhenTheTextGoesBeyondAscii) {
    std::string out;
    for (const std::string kind : {"orgs", "resources"}) {
        ASSERT_EQ(load(kind, test::data_dir() / "registry/monaco" / (kind + ".csv"), &out), 0)
            << out;
        ASSERT_EQ(test::run(fmt::format("{} -q export {} --project {} -o {}", cli(), kind,
                                        project_.string(), (dir_ / (kind + ".csv")).string()),
                            &out),
                  0)
            << out;
    }
    // The bundle's organisations include Médecins Sans Frontières; its resources are ASCII.
    const std::string orgs = read_bytes(dir_ / "orgs.csv");
    EXPECT_TRUE(orgs.starts_with(kBom));
    EXPECT_FALSE(read_bytes(dir_ / "resources.csv").starts_with(kBom));
    const auto rows = python_csv_rows(dir_ / "orgs.csv");
    EXPECT_TRUE(std::any_of(rows.begin(), rows.end(), [](const std::vector<std::string>& row) {
        return std::find(row.begin(), row.end(), "Médecins Sans Frontières") != row.end();
    }));
    ASSERT_FALSE(rows.empty());
    EXPECT_EQ(rows[0][0].find(kBom), std::string::npos);

    // Standard output is for programs, so it has no mark; and what was written loads back.
    ASSERT_EQ(
        test::run(fmt::format("{} -q export orgs --project {}", cli(), project_.string()), &out),
        0);
    EXPECT_FALSE(out.starts_with(kBom));
    EXPECT_EQ(orgs.substr(kBom.size()), out);
    ASSERT_EQ(test::run(cli() + " load orgs " + (dir_ / "orgs.csv").string() + " --project " +
                            project_.string() + " --by tester",
                        &out),
              0)
        << out;
    EXPECT_THAT(out, HasSubstr("nothing to change"));
}

} // namespace
} // namespace dayafter
