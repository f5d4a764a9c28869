// Partner files as they arrive (#14): the bundle turned by ogr2ogr into Shapefile (zipped too),
// GeoPackage, FileGDB, KML, XLSX and ODS, plus a Windows-1252 CSV, a `;` CSV and a HeRAMS-style
// export without a hashtag row; each loads to the state the bundle's own file gives, compared
// through `dayafter export`. Then round trips through other formats, UNOSAT / Copernicus EMS
// damage layers, HXL tag patterns, and bad input refused whole with the project byte-identical.
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "monaco_project.hpp"
#include "test_support.hpp"

namespace dayafter {
namespace {

namespace fs = std::filesystem;

std::string cli() {
    return test::cli_binary().string();
}
fs::path bundle(const std::string& name) {
    return test::data_dir() / "registry/monaco" / name;
}

const fs::path& base_project() {
    return test::imported_monaco_project();
}

/// ogr2ogr's driver for a file name.
std::string format_of(const std::string& name) {
    if (name.ends_with(".gpkg")) {
        return "GPKG";
    }
    if (name.ends_with(".shp")) {
        return "'ESRI Shapefile'";
    }
    if (name.ends_with(".xlsx")) {
        return "XLSX";
    }
    if (name.ends_with(".ods")) {
        return "ODS";
    }
    return "GeoJSON";
}

std::string read_bytes(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

class PartnerFormats : public ::testing::Test {
protected:
    /// A fresh copy of the imported town.
    fs::path project(const std::string& name) {
        const fs::path p = dir_ / (name + ".dayafter");
        fs::remove(p);
        fs::copy_file(base_project(), p);
        return p;
    }
    int load(const fs::path& into, const std::string& kind, const fs::path& file, std::string* out,
             const std::string& extra = "") {
        return test::run(cli() + " -q load " + kind + " '" + file.string() + "' --project " +
                             into.string() + " --by tester --reported 2017-12-15 " + extra,
                         out);
    }
    /// `dayafter export KIND` of a project.
    std::string exported(const fs::path& from, const std::string& kind,
                         const std::string& extra = "") {
        std::string out;
        EXPECT_EQ(test::run(cli() + " export " + kind + " --project " + from.string() + " " +
                                extra + " 2>/dev/null",
                            &out),
                  0)
            << out;
        return out;
    }
    /// The export after loading `file` into a fresh town.
    std::string state_after(const std::string& kind, const fs::path& file,
                            const std::string& export_extra = "", const std::string& extra = "") {
        const fs::path p = project("state");
        std::string out;
        EXPECT_EQ(load(p, kind, file, &out, extra), 0) << file << ":\n" << out;
        return exported(p, kind, export_extra);
    }
    /// ogr2ogr from `source` to `target`; false (with the reason printed) when it fails.
    bool convert(const fs::path& source, const fs::path& target, const std::string& options) {
        std::string out;
        const int code = test::run(
            "ogr2ogr -q " + options + " '" + target.string() + "' '" + source.string() + "'", &out);
        EXPECT_EQ(code, 0) << "ogr2ogr " << options << " " << target << ":\n" << out;
        return code == 0;
    }
    fs::path write(const std::string& name, const std::string& text) {
        const fs::path file = dir_ / name;
        std::ofstream(file, std::ios::binary) << text;
        return file;
    }
    test::TempDir dir_;
};

TEST_F(PartnerFormats, AdminAreasFromEveryVectorFormatGiveTheBundlesState) {
    const std::string expected =
        state_after("population", bundle("areas.geojson"), "--format geojson");
    const fs::path areas = bundle("areas.geojson");
    ASSERT_TRUE(convert(areas, dir_ / "areas.gpkg", "-f GPKG -nln areas"));
    ASSERT_TRUE(convert(areas, dir_ / "shp", "-f 'ESRI Shapefile' -nln areas"));
    ASSERT_EQ(test::run("cd " + (dir_ / "shp").string() + " && zip -q ../areas.zip areas.*"), 0);
    ASSERT_TRUE(convert(areas, dir_ / "areas.gdb", "-f OpenFileGDB -nln areas"));
    ASSERT_TRUE(convert(areas, dir_ / "areas.kml", "-f KML -nln areas"));
    for (const fs::path& file : {dir_ / "areas.gpkg", dir_ / "shp/areas.shp", dir_ / "areas.zip",
                                 dir_ / "areas.gdb", dir_ / "areas.kml"}) {
        EXPECT_EQ(state_after("population", file, "--format geojson"), expected) << file;
    }
}

TEST_F(PartnerFormats, HazardsFromGeoPackageKmlAndShapefileGiveTheBundlesState) {
    const fs::path hazards = bundle("hazards.geojson");
    const std::string expected = state_after("hazards", hazards);
    // Points, polygons and a feature without a geometry in one layer: GeoPackage and KML hold
    // that; a Shapefile and a FileGDB layer take one geometry type, so they get the points.
    ASSERT_TRUE(convert(hazards, dir_ / "hazards.gpkg", "-f GPKG -nln hazards"));
    ASSERT_TRUE(convert(hazards, dir_ / "hazards.kml", "-f KML -nln hazards"));
    EXPECT_EQ(state_after("hazards", dir_ / "hazards.gpkg"), expected);
    EXPECT_EQ(state_after("hazards", dir_ / "hazards.kml"), expected);

    const std::string points = "-where \"OGR_GEOMETRY='POINT'\" -nln points -nlt POINT";
    ASSERT_TRUE(convert(hazards, dir_ / "points.geojson", "-f GeoJSON " + points));
    ASSERT_TRUE(convert(hazards, dir_ / "points_shp", "-f 'ESRI Shapefile' " + points));
    ASSERT_TRUE(convert(hazards, dir_ / "points.gdb", "-f OpenFileGDB " + points));
    const std::string expected_points = state_after("hazards", dir_ / "points.geojson");
    EXPECT_NE(expected_points.find("RB-001"), std::string::npos);
    EXPECT_EQ(state_after("hazards", dir_ / "points_shp/points.shp"), expected_points);
    EXPECT_EQ(state_after("hazards", dir_ / "points.gdb"), expected_points);
}

TEST_F(PartnerFormats, TablesFromSpreadsheetsAndGeoPackagesGiveTheBundlesState) {
    for (const std::string kind :
         {"facilities", "orgs", "resources", "funding", "activities", "population"}) {
        const fs::path csv = bundle(kind + ".csv");
        const std::string expected = state_after(kind, csv);
        for (const std::string format : {"XLSX", "ODS", "GPKG"}) {
            const std::string extension = format == "XLSX"  ? "xlsx"
                                          : format == "ODS" ? "ods"
                                                            : "gpkg";
            const fs::path file = dir_ / (kind + "." + extension);
            ASSERT_TRUE(convert(csv, file, "-f " + format + " -nln " + kind));
            EXPECT_EQ(state_after(kind, file), expected) << file;
        }
    }
}

TEST_F(PartnerFormats, FacilityPointsTakeTheirPositionsFromTheLayer) {
    // Facilities as a layer of points without #geo+lat and #geo+lon columns; in a Shapefile the
    // field names are cut to 10 characters, so a mapping tags them.
    const fs::path points = write("points.geojson", R"({"type": "FeatureCollection", "features": [
        {"type": "Feature", "geometry": {"type": "Point", "coordinates": [7.42, 43.734]},
         "properties": {"#loc+facility+code": "FH-1", "#loc+facility+type": "hospital",
                        "#status+functionality": "A3", "#date+reported": "2017-12-15"}},
        {"type": "Feature", "geometry": {"type": "Point", "coordinates": [7.416, 43.729]},
         "properties": {"#loc+facility+code": "FH-2", "#loc+facility+type": "hospital",
                        "#status+functionality": "A1", "#date+reported": "2017-12-15"}}]})");
    const std::string expected = state_after(
        "facilities", write("points.csv", "#loc+facility+code,#loc+facility+type,"
                                          "#status+functionality,#date+reported,#geo+lat,#geo+lon\n"
                                          "FH-1,hospital,A3,2017-12-15,43.734,7.42\n"
                                          "FH-2,hospital,A1,2017-12-15,43.729,7.416\n"));
    ASSERT_TRUE(convert(points, dir_ / "points.gpkg", "-f GPKG -nln facilities"));
    EXPECT_EQ(state_after("facilities", dir_ / "points.gpkg"), expected);
    ASSERT_TRUE(convert(points, dir_ / "shp", "-f 'ESRI Shapefile' -nln facilities"));
    const fs::path mapping = write("shp.json", R"({"#loc+facil": "#loc+facility+code",
        "#loc+fac_1": "#loc+facility+type", "#status+fu": "#status+functionality",
        "#date+repo": "#date+reported"})");
    EXPECT_EQ(
        state_after("facilities", dir_ / "shp/facilities.shp", "", "--mapping " + mapping.string()),
        expected);
}

