// The snapshot of the illustrative Monaco bundle, built through the library (app::import_osm,
// app::load): typed statuses, dependencies, hazards on the roads and counts against the figures
// the CLI printed before the snapshot existed; --as-of; and `export graph` describing the graph
// that `access --per-node` searches, checked with scipy on the bundle's hazards.
#include <algorithm>
#include <fstream>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "dayafter/app/app.hpp"
#include "dayafter/util/error.hpp"
#include "snapshot_fixture.hpp"
#include "test_support.hpp"

namespace dayafter {
namespace {

using ::testing::HasSubstr;
namespace fs = std::filesystem;

FacilityId facility_by_code(const snapshot::Snapshot& s, const std::string& code) {
    for (FacilityId f{0}; f.value < s.town().facilities.size(); ++f.value) {
        if (s.town().facilities[f].code == code) {
            return f;
        }
    }
    return FacilityId{};
}

TEST(Snapshot, DecodesTheBundleIntoTypedValues) {
    const snapshot::Snapshot s = app::open_snapshot({test::monaco_bundle_project()});
    const FacilityId hospital = facility_by_code(s, "n1794111144");
    ASSERT_TRUE(hospital.valid());
    const model::FacilityStatus* status = s.status(hospital);
    ASSERT_NE(status, nullptr);
    EXPECT_EQ(status->staff.at("doctors").have, 25);
    EXPECT_EQ(status->staff.at("doctors").need, 112);
    EXPECT_EQ(status->equipment.at("dialysis").have, 13);
    EXPECT_EQ(status->equipment.at("dialysis").need, 28);
    EXPECT_EQ(status->power_source, "grid");
    EXPECT_EQ(status->power_substation, "SUB-1");
    // Reported working, but its substation is reported A3.
    EXPECT_NE(status->functionality, model::Functionality::Not);
    EXPECT_EQ(s.town().facilities[hospital].functioning, false);
    EXPECT_EQ(s.town().facilities[hospital].down_because,
              "no power: substation SUB-1 not functioning");
    // The figures `dayafter status` and `access` printed on this bundle before the snapshot.
    EXPECT_EQ(s.counts().with_status, 12U);
    EXPECT_EQ(s.counts().not_functioning, 6U); // the golden run adds a correction: 7
    EXPECT_EQ(s.counts().added, 5U);
    EXPECT_EQ(s.counts().edges_blocked[0], 51U);
    EXPECT_EQ(s.counts().edges_blocked[1], 25U);
    EXPECT_EQ(s.counts().edges_slowed[0], 14U);
    EXPECT_EQ(s.counts().edges_slowed[1], 3U);
    EXPECT_EQ(s.population().source, model::PopulationSource::Loaded);
    EXPECT_DOUBLE_EQ(s.population().total, 36550);
    EXPECT_EQ(s.population().places.size(), 8U);
    EXPECT_FALSE(s.reported().orgs.empty());
    EXPECT_FALSE(s.reported().resources.empty());
    EXPECT_FALSE(s.reported().funding.empty());
    EXPECT_FALSE(s.reported().activities.empty());
}

TEST(Snapshot, HazardsChangeOnlyTheEdgesTheyName) {
    const snapshot::Snapshot s = app::open_snapshot({test::monaco_bundle_project()});
    const std::span<const snapshot::ModeArc> arcs = s.arcs(graph::TravelMode::Walk);
    std::size_t blocked = 0;
    std::size_t slowed = 0;
    for (const snapshot::ModeArc& arc : arcs) {
        blocked += arc.now_ms == graph::kNotUsable ? 1 : 0;
        slowed += arc.now_ms != graph::kNotUsable && arc.now_ms != arc.open_ms ? 1 : 0;
        if (arc.now_ms != graph::kNotUsable && arc.now_ms != arc.open_ms) {
            EXPECT_GT(arc.now_ms, arc.open_ms) << "rubble never speeds a road up";
        }
    }
    // Every blocked or slowed edge has two walking arcs (nothing is one-way on foot here).
    EXPECT_EQ(blocked, 2U * s.counts().edges_blocked[0]);
    EXPECT_EQ(slowed, 2U * s.counts().edges_slowed[0]);
}

TEST(Snapshot, BeforeAnyReportTheTownIsAsImported) {
    const snapshot::Snapshot s =
        app::open_snapshot({test::monaco_bundle_project(), std::string("2017-01-01")});
    EXPECT_EQ(s.counts().with_status, 0U);
    EXPECT_EQ(s.counts().edges_blocked[0], 0U);
    EXPECT_TRUE(s.reported().hazards.empty());
    for (const snapshot::ModeArc& arc : s.arcs(graph::TravelMode::Drive)) {
        EXPECT_EQ(arc.now_ms, arc.open_ms);
    }
    EXPECT_NE(s.population().source, model::PopulationSource::Loaded);
}

TEST(Snapshot, ABadRubbleKeyIsRefusedNamingTheFile) {
    test::TempDir dir;
    std::ofstream(dir / "bad.json") << R"({"rubble": {"classes": {"flattened": {"within_m": 3}}}})";
    try {
        (void)app::open_snapshot({test::monaco_bundle_project(), std::nullopt, dir / "bad.json"});
        ADD_FAILURE() << "accepted";
    } catch (const InputError& e) {
        EXPECT_THAT(e.what(), HasSubstr("bad.json"));
        EXPECT_THAT(e.what(), HasSubstr("flattened"));
    }
}

TEST(AppAccess, ANamedServiceWithoutFacilitiesIsBadInputButOthersAreSkipped) {
    test::TempDir dir;
    std::ofstream(dir / "more.json") << R"({"services": {"dialysis": {"types": ["power_plant"],
        "mode": "drive", "threshold_min": 120}}})";
    const app::AccessAnswer all =
        app::access({{test::monaco_bundle_project(), std::nullopt, dir / "more.json"}}, {});
    ASSERT_EQ(all.skipped.size(), 1U);
    EXPECT_EQ(all.skipped[0].service, "dialysis");
    EXPECT_THAT(all.skipped[0].reason, HasSubstr("no facility"));
    EXPECT_THROW(
        (void)app::access(
            {{test::monaco_bundle_project(), std::nullopt, dir / "more.json"}, "dialysis"}, {}),
        InputError);
}

