// Access to a service on a hand-made town: times with the walk from the place to its road,
// ties, thresholds in time and distance, people cut off, catchment load against capacity; and the
// population estimate from buildings or residential streets.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "dayafter/access/service_access.hpp"
#include "dayafter/io/osm_import.hpp"
#include "dayafter/util/error.hpp"
#include "test_support.hpp"

namespace dayafter::access {
namespace {

using graph::TravelMode;
using model::Measure;
using model::Place;
using test::AsciiTown;
using ::testing::HasSubstr;

// One character is 10 m. a-b and b-c are 100 m each (72 s on foot at 5 km/h); d-e is a road
// that does not connect to the rest. x and y are not on any road. Way ends are road nodes.
const char* const kMap = R"(
a---------b---------c
          x         y
d---e)";

model::Town clinics_at_a_and_c(const test::TempDir& dir) {
    const auto file = AsciiTown(kMap)
                          .way("ab", {{"highway", "residential"}})
                          .way("bc", {{"highway", "residential"}})
                          .way("de", {{"highway", "residential"}})
                          .node("a", {{"amenity", "clinic"}})
                          .node("c", {{"amenity", "clinic"}})
                          .node("x", {})
                          .node("y", {})
                          .write(dir / "town.osm");
    return io::import_osm(file, {});
}

FacilityId facility_coded(const model::Town& town, const std::string& code) {
    for (FacilityId f{0}; f.value < town.facilities.size(); ++f.value) {
        if (town.facilities[f].code == code) {
            return f;
        }
    }
    return FacilityId{};
}

model::Service clinic_service(Measure measure, double threshold) {
    return {.name = "clinic",
            .types = {model::FacilityType::Clinic},
            .mode = TravelMode::Walk,
            .measure = measure,
            .threshold = threshold,
            .capacity_people = 5};
}

TEST(ServiceAccess, TimesTiesThresholdsCutOffAndLoad) {
    test::TempDir dir;
    const model::Town town = clinics_at_a_and_c(dir);
    const AsciiTown map(kMap);
    const std::vector<Place> places = {
        {"at-b", map.coord('b'), 4},  // 100 m from both clinics: a tie
        {"at-x", map.coord('x'), 3},  // 10 m off the road at b
        {"at-d", map.coord('d'), 10}, // on a road that reaches no clinic
        {"at-y", map.coord('y'), 1},  // nearest road node is c (10 m away)
    };
    const std::vector<PlaceSnap> snaps = snap_places(town, places, TravelMode::Walk);
    EXPECT_NEAR(snaps[1].distance_m, 10, 0.05);

    const ServiceAccess r =
        compute_access(town, places, snaps, clinic_service(Measure::Time, 78), TravelMode::Walk);
    const FacilityId at_a = facility_coded(town, "n" + std::to_string(AsciiTown::node_id('a')));
    const FacilityId at_c = facility_coded(town, "n" + std::to_string(AsciiTown::node_id('c')));
    ASSERT_TRUE(at_a.valid() && at_c.valid());
    const FacilityId lower = std::min(at_a, at_c);

    EXPECT_NEAR(r.amount_in_units(r.places[0].amount), 72, 0.05);
    EXPECT_EQ(r.places[0].facility, lower) << "equal times go to the lower facility index";
    EXPECT_EQ(r.places[0].reach, Reach::Within);
    // 72 s to the clinic plus 10 m on foot (7.2 s): 79.2 s, beyond the 78 s threshold.
    EXPECT_NEAR(r.amount_in_units(r.places[1].amount), 79.2, 0.05);
    EXPECT_EQ(r.places[1].reach, Reach::Beyond);
    EXPECT_EQ(r.places[2].reach, Reach::CutOff);
    EXPECT_FALSE(r.places[2].facility.valid());
    EXPECT_EQ(r.places[3].facility, at_c);
    EXPECT_NEAR(r.amount_in_units(r.places[3].amount), 7.2, 0.05);

    EXPECT_DOUBLE_EQ(r.total, 18);
    EXPECT_DOUBLE_EQ(r.within, 5);
    EXPECT_DOUBLE_EQ(r.beyond, 3);
    EXPECT_DOUBLE_EQ(r.cut_off, 10);
    // The lower clinic serves 7 people with room for 5; the other serves 1.
    ASSERT_EQ(r.facilities.size(), 2U);
    for (const FacilityLoad& load : r.facilities) {
        if (load.facility == lower) {
            EXPECT_DOUBLE_EQ(load.population, 7);
            EXPECT_DOUBLE_EQ(load.unserved, 2);
            EXPECT_TRUE(load.overloaded());
        } else {
            EXPECT_DOUBLE_EQ(load.population, 1);
            EXPECT_FALSE(load.overloaded());
        }
    }
    EXPECT_EQ(r.overloaded, 1U);
    EXPECT_DOUBLE_EQ(r.unserved, 2);
    // The catchment per node: d and e reach nothing.
    const auto d = snaps[2].node;
    EXPECT_FALSE(r.node_facility[d.value].valid());
}

TEST(ServiceAccess, DistanceThresholdsCountMetresAlongTheRoads) {
    test::TempDir dir;
    const model::Town town = clinics_at_a_and_c(dir);
    const AsciiTown map(kMap);
    const std::vector<Place> places = {{"at-b", map.coord('b'), 1}, {"at-x", map.coord('x'), 1}};
    const auto snaps = snap_places(town, places, TravelMode::Walk);
    const ServiceAccess r = compute_access(
        town, places, snaps, clinic_service(Measure::Distance, 105), TravelMode::Walk);
    EXPECT_NEAR(r.amount_in_units(r.places[0].amount), 100, 0.1);
    EXPECT_EQ(r.places[0].reach, Reach::Within);
    EXPECT_NEAR(r.amount_in_units(r.places[1].amount), 110, 0.1);
    EXPECT_EQ(r.places[1].reach, Reach::Beyond);
}

TEST(ServiceAccess, SaysSoWhenAServiceHasNoFacility) {
    test::TempDir dir;
    const model::Town town = clinics_at_a_and_c(dir);
    const std::vector<Place> places = {{"p", AsciiTown(kMap).coord('b'), 1}};
    const auto snaps = snap_places(town, places, TravelMode::Walk);
    model::Service schools = clinic_service(Measure::Time, 60);
    schools.name = "education";
    schools.types = {model::FacilityType::School};
    const ServiceAccess r = compute_access(town, places, snaps, schools, TravelMode::Walk);
    EXPECT_EQ(r.status, access::AccessStatus::NoFacility);
    EXPECT_THAT(r.problem, HasSubstr("no facility"));
    EXPECT_THAT(r.problem, HasSubstr("school"));
    EXPECT_TRUE(r.places.empty());
}

TEST(ServiceAccess, NodeTimesAreThoseOfTheTimeSearch) {
    test::TempDir dir;
    const model::Town town = clinics_at_a_and_c(dir);
    const std::vector<std::uint64_t> times =
        node_times_us(town, clinic_service(Measure::Distance, 1), TravelMode::Walk);
    ASSERT_EQ(times.size(), town.roads.node_count());
    std::vector<std::uint64_t> sorted = times;
    std::sort(sorted.begin(), sorted.end());
    // a and c at 0, b at 72 s, d and e unreachable.
    EXPECT_EQ(sorted[0], 0U);
    EXPECT_EQ(sorted[1], 0U);
    EXPECT_NEAR(static_cast<double>(sorted[2]), 72e6, 5e4);
    EXPECT_EQ(sorted[3], kUnreachable);
}

TEST(Population, FromBuildingsByFloorAreaScaledToATotal) {
    test::TempDir dir;
    // Two 20 m x 30 m buildings (600 m2): one with 3 levels, one untagged.
    const auto file = AsciiTown(R"(
a---------b

f-h  k-m
| |  | |
| |  | |
g-i  l-n)")
                          .way("ab", {{"highway", "residential"}})
                          .way("fhigf", {{"building", "apartments"}, {"building:levels", "3"}})
                          .way("kmnlk", {{"building", "yes"}})
                          .write(dir / "town.osm");
    const model::Town town = io::import_osm(file, {});
    ASSERT_EQ(town.buildings.size(), 2U);
    const model::PopulationEstimate unscaled = model::estimate_population(town, {});
    EXPECT_EQ(unscaled.source, model::PopulationSource::Buildings);
    EXPECT_FALSE(unscaled.scaled);
    // 1800 m2 and 600 m2 of floor at 0.04 persons per m2.
    EXPECT_NEAR(unscaled.total, 96, 1);
    const model::PopulationEstimate scaled = model::estimate_population(town, {.total = 1000.0});
    EXPECT_TRUE(scaled.scaled);
    EXPECT_DOUBLE_EQ(scaled.total, 1000);
    double sum = 0;
    for (const model::Place& place : scaled.places) {
        sum += place.population;
    }
    EXPECT_NEAR(sum, 1000, 1e-6);
    const auto& tall = scaled.places[0].population > scaled.places[1].population ? scaled.places[0]
                                                                                 : scaled.places[1];
    EXPECT_NEAR(tall.population, 750, 0.5); // 3 of every 4 floor m2
}

TEST(Population, FromResidentialStreetsWhereNoBuildingIsMapped) {
    test::TempDir dir;
    const AsciiTown map(R"(
a---------b---------c)");
    const auto file = AsciiTown(map)
                          .way("ab", {{"highway", "residential"}})
                          .way("bc", {{"highway", "primary"}})
                          .write(dir / "town.osm");
    const model::Town town = io::import_osm(file, {});
    const model::PopulationEstimate estimate = model::estimate_population(town, {});
    EXPECT_EQ(estimate.source, model::PopulationSource::ResidentialStreets);
    ASSERT_EQ(estimate.places.size(), 1U) << "only the residential street holds people";
    EXPECT_NEAR(estimate.total, 80, 0.5); // 100 m at 0.8 persons per metre
    // The place sits halfway along the street.
    EXPECT_NEAR(geo::distance_m(estimate.places[0].location, map.coord('a')), 50, 0.5);
}

TEST(Population, NoneToEstimateIsAClearError) {
    test::TempDir dir;
    const auto file =
        AsciiTown("a---------b").way("ab", {{"highway", "primary"}}).write(dir / "town.osm");
    const model::Town town = io::import_osm(file, {});
    EXPECT_THROW((void)model::estimate_population(town, {}), InputError);
    EXPECT_THROW((void)model::estimate_population(town, {.persons_per_floor_m2 = -1}), InputError);
}

} // namespace
} // namespace dayafter::access