/// The bundle's facility rows that a HeRAMS export can say (code, name, type, position, date and
/// the three HeRAMS answers), as HXL and as a HeRAMS-style export in words without a hashtag row.
struct HeramsPair {
    std::string hxl;
    std::string herams;
};
HeramsPair herams_pair() {
    // MC-H-005 is matched by its OSM id, which a HeRAMS export does not carry.
    const std::vector<std::vector<std::string>> rows = {
        {"n25237989", "", "hospital", "", "", "A1", "A1", "A1"},
        {"n1794111144", "Centre Cardio Thoracique de Monaco", "hospital", "", "", "A2", "A2", "A2"},
        {"FH-1", "Hôpital de campagne", "hospital", "43.7340", "7.4200", "A3", "A4", "A3"},
        {"FH-2", "Poste médical avancé", "hospital", "43.7290", "7.4160", "A1", "A5", "A1"},
    };
    HeramsPair pair;
    pair.hxl = "#loc+facility+code,#loc+facility+name,#loc+facility+type,#geo+lat,#geo+lon,"
               "#status+functionality,#status+damage,#access,#date+reported\n";
    pair.herams = "HF_ID,HF_NAME,HF_TYPE,GPS_LAT,GPS_LON,HFFUNCT,CONDB,HFACC,DATE,MoSD3\n";
    const std::map<std::string, std::string> functioning = {
        {"A1", "Fully functioning"}, {"A2", "Partially functioning"}, {"A3", "Not functioning"}};
    const std::map<std::string, std::string> condition = {{"A1", "Not damaged"},
                                                          {"A2", "Partially damaged"},
                                                          {"A4", "Fully damaged"},
                                                          {"A5", "Not relevant"}};
    const std::map<std::string, std::string> access = {
        {"A1", "Fully accessible"}, {"A2", "Partially accessible"}, {"A3", "Not accessible"}};
    for (const auto& r : rows) {
        const std::string place = r[0] + ",\"" + r[1] + "\"," + r[2] + "," + r[3] + "," + r[4];
        pair.hxl += place + "," + r[5] + "," + r[6] + "," + r[7] + ",2017-12-15\n";
        pair.herams += place + "," + functioning.at(r[5]) + "," + condition.at(r[6]) + "," +
                       access.at(r[7]) + ",2017-12-15,Fixed\n";
    }
    return pair;
}

