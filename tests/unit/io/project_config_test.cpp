#include <fstream>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "dayafter/io/project_config.hpp"
#include "dayafter/util/error.hpp"
#include "test_support.hpp"

namespace dayafter::io {
namespace {

using graph::TravelMode;
using ::testing::HasSubstr;

ProjectConfig applied(std::string_view text) {
    ProjectConfig config;
    apply_config(text, "test.json", config);
    return config;
}

TEST(ProjectConfig, SpeedsOverrideTheDefaults) {
    test::TempDir dir;
    std::ofstream(dir / "ok.json") << R"({"speeds_kmh": {"drive": {"track": 15, "primary": 0}}})";
    ProjectConfig config;
    apply_config(read_config_file(dir / "ok.json"), "ok.json", config);
    EXPECT_EQ(config.speeds.speed_kmh(TravelMode::Drive, graph::RoadClass::Track), 15);
    EXPECT_FALSE(config.speeds.usable(TravelMode::Drive, graph::RoadClass::Primary));
    EXPECT_EQ(config.speeds.speed_kmh(TravelMode::Drive, graph::RoadClass::Secondary), 55);
}

TEST(ProjectConfig, DefaultServicesCarryTheirSources) {
    const ProjectConfig config;
    const model::Service* water = model::find_service(config.services, "water");
    ASSERT_NE(water, nullptr);
    EXPECT_EQ(water->measure, model::Measure::Distance);
    EXPECT_EQ(water->threshold, 500);
    EXPECT_EQ(water->capacity_people, 250);
    EXPECT_THAT(water->threshold_source, HasSubstr("Sphere"));
    const model::Service* health = model::find_service(config.services, "health");
    ASSERT_NE(health, nullptr);
    EXPECT_EQ(health->threshold, 3600);
    EXPECT_EQ(health->mode, TravelMode::Walk);
    EXPECT_THAT(health->threshold_source, HasSubstr("WHO"));
    // Figures the reference list calls unverified are not shipped as defaults.
    EXPECT_FALSE(health->capacity_people.has_value());
    EXPECT_THAT(health->capacity_source, HasSubstr("UNVERIFIED"));
    for (const char* name : {"bread", "education", "hospital"}) {
        EXPECT_THAT(model::find_service(config.services, name)->threshold_source,
                    HasSubstr("ASSUMPTION"))
            << name;
    }
}

TEST(ProjectConfig, ServicesAreChangedOrAdded) {
    const ProjectConfig config = applied(R"({
        "services": {
            "water": {"threshold_m": 200, "source": "UNHCR camp standard"},
            "health": {"threshold_min": 30, "capacity_people": 10000},
            "dialysis": {"types": ["hospital", "clinic"], "mode": "drive", "threshold_min": 120}
        },
        "population": {"total": 38000, "persons_per_floor_m2": 0.05}
    })");
    const model::Service* water = model::find_service(config.services, "water");
    EXPECT_EQ(water->threshold, 200);
    EXPECT_EQ(water->threshold_source, "UNHCR camp standard");
    EXPECT_EQ(water->capacity_people, 250); // untouched keys keep their defaults
    const model::Service* health = model::find_service(config.services, "health");
    EXPECT_EQ(health->threshold, 1800);
    EXPECT_EQ(health->capacity_people, 10000);
    EXPECT_EQ(health->threshold_source, "project configuration");
    EXPECT_EQ(health->capacity_source, "project configuration");
    const model::Service* dialysis = model::find_service(config.services, "dialysis");
    ASSERT_NE(dialysis, nullptr);
    EXPECT_EQ(dialysis->mode, TravelMode::Drive);
    EXPECT_EQ(dialysis->threshold, 7200);
    EXPECT_TRUE(dialysis->provides(model::FacilityType::Clinic));
    EXPECT_FALSE(dialysis->provides(model::FacilityType::School));
    EXPECT_EQ(config.population.total, 38000);
    EXPECT_EQ(config.population.persons_per_floor_m2, 0.05);
}

TEST(ProjectConfig, RefusesNonsenseNamingTheFileAndKey) {
    const std::pair<const char*, const char*> bad[] = {
        {R"({"speeds_kmh": {"fly": {"track": 15}}})", "speeds_kmh.fly"},
        {R"({"speeds_kmh": {"drive": {"autobahn": 15}}})", "autobahn"},
        {R"({"speeds_kmh": {"walk": {"steps": -1}}})", "steps"},
        {R"({"speeds_kmh": {"walk": {"steps": "fast"}}})", "steps"},
        {R"({"speeds_kmh": )", "not valid JSON"},
        {R"([1, 2])", "expected an object"},
        {R"({"speed": {}})", "unknown section"},
        {R"({"services": {"water": {"threshold_m": 0}}})", "services.water.threshold_m"},
        {R"({"services": {"water": {"threshold_m": 5, "threshold_min": 5}}})", "not both"},
        {R"({"services": {"water": {"colour": "blue"}}})", "services.water.colour"},
        {R"({"services": {"water": {"types": ["well"]}}})", "unknown facility type"},
        {R"({"services": {"water": {"types": []}}})", "services.water.types: expected a non-empty"},
        {R"({"services": {"water": {"mode": "fly"}}})", "services.water.mode"},
        {R"({"services": {"dialysis": {"types": ["hospital"]}}})", "a new service needs"},
        {R"({"services": {"Dial ysis": {"types": ["hospital"], "mode": "walk",
             "threshold_min": 5}}})",
         "lower-case"},
        {R"({"population": {"total": -5}})", "population.total"},
        {R"({"population": {"people": 5}})", "population.people"},
        {R"({"rubble": {"classes": {"flattened": {"within_m": 5}}}})",
         "rubble.classes.flattened: unknown damage class"},
        {R"({"rubble": {"classes": {"severe": {"walk": "crawl"}}}})",
         "rubble.classes.severe.walk: unknown effect"},
        {R"({"rubble": {"classes": {"severe": {"within_m": -2}}}})",
         "rubble.classes.severe.within_m"},
        {R"({"rubble": {"walk_slow_factor": 1.5}})", "rubble.walk_slow_factor"},
        {R"({"rubble": {"drive_slow_kmh": 0}})", "rubble.drive_slow_kmh"},
        {R"({"rubble": {"radius": 3}})", "rubble.radius: unknown key"},
        // A number beyond double's range, placed by line and column; text that is not UTF-8.
        {"{\n  \"population\": {\"total\": 1e400}}", "bad.json:2:"},
        {"{\n  \"population\": {\"total\": 1e400}}", "number overflow parsing '1e400'"},
        {"{\"services\": {\"caf\xe9\": {}}}", "bad.json:1:"},
        {"{\"services\": {\"caf\xe9\": {}}}", "UTF-8"},
    };
    for (const auto& [text, expected] : bad) {
        ProjectConfig config;
        try {
            apply_config(text, "bad.json", config);
            ADD_FAILURE() << "accepted " << text;
        } catch (const InputError& e) {
            EXPECT_THAT(e.what(), HasSubstr(expected)) << text;
            EXPECT_THAT(e.what(), HasSubstr("bad.json")) << text;
        }
        // A refused configuration changes nothing.
        EXPECT_EQ(model::find_service(config.services, "water")->threshold, 500);
        EXPECT_EQ(config.rubble.classes.at("severe").within_m, 5);
    }
}

