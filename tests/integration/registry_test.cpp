// The registry through the CLI on the bundled town: the illustrative Monaco bundle, round trip,
// idempotent loads, --as-of, the bad-input corpus (store byte-identical after each refusal) and
// a SIGKILL in the middle of a large load.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <thread>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "dayafter/io/hxl.hpp"
#include "dayafter/registry/registry.hpp"
#include "dayafter/store/registry_store.hpp"
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

/// One imported Monaco project per test binary, copied for each test.
const fs::path& base_project() {
    return test::imported_monaco_project();
}

std::string read_bytes(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

class Registry : public ::testing::Test {
protected:
    void SetUp() override {
        project_ = dir_ / "town.dayafter";
        fs::copy_file(base_project(), project_);
    }
    int load(const std::string& kind, const fs::path& file, std::string* out,
             const std::string& extra = "") {
        return test::run(cli() + " -q load " + kind + " " + file.string() + " --project " +
                             project_.string() + " --by tester " + extra,
                         out);
    }
    void load_bundle() {
        std::string out;
        for (const auto& [kind, file] :
             std::vector<std::pair<std::string, std::string>>{{"orgs", "orgs.csv"},
                                                              {"facilities", "facilities.csv"},
                                                              {"hazards", "hazards.geojson"},
                                                              {"population", "population.csv"},
                                                              {"resources", "resources.csv"},
                                                              {"funding", "funding.csv"},
                                                              {"activities", "activities.csv"}}) {
            ASSERT_EQ(load(kind, bundle(file), &out, "--reported 2017-12-15"), 0) << out;
        }
    }
    /// A GeoTIFF written by gdal_translate from an ESRI ASCII grid, in `srs` (empty: none).
    fs::path geotiff(const std::string& name, const std::string& grid, const std::string& srs) {
        const fs::path asc = dir_ / (name + ".asc");
        std::ofstream(asc) << grid;
        const fs::path tif = dir_ / (name + ".tif");
        std::string out;
        EXPECT_EQ(test::run("gdal_translate -q " + (srs.empty() ? "" : "-a_srs " + srs + " ") +
                                asc.string() + " " + tif.string(),
                            &out),
                  0)
            << out;
        return tif;
    }
    nlohmann::json json_of(const std::string& command) {
        std::string out;
        EXPECT_EQ(test::run(cli() + " " + command + " --project " + project_.string() +
                                " --json 2>/dev/null",
                            &out),
                  0)
            << out;
        return nlohmann::json::parse(out);
    }
    test::TempDir dir_;
    fs::path project_;
};

TEST_F(Registry, BundleGivesStatusesDependenciesAndSinglePoints) {
    load_bundle();
    const nlohmann::json status = json_of("status");
    const auto& services = status["services"];
    const auto hospital = std::find_if(services.begin(), services.end(),
                                       [](const auto& s) { return s["service"] == "hospital"; });
    ASSERT_NE(hospital, services.end());
    // The calibration: 8 hospital rows, 4 A1, 2 A2, 2 A3 (HeRAMS Syria Dec 2017: 49/25/26%).
    // Centre Cardio Thoracique (A2) hangs on SUB-1 alone, which is A3: down, not partially.
    EXPECT_EQ((*hospital)["fully"], 4);
    EXPECT_EQ((*hospital)["partially"], 1);
    EXPECT_EQ((*hospital)["not_functioning"], 2);
    EXPECT_EQ((*hospital)["down_by_dependency"], 1);
    EXPECT_EQ((*hospital)["unknown"], 0);
    std::map<std::string, std::string> down;
    for (const auto& d : status["down"]) {
        down[d["facility"]] = d["why"];
    }
    EXPECT_EQ(down["n1794111144"], "no power: substation SUB-1 not functioning");
    EXPECT_EQ(down.count("n25237989"), 0U) << "grid+generator with a working generator stays up";
    std::set<std::string> generator_only;
    for (const auto& p : status["single_points_of_failure"]) {
        if (p["reason"] == "power hangs on one generator") {
            generator_only.insert(p["facility"]);
        }
    }
    EXPECT_TRUE(generator_only.contains("FH-1"));
    EXPECT_FALSE(generator_only.contains("n25237989"));
    // The destroyed bridge blocks its edges in both modes; rubble slows some.
    EXPECT_GT(status["hazards"]["edges_blocked_drive"].get<int>(), 0);
    EXPECT_GT(status["hazards"]["edges_blocked_walk"].get<int>(), 0);
    EXPECT_GT(status["hazards"]["edges_slowed_walk"].get<int>(), 0);
}

TEST_F(Registry, OwnersReportsWhatNobodyHolds) {
    load_bundle();
    const nlohmann::json owners = json_of("owners");
    auto has = [&](const char* list, const char* key) {
        const auto& l = owners[list];
        return std::find(l.begin(), l.end(), key) != l.end();
    };
    EXPECT_TRUE(has("facilities_without_owner", "SUB-1"));
    EXPECT_FALSE(has("facilities_without_owner", "WW-1")) << "an activity names its owner";
    EXPECT_FALSE(has("facilities_without_owner", "n1794111144"));
    EXPECT_TRUE(has("hazards_without_owner", "BR-001"));
    EXPECT_FALSE(has("hazards_without_owner", "RB-001"));
    EXPECT_FALSE(has("hazards_without_funder", "MA-001"));
    bool dfid_unregistered = false;
    for (const auto& o : owners["orgs"]) {
        if (o["org"] == "DFID") {
            dfid_unregistered = !o["registered"].get<bool>();
        }
        if (o["org"] == "MUNI") {
            EXPECT_EQ(o["resources"]["truck"], 8);
        }
    }
    EXPECT_TRUE(dfid_unregistered);
}

TEST_F(Registry, MatchesByCodeOsmIdAndLocation) {
    std::string out;
    ASSERT_EQ(load("facilities", bundle("facilities.csv"), &out), 0) << out;
    EXPECT_NE(out.find("'MC-H-004' matched facility n2287695176 by location"), std::string::npos)
        << out;
    EXPECT_NE(out.find("'MC-H-005' matched facility n2169430533 by OSM id"), std::string::npos);
    EXPECT_NE(out.find("'FH-1' is not on the map: added as a new hospital"), std::string::npos);
    const auto r = registry::Registry::at(store::read_history(project_), std::nullopt);
    ASSERT_NE(r.find(registry::Kind::Facilities, "n2287695176"), nullptr);
    EXPECT_EQ(r.find(registry::Kind::Facilities, "n2287695176")->data["ext_code"], "MC-H-004");
}

TEST_F(Registry, LoadingTwiceChangesNothingAndExportLoadsBack) {
    load_bundle();
    const std::string before = read_bytes(project_);
    std::string out;
    ASSERT_EQ(load("facilities", bundle("facilities.csv"), &out), 0) << out;
    EXPECT_NE(out.find("0 new, 0 changed, 12 unchanged"), std::string::npos) << out;
    EXPECT_EQ(read_bytes(project_), before) << "a second load of the same file wrote something";

    // Export every kind, load into a fresh copy, export again: identical files.
    const fs::path other = dir_ / "other.dayafter";
    fs::copy_file(base_project(), other);
    for (const std::string kind :
         {"orgs", "facilities", "hazards", "population", "resources", "funding", "activities"}) {
        const std::string ext = kind == "hazards" ? ".geojson" : ".csv";
        const fs::path first = dir_ / (kind + ext);
        const fs::path second = dir_ / (kind + "-again" + ext);
        ASSERT_EQ(test::run(cli() + " export " + kind + " --project " + project_.string() + " -o " +
                                first.string(),
                            &out),
                  0)
            << out;
        ASSERT_EQ(test::run(cli() + " -q load " + kind + " " + first.string() + " --project " +
                                other.string(),
                            &out),
                  0)
            << kind << ": " << out;
        ASSERT_EQ(test::run(cli() + " export " + kind + " --project " + other.string() + " -o " +
                                second.string(),
                            &out),
                  0);
        EXPECT_EQ(read_bytes(first), read_bytes(second)) << kind;
        EXPECT_GT(read_bytes(first).size(), 100U) << kind;
    }
}

TEST_F(Registry, AsOfShowsTheStateReportedThenAndHistoryKeepsBoth) {
    std::string out;
    ASSERT_EQ(load("facilities", bundle("facilities.csv"), &out), 0) << out;
    const fs::path later = dir_ / "later.csv";
    std::ofstream(later) << "code,functionality,reported\n"
                            "#loc+facility+code,#status+functionality,#date+reported\n"
                            "n2169430533,A1,2018-03-01\n";
    ASSERT_EQ(load("facilities", later, &out), 0) << out;
    auto hospital_not = [&](const std::string& as_of) {
        const nlohmann::json s = json_of("status" + (as_of.empty() ? "" : " --as-of " + as_of));
        for (const auto& service : s["services"]) {
            if (service["service"] == "hospital") {
                return service["not_functioning"].get<int>();
            }
        }
        return -1;
    };
    EXPECT_EQ(hospital_not("2017-12-31"), 2);
    EXPECT_EQ(hospital_not(""), 1);
    EXPECT_EQ(hospital_not("2017-01-01"), 0) << "nothing reported yet";
    const nlohmann::json history = json_of("history --object n2169430533");
    ASSERT_EQ(history.size(), 2U);
    EXPECT_EQ(history[0]["change"], "new");
    EXPECT_EQ(history[0]["source"], "facilities.csv:7");
    EXPECT_EQ(history[1]["fields"], nlohmann::json::array({"functionality"}));
    EXPECT_EQ(history[1]["recorded_by"], "tester");
    EXPECT_EQ(history[1]["reported"], "2018-03-01");
}

TEST_F(Registry, ARowKeepsWhatItLeavesOutAndUnknownClears) {
    std::string out;
    ASSERT_EQ(load("facilities", bundle("facilities.csv"), &out), 0) << out;
    auto state = [&](const std::optional<std::string>& as_of = std::nullopt) {
        const auto r = registry::Registry::at(store::read_history(project_), as_of);
        const registry::Entry* e = r.find(registry::Kind::Facilities, "n1794111144");
        return e != nullptr ? e->data : nlohmann::json();
    };
    const nlohmann::json first = state();
    ASSERT_EQ(first["staff"]["doctors"]["present"], 25);

    // A status round that gives only the functionality keeps staff, power and operator.
    const fs::path round = dir_ / "round.csv";
    std::ofstream(round) << "#loc+facility+code,#status+functionality,#date+reported\n"
                            "n1794111144,A1,2018-01-10\n";
    ASSERT_EQ(load("facilities", round, &out), 0) << out;
    nlohmann::json now = state();
    EXPECT_EQ(now["functionality"], "A1");
    EXPECT_EQ(now["staff"], first["staff"]);
    EXPECT_EQ(now["equipment"], first["equipment"]);
    EXPECT_EQ(now["power_source"], "grid");
    EXPECT_EQ(now["operator"], "MOH");

    // "unknown" clears a field; an empty cell leaves it.
    const fs::path clear = dir_ / "clear.csv";
    std::ofstream(clear) << "#loc+facility+code,#status+functionality,#org+impl,"
                            "#x_staff+present+doctors,#x_staff+needed+doctors,#date+reported\n"
                            "n1794111144,A1,Unknown,unknown,,2018-01-20\n";
    ASSERT_EQ(load("facilities", clear, &out), 0) << out;
    now = state();
    EXPECT_FALSE(now.contains("operator")) << now.dump();
    EXPECT_FALSE(now["staff"]["doctors"].contains("present")) << now.dump();
    EXPECT_EQ(now["staff"]["doctors"]["needed"], 112);
    ASSERT_EQ(test::run(cli() + " status --project " + project_.string(), &out), 0) << out;
    EXPECT_EQ(out.find("staff doctors: 0 of 112"), std::string::npos)
        << "doctors present is unknown now, not 0: " << out;
    EXPECT_NE(out.find("equipment dialysis: 13 of 28 working"), std::string::npos) << out;
    const nlohmann::json owners = json_of("owners");
    EXPECT_NE(owners["facilities_without_owner"].dump().find("n1794111144"), std::string::npos)
        << "a facility whose operator is cleared has no owner: " << owners.dump();

    // A row is checked against what it keeps: 30 working of the 28 already reported is refused.
    const std::string before = read_bytes(project_);
    const fs::path more = dir_ / "more.csv";
    std::ofstream(more) << "#loc+facility+code,#status+functionality,"
                           "#x_equipment+working+dialysis,#date+reported\n"
                           "n1794111144,A1,30,2018-02-01\n";
    EXPECT_EQ(load("facilities", more, &out), 2);
    EXPECT_NE(out.find("more.csv:2: dialysis: 30 working is more than the 28 in total"),
              std::string::npos)
        << out;
    EXPECT_EQ(read_bytes(project_), before);

    // A row reporting on an earlier date changes the history then, not the later state.
    const fs::path early = dir_ / "early.csv";
    std::ofstream(early) << "#loc+facility+code,#status+functionality,#date+reported\n"
                            "n1794111144,A3,2017-12-01\n";
    ASSERT_EQ(load("facilities", early, &out), 0) << out;
    EXPECT_EQ(state("2017-12-05")["functionality"], "A3");
    EXPECT_FALSE(state("2017-12-05").contains("staff")) << "staff was first reported on 12-15";
    EXPECT_EQ(state("2017-12-20")["functionality"], "A2");
    EXPECT_EQ(state("2017-12-20")["staff"]["doctors"]["present"], 25);
    EXPECT_EQ(state()["functionality"], "A1");
    const std::string after_early = read_bytes(project_);
    ASSERT_EQ(load("facilities", early, &out), 0) << out;
    EXPECT_NE(out.find("0 new, 0 changed, 1 unchanged"), std::string::npos) << out;
    EXPECT_EQ(read_bytes(project_), after_early);

    const nlohmann::json history = json_of("history --object n1794111144");
    ASSERT_EQ(history.size(), 4U);
    EXPECT_EQ(history[1]["fields"], nlohmann::json::array({"functionality"}));
    EXPECT_EQ(history[2]["fields"], nlohmann::json::array({"operator", "staff"}));
}

TEST_F(Registry, TheRubbleRuleIsChangedByTheConfiguration) {
    std::string out;
    ASSERT_EQ(load("hazards", bundle("hazards.geojson"), &out, "--reported 2017-12-15"), 0) << out;
    const nlohmann::json base = json_of("status")["hazards"];
    const fs::path wide = dir_ / "wide.json";
    std::ofstream(wide) << R"({"rubble": {"classes": {"destroyed": {"within_m": 100}}}})";
    const nlohmann::json wider = json_of("status --config " + wide.string())["hazards"];
    EXPECT_GT(wider["edges_blocked_drive"].get<int>(), base["edges_blocked_drive"].get<int>());
    EXPECT_GT(wider["edges_slowed_walk"].get<int>(), base["edges_slowed_walk"].get<int>());
    const fs::path none = dir_ / "none.json";
    std::ofstream(none) << R"({"rubble": {"classes": {
        "destroyed": {"walk": "none", "drive": "none"},
        "severe": {"walk": "none", "drive": "none"}, "moderate": {"drive": "none"}}}})";
    const nlohmann::json no_rubble = json_of("status --config " + none.string())["hazards"];
    EXPECT_EQ(no_rubble["edges_slowed_walk"], 0);
    EXPECT_EQ(no_rubble["edges_slowed_drive"], 0);
    // The mined and insecure areas and the bridge still block what they block.
    EXPECT_EQ(no_rubble["edges_blocked_walk"], base["edges_blocked_walk"]);
    const fs::path bad = dir_ / "bad.json";
    std::ofstream(bad) << R"({"rubble": {"classes": {"flattened": {"within_m": 5}}}})";
    EXPECT_EQ(
        test::run(cli() + " status --project " + project_.string() + " --config " + bad.string(),
                  &out),
        2);
    EXPECT_NE(out.find("bad.json: rubble.classes.flattened: unknown damage class"),
              std::string::npos)
        << out;
}