/// Runs the CLI; returns its exit code with stdout+stderr in `out`.
int cli(const std::string& arguments, std::string* out) {
    return test::run(test::cli_binary().string() + " -q " + arguments, out);
}

TEST(Snapshot, ExportGraphIsTheGraphAccessSearchesWithHazards) {
    const std::string project = test::monaco_bundle_project().string();
    const fs::path bench = test::shared_dir() / "bench";
    test::TempDir dir;
    for (const auto& [service, mode] : {std::pair{"health", "walk"}, {"hospital", "drive"}}) {
        SCOPED_TRACE(mode);
        const fs::path g = dir / mode;
        std::string out;
        ASSERT_EQ(cli("access --project " + project + " --service " + service + " --mode " + mode +
                          " --out " + (dir / "files").string() + " --force --per-node " +
                          (g.string() + "-ours.csv"),
                      &out),
                  0)
            << out;
        ASSERT_EQ(cli("export graph --project " + project + " --service " + service + " --mode " +
                          mode + " --dir " + g.string(),
                      &out),
                  0)
            << out;
        // The exported graph is the damaged one: blocked edges have no arcs.
        const snapshot::Snapshot s = app::open_snapshot({project});
        const auto m = static_cast<std::size_t>(*graph::parse_travel_mode(mode));
        std::size_t open_arcs = 0;
        for (const snapshot::ModeArc& arc : s.arcs(static_cast<graph::TravelMode>(m))) {
            open_arcs += arc.now_ms != graph::kNotUsable ? 1 : 0;
        }
        ASSERT_LT(open_arcs, s.arcs(static_cast<graph::TravelMode>(m)).size());
        const std::string edges = test::read_text(g / "edges.csv");
        EXPECT_EQ(static_cast<std::size_t>(std::count(edges.begin(), edges.end(), '\n')),
                  open_arcs + 1)
            << "header plus one line per open arc";
        ASSERT_EQ(test::compare_with_scipy(g / "edges.csv", g / "sources.csv",
                                           g.string() + "-ours.csv", &out),
                  0)
            << out;
        EXPECT_THAT(out, HasSubstr("ok=True"));
    }
}

} // namespace
} // namespace dayafter
