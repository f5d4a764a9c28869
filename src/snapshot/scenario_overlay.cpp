#include "dayafter/snapshot/scenario_overlay.hpp"

#include <algorithm>
#include <map>
#include <set>

#include <fmt/format.h>

#include "dayafter/geo/geojson_shape.hpp"
#include "dayafter/util/error.hpp"

namespace dayafter::snapshot {
namespace {

class Builder {
public:
    Builder(const Snapshot& snapshot, const WayIndex* index)
        : snapshot_(snapshot), town_(snapshot.town()), index_(index) {
        for (std::uint32_t f = 0; f < town_.facilities.size(); ++f) {
            by_code_[town_.facilities[FacilityId{f}].code] = FacilityId{f};
        }
    }

    void add(const model::PlacedChange& placed) {
        origin_ = &placed.origin;
        std::visit([this](const auto& change) { apply(change); }, placed.change);
    }

    ScenarioOverlay take() {
        result_.overlay.place_population.assign(people_.begin(), people_.end());
        return std::move(result_);
    }

private:
    [[noreturn]] void fail(std::string_view key, std::string_view message) const {
        throw InputError(fmt::format("{}{}{}: {}", *origin_, key.empty() ? "" : ".", key, message));
    }

    void apply(const model::RoadChange& c) {
        std::vector<EdgeId> edges = c.way ? edges_of_way(*c.way) : edges_in(c.polygon);
        if (edges.empty()) {
            c.way ? fail("way", fmt::format("no road with OSM way {}", *c.way))
                  : fail("polygon", "touches no road");
        }
        auto& into = c.block ? result_.overlay.block_edges : result_.overlay.reopen_edges;
        into.insert(into.end(), edges.begin(), edges.end());
    }

    void apply(const model::BridgeChange& c) {
        auto matches = [&](EdgeId e) {
            const BridgeId b = town_.roads.edge_bridge[e];
            if (!b.valid()) {
                return false;
            }
            const model::Bridge& bridge = town_.bridges[b];
            const bool over = !c.waterway.empty() && bridge.waterway.valid() &&
                              town_.waterways[bridge.waterway].name == c.waterway;
            return (c.way && bridge.osm_way_id == *c.way) || over;
        };
        std::vector<EdgeId> edges;
        if (index_ != nullptr) {
            // The candidates are the edges of the bridges' own ways, in edge order as a scan
            // would find them.
            for (const std::int64_t way : bridge_ways(town_, c)) {
                for (const EdgeId e : index_->edges(way)) {
                    if (matches(e)) {
                        edges.push_back(e);
                    }
                }
            }
            std::sort(edges.begin(), edges.end());
            edges.erase(std::unique(edges.begin(), edges.end()), edges.end());
        } else {
            for (EdgeId e{0}; e.value < town_.roads.edge_count(); ++e.value) {
                if (matches(e)) {
                    edges.push_back(e);
                }
            }
        }
        if (edges.empty() && c.way) {
            fail("way", fmt::format("no bridge with OSM way {}", *c.way));
        }
        if (edges.empty()) {
            fail("waterway", fmt::format("no bridge over a waterway named '{}' (bridges cross: {})",
                                         c.waterway, waterway_names()));
        }
        result_.overlay.block_edges.insert(result_.overlay.block_edges.end(), edges.begin(),
                                           edges.end());
    }

    void apply(const model::FacilityChange& c) {
        const FacilityId f = facility(c.code);
        if (c.action == model::FacilityChange::Action::Reopen) {
            result_.overlay.open_facilities.push_back(f);
        } else {
            close_with_dependents(c.code);
        }
    }

    void apply(const model::UtilityDown& c) {
        facility(c.code);
        close_with_dependents(c.code);
    }

    /// The facility and every facility that depends on it for power (unless a working
    /// generator backs the grid) or for network water: one level, as the snapshot's rule has it
    /// (a dependant's dependants keep what their own supplier reports).
    void close_with_dependents(const std::string& code) {
        result_.overlay.close_facilities.push_back(by_code_.at(code));
        for (const auto& [other, status] : snapshot_.reported().facilities) {
            const bool generator_backs =
                status.power_source == "grid+generator" &&
                (status.generator.empty() || status.generator == "working");
            const bool power = status.power_substation == code && !generator_backs &&
                               status.power_source.starts_with("grid");
            const bool water = status.water_source == "network" && status.water_facility == code;
            if ((power || water) && by_code_.contains(other)) {
                result_.overlay.close_facilities.push_back(by_code_.at(other));
            }
        }
    }