TEST_F(Registry, StatusByAreaPlacesFacilitiesPeopleAndActivities) {
    load_bundle();
    std::string out;
    ASSERT_EQ(load("population", bundle("areas.geojson"), &out, "--reported 2017-12-15"), 0) << out;
    const nlohmann::json status = json_of("status --by-area 2");
    ASSERT_EQ(status["areas"].size(), 2U) << status.dump();
    const nlohmann::json& west = status["areas"][0];
    const nlohmann::json& east = status["areas"][1];
    EXPECT_EQ(west["pcode"], "MC01");
    EXPECT_EQ(east["pcode"], "MC02");
    // population.csv: P-01, P-02, P-03, P-06 and both sites lie west of 7.4245; P-04, P-05 east.
    EXPECT_EQ(west["people"], 9000 + 3000 + 4000 + 6000 + 1200 + 350);
    EXPECT_EQ(west["displaced"], 1200 + 350);
    EXPECT_EQ(east["people"], 9000 + 4000);
    EXPECT_EQ(status["outside_areas"]["people"], 0);
    // The three activities name MC01 (one has no position at all).
    EXPECT_EQ(west["activities"], 3);
    EXPECT_EQ(east["activities"], 0);
    // FH-2 (IRC, A1) stands at 7.4269: east.
    EXPECT_EQ(east["orgs"], nlohmann::json::array({"IRC", "MOH", "MSF"}));
    // Every facility is counted once, in an area or outside them.
    auto facilities = [](const nlohmann::json& a) {
        return a["fully"].get<int>() + a["partially"].get<int>() + a["not_functioning"].get<int>() +
               a["no_status"].get<int>();
    };
    const nlohmann::json level1 = json_of("status --by-area 1");
    ASSERT_EQ(level1["areas"].size(), 1U);
    EXPECT_EQ(facilities(west) + facilities(east), facilities(level1["areas"][0]));
    EXPECT_EQ(facilities(level1["areas"][0]) + facilities(level1["outside_areas"]),
              facilities(status["areas"][0]) + facilities(status["areas"][1]) +
                  facilities(status["outside_areas"]));
    EXPECT_EQ(json_of("status --by-area 3")["areas"].size(), 0U);
}