TEST_F(PartnerFormats, SpreadsheetsAsPartnersSendThem) {
    const std::string expected_orgs = state_after("orgs", bundle("orgs.csv"));
    // Windows-1252 ("Médecins Sans Frontières" in one byte per letter), and `;` between cells
    // with the lists quoted, as Excel saves "CSV" where the decimal mark is a comma.
    const fs::path cp1252 = dir_ / "orgs-1252.csv";
    ASSERT_EQ(test::run("iconv -f UTF-8 -t WINDOWS-1252 " + bundle("orgs.csv").string() + " > " +
                        cp1252.string()),
              0);
    std::string out;
    const fs::path p = project("cp1252");
    ASSERT_EQ(test::run(cli() + " load orgs " + cp1252.string() + " --project " + p.string() +
                            " --by tester --reported 2017-12-15",
                        &out),
              0)
        << out;
    EXPECT_NE(out.find("not UTF-8 (byte 0xE9 on line 4): read as Windows-1252 and recoded"),
              std::string::npos)
        << out;
    EXPECT_EQ(exported(p, "orgs"), expected_orgs);
    const fs::path semicolons = dir_ / "orgs-semicolons.csv";
    ASSERT_EQ(test::run(test::system_python() +
                        " -c \"import csv,sys; w=csv.writer(sys.stdout,delimiter=';'); "
                        "[w.writerow(r) for r in csv.reader(open(sys.argv[1]))]\" " +
                        bundle("orgs.csv").string() + " > " + semicolons.string()),
              0);
    EXPECT_EQ(state_after("orgs", semicolons), expected_orgs);
    const fs::path tabs =
        write("orgs.tsv.csv", "name\tcode\ttype\n#org+name\t#org+code\t#org+type\n"
                              "Ministry of Health\tMOH\tgovernment\n");
    EXPECT_NE(state_after("orgs", tabs).find("Ministry of Health,MOH,government"),
              std::string::npos);

    // A HeRAMS-style export: code headers and answers in words, no hashtag row; as CSV, as XLSX,
    // and as Windows-1252 with `;`.
    const HeramsPair pair = herams_pair();
    const std::string expected = state_after("facilities", write("hxl.csv", pair.hxl));
    const fs::path herams = write("herams.csv", pair.herams);
    EXPECT_EQ(state_after("facilities", herams), expected);
    ASSERT_TRUE(convert(herams, dir_ / "herams.xlsx", "-f XLSX -nln herams"));
    EXPECT_EQ(state_after("facilities", dir_ / "herams.xlsx"), expected);
    std::string semicolon_text = pair.herams;
    for (char& c : semicolon_text) {
        c = c == ',' ? ';' : c;
    }
    const fs::path herams_1252 = dir_ / "herams-1252.csv";
    ASSERT_EQ(test::run("iconv -f UTF-8 -t WINDOWS-1252 " +
                        write("herams-semi.csv", semicolon_text).string() + " > " +
                        herams_1252.string()),
              0);
    EXPECT_EQ(state_after("facilities", herams_1252), expected);

    // The same export through a mapping file of one's own, answers in words included.
    const fs::path mapping = write("mapping.json", R"({"columns": {
        "Facility": "#loc+facility+code", "State": "#status+functionality",
        "Date": "#date+reported"},
        "answers": {"#status+functionality": {"Runs": "A1"}}})");
    const fs::path own = write("own.csv", "Facility,State,Date\nn25237989,Runs,2017-12-15\n"
                                          "n1794111144,Partially functioning,2017-12-15\n");
    const std::string mapped = state_after("facilities", own, "", "--mapping " + mapping.string());
    EXPECT_NE(mapped.find("n25237989,,,,,,,A1,"), std::string::npos) << mapped;
    EXPECT_NE(mapped.find("n1794111144,,,,,,,A2,"), std::string::npos) << mapped;
}

