#include "dayafter/registry/hazards.hpp"

#include <algorithm>
#include <iterator>
#include <limits>

#include "registry/shape.hpp"

namespace dayafter::registry {
namespace {

using detail::Box;
using detail::Line;
using detail::Polygon;
using detail::Shape;
using detail::ShapeBuilder;
using detail::XY;
namespace bg = boost::geometry;

double distance(const Line& edge, const Shape& shape, double point_radius) {
    double best = std::numeric_limits<double>::max();
    for (const XY& p : shape.points) {
        best = std::min(best, std::max(0.0, bg::distance(edge, p) - point_radius));
    }
    for (const Line& l : shape.lines) {
        best = std::min(best, bg::distance(edge, l));
    }
    for (const Polygon& p : shape.polygons) {
        best = std::min(best, bg::intersects(edge, p) ? 0.0 : bg::distance(edge, p));
    }
    return best;
}

Effect worse(Effect a, Effect b) {
    return static_cast<Effect>(std::max(static_cast<int>(a), static_cast<int>(b)));
}

} // namespace

std::string_view to_string(Effect effect) noexcept {
    switch (effect) {
    case Effect::None:
        return "none";
    case Effect::Slow:
        return "slow";
    case Effect::Block:
        return "block";
    }
    return "none";
}

std::optional<Effect> parse_effect(std::string_view text) noexcept {
    for (const Effect e : {Effect::None, Effect::Slow, Effect::Block}) {
        if (to_string(e) == text) {
            return e;
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

std::optional<std::int64_t> nearest_bridge(const model::Town& town, geo::Coord where,
                                           double max_m) {
    const geo::LocalProjection projection(where.lat());
    const XY p{projection.x(where), projection.y(where)};
    std::optional<std::int64_t> found;
    double best = max_m;
    const graph::RoadNetwork& net = town.roads;
    for (EdgeId e{0}; e.value < net.edge_count(); ++e.value) {
        if (!net.edge_bridge[e].valid()) {
            continue;
        }
        Line line;
        for (const geo::Coord c : net.geometry(e)) {
            line.push_back({projection.x(c), projection.y(c)});
        }
        const double d = bg::distance(line, p);
        if (d <= best) {
            best = d;
            found = town.bridges[net.edge_bridge[e]].osm_way_id;
        }
    }
    return found;
}

HazardEffects hazard_effects(const model::Town& town, const Registry& registry,
                             const RubbleRule& rule) {
    HazardEffects result;
    const graph::RoadNetwork& net = town.roads;
    const auto& hazards = registry.objects(Kind::Hazards);
    if (hazards.empty() || net.edge_count() == 0) {
        return result;
    }
    const geo::LocalProjection projection(net.node_coord[NodeId{0}].lat());
    const ShapeBuilder builder(projection);
    // Edge lines in metres and an R-tree of their boxes, built once: each hazard then looks only
    // at the edges near it (UNOSAT layers hold tens of thousands of points).
    std::vector<Line> lines(net.edge_count());
    std::vector<std::pair<Box, std::uint32_t>> boxes(net.edge_count());
    for (EdgeId e{0}; e.value < net.edge_count(); ++e.value) {
        for (const geo::Coord c : net.geometry(e)) {
            lines[e.value].push_back({projection.x(c), projection.y(c)});
        }
        boxes[e.value] = {bg::return_envelope<Box>(lines[e.value]), e.value};
    }
    const bg::index::rtree<std::pair<Box, std::uint32_t>, bg::index::rstar<16>> edge_index(boxes);
    std::vector<std::pair<Box, std::uint32_t>> near;
    std::vector<std::array<Effect, 2>> effects(net.edge_count(), {Effect::None, Effect::None});
    auto apply = [&](HazardImpact& impact, EdgeId e, Effect walk, Effect drive) {
        if (walk == Effect::None && drive == Effect::None) {
            return;
        }
        auto& at = effects[e.value];
        at[static_cast<std::size_t>(graph::TravelMode::Walk)] =
            worse(at[static_cast<std::size_t>(graph::TravelMode::Walk)], walk);
        at[static_cast<std::size_t>(graph::TravelMode::Drive)] =
            worse(at[static_cast<std::size_t>(graph::TravelMode::Drive)], drive);
        (walk == Effect::Block || drive == Effect::Block ? impact.blocked : impact.slowed) += 1;
    };
    std::map<std::int64_t, std::vector<EdgeId>> bridge_edges;
    for (EdgeId e{0}; e.value < net.edge_count(); ++e.value) {
        if (net.edge_bridge[e].valid()) {
            bridge_edges[town.bridges[net.edge_bridge[e]].osm_way_id].push_back(e);
        }
    }
    for (const auto& [key, entry] : hazards) {
        const nlohmann::json& d = entry.data;
        HazardImpact impact{key, d.value("kind", ""), 0, 0};
        // The feature's own effect, when given, overrides its rule (checked at load).
        const bool has_override = d.contains("effect");
        const Effect override_to =
            has_override ? parse_effect(d["effect"].get<std::string>()).value_or(Effect::None)
                         : Effect::None;
        if (impact.kind == "bridge") {
            std::optional<std::int64_t> way;
            if (d.contains("osm_way")) {
                way = d["osm_way"].get<std::int64_t>();
            } else if (d.contains("geometry")) {
                const auto& c = d["geometry"]["coordinates"];
                way = nearest_bridge(
                    town, geo::Coord::from_degrees(c[0].get<double>(), c[1].get<double>()), 50);
            }
            const bool destroyed = d.value("state", "destroyed") == "destroyed";
            const Effect walk =
                has_override ? override_to : (destroyed ? Effect::Block : Effect::None);
            const Effect drive = has_override ? override_to : Effect::Block;
            if (way && bridge_edges.contains(*way)) {
                for (const EdgeId e : bridge_edges[*way]) {
                    apply(impact, e, walk, drive);
                }
            }
            result.hazards.push_back(impact);
            continue;
        }
        if (!d.contains("geometry")) {
            result.hazards.push_back(impact);
            continue;
        }
        const Shape shape = builder.build(d["geometry"]);
        double within = 0;
        Effect walk = Effect::Block;
        Effect drive = Effect::Block;
        if (impact.kind == "rubble") {
            const std::string cls = d.value("damage", "severe");
            const auto found = rule.classes.find(cls);
            const RubbleRule::ForClass for_class =
                found != rule.classes.end() ? found->second : RubbleRule::ForClass{};
            within = for_class.within_m;
            walk = for_class.walk;
            drive = for_class.drive;
        }
        if (has_override) {
            walk = override_to;
            drive = override_to;
        }
        if (walk == Effect::None && drive == Effect::None) {
            result.hazards.push_back(impact);
            continue;
        }
        const double reach = within + (shape.points.empty() ? 0 : rule.point_radius_m);
        Box search = shape.box;
        search.min_corner().x(search.min_corner().x() - reach);
        search.min_corner().y(search.min_corner().y() - reach);
        search.max_corner().x(search.max_corner().x() + reach);
        search.max_corner().y(search.max_corner().y() + reach);
        near.clear();
        edge_index.query(bg::index::intersects(search), std::back_inserter(near));
        for (const auto& [box, edge] : near) {
            if (distance(lines[edge], shape, rule.point_radius_m) <= within) {
                apply(impact, EdgeId{edge}, walk, drive);
            }
        }
        result.hazards.push_back(impact);
    }
    for (EdgeId e{0}; e.value < net.edge_count(); ++e.value) {
        if (effects[e.value][0] != Effect::None || effects[e.value][1] != Effect::None) {
            result.edges.push_back({e, effects[e.value]});
        }
    }
    return result;
}

} // namespace dayafter::registry