// Each facility is in one column of `status`: the columns add up to the service's facilities
// (once 13 bakeries of 12: an A1 bakery without power was fully and down at once).
TEST_F(Registry, StatusColumnsAreExclusive) {
    load_bundle();
    const nlohmann::json status = json_of("status");
    std::map<std::string, std::array<int, 5>> by_service;
    for (const auto& s : status["services"]) {
        by_service[s["service"]] = {s["fully"].get<int>(), s["partially"].get<int>(),
                                    s["not_functioning"].get<int>(),
                                    s["down_by_dependency"].get<int>(), s["unknown"].get<int>()};
    }
    // 8 hospitals: 4 A1, 2 A2 of which one without power, 2 A3.
    EXPECT_EQ(by_service["hospital"], (std::array<int, 5>{4, 1, 2, 1, 0}));
    // 12 bakeries: one A1 without power (SUB-1), one A3, ten without a status.
    EXPECT_EQ(by_service["bread"], (std::array<int, 5>{0, 0, 1, 1, 10}));
    EXPECT_EQ(by_service["water"], (std::array<int, 5>{0, 0, 0, 0, 15}));
    EXPECT_EQ(by_service["education"], (std::array<int, 5>{0, 0, 0, 0, 16}));
}

// Exact counts per area and category: moving a facility from one category to another (an A2
// hospital without power counted "partially") changes a figure here, not only the sum.
TEST_F(Registry, StatusByAreaCountsEachCategoryExactly) {
    load_bundle();
    std::string out;
    ASSERT_EQ(load("population", bundle("areas.geojson"), &out, "--reported 2017-12-15"), 0) << out;
    const nlohmann::json status = json_of("status --by-area 2");
    ASSERT_EQ(status["areas"].size(), 2U);
    auto counts = [](const nlohmann::json& a) {
        return std::array<int, 4>{a["fully"].get<int>(), a["partially"].get<int>(),
                                  a["not_functioning"].get<int>(), a["no_status"].get<int>()};
    };
    // MC01: 3 fully, WW-1 partially, 4 down (two A3 hospitals, the hospital and the bakery without
    // power); MC02: FH-2 fully, one A2, one A3; outside: SUB-1 (A3). 12 statuses in all.
    EXPECT_EQ(counts(status["areas"][0]), (std::array<int, 4>{3, 1, 4, 9}));
    EXPECT_EQ(counts(status["areas"][1]), (std::array<int, 4>{1, 1, 1, 5}));
    EXPECT_EQ(counts(status["outside_areas"]), (std::array<int, 4>{0, 0, 1, 28}));
}