TEST_F(PartnerFormats, HxlColumnsMatchAsTagPatterns) {
    // Extra attributes (+i_en), the dictionary's +funder, and the equipment column going to its
    // own pattern rather than to #status+damage, which it also carries.
    const fs::path file =
        write("patterns.csv", "#loc+facility+code,#status+functionality+i_en,#org+funder,"
                              "#status+damage+equipment,#status+damage+building,#date+reported\n"
                              "n25237989,A2,ECHO,A3,A4,2017-12-15\n");
    const std::string state = state_after("facilities", file);
    EXPECT_NE(state.find("n25237989"), std::string::npos) << state;
    const fs::path p = project("patterns");
    std::string out;
    ASSERT_EQ(load(p, "facilities", file, &out), 0) << out;
    const std::string csv = exported(p, "facilities");
    // code, name, type, adm1, adm2, lat, lon, functionality, damage, equipment, access, causes,
    // operator, funders
    EXPECT_NE(csv.find("n25237989,,,,,,,A2,A4,A3,,,,ECHO,"), std::string::npos) << csv;
    // A count by sex is not the population.
    const fs::path counts = write("counts.csv", "#adm1+code,#population+f,#population+total+i_en\n"
                                                "MC,17900,35000\n");
    const fs::path q = project("counts");
    ASSERT_EQ(load(q, "population", bundle("areas.geojson"), &out), 0) << out;
    ASSERT_EQ(load(q, "population", counts, &out, "--dry-run"), 0) << out;
}

