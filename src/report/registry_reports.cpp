#include "dayafter/report/registry_reports.hpp"

#include <algorithm>
#include <set>

#include <fmt/format.h>

#include "dayafter/geo/geojson_shape.hpp"
#include "dayafter/graph/cut_edges.hpp"
#include "dayafter/util/error.hpp"

namespace dayafter::report {
namespace {

using model::Functionality;

ServiceStatus service_status(const snapshot::Snapshot& snapshot, const model::Service& service) {
    ServiceStatus s{service.name};
    for (FacilityId f{0}; f.value < snapshot.town().facilities.size(); ++f.value) {
        const model::Facility& facility = snapshot.town().facilities[f];
        if (!service.provides(facility.type)) {
            continue;
        }
        const model::FacilityStatus* status = snapshot.status(f);
        if (status == nullptr) {
            ++s.unknown;
            continue;
        }
        // One column each, so the columns add up to the facilities of the service: an A1 or A2
        // facility cut from power or water is counted as down, not also as fully or partially.
        if (status->functionality == Functionality::Not) {
            ++s.not_functioning;
        } else if (facility.functioning == false) {
            ++s.down_by_dependency;
        } else {
            ++(status->functionality == Functionality::Fully ? s.fully : s.partially);
        }
        for (const std::string& cause : status->causes) {
            ++s.causes[cause];
        }
    }
    return s;
}

void add_gaps(const std::string& code, const std::map<std::string, model::Count>& counts,
              std::vector<Gap>& out) {
    for (const auto& [what, count] : counts) {
        if (!count.have) {
            continue; // how many are present (working) is not known: no gap to show
        }
        const std::int64_t need = count.need.value_or(*count.have);
        if (*count.have < need) {
            out.push_back({code, what, *count.have, need});
        }
    }
}

void add_single_points(const snapshot::Snapshot& snapshot, const graph::CutEdges& cuts,
                       const model::Facility& f, const model::FacilityStatus& status,
                       std::vector<SinglePoint>& out) {
    if (status.power_source == "generator") {
        out.push_back({f.code, "power hangs on one generator"});
    } else if (status.power_source == "grid" && !status.power_substation.empty()) {
        out.push_back(
            {f.code, fmt::format("power hangs on one substation ({})", status.power_substation)});
    }
    const NodeId node = f.snap_node[static_cast<std::size_t>(graph::TravelMode::Drive)];
    if (!node.valid() || cuts.component[node.value] == cuts.main) {
        return;
    }
    const EdgeId road = cuts.towards_main[cuts.component[node.value]];
    if (road.valid()) {
        const graph::RoadNetwork& roads = snapshot.town().roads;
        out.push_back({f.code, fmt::format("reached by car over one road only: OSM way {}{}",
                                           roads.edge_osm_way[road],
                                           roads.edge_bridge[road].valid() ? " (a bridge)" : "")});
    }
}

} // namespace

StatusReport status_report(const snapshot::Snapshot& snapshot) {
    DAYAFTER_ASSERT(snapshot.holds(registry::Kind::Facilities) &&
                        snapshot.holds(registry::Kind::Hazards),
                    "status needs the statuses and hazards");
    StatusReport report;
    for (const model::Service& service : snapshot.config().services) {
        report.services.push_back(service_status(snapshot, service));
    }
    const bool any_status = !snapshot.reported().facilities.empty();
    const graph::CutEdges cuts =
        any_status ? graph::cut_edges(snapshot.town().roads) : graph::CutEdges{};
    for (FacilityId f{0}; f.value < snapshot.town().facilities.size(); ++f.value) {
        const model::Facility& facility = snapshot.town().facilities[f];
        const model::FacilityStatus* status = snapshot.status(f);
        if (status == nullptr) {
            continue;
        }
        if (facility.functioning == false) {
            report.down.emplace_back(facility.code, facility.down_because);
        }
        add_gaps(facility.code, status->staff, report.staff);
        add_gaps(facility.code, status->equipment, report.equipment);
        add_single_points(snapshot, cuts, facility, *status, report.single_points);
    }
    return report;
}

namespace {

/// Organisations by name, each filled as the registry names it.
class Holdings {
public:
    OrgHoldings& operator[](const std::string& name) {
        OrgHoldings& h = orgs_[name];
        h.org = name;
        return h;
    }
    /// The organisations with a name, each object listed once: a funder may fund an object
    /// both in its own row and through an activity on it.
    std::vector<OrgHoldings> named() && {
        std::vector<OrgHoldings> out;
        for (auto& [name, holdings] : orgs_) {
            if (!name.empty()) {
                for (std::vector<std::string>* list :
                     {&holdings.operates, &holdings.owns, &holdings.funds}) {
                    std::sort(list->begin(), list->end());
                    list->erase(std::unique(list->begin(), list->end()), list->end());
                }
                out.push_back(std::move(holdings));
            }
        }
        return out;
    }

private:
    std::map<std::string, OrgHoldings> orgs_;
};

/// Activities name the object they work on (#loc+code): its owner and funder.
struct ByActivity {
    std::set<std::string> owned;
    std::set<std::string> funded;
    [[nodiscard]] bool owns(const std::string& a, const std::string& b) const {
        return owned.contains(a) || owned.contains(b);
    }
    [[nodiscard]] bool funds(const std::string& a, const std::string& b) const {
        return funded.contains(a) || funded.contains(b);
    }
};

ByActivity add_activities(const snapshot::Reported& reported, Holdings& orgs) {
    // An activity may name a facility by the partner's code: list it under the project's, as the
    // facility's own row does, so that one object is not two.
    std::map<std::string, std::string> by_ext_code;
    for (const auto& [key, s] : reported.facilities) {
        if (!s.ext_code.empty()) {
            by_ext_code.emplace(s.ext_code, key);
        }
    }
    ByActivity by;
    for (const model::Activity& a : reported.activities) {
        OrgHoldings& h = orgs[a.org];
        ++h.activities;
        if (a.object.empty()) {
            continue;
        }
        const auto ext = by_ext_code.find(a.object);
        const std::string& object = ext == by_ext_code.end() ? a.object : ext->second;
        by.owned.insert(a.object);
        h.owns.push_back(object);
        if (!a.funder.empty()) {
            by.funded.insert(a.object);
            orgs[a.funder].funds.push_back(object);
        }
    }
    return by;
}

void add_money_and_means(const snapshot::Reported& reported, Holdings& orgs) {
    for (const model::Resource& r : reported.resources) {
        orgs[r.org].resources[r.type] += r.count;
    }
    for (const model::Funding& f : reported.funding) {
        orgs[f.donor].funding_given[f.currency] += f.amount;
        if (!f.recipient.empty()) {
            orgs[f.recipient].funding_received[f.currency] += f.amount;
        }
    }
}

} // namespace

OwnersReport owners_report(const snapshot::Snapshot& snapshot) {
    DAYAFTER_ASSERT(snapshot.holds(registry::Kind::Orgs) &&
                        snapshot.holds(registry::Kind::Activities) &&
                        snapshot.holds(registry::Kind::Funding),
                    "owners needs every kind that names an owner");
    const snapshot::Reported& reported = snapshot.reported();
    OwnersReport report;
    Holdings orgs;
    for (const model::Org& org : reported.orgs) {
        orgs[org.key].registered = true;
    }
    const ByActivity by_activity = add_activities(reported, orgs);
    for (const auto& [key, s] : reported.facilities) {
        const std::string& ext = s.ext_code.empty() ? key : s.ext_code;
        if (!s.operator_org.empty()) {
            orgs[s.operator_org].operates.push_back(key);
        } else if (!by_activity.owns(key, ext)) {
            report.facilities_without_owner.push_back(key);
        }
        for (const std::string& funder : s.funders) {
            orgs[funder].funds.push_back(key);
        }
        if (s.funders.empty() && !by_activity.funds(key, ext)) {
            report.facilities_without_funder.push_back(key);
        }
    }
    for (const model::Hazard& h : reported.hazards) {
        if (!h.owner.empty()) {
            orgs[h.owner].owns.push_back(h.key);
        } else if (!by_activity.owns(h.key, h.key)) {
            report.hazards_without_owner.push_back(h.key);
        }
        if (!h.funder.empty()) {
            orgs[h.funder].funds.push_back(h.key);
        } else if (!by_activity.funds(h.key, h.key)) {
            report.hazards_without_funder.push_back(h.key);
        }
    }
    add_money_and_means(reported, orgs);
    report.orgs = std::move(orgs).named();
    return report;
}

namespace {

/// Finds the area an object lies in: by its own code for the level, else by position.
class AreaLocator {
public:
    // Containment does not depend on the projection's reference latitude (it only scales x), so
    // any will do.
    AreaLocator(const snapshot::Reported& reported, int level)
        : projection_(0.0), builder_(projection_), level_(level) {
        for (const model::AdminArea& area : reported.areas) {
            if (area.level == level) {
                codes_.push_back(area.pcode);
                shapes_.push_back(builder_.build(area.geometry));
                names_.push_back(area.name);
            }
        }
    }

