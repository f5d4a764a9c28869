// The model's hazard rule and status codes: names round-trip, the worse effect wins, the
// default rubble rule is the one docs/cli/load.md states.
#include <gtest/gtest.h>

#include "dayafter/model/facility_status.hpp"
#include "dayafter/model/hazard.hpp"

namespace dayafter::model {
namespace {

TEST(HazardRule, NamesRoundTripAndTheWorseEffectWins) {
    for (const Effect e : {Effect::None, Effect::Slow, Effect::Block}) {
        EXPECT_EQ(parse_effect(to_string(e)), e);
    }
    EXPECT_EQ(parse_effect("closed"), std::nullopt);
    for (const HazardKind k : {HazardKind::Rubble, HazardKind::Contamination, HazardKind::Insecure,
                               HazardKind::Bridge}) {
        EXPECT_EQ(parse_hazard_kind(to_string(k)), k);
    }
    EXPECT_EQ(worse(Effect::Slow, Effect::Block), Effect::Block);
    EXPECT_EQ(worse(Effect::Slow, Effect::None), Effect::Slow);
    EXPECT_EQ(worse(Effect::None, Effect::None), Effect::None);
}

TEST(HazardRule, DefaultsAreTheStatedRule) {
    const RubbleRule rule = RubbleRule::defaults();
    EXPECT_EQ(rule.classes.at("destroyed").within_m, 10);
    EXPECT_EQ(rule.classes.at("destroyed").drive, Effect::Block);
    EXPECT_EQ(rule.classes.at("destroyed").walk, Effect::Slow);
    EXPECT_EQ(rule.classes.at("severe").within_m, 5);
    EXPECT_EQ(rule.classes.at("moderate").walk, Effect::None);
    EXPECT_EQ(rule.classes.at("possible").drive, Effect::None);
    EXPECT_DOUBLE_EQ(rule.walk_slow_factor, 0.6);
    EXPECT_DOUBLE_EQ(rule.drive_slow_kmh, 20);
}

TEST(FacilityStatus, HeramsCodes) {
    EXPECT_EQ(herams_code(Functionality::Fully), "A1");
    EXPECT_EQ(herams_code(Functionality::Partially), "A2");
    EXPECT_EQ(herams_code(Functionality::Not), "A3");
}

} // namespace
} // namespace dayafter::model