// `owners` lists each object once per organisation and list: UNDP-FFS funds MA-001 as the
// hazard's funder and through activity A-02, and WW-1 in its row and through A-03.
TEST_F(Registry, OwnersListsEachObjectOnce) {
    load_bundle();
    const nlohmann::json owners = json_of("owners");
    std::map<std::string, nlohmann::json> by_org;
    for (const auto& o : owners["orgs"]) {
        by_org[o["org"]] = o;
    }
    EXPECT_EQ(by_org["UNDP-FFS"]["funds"], nlohmann::json::array({"MA-001", "RB-001", "WW-1"}));
    // UNMAS owns MA-001 as the hazard's owner and through activity A-02, and the destroyed rubble.
    EXPECT_EQ(by_org["UNMAS"]["owns"].size(), 2U) << by_org["UNMAS"].dump();
    for (const auto& [org, o] : by_org) {
        for (const char* list : {"operates", "owns", "funds"}) {
            std::set<std::string> seen;
            for (const auto& object : o[list]) {
                EXPECT_TRUE(seen.insert(object.get<std::string>()).second)
                    << org << " " << list << " " << object;
            }
        }
    }
}

// The facilities column of `access` counts the facilities that serve: 8 hospitals, of which two
// A3 and one without power. facilities.geojson gives each one's status as the search used it.
TEST_F(Registry, AccessCountsOnlyFunctioningFacilitiesAndFilesTheirStatus) {
    load_bundle();
    const fs::path out_dir = dir_ / "acc";
    std::string out;
    // Braces: test::run adds 2>&1, which must not bring the warnings into the JSON.
    ASSERT_EQ(test::run("{ " + cli() + " -q access --project " + project_.string() +
                            " --service hospital --json --out " + out_dir.string() +
                            " 2>/dev/null; }",
                        &out),
              0)
        << out;
    const nlohmann::json answer = nlohmann::json::parse(out);
    ASSERT_EQ(answer["services"].size(), 1U) << answer.dump();
    const nlohmann::json& hospital = answer["services"][0];
    EXPECT_EQ(hospital["facilities"], 5);
    EXPECT_EQ(hospital["facilities_not_functioning"], 3);
    EXPECT_EQ(hospital["facilities_unsnapped"], 0);

    std::ifstream in(out_dir / "facilities.geojson");
    const nlohmann::json features = nlohmann::json::parse(in)["features"];
    std::map<std::string, std::string> status;
    for (const auto& f : features) {
        status[f["properties"]["code"]] = f["properties"]["status"];
    }
    ASSERT_EQ(status.size(), 8U);
    EXPECT_EQ(status["n2169430533"], "not functioning"); // A3
    EXPECT_EQ(status["n1794111144"], "not functioning"); // A2 without power
    EXPECT_EQ(status["FH-2"], "functioning");            // A1
    std::size_t functioning = 0;
    for (const auto& [code, s] : status) {
        functioning += s == "functioning" ? 1 : 0;
    }
    EXPECT_EQ(functioning, 5U);
}

