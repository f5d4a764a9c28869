// The real binary: exit codes, messages, and what is (not) left on disk.
#include <fstream>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "test_support.hpp"

namespace dayafter {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

std::string cli() {
    return test::cli_binary().string();
}
std::string zabadani() {
    return (test::data_dir() / "osm/zabadani/zabadani_roads.osm.pbf").string();
}

std::vector<std::string> files_in(const std::filesystem::path& dir) {
    std::vector<std::string> names;
    for (const auto& entry : std::filesystem::directory_iterator(dir)) {
        names.push_back(entry.path().filename().string());
    }
    std::sort(names.begin(), names.end());
    return names;
}

TEST(Cli, HelpTeachesEveryVerb) {
    std::string out;
    EXPECT_EQ(test::run(cli() + " --help", &out), 0);
    for (const char* verb :
         {"import", "export", "info", "access", "load", "status", "owners", "history", "plan",
          "plans", "rcpsp", "compare", "scenario", "Exit codes"}) {
        EXPECT_THAT(out, HasSubstr(verb));
    }
    EXPECT_EQ(test::run(cli() + " import osm --help", &out), 0);
    EXPECT_THAT(out, HasSubstr("Example"));
    EXPECT_THAT(out, HasSubstr("--project"));
    EXPECT_EQ(test::run(cli() + " export graph --help", &out), 0);
    EXPECT_THAT(out, HasSubstr("sources.csv"));
    // Every verb's help runs, names the project option and shows an example.
    const auto teaches = [&out](const std::string& verb) {
        EXPECT_EQ(test::run(cli() + " " + verb + " --help", &out), 0) << verb;
        EXPECT_THAT(out, HasSubstr("--project")) << verb;
        EXPECT_THAT(out, HasSubstr("Example")) << verb;
        EXPECT_EQ(test::run(cli() + " " + verb + " --no-such-option", &out), 2) << verb;
    };
    for (const char* verb :
         {"import osm", "export graph", "export facilities", "export hazards", "export population",
          "export orgs", "export resources", "export funding", "export activities", "info",
          "access", "load", "status", "owners", "history", "plan", "plans", "compare"}) {
        teaches(verb);
    }
    // The scenario verb lists every template with an example; each template teaches itself.
    const std::vector<std::string> templates = {"bridges-over", "displace", "grid-down",
                                                "entry-closed", "donor-withdraws"};
    EXPECT_EQ(test::run(cli() + " scenario --help", &out), 0);
    for (const std::string& name : templates) {
        EXPECT_THAT(out, HasSubstr("dayafter scenario " + name)) << name;
    }
    for (const std::string& name : templates) {
        teaches("scenario " + name);
    }
    EXPECT_EQ(test::run(cli(), &out), 2);
    EXPECT_EQ(test::run(cli() + " import osm", &out), 2);
    EXPECT_EQ(test::run(cli() + " frobnicate", &out), 2);
}

TEST(Cli, ImportInfoAndExport) {
    test::TempDir dir;
    const std::string project = (dir / "z.dayafter").string();
    std::string out;
    ASSERT_EQ(test::run(cli() + " import osm " + zabadani() + " --project " + project, &out), 0)
        << out;
    EXPECT_THAT(out, HasSubstr("433 road ways"));
    ASSERT_EQ(test::run(cli() + " info --project " + project, &out), 0) << out;
    EXPECT_THAT(out, HasSubstr("745 nodes, 935 edges"));
    EXPECT_THAT(out, HasSubstr("OpenStreetMap contributors"));
    ASSERT_EQ(test::run(cli() + " info --json --project " + project, &out), 0) << out;
    EXPECT_THAT(out, HasSubstr("\"edges\": 935"));
    ASSERT_EQ(test::run(cli() + " export graph --project " + project + " --mode drive --dir " +
                            (dir / "g").string(),
                        &out),
              0)
        << out;
    EXPECT_TRUE(std::filesystem::exists(dir / "g/edges.csv"));
    EXPECT_EQ(test::run(cli() + " export graph --project " + project + " --mode fly --dir " +
                            (dir / "never").string(),
                        &out),
              2);
    EXPECT_THAT(out, HasSubstr("unknown travel mode 'fly'"));
    EXPECT_EQ(test::run(cli() + " export graph --project " + project + " --service pizza --dir " +
                            (dir / "never").string(),
                        &out),
              2);
    EXPECT_THAT(out, HasSubstr("unknown service 'pizza'"));
    EXPECT_FALSE(std::filesystem::exists(dir / "never"));
}

TEST(CliBadInput, ExistingProjectIsKeptUnlessForced) {
    test::TempDir dir;
    const std::string project = (dir / "z.dayafter").string();
    std::string out;
    ASSERT_EQ(test::run(cli() + " -q import osm " + zabadani() + " --project " + project, &out), 0);
    const std::string before = test::read_text(project);
    const std::string monaco = (test::data_dir() / "osm/monaco/monaco.osm.pbf").string();
    EXPECT_EQ(test::run(cli() + " import osm " + monaco + " --project " + project, &out), 2);
    EXPECT_THAT(out, HasSubstr(project + ": the project already exists; use --force"));
    EXPECT_EQ(test::read_text(project), before);
    EXPECT_EQ(
        test::run(cli() + " -q import osm " + monaco + " --project " + project + " --force", &out),
        0)
        << out;
    EXPECT_NE(test::read_text(project), before);
}

TEST(CliBadInput, BrokenInputLeavesNoProject) {
    test::TempDir dir;
    const std::string pbf = test::read_text(zabadani());
    std::ofstream(dir / "truncated.osm.pbf", std::ios::binary)
        .write(pbf.data(), static_cast<std::streamsize>(pbf.size() * 2 / 3));
    std::ofstream(dir / "empty.osm") << "<osm version=\"0.6\"></osm>\n";
    std::ofstream(dir / "bad.json") << "{\"speeds_kmh\": {\"drive\": {\"track\": \"x\"}}}";
    const std::string project = (dir / "p.dayafter").string();
    const auto before = files_in(dir.path());
    struct Case {
        std::string args;
        std::string message;
    };
    const Case cases[] = {
        {(dir / "truncated.osm.pbf").string(), "truncated.osm.pbf"},
        {(dir / "empty.osm").string(), "empty.osm: no roads"},
        {(dir / "nothing.osm.pbf").string(), "nothing.osm.pbf: no such file"},
        {zabadani() + " --config " + (dir / "bad.json").string(), "speeds_kmh.drive.track"},
    };
    for (const Case& c : cases) {
        SCOPED_TRACE(c.args);
        std::string out;
        EXPECT_EQ(test::run(cli() + " -q import osm " + c.args + " --project " + project, &out), 2);
        EXPECT_THAT(out, HasSubstr(c.message));
        EXPECT_THAT(out, HasSubstr("dayafter: error:"));
        EXPECT_EQ(files_in(dir.path()), before);
    }
}

TEST(CliBadInput, UnwritablePlacesAreNamed) {
    test::TempDir dir;
    std::string out;
    const std::string under_a_file = (dir / "notes.txt/p.dayafter").string();
    std::ofstream(dir / "notes.txt") << "x";
    EXPECT_EQ(
        test::run(cli() + " -q import osm " + zabadani() + " --project " + under_a_file, &out), 2);
    EXPECT_THAT(out, HasSubstr(under_a_file));
    EXPECT_THAT(out, HasSubstr("does not exist"));
    // /proc refuses new files even to root.
    EXPECT_NE(
        test::run(cli() + " -q import osm " + zabadani() + " --project /proc/p.dayafter", &out), 0);
    EXPECT_THAT(out, HasSubstr("/proc/p.dayafter"));
    EXPECT_THAT(out, Not(HasSubstr("unexpected")));
}

TEST(CliBadInput, ReadingCommandsNeedAProject) {
    test::TempDir dir;
    std::string out;
    EXPECT_EQ(test::run(cli() + " info --project " + (dir / "none.dayafter").string(), &out), 2);
    EXPECT_THAT(out, HasSubstr("none.dayafter: no such project"));
}

TEST(CliScenario, WritesATemplatesFileAndRefusesBadParameters) {
    test::TempDir dir;
    std::string out;
    const std::string file = (dir / "displaced.json").string();
    ASSERT_EQ(test::run(cli() +
                            " scenario displace --share 0.3 --from MC01,MC02 --camp "
                            "'Stade@43.7275,7.4150:0.6' --camp 'Port@43.735,7.423' --out " +
                            file,
                        &out),
              0)
        << out;
    EXPECT_THAT(out, HasSubstr("2 changes (not checked: no --project)"));
    const auto doc = nlohmann::json::parse(test::read_text(file));
    EXPECT_EQ(doc.at("changes").at(1).at("area"), "MC02");
    EXPECT_EQ(doc.at("changes").at(1).at("to_camps").at(1).at("share"), 0.4);
    // Without --out the document goes to standard output.
    ASSERT_EQ(test::run(cli() + " scenario entry-closed --name Menton", &out), 0) << out;
    EXPECT_EQ(nlohmann::json::parse(out).at("changes").at(0).at("name"), "Menton");

    EXPECT_EQ(test::run(cli() + " scenario displace --share 1.5 --from MC01", &out), 2);
    EXPECT_THAT(out, HasSubstr("--share: must be a share above 0 and at most 1"));
    EXPECT_EQ(test::run(cli() + " scenario displace --share 0.3 --from MC01 --camp North", &out),
              2);
    EXPECT_THAT(out, HasSubstr("--camp 'North': expected NAME@LAT,LON"));
    EXPECT_EQ(test::run(cli() + " scenario grid-down", &out), 2);
    EXPECT_THAT(out, HasSubstr("grid-down: give --project"));
    EXPECT_FALSE(std::filesystem::exists(dir / "grid.json"));
}

TEST(CliRcpsp, PrintsTheMakespanOfAPsplibInstanceAndRefusesABadFile) {
    test::TempDir dir;
    std::string out;
    const auto tarball = test::shared_dir() / "data/benchmarks/psplib-rcpsp/j30.sm.tar.gz";
    ASSERT_EQ(test::run("tar -xzf " + tarball.string() + " -C " + dir.path().string() +
                        " j30.sm/j301_1.sm"),
              0);
    const std::string file = (dir / "j30.sm/j301_1.sm").string();
    ASSERT_EQ(test::run(cli() + " rcpsp " + file + " --schedules 5000", &out), 0) << out;
    EXPECT_THAT(out, HasSubstr("Instance j301_1: 32 jobs"));
    EXPECT_THAT(out, HasSubstr("Makespan found: 43\n")); // the published optimum
    EXPECT_THAT(out, HasSubstr("Critical-path lower bound: 38\n"));
    EXPECT_THAT(out, HasSubstr("Schedules evaluated: 5000"));
    EXPECT_EQ(test::run(cli() + " rcpsp --help", &out), 0);
    EXPECT_THAT(out, HasSubstr("Example"));
    EXPECT_THAT(out, HasSubstr("--schedules"));

    std::string text = test::read_text(file);
    text.replace(text.rfind("   12   13    4   12"), 20, "   12   13    four 12");
    std::ofstream(dir / "bad.sm") << text;
    EXPECT_EQ(test::run(cli() + " rcpsp " + (dir / "bad.sm").string(), &out), 2);
    EXPECT_THAT(out, HasSubstr("bad.sm:90: 'four' is not a whole number"));
    EXPECT_EQ(test::run(cli() + " rcpsp " + (dir / "none.sm").string(), &out), 2);
    EXPECT_THAT(out, HasSubstr("none.sm: cannot open"));
}

} // namespace
} // namespace dayafter