TEST_F(PartnerFormats, ExportConvertedAndLoadedBackChangesNothing) {
    const fs::path p = project("roundtrip");
    std::string out;
    for (const auto& [kind, file] :
         std::vector<std::pair<std::string, std::string>>{{"orgs", "orgs.csv"},
                                                          {"facilities", "facilities.csv"},
                                                          {"hazards", "hazards.geojson"},
                                                          {"population", "areas.geojson"},
                                                          {"funding", "funding.csv"}}) {
        ASSERT_EQ(load(p, kind, bundle(file), &out), 0) << out;
    }
    const std::string before = read_bytes(p);
    auto back = [&](const std::string& kind, const std::string& export_extra,
                    const std::string& exported_name, const std::string& there,
                    const std::string& back_name, const std::string& back_options) {
        const fs::path first = write(exported_name, exported(p, kind, export_extra));
        ASSERT_TRUE(convert(first, dir_ / there, "-f " + format_of(there)));
        ASSERT_TRUE(convert(dir_ / there, dir_ / back_name, back_options));
        std::string said;
        EXPECT_EQ(test::run(cli() + " load " + kind + " " + (dir_ / back_name).string() +
                                " --project " + p.string() + " --by tester",
                            &said),
                  0)
            << said;
        EXPECT_NE(said.find("nothing to change"), std::string::npos) << kind << ": " << said;
    };
    back("hazards", "", "hazards.geojson", "hazards.gpkg", "hazards-back.geojson", "-f GeoJSON");
    back("population", "--format geojson", "areas.geojson", "areas.shp", "areas-back.gpkg",
         "-f GPKG");
    back("facilities", "", "facilities.csv", "facilities.xlsx", "facilities-back.ods", "-f ODS");
    back("funding", "", "funding.csv", "funding.gpkg", "funding-back.xlsx", "-f XLSX");
    EXPECT_EQ(read_bytes(p), before);
}

TEST_F(PartnerFormats, UnosatAndCopernicusDamageLayersLoadWithoutEditing) {
    // Field names as UNOSAT's and Copernicus EMS's published damage layers have them
    // (illustrative values), in a projected CRS for UNOSAT (UTM 32N) and as a Shapefile.
    const fs::path unosat = write("unosat.geojson", R"({"type": "FeatureCollection",
        "features": [
        {"type": "Feature", "geometry": {"type": "Point", "coordinates": [7.42045, 43.73105]},
         "properties": {"SiteID": "MON-0001", "SensorDate": "2017-12-08", "Main_Damag": "Destroyed",
                        "Confidence": "High"}},
        {"type": "Feature", "geometry": {"type": "Point", "coordinates": [7.418, 43.732]},
         "properties": {"SiteID": "MON-0002", "SensorDate": "2017-12-08",
                        "Main_Damag": "Severe Damage", "Confidence": "Medium"}}]})");
    ASSERT_TRUE(
        convert(unosat, dir_ / "unosat", "-f 'ESRI Shapefile' -t_srs EPSG:32632 -nln unosat"));
    const fs::path ems = write("ems.geojson", R"({"type": "FeatureCollection", "features": [
        {"type": "Feature", "geometry": {"type": "Point", "coordinates": [7.4205, 43.7311]},
         "properties": {"obj_type": "Residential building", "damage_gra": "Possibly damaged",
                        "det_method": "Photo-interpretation"}},
        {"type": "Feature", "geometry": {"type": "Point", "coordinates": [7.4181, 43.7321]},
         "properties": {"obj_type": "Residential building", "damage_gra": "Not Applicable"}}]})");
    ASSERT_TRUE(convert(ems, dir_ / "ems.gpkg", "-f GPKG -nln built_up_p"));

    const fs::path p = project("damage");
    std::string out;
    ASSERT_EQ(test::run(cli() + " load hazards " + (dir_ / "unosat/unosat.shp").string() +
                            " --project " + p.string() + " --by tester",
                        &out),
              0)
        << out;
    EXPECT_NE(out.find("geometries moved from WGS 84 / UTM zone 32N to longitude/latitude"),
              std::string::npos)
        << out;
    ASSERT_EQ(load(p, "hazards", dir_ / "ems.gpkg", &out, ""), 0) << out;
    const nlohmann::json hazards = nlohmann::json::parse(exported(p, "hazards"));
    std::map<std::string, nlohmann::json> by_id;
    for (const nlohmann::json& feature : hazards["features"]) {
        by_id[feature["id"].get<std::string>()] = feature;
    }
    ASSERT_TRUE(by_id.contains("MON-0001")) << hazards.dump(1);
    const nlohmann::json& destroyed = by_id["MON-0001"];
    EXPECT_EQ(destroyed["properties"]["kind"], "rubble");
    EXPECT_EQ(destroyed["properties"]["damage"], "destroyed");
    EXPECT_EQ(destroyed["properties"]["sensor_date"], "2017-12-08");
    EXPECT_EQ(destroyed["properties"]["reported"], "2017-12-08");
    EXPECT_EQ(destroyed["properties"]["site_id"], "MON-0001");
    // Back from UTM to within a centimetre of where it was.
    EXPECT_NEAR(destroyed["geometry"]["coordinates"][0].get<double>(), 7.42045, 1e-7);
    EXPECT_NEAR(destroyed["geometry"]["coordinates"][1].get<double>(), 43.73105, 1e-7);
    EXPECT_EQ(by_id["MON-0002"]["properties"]["damage"], "severe");
    // EMS: one graded building (rubble, possible damage), the ungraded one left out.
    EXPECT_EQ(by_id.size(), 3U) << hazards.dump(1);
}