// A water point of the bundled map stands on a two-node island: `access` says so, by name.
TEST_F(Registry, AccessNamesAWaterPointOnARoadIsland) {
    std::string err;
    ASSERT_EQ(test::run("{ " + cli() + " access --project " + project_.string() +
                            " --service water --population-total 38000 --out " +
                            (dir_ / "acc").string() + " 2>&1 >/dev/null; }",
                        &err),
              0)
        << err;
    EXPECT_NE(err.find("water: facility n1784106870 is on a road island of 2 nodes on foot"),
              std::string::npos)
        << err;
}

// A minefield reaching over the edge of the extract is taken as given (its part on the map blocks
// roads); only one wholly outside is refused (registry/bad/hazard-wholly-outside.geojson).
TEST_F(Registry, AHazardAcrossTheEdgeOfTheExtractIsAccepted) {
    const fs::path file = dir_ / "across.geojson";
    std::ofstream(file) << R"({"type": "FeatureCollection", "features": [
 {"type": "Feature", "id": "MA-EDGE", "properties": {"kind": "contamination"},
  "geometry": {"type": "Polygon", "coordinates": [[[7.42, 43.73], [8.00, 43.73], [8.00, 44.20],
  [7.42, 44.20], [7.42, 43.73]]]}}]})";
    std::string out;
    EXPECT_EQ(load("hazards", file, &out, "--reported 2017-12-15"), 0) << out;
    const nlohmann::json status = json_of("status");
    EXPECT_GT(status["hazards"]["edges_blocked_walk"].get<int>(), 0);
}

// Admin areas exported as GeoJSON load back into another project with no --reported: the export
// keeps each area's date.
TEST_F(Registry, ExportedAdminAreasLoadBack) {
    std::string out;
    ASSERT_EQ(load("population", bundle("areas.geojson"), &out, "--reported 2017-12-15"), 0) << out;
    const fs::path first = dir_ / "areas.geojson";
    const fs::path second = dir_ / "areas-again.geojson";
    ASSERT_EQ(test::run(cli() + " export population --format geojson --project " +
                            project_.string() + " -o " + first.string(),
                        &out),
              0)
        << out;
    const fs::path other = dir_ / "other.dayafter";
    fs::copy_file(base_project(), other);
    ASSERT_EQ(
        test::run(cli() + " -q load population " + first.string() + " --project " + other.string(),
                  &out),
        0)
        << out;
    ASSERT_EQ(test::run(cli() + " export population --format geojson --project " + other.string() +
                            " -o " + second.string(),
                        &out),
              0)
        << out;
    EXPECT_EQ(read_bytes(first), read_bytes(second));
    EXPECT_NE(read_bytes(first).find("\"reported\": \"2017-12-15\""), std::string::npos);
}

TEST_F(Registry, DryRunWritesNothing) {
    const std::string before = read_bytes(project_);
    std::string out;
    ASSERT_EQ(load("hazards", bundle("hazards.geojson"), &out, "--dry-run"), 0) << out;
    EXPECT_NE(out.find("new     hazards BR-001"), std::string::npos) << out;
    EXPECT_NE(out.find("dry run: nothing written"), std::string::npos);
    EXPECT_EQ(read_bytes(project_), before);
}

struct BadCase {
    std::string kind;
    std::string file;
    std::string message;
};