namespace dayafter {
namespace {

std::string monaco() {
    return (test::data_dir() / "osm/monaco/monaco.osm.pbf").string();
}

/// Standard output only (progress and warnings go to standard error).
int run_stdout(const std::string& command, std::string* output) {
    return test::run("(" + command + " 2>/dev/null)", output);
}

std::size_t line_count(const std::string& text) {
    return static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
}

class CliAccess : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        dir_ = new test::TempDir();
        std::string out;
        ASSERT_EQ(test::run(cli() + " import osm " + monaco() + " --project " + project(), &out), 0)
            << out;
    }
    static void TearDownTestSuite() {
        delete dir_;
        dir_ = nullptr;
    }
    static std::string project() { return (*dir_ / "monaco.dayafter").string(); }
    static test::TempDir* dir_;
};
test::TempDir* CliAccess::dir_ = nullptr;

TEST_F(CliAccess, SummaryFilesAndNothingWrittenToTheStore) {
    const std::string before = test::read_text(project());
    const std::filesystem::path out_dir = *dir_ / "acc";
    std::string out;
    ASSERT_EQ(run_stdout(cli() + " access --project " + project() +
                             " --population-total 38000 --json --out " + out_dir.string(),
                         &out),
              0)
        << out;
    const nlohmann::json summary = nlohmann::json::parse(out);
    EXPECT_EQ(summary["facility_status"], "unknown");
    EXPECT_DOUBLE_EQ(summary["population"]["total"].get<double>(), 38000);
    const std::size_t places = summary["population"]["places"].get<std::size_t>();
    EXPECT_GT(places, 20'000U);
    ASSERT_EQ(summary["services"].size(), 5U);
    for (const auto& service : summary["services"]) {
        SCOPED_TRACE(service["service"].get<std::string>());
        const double sum = service["within"].get<double>() + service["beyond"].get<double>() +
                           service["cut_off"].get<double>();
        EXPECT_NEAR(sum, 38000, 0.5);
        EXPECT_GT(service["within"].get<double>(), 0);
        EXPECT_FALSE(service["threshold_source"].get<std::string>().empty());
    }
    // 15 water points at 250 people each cannot serve 38,000 people.
    const auto& water = summary["services"][3];
    ASSERT_EQ(water["service"], "water");
    EXPECT_EQ(water["measure"], "distance");
    EXPECT_GT(water["overloaded_facilities"].get<int>(), 0);
    EXPECT_GE(water["people_not_taken"].get<double>(),
              38000 - 15 * 250 - water["cut_off"].get<double>() - 1);

    const std::string csv = test::read_text(out_dir / "places.csv");
    EXPECT_EQ(line_count(csv), places + 2);
    const std::string second_line = csv.substr(csv.find('\n') + 1, 40);
    EXPECT_THAT(second_line, ::testing::StartsWith("#loc+code,#geo+lat,#geo+lon,#population"));
    EXPECT_THAT(csv, HasSubstr("#x_distance+metres+water"));
    EXPECT_THAT(csv, HasSubstr("#loc+facility+code+health"));
    for (const char* name : {"places.geojson", "facilities.geojson", "catchments.geojson"}) {
        SCOPED_TRACE(name);
        const nlohmann::json geo = nlohmann::json::parse(test::read_text(out_dir / name));
        EXPECT_EQ(geo["type"], "FeatureCollection");
        ASSERT_FALSE(geo["features"].empty());
        const auto& first = geo["features"][0];
        EXPECT_EQ(first["type"], "Feature");
        const auto& coords = first["geometry"]["coordinates"];
        const double lon = first["geometry"]["type"] == "Point" ? coords[0].get<double>()
                                                                : coords[0][0][0].get<double>();
        EXPECT_NEAR(lon, 7.42, 0.1) << "lon/lat order (RFC 7946)";
    }
    EXPECT_EQ(nlohmann::json::parse(test::read_text(out_dir / "places.geojson"))["features"].size(),
              places);
    EXPECT_EQ(test::read_text(project()), before) << "access must not write to the project";

    // The terminal table names the status, the sources and the assumptions.
    ASSERT_EQ(
        run_stdout(cli() + " access --project " + project() + " --out " + (*dir_ / "acc2").string(),
                   &out),
        0);
    EXPECT_THAT(out, HasSubstr("status: unknown"));
    EXPECT_THAT(out, HasSubstr("WHO"));
    EXPECT_THAT(out, HasSubstr("ASSUMPTION"));
    EXPECT_THAT(out, HasSubstr("OpenStreetMap contributors"));
}

TEST_F(CliAccess, PerNodeTimesEqualScipyOnTheExportedGraph) {
    const std::filesystem::path bench = test::shared_dir() / "bench";
    for (const char* mode : {"walk", "drive"}) {
        SCOPED_TRACE(mode);
        const std::filesystem::path g = *dir_ / (std::string("graph-") + mode);
        std::string out;
        ASSERT_EQ(test::run(cli() + " -q access --project " + project() +
                                " --service health --mode " + mode + " --out " +
                                (g / "files").string() + " --per-node " +
                                (g.string() + "-ours.csv"),
                            &out),
                  0)
            << out;
        ASSERT_EQ(test::run(cli() + " export graph --project " + project() +
                                " --service health --mode " + mode + " --dir " + g.string(),
                            &out),
                  0)
            << out;
        ASSERT_EQ(test::run(test::system_python() + " " + (bench / "anchors_py.py").string() +
                                " --tool scipy --reps 1 --edges " + (g / "edges.csv").string() +
                                " --sources " + (g / "sources.csv").string() + " --out " +
                                (g / "scipy.csv").string(),
                            &out),
                  0)
            << out;
        ASSERT_EQ(test::run(test::system_python() + " " + (bench / "compare.py").string() + " " +
                                (g / "scipy.csv").string() + " " + g.string() + "-ours.csv",
                            &out),
                  0)
            << out;
        EXPECT_THAT(out, HasSubstr("ok=True"));
    }
}

TEST_F(CliAccess, BadInputIsRefusedWithExitCode2AndNoFiles) {
    test::TempDir dir;
    std::ofstream(dir / "bad.json") << R"({"services": {"water": {"threshold_m": "far"}}})";
    const std::string out_dir = (dir / "never").string();
    const std::pair<std::string, std::string> cases[] = {
        {"--service fishing", "unknown service 'fishing'"},
        {"--mode fly", "unknown travel mode 'fly'"},
        {"--per-node x.csv", "give --service"},
        {"--config " + (dir / "bad.json").string(), "services.water.threshold_m"},
        {"--population-total -5", "population-total"},
    };
    for (const auto& [arguments, expected] : cases) {
        SCOPED_TRACE(arguments);
        std::string out;
        EXPECT_EQ(test::run(cli() + " access --project " + project() + " --out " + out_dir + " " +
                                arguments,
                            &out),
                  2);
        EXPECT_THAT(out, HasSubstr(expected));
        EXPECT_FALSE(std::filesystem::exists(out_dir));
    }
    std::string out;
    EXPECT_EQ(test::run(cli() + " access --project " + (dir / "none.dayafter").string(), &out), 2);
    EXPECT_THAT(out, HasSubstr("none.dayafter"));
}

TEST(CliAccessZabadani, NoFacilityMappedIsABadInputAndPeopleComeFromStreets) {
    test::TempDir dir;
    const std::string project = (dir / "z.dayafter").string();
    std::string out;
    ASSERT_EQ(test::run(cli() + " import osm " + zabadani() + " --project " + project, &out), 0);
    EXPECT_EQ(test::run(cli() + " access --project " + project + " --service health --out " +
                            (dir / "a").string(),
                        &out),
              2);
    EXPECT_THAT(out, HasSubstr("no facility"));
    EXPECT_EQ(
        test::run(cli() + " access --project " + project + " --out " + (dir / "a").string(), &out),
        2);
    EXPECT_THAT(out, HasSubstr("no service has a facility"));
    EXPECT_THAT(out, HasSubstr("residential streets"));
    EXPECT_FALSE(std::filesystem::exists(dir / "a"));
}

TEST(CliAccessConfig, ImportKeepsTheConfigurationAndAccessUsesIt) {
    test::TempDir dir;
    std::ofstream(dir / "c.json")
        << R"({"population": {"total": 1000}, "services": {"water": {"threshold_m": 100}}})";
    const std::string project = (dir / "m.dayafter").string();
    std::string out;
    ASSERT_EQ(test::run(cli() + " import osm " + monaco() + " --project " + project + " --config " +
                            (dir / "c.json").string(),
                        &out),
              0)
        << out;
    ASSERT_EQ(run_stdout(cli() + " access --json --service water --project " + project + " --out " +
                             (dir / "a").string(),
                         &out),
              0)
        << out;
    const nlohmann::json summary = nlohmann::json::parse(out);
    EXPECT_DOUBLE_EQ(summary["population"]["total"].get<double>(), 1000);
    EXPECT_DOUBLE_EQ(summary["services"][0]["threshold"].get<double>(), 100);
    EXPECT_EQ(summary["services"][0]["threshold_source"], "project configuration");
}

} // namespace
} // namespace dayafter
