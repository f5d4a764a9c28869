// What hazards do to the roads: which edges each one blocks or slows, per travel mode.
//
// The rules (docs/cli/load.md states them with their sources; every distance is an ASSUMPTION
// until a published figure exists, REFERENCE-FIGURES "Unverified: debris per building"):
//   rubble          an edge within `within_m` of the damaged footprint (a point counts as a
//                   footprint of radius point_radius_m) gets the class's effect:
//                     destroyed  10 m: drive blocked, walk slowed
//                     severe      5 m: drive slowed, walk slowed
//                     moderate    2 m: drive slowed
//                     possible, none: nothing
//                   a volume without a class counts as severe.
//   contamination   every edge touching the area is blocked in both modes (nobody is sent
//                   through a suspected mined area).
//   insecure        every edge touching the area is blocked in both modes.
//   bridge          destroyed: all edges of the OSM bridge way blocked; damaged: drive blocked,
//                   walk open.
// Slowed walking is 3/5 of the speed (Tobler's off-path factor, REFERENCE-FIGURES B5); slowed
// driving is capped at 20 km/h (OSRM's cap for rocky or sandy surfaces, B5). A hazard's own
// `effect` property (block, slow, none) overrides its rule in both modes. The project
// configuration's "rubble" section (io/project_config.hpp) changes the rule.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "dayafter/model/town.hpp"
#include "dayafter/registry/registry.hpp"

namespace dayafter::registry {

enum class Effect : std::uint8_t { None, Slow, Block };
[[nodiscard]] std::string_view to_string(Effect effect) noexcept;
[[nodiscard]] std::optional<Effect> parse_effect(std::string_view text) noexcept;

struct RubbleRule {
    struct ForClass {
        double within_m = 0;
        Effect walk = Effect::None;
        Effect drive = Effect::None;
    };
    std::map<std::string, ForClass> classes; // destroyed, severe, moderate, possible, none
    double point_radius_m = 8;               // ASSUMPTION: half the width of a typical house
    double walk_slow_factor = 0.6;           // Tobler off-path 3/5
    double drive_slow_kmh = 20;              // OSRM car.lua surface cap for rocky/sand

    [[nodiscard]] static RubbleRule defaults();
};

/// The effect of all hazards on one edge (the worst of them per mode).
struct EdgeEffect {
    EdgeId edge;
    std::array<Effect, 2> by_mode{}; // per graph::TravelMode
};

struct HazardImpact {
    std::string key;
    std::string kind;
    std::uint32_t blocked = 0; // edges blocked in some mode
    std::uint32_t slowed = 0;  // edges slowed in some mode (and not blocked)
};

struct HazardEffects {
    std::vector<EdgeEffect> edges; // sorted by edge, one per affected edge
    std::vector<HazardImpact> hazards;
};

/// The edges each hazard of the registry blocks or slows.
[[nodiscard]] HazardEffects hazard_effects(const model::Town& town, const Registry& registry,
                                           const RubbleRule& rule);

/// The bridge (by OSM way id) whose edges pass nearest `where`, within max_m.
[[nodiscard]] std::optional<std::int64_t> nearest_bridge(const model::Town& town, geo::Coord where,
                                                         double max_m);

} // namespace dayafter::registry
