// `import osm --update` (#13): a new map under the project's registry, each reported facility
// re-matched to it by code, OSM id, then position, its history moved with it in one load.
#include <fstream>

#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "dayafter/registry/registry.hpp"
#include "dayafter/store/registry_store.hpp"
#include "test_support.hpp"

namespace dayafter {
namespace {

using registry::Kind;
using ::testing::HasSubstr;
using ::testing::Not;
namespace fs = std::filesystem;

// Clinics at a, b and c. In the new map the clinic at a is drawn as a building 35 m south of it
// (way 4 of the new map: w1004), c's is gone with nothing near, b's is unchanged, and a field
// hospital a partner added from a file, 250 m south, is now mapped (w1005).
constexpr const char* kOldMap = R"(
    a---b---c---d
    |           |
    e---f---g---h )";
constexpr const char* kNewMap = R"(
    a---b---c---d
    |           |
    e---f---g---h

    p-q
    s-r




















    t-u
    w-v )";

class ImportUpdate : public ::testing::Test {
protected:
    void SetUp() override {
        test::AsciiTown old_map(kOldMap);
        add_roads(old_map);
        old_map.node("a", {{"amenity", "clinic"}})
            .node("b", {{"amenity", "clinic"}})
            .node("c", {{"amenity", "clinic"}})
            .write(dir_ / "old.osm");
        test::AsciiTown new_map(kNewMap);
        add_roads(new_map);
        new_map.node("b", {{"amenity", "clinic"}})
            .way("pqrsp", {{"amenity", "clinic"}, {"building", "yes"}})
            .way("tuvwt", {{"amenity", "clinic"}, {"building", "yes"}})
            .write(dir_ / "new.osm");
        field_hospital_ = new_map.coord('t');
        ASSERT_EQ(cli(fmt::format("import osm {} --project {}", (dir_ / "old.osm").string(),
                                  project_.string())),
                  0)
            << out_;
    }

    static void add_roads(test::AsciiTown& town) {
        town.way("abcd", {{"highway", "residential"}})
            .way("efgh", {{"highway", "residential"}})
            .way("ae", {{"highway", "residential"}})
            .way("dh", {{"highway", "residential"}});
    }

    int cli(const std::string& args) {
        return test::run(fmt::format("{} -q {}", test::cli_binary().string(), args), &out_);
    }

    /// n1 reported twice (working, then down), b and c once, and the field hospital FH-1 added
    /// with the OSM id it will have.
    void load_statuses() {
        const fs::path file = dir_ / "status.csv";
        std::ofstream(file) << "code,type,functionality,reported,lat,lon,osm\n"
                            << "#loc+facility+code,#loc+facility+type,#status+functionality,"
                               "#date+reported,#geo+lat,#geo+lon,#x_osm+id\n"
                            << "n1,,A1,2017-07-01,,,\n"
                            << "n2,,A2,2017-07-01,,,\n"
                            << "n3,,A2,2017-07-01,,,\n"
                            << fmt::format("FH-1,clinic,A1,2017-07-01,{:.7f},{:.7f},way/1005\n",
                                           field_hospital_.lat(), field_hospital_.lon());
        ASSERT_EQ(cli(fmt::format("load facilities {} --project {} --by t", file.string(),
                                  project_.string())),
                  0)
            << out_;
        const fs::path later = dir_ / "later.csv";
        std::ofstream(later) << "code,functionality,reported\n"
                             << "#loc+facility+code,#status+functionality,#date+reported\n"
                             << "n1,A3,2017-09-01\n";
        ASSERT_EQ(cli(fmt::format("load facilities {} --project {} --by t", later.string(),
                                  project_.string())),
                  0)
            << out_;
    }

    int update() {
        return cli(fmt::format("import osm {} --project {} --update", (dir_ / "new.osm").string(),
                               project_.string()));
    }

    [[nodiscard]] std::string functionality(const std::string& key,
                                            const std::optional<std::string>& as_of) const {
        const registry::Registry state = registry::Registry::read(project_, as_of);
        const registry::Entry* entry = state.find(Kind::Facilities, key);
        return entry == nullptr ? "absent" : entry->data.value("functionality", "none");
    }

    test::TempDir dir_;
    fs::path project_ = dir_ / "town.dayafter";
    geo::Coord field_hospital_;
    std::string out_;
};

