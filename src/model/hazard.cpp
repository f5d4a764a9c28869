#include "dayafter/model/hazard.hpp"

#include <array>

#include "dayafter/geo/geojson_shape.hpp"
#include "dayafter/model/town.hpp"

namespace dayafter::model {
namespace {

constexpr std::array<std::string_view, 3> kEffectNames = {"none", "slow", "block"};
constexpr std::array<std::string_view, 4> kHazardKindNames = {"rubble", "contamination", "insecure",
                                                              "bridge"};

} // namespace

std::string_view to_string(Effect effect) noexcept {
    return kEffectNames[static_cast<std::size_t>(effect)];
}

std::optional<Effect> parse_effect(std::string_view text) noexcept {
    for (std::size_t e = 0; e < kEffectNames.size(); ++e) {
        if (kEffectNames[e] == text) {
            return static_cast<Effect>(e);
        }
    }
    return std::nullopt;
}

std::string_view to_string(HazardKind kind) noexcept {
    return kHazardKindNames[static_cast<std::size_t>(kind)];
}

std::optional<HazardKind> parse_hazard_kind(std::string_view text) noexcept {
    for (std::size_t k = 0; k < kHazardKindNames.size(); ++k) {
        if (kHazardKindNames[k] == text) {
            return static_cast<HazardKind>(k);
        }
    }
    return std::nullopt;
}

RubbleRule RubbleRule::defaults() {
    RubbleRule rule;
    rule.classes = {
        {"destroyed", {10, Effect::Slow, Effect::Block}},
        {"severe", {5, Effect::Slow, Effect::Slow}},
        {"moderate", {2, Effect::None, Effect::Slow}},
        {"possible", {0, Effect::None, Effect::None}},
        {"none", {0, Effect::None, Effect::None}},
    };
    return rule;
}

std::optional<std::int64_t> nearest_bridge(const Town& town, geo::Coord where, double max_m) {
    const geo::LocalProjection projection(where.lat());
    const geo::XY p{projection.x(where), projection.y(where)};
    std::optional<std::int64_t> found;
    double best = max_m;
    const graph::RoadNetwork& net = town.roads;
    for (EdgeId e{0}; e.value < net.edge_count(); ++e.value) {
        if (!net.edge_bridge[e].valid()) {
            continue;
        }
        geo::Line line;
        for (const geo::Coord c : net.geometry(e)) {
            line.push_back({projection.x(c), projection.y(c)});
        }
        const double d = boost::geometry::distance(line, p);
        if (d <= best) {
            best = d;
            found = town.bridges[net.edge_bridge[e]].osm_way_id;
        }
    }
    return found;
}

} // namespace dayafter::model
