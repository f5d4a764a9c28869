// The figures people act on, on a hand-made town, asserted exactly: a facility reported not
// functioning (or down for want of power) is no source, a place exactly at the threshold is within
// and one microsecond over is beyond, severe rubble slows walkers by the stated factor and caps
// cars at the stated speed, and a facility on a two-node road island is named.
#include <cmath>
#include <map>
#include <string>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "dayafter/access/session.hpp"
#include "dayafter/io/osm_import.hpp"
#include "dayafter/snapshot/snapshot.hpp"
#include "test_support.hpp"

namespace dayafter::access {
namespace {

using nlohmann::json;
using registry::Kind;

// One character is 10 m: a-b, b-c and c-d are 80 m each; e-f is a road island of two nodes.
const char* const kMap = R"(
a-------b-------c-------d                   e-f )";

class AccessFigures : public ::testing::Test {
protected:
    void SetUp() override {
        test::AsciiTown ascii(kMap);
        const auto osm = ascii.way("ab", {{"highway", "residential"}})
                             .way("bc", {{"highway", "residential"}})
                             .way("cd", {{"highway", "residential"}})
                             .way("ef", {{"highway", "residential"}})
                             .node("a", {{"amenity", "clinic"}})
                             .node("d", {{"amenity", "clinic"}})
                             .node("e", {{"amenity", "drinking_water"}})
                             .write(dir_ / "town.osm");
        town_ = io::import_osm(osm, {});
        for (const char name : {'a', 'b', 'c', 'd'}) {
            at_[name] = ascii.coord(name);
        }
        // 100 people at b, 50 at c.
        put(Kind::Population, "P-B",
            {{"lat", at_['b'].lat()}, {"lon", at_['b'].lon()}, {"population", 100}});
        put(Kind::Population, "P-C",
            {{"lat", at_['c'].lat()}, {"lon", at_['c'].lon()}, {"population", 50}});
    }
    void put(Kind kind, const std::string& key, const json& data) {
        state_.put(kind, key, {data, "2017-12-15", 1, ++record_, "f", 1});
    }
    static std::string code(char name) {
        return fmt::format("n{}", test::AsciiTown::node_id(name));
    }
    /// Clinics on foot within `threshold_s`.
    static model::Service clinics(double threshold_s) {
        model::Service s;
        s.name = "clinic";
        s.types = {model::FacilityType::Clinic};
        s.mode = graph::TravelMode::Walk;
        s.threshold = threshold_s;
        return s;
    }
    [[nodiscard]] ServiceAccess run(const model::Service& service) const {
        const snapshot::Snapshot snapshot = snapshot::Snapshot::build(town_, state_, {}, {});
        const AccessSession session(snapshot, {service});
        return session.result(0);
    }
    [[nodiscard]] FacilityId facility(char name) const {
        for (FacilityId f{0}; f.value < town_.facilities.size(); ++f.value) {
            if (town_.facilities[f].code == code(name)) {
                return f;
            }
        }
        return {};
    }