// Nesting is bounded before parsing: what reads the document afterwards recurses per level.
TEST(ProjectConfig, DeepNestingIsRefusedWithItsPlaceNotACrash) {
    const std::string deep =
        "{\"work\": " + std::string(100'000, '[') + std::string(100'000, ']') + "}";
    ProjectConfig config;
    try {
        apply_config(deep, "deep.json", config);
        FAIL() << "accepted";
    } catch (const InputError& e) {
        EXPECT_THAT(e.what(), HasSubstr("deep.json:1:"));
        EXPECT_THAT(e.what(), HasSubstr("nested more than 128 levels deep"));
    }
}

TEST(ProjectConfig, RubbleRuleChangesOnlyWhatItNames) {
    const ProjectConfig config = applied(R"({"rubble": {
        "classes": {"destroyed": {"within_m": 15, "walk": "block"}, "moderate": {"drive": "none"}},
        "point_radius_m": 4, "drive_slow_kmh": 10}})");
    const auto& destroyed = config.rubble.classes.at("destroyed");
    EXPECT_EQ(destroyed.within_m, 15);
    EXPECT_EQ(destroyed.walk, model::Effect::Block);
    EXPECT_EQ(destroyed.drive, model::Effect::Block) << "kept from the default";
    EXPECT_EQ(config.rubble.classes.at("moderate").drive, model::Effect::None);
    EXPECT_EQ(config.rubble.classes.at("moderate").within_m, 2) << "kept from the default";
    EXPECT_EQ(config.rubble.point_radius_m, 4);
    EXPECT_EQ(config.rubble.drive_slow_kmh, 10);
    EXPECT_EQ(config.rubble.walk_slow_factor, 0.6);
}

TEST(ProjectConfig, MissingFileIsNamed) {
    try {
        (void)read_config_file("/nonexistent/c.json");
        ADD_FAILURE();
    } catch (const InputError& e) {
        EXPECT_THAT(e.what(), HasSubstr("/nonexistent/c.json"));
    }
}

} // namespace
} // namespace dayafter::io
