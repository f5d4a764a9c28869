// A snapshot of a hand-made town and registry state: the typed decode (missing counts, a single
// funder where a list may be, areas apart from points), a dependency that takes a facility down,
// an insecure area that blocks only the edges it touches, loaded people snapped per mode.
#include <gtest/gtest.h>

#include "dayafter/io/osm_import.hpp"
#include "dayafter/snapshot/overlay.hpp"
#include "dayafter/snapshot/snapshot.hpp"
#include "test_support.hpp"

namespace dayafter::snapshot {
namespace {

using nlohmann::json;
using registry::Entry;
using registry::Kind;

// One character is 10 m: a-b, b-c and c-d are 80 m each.
const char* const kMap = R"(
a-------b-------c-------d )";

class SnapshotUnit : public ::testing::Test {
protected:
    void SetUp() override {
        test::AsciiTown ascii(kMap);
        const auto osm = ascii.way("ab", {{"highway", "residential"}})
                             .way("bc", {{"highway", "residential"}})
                             .way("cd", {{"highway", "residential"}})
                             .node("a", {{"amenity", "clinic"}})
                             .write(dir_ / "town.osm");
        town_ = io::import_osm(osm, {});
        c_ = ascii.coord('c');
        d_ = ascii.coord('d');
    }
    static Entry entry(const char* data) { return {json::parse(data), "2017-12-15", 1, 1, "f", 2}; }
    /// A small square around the middle of c-d, as GeoJSON.
    [[nodiscard]] json square_between_c_and_d() const { return test::square_between(c_, d_); }
    test::TempDir dir_;
    model::Town town_;
    geo::Coord c_;
    geo::Coord d_;
};

TEST_F(SnapshotUnit, DecodesTypedValues) {
    registry::Registry state;
    state.put(Kind::Facilities, "n1",
              entry(R"({"functionality":"A2","funders":"ECHO","causes":["staff","supplies"],
                        "staff":{"doctors":{"present":3}},"equipment":{"xray":{"working":0,
                        "total":2}}})"));
    state.put(Kind::Population, "P1",
              entry(R"({"lat":43.7,"lon":7.4,"population":120,"group":"displaced"})"));
    state.put(Kind::Population, "MC01", entry(R"({"level":2,"pcode":"MC01","parent":"MC",
        "geometry":{"type":"Point","coordinates":[7.4,43.7]}})"));
    state.put(Kind::Activities, "A1", entry(R"({"org":"MUNI","object":"R1","lat":43.7,
        "lon":7.4,"budget":1500.5,"currency":"USD","adm2":"MC01"})"));
    const Reported r = decode(state);
    const model::FacilityStatus& s = r.facilities.at("n1");
    EXPECT_EQ(s.functionality, model::Functionality::Partially);
    EXPECT_EQ(s.funders, std::vector<std::string>{"ECHO"});
    EXPECT_EQ(s.causes.size(), 2U);
    EXPECT_EQ(s.staff.at("doctors").have, 3);
    EXPECT_FALSE(s.staff.at("doctors").need.has_value());
    EXPECT_EQ(s.equipment.at("xray").need, 2);
    ASSERT_EQ(r.population.size(), 1U);
    EXPECT_EQ(r.population[0].group, "displaced");
    ASSERT_EQ(r.areas.size(), 1U);
    EXPECT_EQ(r.areas[0].level, 2);
    EXPECT_EQ(r.areas[0].parent, "MC");
    ASSERT_EQ(r.activities.size(), 1U);
    EXPECT_EQ(r.activities[0].budget, 1500.5);
    EXPECT_EQ(r.activities[0].adm[1], "MC01");
    EXPECT_TRUE(r.activities[0].location.has_value());
}

TEST_F(SnapshotUnit, DependenciesHazardsAndPeople) {
    registry::Registry state;
    state.put(Kind::Facilities, "n1",
              entry(R"({"functionality":"A1","power_source":"grid","power_substation":"SUB-1"})"));
    const json sub = {{"functionality", "A3"}, {"added", true},   {"type", "substation"},
                      {"lat", d_.lat()},       {"lon", d_.lon()}, {"name", "Substation 1"}};
    state.put(Kind::Facilities, "SUB-1", {sub, "2017-12-15", 1, 2, "f", 3});
    state.put(Kind::Hazards, "X1",
              {{{"kind", "insecure"}, {"geometry", square_between_c_and_d()}},
               "2017-12-15",
               1,
               3,
               "h",
               1});
    state.put(
        Kind::Population, "P1",
        {{{"lat", c_.lat()}, {"lon", c_.lon()}, {"population", 50}}, "2017-12-15", 1, 4, "p", 1});
    const Snapshot s = Snapshot::build(town_, state, {}, std::nullopt);
    EXPECT_EQ(s.counts().added, 1U);
    EXPECT_EQ(s.counts().with_status, 2U);
    EXPECT_EQ(s.counts().not_functioning, 2U);
    EXPECT_EQ(s.town().facilities[FacilityId{0}].down_because,
              "no power: substation SUB-1 not functioning");
    EXPECT_EQ(s.counts().edges_blocked[0], 1U);
    EXPECT_EQ(s.counts().edges_blocked[1], 1U);
    std::size_t blocked = 0;
    for (EdgeId e{0}; e.value < s.town().roads.edge_count(); ++e.value) {
        const bool is_blocked = s.town().roads.edge_walk_ms[e] == graph::kNotUsable;
        blocked += is_blocked ? 1 : 0;
        EXPECT_EQ(is_blocked, s.town().roads.edge_drive_ms[e] == graph::kNotUsable);
        if (!is_blocked) {
            EXPECT_EQ(s.town().roads.edge_walk_ms[e], town_.roads.edge_walk_ms[e]);
        }
    }
    EXPECT_EQ(blocked, 1U);
    for (const ModeArc& arc : s.arcs(graph::TravelMode::Walk)) {
        EXPECT_EQ(arc.open_ms, town_.roads.edge_walk_ms[arc.edge]);
    }
    EXPECT_EQ(s.population().places.size(), 1U);
    ASSERT_EQ(s.place_snaps(graph::TravelMode::Walk).size(), 1U);
    EXPECT_TRUE(s.place_snaps(graph::TravelMode::Walk)[0].node.valid());
}

} // namespace
} // namespace dayafter::snapshot

namespace dayafter::snapshot {
namespace {

TEST(Overlay, ResourcesAreAddedWithdrawnAndNeverNegative) {
    const std::vector<model::Resource> base = {
        {"R-01", "UNMAS", "demining_team", "Manual teams", 4, "", "", {}},
        {"R-02", "UNMAS", "demining_team", "Mechanical", 1, "", "", {}},
        {"R-03", "MUNI", "excavator", "", 2, "", "", {}}};
    const std::vector<model::Resource> after =
        resources_after(base, std::vector<ResourceChange>{{"UNMAS", "demining_team", -5},
                                                          {"MUNI", "excavator", -7},
                                                          {"ICRC", "water_crew", 3},
                                                          {"MUNI", "excavator", 1}});
    ASSERT_EQ(after.size(), 4U);
    EXPECT_EQ(after[0].count, 0); // 4 withdrawn from the first...
    EXPECT_EQ(after[1].count, 0); // ...and the fifth from the second
    EXPECT_EQ(after[2].count, 1); // 2 - 7 stops at 0, then 1 added
    EXPECT_EQ(after[3].key, "ICRC/water_crew");
    EXPECT_EQ(after[3].count, 3);
    EXPECT_EQ(base[0].count, 4) << "the snapshot's own values are untouched";
}

} // namespace
} // namespace dayafter::snapshot