    /// Access cannot add a source to a warm engine: the caller computes such a scenario cold.
    void apply(const model::FacilityAdded& c) {
        if (by_code_.contains(c.code)) {
            fail("code", fmt::format("the project already has a facility '{}'", c.code));
        }
        if (!model::parse_facility_type(c.type)) {
            fail("type", fmt::format("'{}' is not a facility type", c.type));
        }
        result_.added_facilities.push_back(c);
    }

    /// People leave the places inside the area in proportion (a share, or a count over the
    /// area's people), for camps by their shares or out of the project.
    void apply(const model::PeopleMoved& c) {
        const model::AdminArea* area = nullptr;
        for (const model::AdminArea& a : snapshot_.reported().areas) {
            area = (a.pcode == c.area || a.key == c.area) ? &a : area;
        }
        if (area == nullptr) {
            fail("area", fmt::format("no admin area with P-code '{}'", c.area));
        }
        const geo::LocalProjection projection(town_.roads.node_coord[NodeId{0}].lat());
        const geo::ShapeBuilder builder(projection);
        const geo::Shape shape = builder.build(area->geometry);
        const std::vector<model::Place>& places = snapshot_.population().places;
        std::vector<std::uint32_t> inside;
        double people = 0;
        for (std::uint32_t p = 0; p < places.size(); ++p) {
            if (geo::covers(shape, builder.at(places[p].location))) {
                inside.push_back(p);
                people += current(p);
            }
        }
        const double moved = c.share ? *c.share * people : *c.count;
        if (moved > people + 1e-6) {
            fail("count", fmt::format("moves {} people but {} has {}", moved, c.area, people));
        }
        const double keep = people > 0 ? 1 - moved / people : 1;
        for (const std::uint32_t p : inside) {
            people_[p] = current(p) * keep;
        }
        for (const model::Camp& camp : c.camps) {
            result_.overlay.add_places.push_back({camp.name, camp.location, moved * camp.share});
        }
    }

    double current(std::uint32_t place) const {
        const auto it = people_.find(place);
        return it != people_.end() ? it->second : snapshot_.population().places[place].population;
    }

    void apply(const model::PeopleArrive& c) {
        result_.overlay.add_places.push_back({c.name, c.location, c.count});
    }

    void apply(const model::ResourcesChange& c) {
        const auto& resources = snapshot_.reported().resources;
        const auto& orgs = snapshot_.reported().orgs;
        const bool known = std::any_of(orgs.begin(), orgs.end(),
                                       [&](const model::Org& o) { return o.key == c.org; }) ||
                           std::any_of(resources.begin(), resources.end(),
                                       [&](const model::Resource& r) { return r.org == c.org; });
        if (!known) {
            fail("org", fmt::format("no organisation '{}' in the project", c.org));
        }
        const bool fields = std::any_of(resources.begin(), resources.end(), [&](const auto& r) {
            return r.org == c.org && r.type == c.type;
        });
        if (c.count < 0 && !fields) {
            fail("type", fmt::format("{} has no {} to withdraw", c.org, c.type));
        }
        result_.overlay.resources.push_back({c.org, c.type, c.count});
        result_.plan_only.push_back(*origin_);
    }

    void apply(const model::FundingChange& c) {
        const auto& funding = snapshot_.reported().funding;
        const bool has = std::any_of(funding.begin(), funding.end(), [&](const auto& f) {
            return f.donor == c.donor && (c.window.empty() || f.window == c.window);
        });
        if (!c.amount_added && !has) {
            fail("donor", fmt::format("no funding from '{}'{} in the project", c.donor,
                                      c.window.empty() ? "" : " in window " + c.window));
        }
        result_.plan_only.push_back(*origin_);
    }

    void apply(const model::EntryClosed& c) {
        std::set<std::string> named;
        for (const model::Resource& r : snapshot_.reported().resources) {
            if (!r.entry_point.empty()) {
                named.insert(r.entry_point);
            }
        }
        if (!named.contains(c.name)) {
            fail("name",
                 fmt::format("no crews or machines arrive through an entry point '{}' "
                             "(resources name: {})",
                             c.name,
                             named.empty() ? "none" : fmt::format("{}", fmt::join(named, ", "))));
        }
        result_.plan_only.push_back(*origin_);
    }

    FacilityId facility(const std::string& code) const {
        const auto it = by_code_.find(code);
        if (it == by_code_.end()) {
            fail("code", fmt::format("no facility with code '{}'", code));
        }
        return it->second;
    }

