#include "dayafter/registry/reports.hpp"

#include <algorithm>
#include <functional>
#include <set>

#include <fmt/format.h>

#include "registry/shape.hpp"

namespace dayafter::registry {
namespace {

/// Per node, the 2-edge-connected component id after removing the bridges (cut edges) of the
/// undirected drivable network, and for each component the cut edge leading towards the largest
/// one: a facility outside the largest component hangs on that one road.
struct CutEdges {
    std::vector<std::uint32_t> component;
    std::vector<EdgeId> towards_main; // per component; invalid for the main one
    std::uint32_t main = 0;
};

CutEdges cut_edges(const graph::RoadNetwork& net) {
    const std::uint32_t n = net.node_count();
    std::vector<std::vector<std::pair<std::uint32_t, std::uint32_t>>> adjacent(n); // node, edge
    for (EdgeId e{0}; e.value < net.edge_count(); ++e.value) {
        if (net.edge_drive_ms[e] == graph::kNotUsable || net.edge_from[e] == net.edge_to[e]) {
            continue;
        }
        adjacent[net.edge_from[e].value].emplace_back(net.edge_to[e].value, e.value);
        adjacent[net.edge_to[e].value].emplace_back(net.edge_from[e].value, e.value);
    }
    // Iterative Tarjan bridge finding.
    std::vector<std::uint32_t> order(n, 0);
    std::vector<std::uint32_t> low(n, 0);
    std::vector<bool> is_cut(net.edge_count(), false);
    std::uint32_t counter = 0;
    struct Frame {
        std::uint32_t node;
        std::uint32_t parent_edge;
        std::size_t next;
    };
    for (std::uint32_t root = 0; root < n; ++root) {
        if (order[root] != 0 || adjacent[root].empty()) {
            continue;
        }
        std::vector<Frame> stack{{root, UINT32_MAX, 0}};
        order[root] = low[root] = ++counter;
        while (!stack.empty()) {
            Frame& top = stack.back();
            if (top.next < adjacent[top.node].size()) {
                const auto [to, edge] = adjacent[top.node][top.next++];
                if (edge == top.parent_edge) {
                    continue;
                }
                if (order[to] == 0) {
                    order[to] = low[to] = ++counter;
                    stack.push_back({to, edge, 0});
                } else {
                    low[top.node] = std::min(low[top.node], order[to]);
                }
                continue;
            }
            const Frame done = top;
            stack.pop_back();
            if (!stack.empty()) {
                const std::uint32_t parent = stack.back().node;
                low[parent] = std::min(low[parent], low[done.node]);
                if (low[done.node] > order[parent]) {
                    is_cut[done.parent_edge] = true;
                }
            }
        }
    }
    CutEdges result;
    result.component.assign(n, UINT32_MAX);
    std::vector<std::uint32_t> sizes;
    for (std::uint32_t start = 0; start < n; ++start) {
        if (result.component[start] != UINT32_MAX) {
            continue;
        }
        const auto id = static_cast<std::uint32_t>(sizes.size());
        sizes.push_back(0);
        std::vector<std::uint32_t> queue{start};
        result.component[start] = id;
        while (!queue.empty()) {
            const std::uint32_t node = queue.back();
            queue.pop_back();
            ++sizes[id];
            for (const auto& [to, edge] : adjacent[node]) {
                if (!is_cut[edge] && result.component[to] == UINT32_MAX) {
                    result.component[to] = id;
                    queue.push_back(to);
                }
            }
        }
    }
    result.main =
        static_cast<std::uint32_t>(std::max_element(sizes.begin(), sizes.end()) - sizes.begin());
    // Walk the tree of components from the main one; each component's parent edge is its road.
    result.towards_main.assign(sizes.size(), EdgeId{});
    std::vector<std::vector<std::uint32_t>> members(sizes.size());
    for (std::uint32_t node = 0; node < n; ++node) {
        members[result.component[node]].push_back(node);
    }
    std::vector<bool> seen(sizes.size(), false);
    std::vector<std::uint32_t> queue = members[result.main];
    seen[result.main] = true;
    for (std::size_t q = 0; q < queue.size(); ++q) {
        const std::uint32_t node = queue[q];
        for (const auto& [to, edge] : adjacent[node]) {
            const std::uint32_t c = result.component[to];
            if (seen[c]) {
                continue;
            }
            seen[c] = true;
            result.towards_main[c] = EdgeId{edge};
            queue.insert(queue.end(), members[c].begin(), members[c].end());
        }
    }
    return result;
}

std::vector<std::string> strings(const nlohmann::json& d, const char* field) {
    std::vector<std::string> out;
    if (d.contains(field) && d[field].is_array()) {
        for (const auto& v : d[field]) {
            out.push_back(v.get<std::string>());
        }
    } else if (d.contains(field) && d[field].is_string()) {
        out.push_back(d[field].get<std::string>());
    }
    return out;
}

} // namespace

StatusReport status_report(const Situation& situation, const Registry& registry,
                           std::span<const model::Service> services) {
    StatusReport report;
    const model::Town& town = situation.town;
    for (const model::Service& service : services) {
        ServiceStatus s{service.name};
        for (const model::Facility& f : town.facilities) {
            if (!service.provides(f.type)) {
                continue;
            }
            const Entry* entry = registry.find(Kind::Facilities, f.code);
            if (entry == nullptr) {
                ++s.unknown;
                continue;
            }
            const std::string code = entry->data.value("functionality", "");
            (code == "A1" ? s.fully : code == "A2" ? s.partially : s.not_functioning) += 1;
            if (code != "A3" && f.functioning == false) {
                ++s.down_by_dependency;
            }
            for (const std::string& cause : strings(entry->data, "causes")) {
                ++s.causes[cause];
            }
        }
        report.services.push_back(std::move(s));
    }
    const bool any_status = registry.has_facility_status();
    const CutEdges cuts = any_status ? cut_edges(town.roads) : CutEdges{};
    for (const model::Facility& f : town.facilities) {
        const Entry* entry = registry.find(Kind::Facilities, f.code);
        if (entry == nullptr) {
            continue;
        }
        const nlohmann::json& d = entry->data;
        if (f.functioning == false) {
            report.down.emplace_back(f.code, f.down_because);
        }
        for (const auto& [group, have_key, need_key, out] :
             {std::tuple{"staff", "present", "needed", &report.staff},
              std::tuple{"equipment", "working", "total", &report.equipment}}) {
            if (!d.contains(group)) {
                continue;
            }
            for (const auto& [what, counts] : d[group].items()) {
                if (!counts.contains(have_key)) {
                    continue; // how many are present (working) is not known: no gap to show
                }
                const std::int64_t have = counts.value(have_key, std::int64_t{0});
                const std::int64_t need = counts.value(need_key, have);
                if (have < need) {
                    out->push_back({f.code, what, have, need});
                }
            }
        }
        const std::string power = d.value("power_source", "");
        if (power == "generator") {
            report.single_points.push_back({f.code, "power hangs on one generator"});
        } else if (power == "grid" && d.contains("power_substation")) {
            report.single_points.push_back(
                {f.code, fmt::format("power hangs on one substation ({})",
                                     d["power_substation"].get<std::string>())});
        }
        const NodeId node = f.snap_node[static_cast<std::size_t>(graph::TravelMode::Drive)];
        if (node.valid() && cuts.component[node.value] != cuts.main) {
            const EdgeId road = cuts.towards_main[cuts.component[node.value]];
            if (road.valid()) {
                const bool bridge = town.roads.edge_bridge[road].valid();
                report.single_points.push_back(
                    {f.code,
                     fmt::format("reached by car over one road only: OSM way {}{}",
                                 town.roads.edge_osm_way[road], bridge ? " (a bridge)" : "")});
            }
        }
    }
    return report;
}

OwnersReport owners_report(const Registry& registry) {
    OwnersReport report;
    std::map<std::string, OrgHoldings> orgs;
    auto org = [&](const std::string& name) -> OrgHoldings& {
        OrgHoldings& h = orgs[name];
        h.org = name;
        return h;
    };
    for (const auto& [key, entry] : registry.objects(Kind::Orgs)) {
        org(key).registered = true;
    }
    // Activities name the object they work on (#loc+code): its owner and funder.
    std::map<std::string, std::set<std::string>> activity_owner;
    std::map<std::string, std::set<std::string>> activity_funder;
    for (const auto& [key, entry] : registry.objects(Kind::Activities)) {
        const nlohmann::json& d = entry.data;
        OrgHoldings& h = org(d.value("org", ""));
        ++h.activities;
        const std::string object = d.value("object", "");
        if (!object.empty()) {
            activity_owner[object].insert(d.value("org", ""));
            h.owns.push_back(object);
            if (d.contains("funder")) {
                activity_funder[object].insert(d["funder"].get<std::string>());
                org(d["funder"].get<std::string>()).funds.push_back(object);
            }
        }
    }
    auto ext = [&](const Entry& entry, const std::string& key) {
        const std::string code = entry.data.value("ext_code", "");
        return code.empty() ? key : code;
    };
    for (const auto& [key, entry] : registry.objects(Kind::Facilities)) {
        const nlohmann::json& d = entry.data;
        const bool by_activity =
            activity_owner.contains(key) || activity_owner.contains(ext(entry, key));
        if (d.contains("operator")) {
            org(d["operator"].get<std::string>()).operates.push_back(key);
        } else if (!by_activity) {
            report.facilities_without_owner.push_back(key);
        }
        const std::vector<std::string> funders = strings(d, "funders");
        for (const std::string& funder : funders) {
            org(funder).funds.push_back(key);
        }
        if (funders.empty() && !activity_funder.contains(key) &&
            !activity_funder.contains(ext(entry, key))) {
            report.facilities_without_funder.push_back(key);
        }
    }
    for (const auto& [key, entry] : registry.objects(Kind::Hazards)) {
        const nlohmann::json& d = entry.data;
        if (d.contains("owner")) {
            org(d["owner"].get<std::string>()).owns.push_back(key);
        } else if (!activity_owner.contains(key)) {
            report.hazards_without_owner.push_back(key);
        }
        if (d.contains("funder")) {
            org(d["funder"].get<std::string>()).funds.push_back(key);
        } else if (!activity_funder.contains(key)) {
            report.hazards_without_funder.push_back(key);
        }
    }
    for (const auto& [key, entry] : registry.objects(Kind::Resources)) {
        org(entry.data.value("org", "")).resources[entry.data.value("type", "")] +=
            entry.data.value("count", std::int64_t{0});
    }
    for (const auto& [key, entry] : registry.objects(Kind::Funding)) {
        const nlohmann::json& d = entry.data;
        const std::string currency = d.value("currency", "");
        org(d.value("donor", "")).funding_given[currency] += d.value("amount", 0.0);
        if (d.contains("recipient")) {
            org(d["recipient"].get<std::string>()).funding_received[currency] +=
                d.value("amount", 0.0);
        }
    }
    for (auto& [name, holdings] : orgs) {
        if (!name.empty()) {
            report.orgs.push_back(std::move(holdings));
        }
    }
    return report;
}

namespace {

/// Finds the area an object lies in: by its own code for the level, else by position.
class AreaLocator {
public:
    // Containment does not depend on the projection's reference latitude (it only scales x), so
    // any will do.
    AreaLocator(const Registry& registry, int level)
        : projection_(0.0), builder_(projection_), field_(fmt::format("adm{}", level)) {
        for (const auto& [key, entry] : registry.objects(Kind::Population)) {
            const nlohmann::json& d = entry.data;
            if (d.value("level", 0) != level || !d.contains("geometry")) {
                continue;
            }
            codes_.push_back(d.value("pcode", key));
            shapes_.push_back(builder_.build(d["geometry"]));
            names_.push_back(d.value("name", ""));
        }
    }

