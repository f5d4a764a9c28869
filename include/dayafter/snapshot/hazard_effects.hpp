// What hazards do to the roads: which edges each one blocks or slows, per travel mode.
//
// The rules (docs/cli/load.md states them with their sources; every distance is an ASSUMPTION
// until a published figure exists, REFERENCE-FIGURES "Unverified: debris per building"):
//   rubble          an edge within `within_m` of the damaged footprint (a point counts as a
//                   footprint of radius point_radius_m) gets the class's effect
//                   (model::RubbleRule); a volume without a class counts as severe.
//   contamination   every edge touching the area is blocked in both modes (nobody is sent
//                   through a suspected mined area).
//   insecure        every edge touching the area is blocked in both modes.
//   bridge          destroyed: all edges of the OSM bridge way blocked; damaged: drive blocked,
//                   walk open.
// A hazard's own `effect` (block, slow, none) overrides its rule in both modes.
//
//     const HazardEffects effects = hazard_effects(town, hazards, model::RubbleRule::defaults());
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "dayafter/model/hazard.hpp"
#include "dayafter/model/town.hpp"

namespace dayafter::snapshot {

/// The effect of all hazards on one edge (the worst of them per mode).
struct EdgeEffect {
    EdgeId edge;
    std::array<model::Effect, 2> by_mode{}; // per graph::TravelMode
};

struct HazardImpact {
    std::string key;
    model::HazardKind kind = model::HazardKind::Rubble;
    std::uint32_t blocked = 0; // edges blocked in some mode
    std::uint32_t slowed = 0;  // edges slowed in some mode (and not blocked)
    std::vector<EdgeId> edges; // every edge it blocks or slows, in the order marked
};

struct HazardEffects {
    std::vector<EdgeEffect> edges; // sorted by edge, one per affected edge
    std::vector<HazardImpact> hazards;
};

/// The edges each hazard blocks or slows.
[[nodiscard]] HazardEffects hazard_effects(const model::Town& town,
                                           std::span<const model::Hazard> hazards,
                                           const model::RubbleRule& rule);

} // namespace dayafter::snapshot