    std::vector<EdgeId> edges_of_way(std::int64_t way) const {
        if (index_ != nullptr) {
            const std::span<const EdgeId> found = index_->edges(way);
            return {found.begin(), found.end()};
        }
        std::vector<EdgeId> edges;
        for (EdgeId e{0}; e.value < town_.roads.edge_count(); ++e.value) {
            if (town_.roads.edge_osm_way[e] == way) {
                edges.push_back(e);
            }
        }
        return edges;
    }

    std::vector<EdgeId> edges_in(const nlohmann::json& polygon) const {
        const geo::LocalProjection projection(town_.roads.node_coord[NodeId{0}].lat());
        const geo::ShapeBuilder builder(projection);
        const geo::Shape shape = builder.build(polygon);
        std::vector<EdgeId> edges;
        for (EdgeId e{0}; e.value < town_.roads.edge_count(); ++e.value) {
            geo::Line line;
            for (const geo::Coord c : town_.roads.geometry(e)) {
                line.push_back(builder.at(c));
            }
            if (geo::distance(line, shape, 0) <= 0) {
                edges.push_back(e);
            }
        }
        return edges;
    }

    std::string waterway_names() const {
        std::set<std::string> names;
        for (const model::Bridge& b : town_.bridges.raw()) {
            if (b.waterway.valid() && !town_.waterways[b.waterway].name.empty()) {
                names.insert(town_.waterways[b.waterway].name);
            }
        }
        return names.empty() ? "none named" : fmt::format("{}", fmt::join(names, ", "));
    }

    const Snapshot& snapshot_;
    const model::Town& town_;
    const WayIndex* index_; // nullptr: scan the edges
    std::map<std::string, FacilityId> by_code_;
    const std::string* origin_ = nullptr;
    std::map<std::uint32_t, double> people_; // places whose people a change set
    ScenarioOverlay result_;
};

} // namespace

WayIndex::WayIndex(const Snapshot& snapshot) {
    const graph::RoadNetwork& roads = snapshot.town().roads;
    std::vector<std::pair<std::int64_t, EdgeId>> pairs;
    pairs.reserve(roads.edge_count());
    for (EdgeId e{0}; e.value < roads.edge_count(); ++e.value) {
        pairs.emplace_back(roads.edge_osm_way[e], e);
    }
    std::sort(pairs.begin(), pairs.end());
    ways_.reserve(pairs.size());
    edges_.reserve(pairs.size());
    for (const auto& [way, edge] : pairs) {
        ways_.push_back(way);
        edges_.push_back(edge);
    }
}

std::span<const EdgeId> WayIndex::edges(std::int64_t way) const {
    const auto [first, last] = std::equal_range(ways_.begin(), ways_.end(), way);
    return {edges_.begin() + (first - ways_.begin()), edges_.begin() + (last - ways_.begin())};
}

std::set<std::int64_t> bridge_ways(const model::Town& town, const model::BridgeChange& change) {
    std::set<std::int64_t> ways;
    for (const model::Bridge& bridge : town.bridges.raw()) {
        const bool over = !change.waterway.empty() && bridge.waterway.valid() &&
                          town.waterways[bridge.waterway].name == change.waterway;
        if ((change.way && bridge.osm_way_id == *change.way) || over) {
            ways.insert(bridge.osm_way_id);
        }
    }
    return ways;
}

Overlay undo(const Snapshot& snapshot, const Overlay& applied, std::size_t places_before) {
    Overlay back;
    for (const auto* edges :
         {&applied.block_edges, &applied.reopen_edges, &applied.restore_edges}) {
        back.restore_edges.insert(back.restore_edges.end(), edges->begin(), edges->end());
    }
    for (const auto* list : {&applied.close_facilities, &applied.open_facilities}) {
        for (const FacilityId f : *list) {
            (snapshot.town().facilities[f].functioning.value_or(true) ? back.open_facilities
                                                                      : back.close_facilities)
                .push_back(f);
        }
    }
    const std::vector<model::Place>& own = snapshot.population().places;
    for (const auto& [place, people] : applied.place_population) {
        if (place < own.size()) {
            back.place_population.emplace_back(place, own[place].population);
        }
    }
    for (std::size_t k = 0; k < applied.add_places.size(); ++k) {
        back.place_population.emplace_back(static_cast<std::uint32_t>(places_before + k), 0.0);
    }
    for (const ResourceChange& r : applied.resources) {
        back.resources.push_back({r.org, r.type, -r.count});
    }
    return back;
}

ScenarioOverlay scenario_overlay(const Snapshot& snapshot, const model::Scenario& scenario,
                                 const WayIndex* index) {
    Builder builder(snapshot, index);
    for (const model::PlacedChange& change : scenario.changes) {
        builder.add(change);
    }
    return builder.take();
}

} // namespace dayafter::snapshot