    [[nodiscard]] std::size_t size() const noexcept { return codes_.size(); }
    [[nodiscard]] const std::string& code(std::size_t a) const { return codes_[a]; }
    [[nodiscard]] const std::string& name(std::size_t a) const { return names_[a]; }

    /// The area's index, or size() when the object is in none.
    [[nodiscard]] std::size_t locate(const model::AdminCodes& own,
                                     std::optional<geo::Coord> where) const {
        const std::string& code = own[static_cast<std::size_t>(level_ - 1)];
        if (const auto found = std::find(codes_.begin(), codes_.end(), code);
            !code.empty() && found != codes_.end()) {
            return static_cast<std::size_t>(found - codes_.begin());
        }
        if (where) {
            const geo::XY p = builder_.at(*where);
            for (std::size_t a = 0; a < shapes_.size(); ++a) {
                if (geo::covers(shapes_[a], p)) {
                    return a;
                }
            }
        }
        return size();
    }

private:
    geo::LocalProjection projection_;
    geo::ShapeBuilder builder_;
    int level_;
    std::vector<std::string> codes_;
    std::vector<std::string> names_;
    std::vector<geo::Shape> shapes_;
};

void count_facility(const model::Facility& f, const model::FacilityStatus* status,
                    AreaStatus& area) {
    if (status == nullptr) {
        ++area.no_status;
    } else if (status->functionality == Functionality::Not || f.functioning == false) {
        ++area.not_functioning;
    } else {
        ++(status->functionality == Functionality::Fully ? area.fully : area.partially);
    }
}

} // namespace

AreaReport area_report(const snapshot::Snapshot& snapshot, int level) {
    DAYAFTER_ASSERT(snapshot.holds(registry::Kind::Population) &&
                        snapshot.holds(registry::Kind::Activities),
                    "areas need the population and the activities");
    const snapshot::Reported& reported = snapshot.reported();
    const AreaLocator locator(reported, level);
    std::vector<AreaStatus> areas(locator.size() + 1);
    std::vector<std::set<std::string>> orgs(areas.size());
    for (std::size_t a = 0; a < locator.size(); ++a) {
        areas[a].pcode = locator.code(a);
        areas[a].name = locator.name(a);
    }
    for (FacilityId f{0}; f.value < snapshot.town().facilities.size(); ++f.value) {
        const model::Facility& facility = snapshot.town().facilities[f];
        const model::FacilityStatus* status = snapshot.status(f);
        const model::AdminCodes own =
            status != nullptr ? model::AdminCodes{status->adm1, status->adm2} : model::AdminCodes{};
        const std::size_t a = locator.locate(own, facility.location);
        count_facility(facility, status, areas[a]);
        if (status != nullptr && !status->operator_org.empty()) {
            orgs[a].insert(status->operator_org);
        }
    }
    for (const model::PopulationPoint& point : reported.population) {
        const std::size_t a = locator.locate(point.adm, point.location);
        areas[a].people += point.population;
        areas[a].displaced += point.group == "displaced" ? point.population : 0.0;
    }
    for (const model::Activity& activity : reported.activities) {
        const std::size_t a = locator.locate(activity.adm, activity.location);
        ++areas[a].activities;
        if (!activity.org.empty()) {
            orgs[a].insert(activity.org);
        }
    }
    for (std::size_t a = 0; a < areas.size(); ++a) {
        areas[a].orgs.assign(orgs[a].begin(), orgs[a].end());
    }
    AreaReport report;
    report.level = level;
    report.outside = std::move(areas.back());
    areas.pop_back();
    std::sort(areas.begin(), areas.end(),
              [](const AreaStatus& x, const AreaStatus& y) { return x.pcode < y.pcode; });
    report.areas = std::move(areas);
    return report;
}

} // namespace dayafter::report
