#include "dayafter/snapshot/hazard_effects.hpp"

#include <algorithm>
#include <iterator>
#include <limits>
#include <map>

#include "dayafter/geo/geojson_shape.hpp"

namespace dayafter::snapshot {
namespace {

using geo::Box;
using geo::Line;
using geo::Shape;
using geo::ShapeBuilder;
using model::Effect;

/// Edge lines in metres and an R-tree of their boxes, built once: each hazard then looks only at
/// the edges near it (UNOSAT layers hold tens of thousands of points).
class EdgeMarker {
public:
    EdgeMarker(const model::Town& town, const model::RubbleRule& rule)
        : town_(town), rule_(rule), projection_(town.roads.node_coord[NodeId{0}].lat()),
          builder_(projection_), lines_(town.roads.edge_count()),
          effects_(town.roads.edge_count(), {Effect::None, Effect::None}) {
        const graph::RoadNetwork& net = town.roads;
        for (EdgeId e{0}; e.value < net.edge_count(); ++e.value) {
            for (const geo::Coord c : net.geometry(e)) {
                lines_[e.value].push_back({projection_.x(c), projection_.y(c)});
            }
            if (net.edge_bridge[e].valid()) {
                bridge_edges_[town.bridges[net.edge_bridge[e]].osm_way_id].push_back(e);
            }
        }
        index_.emplace(lines_);
    }

    HazardImpact mark(const model::Hazard& hazard) {
        HazardImpact impact{hazard.key, hazard.kind, 0, 0};
        if (hazard.kind == model::HazardKind::Bridge) {
            mark_bridge(hazard, impact);
        } else if (hazard.osm_way) {
            mark_way(hazard, impact);
        } else if (hazard.geometry.is_object()) {
            mark_area(hazard, impact);
        }
        return impact;
    }

    [[nodiscard]] std::vector<EdgeEffect> edges() const {
        std::vector<EdgeEffect> out;
        for (std::uint32_t e = 0; e < effects_.size(); ++e) {
            if (effects_[e][0] != Effect::None || effects_[e][1] != Effect::None) {
                out.push_back({EdgeId{e}, effects_[e]});
            }
        }
        return out;
    }

private:
    void apply(HazardImpact& impact, EdgeId e, Effect walk, Effect drive) {
        if (walk == Effect::None && drive == Effect::None) {
            return;
        }
        auto& at = effects_[e.value];
        at[kWalk] = model::worse(at[kWalk], walk);
        at[kDrive] = model::worse(at[kDrive], drive);
        (walk == Effect::Block || drive == Effect::Block ? impact.blocked : impact.slowed) += 1;
        impact.edges.push_back(e);
    }

    void mark_bridge(const model::Hazard& hazard, HazardImpact& impact) {
        std::optional<std::int64_t> way = hazard.osm_way;
        if (!way && hazard.geometry.is_object()) {
            const auto& c = hazard.geometry["coordinates"];
            way = model::nearest_bridge(
                town_, geo::Coord::from_degrees(c[0].get<double>(), c[1].get<double>()), 50);
        }
        const Effect walk = hazard.effect.value_or(hazard.destroyed ? Effect::Block : Effect::None);
        const Effect drive = hazard.effect.value_or(Effect::Block);
        if (const auto found = way ? bridge_edges_.find(*way) : bridge_edges_.end();
            found != bridge_edges_.end()) {
            for (const EdgeId e : found->second) {
                apply(impact, e, walk, drive);
            }
        }
    }

    /// A hazard that names a road's OSM way (a what-if's blocked road) acts on exactly that
    /// way's edges, blocking both modes unless it says otherwise.
    void mark_way(const model::Hazard& hazard, HazardImpact& impact) {
        const Effect effect = hazard.effect.value_or(Effect::Block);
        const graph::RoadNetwork& net = town_.roads;
        for (EdgeId e{0}; e.value < net.edge_count(); ++e.value) {
            if (net.edge_osm_way[e] == *hazard.osm_way) {
                apply(impact, e, effect, effect);
            }
        }
    }

    void mark_area(const model::Hazard& hazard, HazardImpact& impact) {
        double within = 0;
        Effect walk = Effect::Block;
        Effect drive = Effect::Block;
        if (hazard.kind == model::HazardKind::Rubble) {
            const auto found = rule_.classes.find(hazard.damage.empty() ? "severe" : hazard.damage);
            const model::RubbleRule::ForClass for_class =
                found != rule_.classes.end() ? found->second : model::RubbleRule::ForClass{};
            within = for_class.within_m;
            walk = for_class.walk;
            drive = for_class.drive;
        }
        walk = hazard.effect.value_or(walk);
        drive = hazard.effect.value_or(drive);
        if (walk == Effect::None && drive == Effect::None) {
            return;
        }
        const Shape shape = builder_.build(hazard.geometry);
        const double reach = within + (shape.points.empty() ? 0 : rule_.point_radius_m);
        index_->query(geo::widened(shape.box, reach), near_);
        for (const std::uint32_t edge : near_) {
            if (geo::distance(lines_[edge], shape, rule_.point_radius_m) <= within) {
                apply(impact, EdgeId{edge}, walk, drive);
            }
        }
    }

    static constexpr auto kWalk = static_cast<std::size_t>(graph::TravelMode::Walk);
    static constexpr auto kDrive = static_cast<std::size_t>(graph::TravelMode::Drive);
    const model::Town& town_;
    const model::RubbleRule& rule_;
    geo::LocalProjection projection_;
    ShapeBuilder builder_;
    std::vector<Line> lines_;
    std::optional<geo::LineIndex> index_; // built once the lines are
    std::vector<std::uint32_t> near_;
    std::vector<std::array<Effect, 2>> effects_;
    std::map<std::int64_t, std::vector<EdgeId>> bridge_edges_;
};

} // namespace

HazardEffects hazard_effects(const model::Town& town, std::span<const model::Hazard> hazards,
                             const model::RubbleRule& rule) {
    HazardEffects result;
    if (hazards.empty() || town.roads.edge_count() == 0) {
        return result;
    }
    EdgeMarker marker(town, rule);
    for (const model::Hazard& hazard : hazards) {
        result.hazards.push_back(marker.mark(hazard));
    }
    result.edges = marker.edges();
    return result;
}

} // namespace dayafter::snapshot