    [[nodiscard]] std::size_t size() const noexcept { return codes_.size(); }
    [[nodiscard]] const std::string& code(std::size_t a) const { return codes_[a]; }
    [[nodiscard]] const std::string& name(std::size_t a) const { return names_[a]; }

    /// The area's index, or size() when the object is in none.
    [[nodiscard]] std::size_t locate(const nlohmann::json& data,
                                     std::optional<geo::Coord> where) const {
        if (const auto own = data.find(field_); own != data.end() && own->is_string()) {
            const auto found = std::find(codes_.begin(), codes_.end(), own->get<std::string>());
            if (found != codes_.end()) {
                return static_cast<std::size_t>(found - codes_.begin());
            }
        }
        if (!where && data.contains("lat") && data.contains("lon")) {
            where = geo::Coord::from_degrees(data["lon"].get<double>(), data["lat"].get<double>());
        }
        if (where) {
            const detail::XY p = builder_.at(*where);
            for (std::size_t a = 0; a < shapes_.size(); ++a) {
                if (detail::covers(shapes_[a], p)) {
                    return a;
                }
            }
        }
        return size();
    }

private:
    geo::LocalProjection projection_;
    detail::ShapeBuilder builder_;
    std::string field_; // the object's own code for this level: adm1, adm2...
    std::vector<std::string> codes_;
    std::vector<std::string> names_;
    std::vector<detail::Shape> shapes_;
};

} // namespace

AreaReport area_report(const Situation& situation, const Registry& registry, int level) {
    const AreaLocator locator(registry, level);
    AreaReport report;
    report.level = level;
    std::vector<AreaStatus> areas(locator.size() + 1);
    std::vector<std::set<std::string>> orgs(areas.size());
    for (std::size_t a = 0; a < locator.size(); ++a) {
        areas[a].pcode = locator.code(a);
        areas[a].name = locator.name(a);
    }
    const nlohmann::json none = nlohmann::json::object();
    for (const model::Facility& f : situation.town.facilities) {
        const Entry* entry = registry.find(Kind::Facilities, f.code);
        const nlohmann::json& d = entry != nullptr ? entry->data : none;
        const std::size_t a = locator.locate(d, f.location);
        const std::string code = d.value("functionality", "");
        if (entry == nullptr) {
            ++areas[a].no_status;
        } else if (code == "A3" || f.functioning == false) {
            ++areas[a].not_functioning;
        } else {
            ++(code == "A1" ? areas[a].fully : areas[a].partially);
        }
        if (d.contains("operator") && d["operator"].is_string()) {
            orgs[a].insert(d["operator"].get<std::string>());
        }
    }
    for (const auto& [key, entry] : registry.objects(Kind::Population)) {
        const nlohmann::json& d = entry.data;
        if (!d.contains("lat") || !d.contains("population")) {
            continue; // an admin area itself
        }
        const std::size_t a = locator.locate(d, std::nullopt);
        const double people = d["population"].get<double>();
        areas[a].people += people;
        areas[a].displaced += d.value("group", "") == "displaced" ? people : 0.0;
    }
    for (const auto& [key, entry] : registry.objects(Kind::Activities)) {
        const std::size_t a = locator.locate(entry.data, std::nullopt);
        ++areas[a].activities;
        if (entry.data.contains("org") && entry.data["org"].is_string()) {
            orgs[a].insert(entry.data["org"].get<std::string>());
        }
    }
    for (std::size_t a = 0; a < areas.size(); ++a) {
        areas[a].orgs.assign(orgs[a].begin(), orgs[a].end());
    }
    report.outside = std::move(areas.back());
    areas.pop_back();
    std::sort(areas.begin(), areas.end(),
              [](const AreaStatus& x, const AreaStatus& y) { return x.pcode < y.pcode; });
    report.areas = std::move(areas);
    return report;
}

} // namespace dayafter::registry