TEST_F(Registry, EveryBadFileIsRefusedWholeAndTheStoreIsUnchanged) {
    load_bundle();
    const std::string before = read_bytes(project_);
    const std::vector<BadCase> cases = {
        {"facilities", "bad-functionality-code.csv", ":3: #status+functionality 'A7' is not one"},
        {"facilities", "not-a-number.csv", ":3: #x_staff+present+doctors 'twelve' is not a whole"},
        {"facilities", "latitude-out-of-range.csv", ":3: latitude 143.73 is not between"},
        {"facilities", "coordinates-swapped.csv",
         ":3: latitude 7.42 and longitude 43.734 look "
         "swapped"},
        {"facilities", "unknown-tag-in-required-column.csv",
         ":2: no column tagged #loc+facility+code (required); column 1 is tagged "
         "#loc+code+facilty"},
        {"facilities", "duplicate-facility-code.csv",
         ":5: facility code 'n25237989' appears twice (also line 3)"},
        {"facilities", "bad-date.csv", ":3: #date+reported '2017-13-45' is not an ISO 8601 date"},
        {"facilities", "more-working-than-total.csv",
         ":3: dialysis: 30 working is more than the 28 in total"},
        {"facilities", "unclosed-quote.csv", ":3: a quoted cell is never closed"},
        {"hazards", "polygon-not-closed.geojson", ":1: feature 1: ring 1 is not closed"},
        {"hazards", "polygon-self-intersects.geojson",
         ":1: feature 1: the polygon is not valid: Geometry has invalid self-intersections."},
        {"hazards", "bridge-not-in-project.geojson",
         ":1: feature 1: osm_way 123 is not a bridge of the project"},
        {"hazards", "rubble-on-a-road-not-in-project.geojson",
         ":1: feature 1: osm_way 123 is not a road of the project"},
        {"hazards", "unknown-damage-class.geojson",
         ":1: feature 1: damage 'flattened' is not destroyed"},
        {"orgs", "unknown-org-type.csv", ":3: #org+type 'militia' is not one of"},
        {"population", "admin-feature-not-an-object.geojson",
         ":1: feature 1: not a GeoJSON Feature"},
        {"population", "admin-area-is-a-point.geojson",
         ":1: feature 1: admin area MC09 is a Point, not a Polygon or MultiPolygon"},
        {"population", "admin-code-equals-parent.geojson",
         ":1: feature 1: admin level 2 area MC has its parent's code"},
        {"hazards", "hazard-wholly-outside.geojson",
         ":1: feature 1: the geometry lies wholly outside the project area"},
        {"funding", "funding-bad-amount-and-currency.csv",
         ":3: #currency+code 'usd' is not an ISO 4217 currency code"},
        // Without their key column these read a missing JSON key (a heap overflow under ASan).
        {"resources", "resources-without-id.csv", ":2: no column tagged #meta+id (required)"},
        {"funding", "funding-without-id.csv", ":2: no column tagged #meta+id (required)"},
        {"activities", "activities-without-id.csv", ":2: no column tagged #meta+id (required)"},
        {"orgs", "orgs-without-name.csv", ":2: no column tagged #org+name (required)"},
        // Found by fuzz_raster: a few hundred bytes whose header asks GDAL for a 30 GB block.
        {"population", "raster-block-of-30-gb.tif",
         ": the raster is stored in blocks of 4 x 1879048240 cells (30.1 GB each)"},
        // Found by fuzz_raster: a pixel 5e180 m wide, which PROJ never brought back to the globe.
        {"population", "raster-corner-off-the-globe.tif",
         ":1: the raster's geotransform puts a corner at (2.12395e+181, 5.4245e+06), off any map"},
        {"hazards", "number-overflow.geojson",
         ":2:109: not valid JSON: number overflow parsing '1e400'"},
        {"hazards", "nested-too-deep.geojson",
         ":2:203: JSON nested more than 128 levels deep (arrays and objects inside each other)"},
    };
    std::size_t files = 0;
    for (const auto& entry : fs::directory_iterator(test::data_dir() / "registry/bad")) {
        files += entry.is_regular_file() ? 1 : 0;
    }
    EXPECT_EQ(files, cases.size()) << "every file of the corpus has a case here";
    for (const BadCase& c : cases) {
        const fs::path file = test::data_dir() / "registry/bad" / c.file;
        std::string out;
        EXPECT_EQ(load(c.kind, file, &out, "--reported 2017-12-15"), 2) << c.file << ": " << out;
        EXPECT_NE(out.find(file.string() + c.message), std::string::npos) << c.file << " said:\n"
                                                                          << out;
        EXPECT_EQ(read_bytes(project_), before) << c.file << " changed the store";
    }
}

// Tens of thousands of levels once overflowed the stack (exit 139: the old binary crashes on this
// file); now a refusal naming the file and the place, with the store untouched.
TEST_F(Registry, DeeplyNestedHazardFileIsRefusedNotACrash) {
    // A valid rubble point of the bundle whose properties hold 100,000 objects inside each other.
    nlohmann::json hazards = nlohmann::json::parse(test::read_text(bundle("hazards.geojson")));
    nlohmann::json feature = hazards["features"][0];
    feature["properties"]["x"] = "@@";
    std::string text =
        nlohmann::json{{"type", "FeatureCollection"}, {"features", {feature}}}.dump();
    constexpr std::size_t kDepth = 100'000;
    std::string deep;
    for (std::size_t level = 0; level < kDepth; ++level) {
        deep += R"({"a":)";
    }
    deep += "1" + std::string(kDepth, '}');
    text.replace(text.find(R"("@@")"), 4, deep);
    const fs::path file = dir_ / "deep.geojson";
    std::ofstream(file) << text;
    const std::string before = read_bytes(project_);
    std::string out;
    EXPECT_EQ(load("hazards", file, &out, "--reported 2017-12-15"), 2) << out.substr(0, 2000);
    EXPECT_NE(out.find(file.string() + ":1:"), std::string::npos) << out.substr(0, 2000);
    EXPECT_NE(out.find("nested more than 128 levels deep"), std::string::npos)
        << out.substr(0, 2000);
    EXPECT_EQ(read_bytes(project_), before);
}

