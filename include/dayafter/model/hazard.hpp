// Hazards as the registry reports them, and the rule by which rubble changes the roads.
//
// A hazard is rubble (UNOSAT damage classes or a volume), a contaminated (mined) area, an insecure
// area or a damaged or destroyed bridge. What each does to the road edges is worked out when a
// snapshot is built (snapshot/hazard_effects.hpp), by the rule below; the project configuration's
// "rubble" section (io/project_config.hpp) changes it.
//
//     const RubbleRule rule = RubbleRule::defaults();
//     rule.classes.at("destroyed").drive == Effect::Block;
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "dayafter/geo/coord.hpp"

namespace dayafter::model {

struct Town;

enum class Effect : std::uint8_t { None, Slow, Block };
[[nodiscard]] std::string_view to_string(Effect effect) noexcept;
[[nodiscard]] std::optional<Effect> parse_effect(std::string_view text) noexcept;
[[nodiscard]] inline Effect worse(Effect a, Effect b) noexcept {
    return a < b ? b : a;
}

struct RubbleRule {
    struct ForClass {
        double within_m = 0;
        Effect walk = Effect::None;
        Effect drive = Effect::None;
    };
    std::map<std::string, ForClass> classes; // destroyed, severe, moderate, possible, none
    double point_radius_m = 8;               // ASSUMPTION: half the width of a typical house
    double walk_slow_factor = 0.6;           // Tobler off-path 3/5 (REFERENCE-FIGURES B5)
    double drive_slow_kmh = 20;              // OSRM car.lua surface cap for rocky/sand (B5)

    /// destroyed 10 m: drive blocked, walk slowed; severe 5 m: both slowed; moderate 2 m: drive
    /// slowed; possible and none: nothing. Every distance is an ASSUMPTION (docs/cli/load.md).
    [[nodiscard]] static RubbleRule defaults();
};

enum class HazardKind : std::uint8_t { Rubble, Contamination, Insecure, Bridge };
[[nodiscard]] std::string_view to_string(HazardKind kind) noexcept;
[[nodiscard]] std::optional<HazardKind> parse_hazard_kind(std::string_view text) noexcept;

struct Hazard {
    std::string key;
    HazardKind kind = HazardKind::Rubble;
    std::string damage;                  // rubble: destroyed, severe, moderate, possible, none
    std::optional<double> volume_m3;     // rubble given as a volume
    std::optional<std::int64_t> osm_way; // bridge: its OSM way
    bool destroyed = true;               // bridge: destroyed (else damaged)
    std::optional<Effect> effect;        // the feature's own effect, over its rule
    nlohmann::json geometry;             // GeoJSON geometry (RFC 7946); null when none
    std::string name;
    std::string owner;
    std::string funder;
    std::string source;
};

/// The bridge (by OSM way id) whose edges pass nearest `where`, within max_m.
[[nodiscard]] std::optional<std::int64_t> nearest_bridge(const Town& town, geo::Coord where,
                                                         double max_m);

} // namespace dayafter::model