TEST_F(ImportUpdate, MovesEachFacilityAndItsWholeHistoryToTheNewMap) {
    load_statuses();
    ASSERT_EQ(update(), 0) << out_;
    EXPECT_THAT(out_, HasSubstr("facility n1 is w1004 on the new map (matched by position"));
    EXPECT_THAT(out_, HasSubstr("facility FH-1 is w1005 on the new map (matched by OSM id)"));
    EXPECT_THAT(out_, HasSubstr("1 facility(ies) of the registry match nothing on the new map"));
    EXPECT_THAT(out_, HasSubstr("reporting on no facility: n3"));
    EXPECT_THAT(out_, Not(HasSubstr("n2 is")));

    // One load moved them, and the state at every date moved too.
    const store::History history = store::read_history(project_);
    ASSERT_EQ(history.loads.size(), 3U);
    EXPECT_THAT(history.loads.back().tool, HasSubstr("import osm --update"));
    EXPECT_EQ(functionality("w1004", std::nullopt), "A3");
    EXPECT_EQ(functionality("w1004", "2017-08-01"), "A1");
    EXPECT_EQ(functionality("n1", std::nullopt), "absent");
    EXPECT_EQ(functionality("n1", "2017-08-01"), "absent");
    EXPECT_EQ(functionality("w1005", std::nullopt), "A1");
    EXPECT_EQ(functionality("FH-1", std::nullopt), "absent");
    EXPECT_EQ(functionality("n2", std::nullopt), "A2");
    EXPECT_EQ(functionality("n3", std::nullopt), "A2"); // lost, not dropped
    // The cache and a replay of the history agree.
    const registry::Registry replayed = registry::Registry::at(history, std::nullopt);
    const registry::Registry cached = registry::Registry::read(project_, std::nullopt);
    EXPECT_EQ(replayed.objects(Kind::Facilities).size(), cached.objects(Kind::Facilities).size());
    EXPECT_EQ(cached.successor("n1"), "w1004");
    EXPECT_EQ(cached.successor("FH-1"), "w1005");
    EXPECT_EQ(replayed.successor("n1"), "w1004");
    // The mapped field hospital is a map facility now, not one added beside it.
    EXPECT_FALSE(cached.find(Kind::Facilities, "w1005")->data.contains("added"));

    // A partner still reporting under the old code reaches the facility on the new map.
    const fs::path again = dir_ / "again.csv";
    std::ofstream(again) << "code,functionality,reported\n"
                         << "#loc+facility+code,#status+functionality,#date+reported\n"
                         << "n1,A2,2017-10-01\n";
    ASSERT_EQ(cli(fmt::format("load facilities {} --project {} --by t", again.string(),
                              project_.string())),
              0)
        << out_;
    EXPECT_EQ(functionality("w1004", std::nullopt), "A2");
    EXPECT_EQ(functionality("n1", std::nullopt), "absent");
    EXPECT_EQ(cli(fmt::format("status --project {}", project_.string())), 0) << out_;
}

TEST_F(ImportUpdate, AnUpdateToTheSameMapMovesNothingMore) {
    load_statuses();
    ASSERT_EQ(update(), 0) << out_;
    ASSERT_EQ(update(), 0) << out_;
    EXPECT_THAT(out_, Not(HasSubstr("on the new map (matched by")));
    EXPECT_EQ(store::read_history(project_).loads.size(), 3U);
    EXPECT_EQ(functionality("w1004", std::nullopt), "A3");
}

TEST_F(ImportUpdate, EachNewFacilityIsTakenOnceClosestFirst) {
    // A partner added CL-9 at the corner of the building w1004 will be: nearer to it than n1.
    load_statuses();
    const test::AsciiTown new_map(kNewMap);
    const geo::Coord corner = new_map.coord('p');
    const fs::path file = dir_ / "cl9.csv";
    std::ofstream(file) << "code,type,functionality,reported,lat,lon\n"
                        << "#loc+facility+code,#loc+facility+type,#status+functionality,"
                           "#date+reported,#geo+lat,#geo+lon\n"
                        << fmt::format("CL-9,clinic,A2,2017-07-01,{:.7f},{:.7f}\n", corner.lat(),
                                       corner.lon());
    ASSERT_EQ(cli(fmt::format("load facilities {} --project {} --by t --match-within 0",
                              file.string(), project_.string())),
              0)
        << out_;
    ASSERT_EQ(update(), 0) << out_;
    EXPECT_THAT(out_, HasSubstr("facility CL-9 is w1004 on the new map (matched by position"));
    EXPECT_THAT(out_, Not(HasSubstr("facility n1 is")));
    EXPECT_THAT(out_, HasSubstr("reporting on no facility: n1, n3"));
    EXPECT_EQ(functionality("w1004", std::nullopt), "A2");
    EXPECT_EQ(functionality("n1", std::nullopt), "A3");
}

TEST_F(ImportUpdate, WithoutRegistryOrMatchesNoLoadIsRecorded) {
    ASSERT_EQ(update(), 0) << out_;
    EXPECT_TRUE(store::read_history(project_).loads.empty());
    EXPECT_THAT(out_, Not(HasSubstr("match nothing")));
}

} // namespace
} // namespace dayafter