// Spreadsheets leave rows of empty cells at the end; they are no rows, not bad ones.
TEST_F(Registry, TrailingRowsOfEmptyCellsAreSkipped) {
    const fs::path file = dir_ / "resources.csv";
    std::ofstream(file) << test::read_text(bundle("resources.csv")) << ",,,,,,\n , ,,,,,\n";
    std::string out;
    EXPECT_EQ(load("resources", file, &out, "--reported 2017-12-15"), 0) << out;
}

TEST_F(Registry, MatchWithinMustBeAFiniteDistance) {
    for (const char* value : {"-1", "nan", "inf", "-inf", "ten"}) {
        std::string out;
        EXPECT_EQ(load("facilities", bundle("facilities.csv"), &out,
                       std::string("--reported 2017-12-15 --match-within ") + value),
                  2)
            << value << ": " << out;
        EXPECT_NE(out.find("--match-within"), std::string::npos) << value << ": " << out;
    }
    std::string out;
    EXPECT_EQ(load("facilities", bundle("facilities.csv"), &out,
                   "--reported 2017-12-15 --match-within 0"),
              0)
        << out;
}

// 3.4e38 (a float's largest, a common undeclared no-data value) or infinity is not a count of
// people: the raster is refused naming the file and the first such cell, not loaded or dropped.
TEST_F(Registry, PopulationRasterWithInfiniteOrHugeCellsIsRefused) {
    const std::string header = "ncols 2\nnrows 2\nxllcorner 7.415\nyllcorner 43.728\n"
                               "cellsize 0.002\nNODATA_value -9999\n";
    for (const auto& [name, cells] : std::vector<std::pair<std::string, std::string>>{
             {"huge", "10.5 3.4e38\n3.4e38 4\n"}, {"infinite", "10.5 4\ninf 4\n"}}) {
        const fs::path tif = geotiff(name, header + cells, "EPSG:4326");
        const std::string before = read_bytes(project_);
        std::string out;
        EXPECT_EQ(load("population", tif, &out, "--reported 2017-12-15"), 2) << name << out;
        EXPECT_NE(out.find(tif.string() + ":"), std::string::npos) << name << out;
        EXPECT_NE(out.find("not a number of people"), std::string::npos) << name << out;
        EXPECT_EQ(read_bytes(project_), before) << name;
    }
}

TEST_F(Registry, PopulationRasterIsReprojectedAndCountsArePlaced) {
    // A 4 x 3 raster in Web Mercator over Monaco, written with gdal_translate from an ASCII grid.
    const std::string grid = "ncols 4\nnrows 3\nxllcorner 825000\nyllcorner 5423000\n"
                             "cellsize 500\nNODATA_value -9999\n"
                             "10 20 0 -9999\n30 40 50 60\n1 2 3 4\n";
    const fs::path tif = geotiff("pop", grid, "EPSG:3857");
    std::string out;
    ASSERT_EQ(load("population", tif, &out, "--reported 2017-12-15"), 0) << out;
    EXPECT_NE(out.find("reprojected from WGS 84 / Pseudo-Mercator"), std::string::npos) << out;
    const auto r = registry::Registry::at(store::read_history(project_), std::nullopt);
    double total = 0;
    for (const auto& [key, entry] : r.objects(registry::Kind::Population)) {
        total += entry.data["population"].get<double>();
        EXPECT_NEAR(entry.data["lat"].get<double>(), 43.7, 0.1);
        EXPECT_NEAR(entry.data["lon"].get<double>(), 7.42, 0.1);
    }
    EXPECT_EQ(r.objects(registry::Kind::Population).size(), 10U); // 0 and nodata cells left out
    EXPECT_DOUBLE_EQ(total, 220);

    // A newer raster of the same area replaces the surface: cells now empty hold nobody, so the
    // people are not counted twice; a tile beside it leaves the first raster's cells alone.
    auto total_of = [&](const std::optional<std::string>& as_of) {
        double sum = 0;
        const auto at = registry::Registry::at(store::read_history(project_), as_of);
        for (const auto& [key, entry] : at.objects(registry::Kind::Population)) {
            sum += entry.data["population"].get<double>();
        }
        return sum;
    };
    const fs::path newer = geotiff("newer",
                                   "ncols 4\nnrows 3\nxllcorner 825000\nyllcorner 5423000\n"
                                   "cellsize 500\nNODATA_value -9999\n"
                                   "0 -9999 0 -9999\n35 40 50 60\n1 2 3 4\n",
                                   "EPSG:3857");
    ASSERT_EQ(load("population", newer, &out, "--reported 2018-06-01"), 0) << out;
    EXPECT_NE(out.find("2 populated cells of earlier rasters are empty in this one"),
              std::string::npos)
        << out;
    EXPECT_DOUBLE_EQ(total_of(std::nullopt), 220 - 10 - 20 + 5);
    EXPECT_DOUBLE_EQ(total_of("2017-12-31"), 220);
    const fs::path tile = geotiff("tile",
                                  "ncols 1\nnrows 1\nxllcorner 827000\nyllcorner 5423000\n"
                                  "cellsize 500\nNODATA_value -9999\n7\n",
                                  "EPSG:3857");
    ASSERT_EQ(load("population", tile, &out, "--reported 2018-06-01"), 0) << out;
    EXPECT_EQ(out.find("earlier rasters are empty"), std::string::npos) << out;
    EXPECT_DOUBLE_EQ(total_of(std::nullopt), 195 + 7);
    // Without a coordinate system the cells cannot be placed: refused.
    const fs::path bare = geotiff("bare", grid, "");
    const std::string before = read_bytes(project_);
    EXPECT_EQ(load("population", bare, &out, "--reported 2017-12-15"), 2);
    EXPECT_NE(out.find("no coordinate reference system"), std::string::npos) << out;
    EXPECT_EQ(read_bytes(project_), before);
}