    test::TempDir dir_;
    model::Town town_;
    registry::Registry state_;
    std::int64_t record_ = 0;
    std::map<char, geo::Coord> at_;
};

// 100 s on foot: b is 57.6 s from a and 115.2 s from d; c is 57.6 s from d.
constexpr double kThresholdS = 100;

TEST_F(AccessFigures, BothClinicsServeWhenNoneIsReportedDown) {
    const ServiceAccess r = run(clinics(kThresholdS));
    EXPECT_DOUBLE_EQ(r.within, 150);
    EXPECT_DOUBLE_EQ(r.beyond, 0);
    EXPECT_EQ(r.serving(), 2U);
}

TEST_F(AccessFigures, AClinicReportedA3IsNoSource) {
    put(Kind::Facilities, code('a'), {{"functionality", "A3"}});
    const ServiceAccess r = run(clinics(kThresholdS));
    // b now goes to d, 115.2 s away: beyond; c stays within.
    EXPECT_DOUBLE_EQ(r.within, 50);
    EXPECT_DOUBLE_EQ(r.beyond, 100);
    EXPECT_DOUBLE_EQ(r.cut_off, 0);
    EXPECT_EQ(r.serving(), 1U);
    EXPECT_EQ(r.not_functioning, 1U);
    ASSERT_TRUE(facility('a').valid());
    for (const PlaceAccess& p : r.places) {
        EXPECT_NE(p.facility, facility('a')) << "the clinic at a serves nobody";
    }
    // The one-shot computation (the session's reference) agrees.
    const snapshot::Snapshot snapshot = snapshot::Snapshot::build(town_, state_, {}, {});
    const ServiceAccess once = compute_access(snapshot.town(), snapshot.population().places,
                                              snapshot.place_snaps(graph::TravelMode::Walk),
                                              clinics(kThresholdS), graph::TravelMode::Walk);
    EXPECT_DOUBLE_EQ(once.within, 50);
    EXPECT_DOUBLE_EQ(once.beyond, 100);
}

TEST_F(AccessFigures, BothClinicsDownCutEveryoneOff) {
    put(Kind::Facilities, code('a'), {{"functionality", "A3"}});
    put(Kind::Facilities, code('d'), {{"functionality", "A3"}});
    const snapshot::Snapshot snapshot = snapshot::Snapshot::build(town_, state_, {}, {});
    const AccessSession session(snapshot, {clinics(kThresholdS)});
    const ServiceAccess r = session.result(0);
    EXPECT_DOUBLE_EQ(r.cut_off, 150);
    EXPECT_DOUBLE_EQ(r.within, 0);
    EXPECT_EQ(r.serving(), 0U);
}

TEST_F(AccessFigures, AClinicWithoutPowerIsNoSource) {
    // A1, but its only substation is A3: down for want of power.
    put(Kind::Facilities, code('a'),
        {{"functionality", "A1"}, {"power_source", "grid"}, {"power_substation", "SUB-1"}});
    put(Kind::Facilities, "SUB-1",
        {{"functionality", "A3"},
         {"added", true},
         {"type", "substation"},
         {"lat", at_['d'].lat()},
         {"lon", at_['d'].lon()}});
    const ServiceAccess r = run(clinics(kThresholdS));
    EXPECT_DOUBLE_EQ(r.within, 50);
    EXPECT_DOUBLE_EQ(r.beyond, 100);
    EXPECT_EQ(r.serving(), 1U);
}

TEST_F(AccessFigures, ThePlaceExactlyAtTheThresholdIsWithinAndOneUnitOverBeyond) {
    // Only the clinic at d: c is one edge from it, b two.
    put(Kind::Facilities, code('a'), {{"functionality", "A3"}});
    const ServiceAccess probe = run(clinics(kThresholdS));
    std::uint64_t at_c = 0;
    for (const PlaceAccess& p : probe.places) {
        at_c = p.reach == Reach::Within ? p.amount : at_c;
    }
    ASSERT_GT(at_c, 0U);
    const double exactly = static_cast<double>(at_c) / 1e6; // engine units: microseconds
    ASSERT_EQ(std::llround(exactly * 1e6), static_cast<long long>(at_c));
    const snapshot::Snapshot snapshot = snapshot::Snapshot::build(town_, state_, {}, {});
    const AccessSession at(snapshot, {clinics(exactly)});
    EXPECT_DOUBLE_EQ(at.result(0).within, 50) << "a place exactly at the threshold is within";
    EXPECT_DOUBLE_EQ(at.result(0).beyond, 100);
    EXPECT_DOUBLE_EQ(at.within(0), 50) << "the session's running count agrees";
    const AccessSession over(snapshot, {clinics(static_cast<double>(at_c - 1) / 1e6)});
    EXPECT_DOUBLE_EQ(over.result(0).within, 0) << "one microsecond over the threshold is beyond";
    EXPECT_DOUBLE_EQ(over.result(0).beyond, 150);
    EXPECT_DOUBLE_EQ(over.within(0), 0);
}

TEST_F(AccessFigures, SevereRubbleSlowsWalkersByTheFactorAndCapsCars) {
    put(Kind::Hazards, "RB-1",
        {{"kind", "rubble"},
         {"damage", "severe"},
         {"geometry", test::square_between(at_['c'], at_['d'])}});
    const snapshot::Snapshot s = snapshot::Snapshot::build(town_, state_, {}, {});
    const model::RubbleRule rule = model::RubbleRule::defaults();
    ASSERT_DOUBLE_EQ(rule.walk_slow_factor, 0.6);
    ASSERT_DOUBLE_EQ(rule.drive_slow_kmh, 20);
    std::size_t slowed = 0;
    for (EdgeId e{0}; e.value < town_.roads.edge_count(); ++e.value) {
        const graph::Millis walk = town_.roads.edge_walk_ms[e];
        const graph::Millis drive = town_.roads.edge_drive_ms[e];
        if (s.town().roads.edge_walk_ms[e] == walk) {
            EXPECT_EQ(s.town().roads.edge_drive_ms[e], drive);
            continue;
        }
        ++slowed;
        // c-d: walking takes 1/0.6 as long; driving, 20 km/h instead of the street's 25.
        EXPECT_EQ(s.town().roads.edge_walk_ms[e],
                  static_cast<graph::Millis>(std::llround(walk / 0.6)));
        const double capped_ms = town_.roads.edge_length_m[e] / (20 / 3.6) * 1000;
        ASSERT_GT(capped_ms, drive);
        EXPECT_EQ(s.town().roads.edge_drive_ms[e],
                  static_cast<graph::Millis>(std::llround(capped_ms)));
    }
    EXPECT_EQ(slowed, 1U);
    EXPECT_EQ(s.counts().edges_slowed[0], 1U);
    EXPECT_EQ(s.counts().edges_slowed[1], 1U);
}

// Rubble of no stated damage class is taken as severe: slowed on foot as well as by car.
TEST_F(AccessFigures, RubbleOfNoDamageClassCountsAsSevere) {
    put(Kind::Hazards, "RB-2",
        {{"kind", "rubble"}, {"geometry", test::square_between(at_['c'], at_['d'])}});
    const snapshot::Snapshot s = snapshot::Snapshot::build(town_, state_, {}, {});
    EXPECT_EQ(s.counts().edges_slowed[0], 1U);
    EXPECT_EQ(s.counts().edges_slowed[1], 1U);
    EXPECT_EQ(s.counts().edges_blocked[0] + s.counts().edges_blocked[1], 0U);
}

TEST_F(AccessFigures, AWaterPointOnATwoNodeIslandIsNamed) {
    model::Service water;
    water.name = "water";
    water.types = {model::FacilityType::WaterPoint};
    water.measure = model::Measure::Distance;
    water.threshold = 500;
    const snapshot::Snapshot snapshot = snapshot::Snapshot::build(town_, state_, {}, {});
    const AccessSession session(snapshot, {water});
    const ServiceAccess r = session.result(0);
    EXPECT_DOUBLE_EQ(r.within, 0) << "nobody lives on the island";
    const std::vector<IsolatedFacility> islands = isolated_facilities(snapshot, r);
    ASSERT_EQ(islands.size(), 1U);
    EXPECT_EQ(snapshot.town().facilities[islands[0].facility].code, code('e'));
    EXPECT_EQ(islands[0].component_nodes, 2U);
}

// The main piece has 4 nodes, fewer than kIslandNodes, but it is the largest: no island.
TEST_F(AccessFigures, FacilitiesOnTheMainRoadsAreNotIslands) {
    const snapshot::Snapshot snapshot = snapshot::Snapshot::build(town_, state_, {}, {});
    const AccessSession session(snapshot, {clinics(kThresholdS)});
    EXPECT_TRUE(isolated_facilities(snapshot, session.result(0)).empty());
}

} // namespace
} // namespace dayafter::access