TEST_F(PartnerFormats, BadInputIsRefusedWholeWithTheProjectUnchanged) {
    const fs::path p = project("bad");
    std::string out;
    ASSERT_EQ(load(p, "hazards", bundle("hazards.geojson"), &out), 0) << out;
    const std::string before = read_bytes(p);
    ASSERT_TRUE(convert(bundle("areas.geojson"), dir_ / "two.gpkg", "-f GPKG -nln areas"));
    ASSERT_TRUE(convert(bundle("hazards.geojson"), dir_ / "two.gpkg", "-update -nln hazards"));
    const fs::path garbage = write("damage.gpkg", "this is not a GeoPackage\n");
    const fs::path mapping = write("mapping.json", R"({"HF_ID": "#loc+facility+code",
        "HF_FUNCTIONALITY": "#status+functionality"})");
    const fs::path herams = write("herams.csv", herams_pair().herams);
    const std::string two = (dir_ / "two.gpkg").string();
    struct Case {
        std::string kind;
        fs::path file;
        std::string extra;
        std::string message;
    };
    for (const Case& c : std::vector<Case>{
             {"hazards", garbage, "", garbage.string() + ": GDAL cannot open it"},
             {"hazards", dir_ / "two.gpkg", "--layer roads",
              two + ": no layer 'roads' (its layers: areas, hazards)"},
             {"hazards", dir_ / "two.gpkg", "",
              two + ": the file has 2 layers (areas, hazards): choose one with --layer NAME"},
             {"facilities", herams, "--mapping " + mapping.string(),
              mapping.string() + ": column 'HF_FUNCTIONALITY' is not in " + herams.string()},
             {"facilities", bundle("facilities.csv"), "--layer x",
              "--layer is for files with layers"},
             {"hazards", dir_ / "two.gpkg", "--layer hazards --mapping " + mapping.string(),
              two + ": --mapping tags a table's columns; hazards are features"},
         }) {
        EXPECT_EQ(load(p, c.kind, c.file, &out, c.extra), 2) << c.file << ": " << out;
        EXPECT_NE(out.find(c.message), std::string::npos) << c.file << " said:\n" << out;
        EXPECT_EQ(read_bytes(p), before) << c.file << " changed the project";
    }
    // A problem inside a layer names the file, the layer and the feature.
    const fs::path broken = write("broken.geojson", R"({"type": "FeatureCollection", "features": [
        {"type": "Feature", "geometry": {"type": "Point", "coordinates": [7.42, 43.73]},
         "properties": {"kind": "rubble", "damage": "flattened"}}]})");
    ASSERT_TRUE(convert(broken, dir_ / "broken.gpkg", "-f GPKG -nln damage"));
    EXPECT_EQ(load(p, "hazards", dir_ / "broken.gpkg", &out), 2) << out;
    EXPECT_NE(out.find((dir_ / "broken.gpkg").string() +
                       " (layer damage):1: feature 1: damage 'flattened' is not destroyed"),
              std::string::npos)
        << out;
    EXPECT_EQ(read_bytes(p), before);
}

} // namespace
} // namespace dayafter