TEST_F(Registry, ACountryWideRasterIsReadOnlyWhereTheProjectIs) {
    // 400 x 300 cells of 0.1 degree over lon 0-40, lat 30-60, one person each: a country-sized
    // raster around a small town. Only the cells whose centres fall in the project area (the
    // road network's extent widened by 0.2 degree) are loaded, and the load says it read a window.
    std::string grid = "ncols 400\nnrows 300\nxllcorner 0.013\nyllcorner 30.013\ncellsize 0.1\n";
    for (int r = 0; r < 300; ++r) {
        for (int c = 0; c < 400; ++c) {
            grid += c == 0 ? "1" : " 1";
        }
        grid += '\n';
    }
    const fs::path tif = geotiff("wide", grid, "EPSG:4326");
    std::string out;
    ASSERT_EQ(load("population", tif, &out, "--reported 2017-12-15"), 0) << out;
    EXPECT_NE(out.find("reaches beyond the project area: only rows"), std::string::npos) << out;
    // The reference: every cell centre tested against the area.
    const nlohmann::json box = json_of("info")["bbox"];
    const double min_lon = box[0].get<double>() - 0.2;
    const double min_lat = box[1].get<double>() - 0.2;
    const double max_lon = box[2].get<double>() + 0.2;
    const double max_lat = box[3].get<double>() + 0.2;
    std::size_t expected = 0;
    for (int r = 0; r < 300; ++r) {
        for (int c = 0; c < 400; ++c) {
            const double lon = 0.013 + (c + 0.5) * 0.1;
            const double lat = 60.013 - (r + 0.5) * 0.1;
            expected += lon >= min_lon && lon <= max_lon && lat >= min_lat && lat <= max_lat;
        }
    }
    ASSERT_GT(expected, 0U);
    const auto r = registry::Registry::at(store::read_history(project_), std::nullopt);
    EXPECT_EQ(r.objects(registry::Kind::Population).size(), expected);
}

TEST_F(Registry, KilledInTheMiddleOfALargeLoadTheStoreHoldsAllOrNothing) {
    // 200,000 population points: long enough a write to be killed in the middle.
    const fs::path big = dir_ / "big.csv";
    {
        std::ofstream out(big);
        out << "#loc+code,#geo+lat,#geo+lon,#population,#date+reported\n";
        for (int i = 0; i < 200000; ++i) {
            out << "B" << i << ',' << 43.73 + (i % 400) * 0.00005 << ','
                << 7.41 + (i / 400) * 0.00005 << ",5,2017-12-15\n";
        }
    }
    const fs::path journal = project_.string() + "-journal";
    int killed_while_writing = 0;
    for (int attempt = 0; attempt < 3; ++attempt) {
        const pid_t child = ::fork();
        ASSERT_GE(child, 0);
        if (child == 0) {
            ::execl(test::cli_binary().c_str(), "dayafter", "-q", "load", "population", big.c_str(),
                    "--project", project_.c_str(), static_cast<char*>(nullptr));
            ::_exit(127);
        }
        // Wait for the write transaction to start (its rollback journal appears), then kill.
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
        while (!fs::exists(journal) && std::chrono::steady_clock::now() < deadline) {
            int status = 0;
            if (::waitpid(child, &status, WNOHANG) == child) {
                break;
            }
            std::this_thread::sleep_for(std::chrono::microseconds(200));
        }
        const bool writing = fs::exists(journal);
        ::kill(child, SIGKILL);
        ::waitpid(child, nullptr, 0);
        killed_while_writing += writing ? 1 : 0;
        // Whatever the moment, the project reads and holds all of the load or none of it.
        const store::History history = store::read_history(project_);
        EXPECT_TRUE(history.records.empty() || history.records.size() == 200000U)
            << history.records.size() << " records after a kill";
        const auto current = store::read_current(project_);
        ASSERT_TRUE(current);
        EXPECT_EQ(current->size(), history.records.size()) << "the cache goes with the records";
        if (!history.records.empty()) {
            break;
        }
    }
    EXPECT_GT(killed_while_writing, 0) << "the load was never caught in the middle";
    std::string out;
    EXPECT_EQ(test::run(cli() + " info --project " + project_.string(), &out), 0) << out;
}

TEST(Hxl, FindsTagsInAnyAttributeOrderAndKeepsLines) {
    const io::HxlTable table = io::parse_hxl_csv(
        "\xEF\xBB\xBFName,Code\r\n#org +name,#ORG+code\r\n\"Doctors, \"\"Without\"\"\",MSF\r\n\r\n"
        "\"two\nlines\",X\r\n",
        "t.csv");
    EXPECT_EQ(table.find("#org+name"), 0U);
    EXPECT_EQ(table.find("#org+code"), 1U);
    ASSERT_EQ(table.rows.size(), 2U);
    EXPECT_EQ(table.rows[0].cells[0], "Doctors, \"Without\"");
    EXPECT_EQ(table.rows[0].line, 3U);
    EXPECT_EQ(table.rows[1].line, 5U);
    EXPECT_EQ(table.rows[1].cells[0], "two\nlines");
    EXPECT_EQ(io::HxlTag::parse("#x_staff+present+doctors")->text(),
              io::HxlTag::parse("#x_staff +doctors +present")->text());
    EXPECT_FALSE(io::HxlTag::parse("#1abc"));
    EXPECT_EQ(registry::parse_iso_date("2017-02-29"), std::nullopt);
    EXPECT_EQ(registry::parse_iso_date("2016-02-29"), "2016-02-29");
}

} // namespace
} // namespace dayafter
