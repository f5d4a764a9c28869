// The cache of the latest state (table `current`): what a load plans for it equals a full replay,
// what the store keeps equals a replay after every load (back-dated rows and "unknown" included),
// a project of schema 2 is read by replaying and gets the whole cache at its next load, rows
// planned before another load are refused, and `dayafter load` of every kind caches what a replay
// gives.

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "dayafter/registry/load.hpp"
#include "dayafter/registry/registry.hpp"
#include "dayafter/store/project_store.hpp"
#include "dayafter/store/registry_store.hpp"
#include "dayafter/util/error.hpp"
#include "test_support.hpp"

namespace dayafter {
namespace {

namespace fs = std::filesystem;
using registry::Kind;

std::string read_bytes(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void expect_same_entry(const registry::Entry& a, const registry::Entry& b, const std::string& key) {
    EXPECT_EQ(a.data, b.data) << key;
    EXPECT_EQ(a.reported, b.reported) << key;
    EXPECT_EQ(a.load_id, b.load_id) << key;
    EXPECT_EQ(a.record_id, b.record_id) << key;
    EXPECT_EQ(a.source_file, b.source_file) << key;
    EXPECT_EQ(a.line, b.line) << key;
}

void expect_same_registry(const registry::Registry& a, const registry::Registry& b) {
    for (const Kind kind : registry::kKinds) {
        ASSERT_EQ(a.objects(kind).size(), b.objects(kind).size()) << to_string(kind);
        for (const auto& [key, entry] : a.objects(kind)) {
            const registry::Entry* other = b.find(kind, key);
            ASSERT_NE(other, nullptr) << to_string(kind) << " " << key;
            expect_same_entry(entry, *other, key);
        }
    }
}

class CurrentState : public ::testing::Test {
protected:
    void SetUp() override {
        project_ = dir_ / "town.dayafter";
        store::create_project(project_, town_, {});
    }

    /// Plans a load of `csv`, checks plan.current against a full replay of the history with the
    /// load's records appended (ids as the store gives them), then appends it.
    registry::LoadPlan load(Kind kind, const std::string& csv) {
        const fs::path file = dir_ / fmt::format("load{}.csv", ++files_);
        std::ofstream(file) << csv;
        const store::History history = store::read_history(project_);
        registry::LoadPlan plan = registry::plan_load(kind, file, town_, history, {});
        EXPECT_TRUE(plan.problems.empty()) << plan.problems.front();
        expect_plan_matches_replay(history, plan);
        const store::Load load{0,
                               std::string(to_string(kind)),
                               file.filename().string(),
                               "2026-01-01T00:00:00Z",
                               "tester",
                               "test"};
        store::append_load(project_, load, plan.records, plan.current);
        return plan;
    }

    void expect_plan_matches_replay(store::History history, const registry::LoadPlan& plan) {
        const std::int64_t load_id = history.loads.empty() ? 1 : history.loads.back().id + 1;
        std::int64_t record_id = history.records.empty() ? 1 : history.records.back().id + 1;
        history.loads.push_back(
            {load_id, std::string(to_string(plan.kind)), "new.csv", "", "", ""});
        std::vector<std::int64_t> record_ids;
        for (store::Record record : plan.records) {
            record.id = record_id++;
            record.load_id = load_id;
            record_ids.push_back(record.id);
            history.records.push_back(std::move(record));
        }
        const registry::Registry replay = registry::Registry::at(history, std::nullopt);
        for (const store::CurrentRow& row : plan.current.rows) {
            const auto kind = registry::parse_kind(row.kind);
            ASSERT_TRUE(kind);
            const registry::Entry* entry = replay.find(*kind, row.key);
            ASSERT_NE(entry, nullptr) << row.key;
            EXPECT_EQ(nlohmann::json::parse(row.data), entry->data) << row.key;
            EXPECT_EQ(row.reported, entry->reported) << row.key;
            EXPECT_EQ(row.line, entry->line) << row.key;
            EXPECT_EQ(row.appended ? load_id : row.load_id, entry->load_id) << row.key;
            EXPECT_EQ(row.appended ? record_ids.at(*row.appended) : row.record_id, entry->record_id)
                << row.key;
        }
    }

    /// The latest state read through the cache equals a replay of the whole history.
    void expect_cache_matches_replay() {
        const auto rows = store::read_current(project_);
        ASSERT_TRUE(rows);
        expect_same_registry(registry::Registry::latest(*rows),
                             registry::Registry::at(store::read_history(project_), std::nullopt));
    }

    model::Town town_;
    test::TempDir dir_;
    fs::path project_;
    int files_ = 0;
};

constexpr std::string_view kResourceHeader =
    "#meta+id,#org+impl,#item+type,#item+name,#capacity+num,#adm1+code,#date+reported\n";

TEST_F(CurrentState, ABackDatedRowKeepsLaterFieldsAndUnknownStaysCleared) {
    load(Kind::Resources, std::string(kResourceHeader) +
                              "R1,MUNI,truck,Truck A,8,,2017-12-15\n"
                              "R2,MUNI,loader,Loader,1,MC01,2017-12-15\n");
    expect_cache_matches_replay();
    load(Kind::Resources, std::string(kResourceHeader) + "R1,MUNI,truck,unknown,6,,2018-01-10\n");
    expect_cache_matches_replay();
    // Reports on a date before the latest version: its count loses to the later 6, its adm1 is
    // new and stays, its name was cleared later and stays cleared.
    const registry::LoadPlan back =
        load(Kind::Resources,
             std::string(kResourceHeader) + "R1,MUNI,truck,Truck B,7,MC02,2017-12-20\n");
    ASSERT_EQ(back.current.rows.size(), 1U);
    EXPECT_FALSE(back.current.rows[0].appended) << "the 2018-01-10 version is still the last";
    expect_cache_matches_replay();

    const registry::Registry latest = registry::Registry::read(project_, std::nullopt);
    const registry::Entry* r1 = latest.find(Kind::Resources, "R1");
    ASSERT_NE(r1, nullptr);
    EXPECT_EQ(r1->data["count"], 6);
    EXPECT_EQ(r1->data["adm1"], "MC02");
    EXPECT_FALSE(r1->data.contains("name")) << r1->data.dump();
    EXPECT_EQ(r1->reported, "2018-01-10");
    EXPECT_EQ(r1->source_file, "load2.csv");
    EXPECT_EQ(r1->line, 2);
    const registry::Registry then = registry::Registry::read(project_, "2017-12-31");
    EXPECT_EQ(then.find(Kind::Resources, "R1")->data["name"], "Truck B");
}

TEST_F(CurrentState, RandomLoadsKeepTheCacheEqualToAReplay) {
    const char* env = std::getenv("DAYAFTER_TEST_SEED");
    const auto seed = env != nullptr ? std::strtoul(env, nullptr, 10) : 20261121UL;
    SCOPED_TRACE(fmt::format("DAYAFTER_TEST_SEED={}", seed));
    std::mt19937 random(static_cast<std::mt19937::result_type>(seed));
    auto pick = [&](int n) { return std::uniform_int_distribution<int>(0, n - 1)(random); };
    const std::array<std::string_view, 4> names = {"", "unknown", "Truck", "Lorry"};
    const std::array<std::string_view, 4> areas = {"", "unknown", "MC01", "MC02"};
    for (int round = 0; round < 12; ++round) {
        std::string csv(kResourceHeader);
        for (int r = 0; r < 8; ++r) {
            if (pick(2) == 0) {
                continue; // each key in about half the loads
            }
            csv += fmt::format("R{},MUNI,truck,{},{},{},2018-01-{:02}\n", r, names[pick(4)],
                               pick(5), areas[pick(4)], 1 + pick(6));
        }
        load(Kind::Resources, csv);
        expect_cache_matches_replay();
    }
}

TEST_F(CurrentState, AProjectOfSchema2IsReplayedThenCachedWholeByItsNextLoad) {
    load(Kind::Orgs, "#org+name,#org+code,#org+type,#sector,#date+reported\n"
                     "Municipality,MUNI,local_authority,wash;shelter,2017-12-15\n"
                     "Red Crescent,RC,red_cross,health,2017-12-15\n");
    load(Kind::Resources, std::string(kResourceHeader) + "R1,MUNI,truck,Truck A,8,,2017-12-15\n"
                                                         "R2,RC,loader,Loader,1,MC01,2017-12-15\n");
    // What an older dayafter wrote: the history without the cache.
    test::exec_sql(project_, "DROP TABLE plans; DROP TABLE current; PRAGMA user_version = 2;");
    const registry::Registry replay =
        registry::Registry::at(store::read_history(project_), std::nullopt);
    EXPECT_FALSE(store::read_current(project_));
    EXPECT_FALSE(store::read_history(project_).has_current);
    expect_same_registry(registry::Registry::read(project_, std::nullopt), replay);

    // A load touching one key upgrades the project and caches every key of every kind.
    const registry::LoadPlan plan =
        load(Kind::Resources, std::string(kResourceHeader) + "R1,MUNI,truck,,5,,2018-01-10\n");
    EXPECT_EQ(plan.records.size(), 1U);
    EXPECT_EQ(plan.current.rows.size(), 4U);
    EXPECT_TRUE(store::read_history(project_).has_current);
    const auto rows = store::read_current(project_);
    ASSERT_TRUE(rows);
    EXPECT_EQ(rows->size(), 4U);
    expect_cache_matches_replay();
    EXPECT_EQ(registry::Registry::read(project_, std::nullopt).find(Kind::Orgs, "RC")->data,
              replay.find(Kind::Orgs, "RC")->data);
}

TEST_F(CurrentState, RowsPlannedBeforeAnotherLoadAreRefusedAndNothingIsWritten) {
    load(Kind::Resources, std::string(kResourceHeader) + "R1,MUNI,truck,Truck A,8,,2017-12-15\n");
    const fs::path file = dir_ / "late.csv";
    std::ofstream(file) << kResourceHeader << "R1,MUNI,truck,,3,,2018-02-01\n";
    const registry::LoadPlan stale =
        registry::plan_load(Kind::Resources, file, town_, store::read_history(project_), {});
    load(Kind::Resources, std::string(kResourceHeader) + "R1,MUNI,truck,,4,,2018-01-10\n");
    const std::string before = read_bytes(project_);
    const store::Load late{0, "resources", "late.csv", "2026-01-01T00:00:00Z", "tester", "test"};
    EXPECT_THROW(store::append_load(project_, late, stale.records, stale.current), StorageError);
    EXPECT_EQ(read_bytes(project_), before);

    // A row naming a record the load does not have is refused too.
    store::CurrentUpdate wrong = registry::current_update(store::read_history(project_), {});
    wrong.rows.push_back({"resources", "R9", "{}", "2018-01-01", 0, 0, 1, "", 3});
    EXPECT_THROW(store::append_load(project_, late, {}, wrong), StorageError);
    EXPECT_EQ(read_bytes(project_), before);
    expect_cache_matches_replay();
}

TEST(CurrentStateThroughTheCli, EveryKindOfTheBundleIsCachedAsAReplayGivesIt) {
    const test::TempDir dir;
    const fs::path project = dir / "monaco.dayafter";
    const std::string cli = test::cli_binary().string();
    const fs::path bundle = test::data_dir() / "registry/monaco";
    std::string out;
    ASSERT_EQ(test::run(cli + " -q import osm " +
                            (test::data_dir() / "osm/monaco/monaco.osm.pbf").string() +
                            " --project " + project.string(),
                        &out),
              0)
        << out;
    const fs::path early = dir / "early.csv";
    std::ofstream(early) << "#loc+facility+code,#status+functionality,#org+impl,#date+reported\n"
                            "n1794111144,A3,unknown,2017-12-01\n";
    for (const auto& [kind, file] :
         std::vector<std::pair<std::string, fs::path>>{{"orgs", bundle / "orgs.csv"},
                                                       {"facilities", bundle / "facilities.csv"},
                                                       {"hazards", bundle / "hazards.geojson"},
                                                       {"population", bundle / "population.csv"},
                                                       {"resources", bundle / "resources.csv"},
                                                       {"funding", bundle / "funding.csv"},
                                                       {"activities", bundle / "activities.csv"},
                                                       {"facilities", early}}) {
        ASSERT_EQ(test::run(cli + " -q load " + kind + " " + file.string() + " --project " +
                                project.string() + " --reported 2017-12-15",
                            &out),
                  0)
            << out;
    }
    const registry::Registry cached = registry::Registry::read(project, std::nullopt);
    for (const Kind kind : registry::kKinds) {
        EXPECT_FALSE(cached.objects(kind).empty()) << to_string(kind);
    }
    expect_same_registry(cached,
                         registry::Registry::at(store::read_history(project), std::nullopt));
    EXPECT_EQ(cached.find(Kind::Facilities, "n1794111144")->data["operator"], "MOH")
        << "a back-dated unknown does not clear what a later version set";
}

} // namespace
} // namespace dayafter
