#include "dayafter/plan/tasks.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>

#include <fmt/format.h>

#include "dayafter/geo/geojson_shape.hpp"
#include "dayafter/plan/calendar.hpp"
#include "dayafter/util/error.hpp"
#include "reach.hpp"

namespace dayafter::plan {
namespace {

using model::TaskKind;

Day whole_days(double days) {
    return days <= 0 ? 0 : static_cast<Day>(std::ceil(days - 1e-9));
}

double lookup(const std::map<std::string, double>& table, const std::string& key) {
    const auto it = table.find(key);
    if (it != table.end()) {
        return it->second;
    }
    const auto fallback = table.find("default");
    return fallback == table.end() ? 0 : fallback->second;
}

std::string facility_label(const model::Facility& facility) {
    return facility.name.empty() ? facility.code
                                 : fmt::format("{} ({})", facility.name, facility.code);
}

class Deriver {
public:
    Deriver(const snapshot::Snapshot& snapshot, const TaskOptions& options)
        : snapshot_(snapshot), rules_(snapshot.config().work), options_(options),
          projection_(snapshot.town().roads.node_coord.empty()
                          ? 0.0
                          : snapshot.town().roads.node_coord[NodeId{0}].lat()),
          builder_(projection_) {
        list_.currency = rules_.currency;
        for (const model::Activity& a : snapshot.reported().activities) {
            if (!a.object.empty()) {
                activities_[a.object].push_back(&a);
            }
        }
    }

    TaskList run() {
        hazards();
        facilities();
        for (Task& task : list_.tasks) {
            apply_insecurity(task);
        }
        add_reach_predecessors(snapshot_, list_);
        return std::move(list_);
    }

private:
    // ---- hazards ----------------------------------------------------------------------------
    void hazards() {
        const auto& reported = snapshot_.reported().hazards;
        const auto& impacts = snapshot_.hazard_effects().hazards;
        std::map<EdgeId, std::vector<std::uint32_t>> edge_tasks;
        std::vector<EdgeId> never; // blocked by insecurity: no task opens them
        for (std::size_t h = 0; h < reported.size(); ++h) {
            const model::Hazard& hazard = reported[h];
            const std::vector<EdgeId>& edges = impacts[h].edges;
            if (hazard.kind == model::HazardKind::Insecure) {
                insecure_.push_back({&hazard, shape(hazard)});
                never.insert(never.end(), edges.begin(), edges.end());
                continue;
            }
            for (const std::uint32_t t : hazard_tasks(hazard, edges)) {
                for (const EdgeId e : edges) {
                    if (list_.tasks[t].kind != TaskKind::RepairBridge ||
                        hazard.destroyed == false) {
                        edge_tasks[e].push_back(t);
                    }
                }
            }
        }
        for (const EdgeId e : never) {
            edge_tasks.erase(e);
        }
        list_.edge_tasks.assign(edge_tasks.begin(), edge_tasks.end());
    }

    std::vector<std::uint32_t> hazard_tasks(const model::Hazard& hazard,
                                            const std::vector<EdgeId>& edges) {
        const geo::Shape where = shape(hazard);
        const std::optional<geo::Coord> at = place(hazard, where, edges);
        if (!at) {
            list_.notes.push_back(fmt::format(
                "{}: a {} hazard with no geometry and no road of the town to put it on: no work "
                "is planned for it",
                hazard.key, model::to_string(hazard.kind)));
            return {};
        }
        Task task = base_task(hazard.key, *at, hazard.owner, hazard.funder);
        std::vector<std::uint32_t> made;
        if (hazard.kind == model::HazardKind::Contamination) {
            task.kind = TaskKind::Demine;
            task.amount = area_m2(where);
            task.unit = "m²";
            made.push_back(add(std::move(task)));
            mined_.push_back({made.back(), where, edges});
        } else if (hazard.kind == model::HazardKind::Rubble) {
            task.kind = TaskKind::ClearRubble;
            task.amount = rubble_m3(hazard, where);
            task.unit = "m³";
            task.after = demining_before(task.location, edges);
            made.push_back(add(std::move(task)));
        } else if (hazard.kind == model::HazardKind::Bridge) {
            task.after = demining_before(task.location, edges);
            task.amount = 1;
            task.unit = "bridge";
            if (hazard.destroyed) {
                Task crossing = task;
                crossing.kind = TaskKind::TemporaryCrossing;
                made.push_back(add(std::move(crossing)));
                task.after = {made.back()};
            }
            task.kind = TaskKind::RepairBridge;
            made.push_back(add(std::move(task)));
        }
        return made;
    }

    double rubble_m3(const model::Hazard& hazard, const geo::Shape& where) const {
        if (hazard.volume_m3) {
            return *hazard.volume_m3;
        }
        const std::string damage = hazard.damage.empty() ? "severe" : hazard.damage;
        if (!where.polygons.empty()) {
            return area_m2(where) * lookup(rules_.rubble_depth_m, damage);
        }
        return lookup(rules_.rubble_point_m3, damage) *
               static_cast<double>(std::max<std::size_t>(1, where.points.size()));
    }

    /// Demining comes before any other work in a mined area or on its roads.
    std::vector<std::uint32_t> demining_before(geo::Coord at, const std::vector<EdgeId>& edges) {
        std::vector<std::uint32_t> before;
        for (const Mined& m : mined_) {
            const bool shares_edge = std::any_of(edges.begin(), edges.end(), [&](EdgeId e) {
                return std::find(m.edges.begin(), m.edges.end(), e) != m.edges.end();
            });
            if (shares_edge || geo::covers(m.shape, builder_.at(at))) {
                before.push_back(m.task);
            }
        }
        return before;
    }

    void apply_insecurity(Task& task) {
        for (const auto& [hazard, where] : insecure_) {
            if (!geo::covers(where, builder_.at(task.location))) {
                continue;
            }
            const auto until = rules_.insecure_until.find(hazard->key);
            if (until == rules_.insecure_until.end()) {
                task.impossible = fmt::format("in insecure area {} with no date when work may "
                                              "start (work.insecure_until)",
                                              hazard->key);
            } else {
                task.release =
                    std::max(task.release, days_between(options_.start, until->second,
                                                        "work.insecure_until." + hazard->key));
            }
        }
    }

    // ---- facilities -------------------------------------------------------------------------
    void facilities() {
        const model::Town& town = snapshot_.town();
        std::map<std::string, FacilityId> by_code;
        for (std::uint32_t f = 0; f < town.facilities.size(); ++f) {
            by_code[town.facilities[FacilityId{f}].code] = FacilityId{f};
        }
        for (const auto& [code, status] : snapshot_.reported().facilities) {
            const auto id = by_code.find(code);
            if (id != by_code.end()) {
                facility(id->second, status);
            }
        }
    }

    void facility(FacilityId id, const model::FacilityStatus& status) {
        const model::Facility& facility = snapshot_.town().facilities[id];
        const std::string type = std::string(model::to_string(facility.type));
        FacilityNeeds needs{.facility = id,
                            .code = facility.code,
                            .own_ok = status.functionality != model::Functionality::Not,
                            .power_source = status.power_source,
                            .substation = status.power_substation,
                            .generator_ok =
                                status.generator.empty() || status.generator == "working",
                            .water_source = status.water_source,
                            .water_facility = status.water_facility};
        const std::string funder = status.funders.empty() ? "" : status.funders.front();
        Task base = base_task(facility.code, facility.location, status.operator_org, funder);
        base.facility = id;
        auto make = [&](TaskKind kind, double amount, std::string unit) {
            Task task = base;
            task.kind = kind;
            task.amount = amount;
            task.unit = std::move(unit);
            task.after = demining_before(facility.location, {});
            return task;
        };
        std::vector<std::uint32_t> chain; // building -> power/water -> equipment -> staff
        auto push = [&](Task task, bool own) {
            task.after.insert(task.after.end(), chain.begin(), chain.end());
            const std::uint32_t t = add(std::move(task));
            chain = {t};
            if (own) {
                needs.own.push_back(t);
            }
            return t;
        };
        const bool down = !needs.own_ok;
        if (type == "substation" && down) {
            push(make(TaskKind::RestorePower, 1, "substation"), true);
        } else if (type == "water_works" && down) {
            push(make(TaskKind::RestoreWater, 1, "works"), true);
        } else if (const auto repair = rules_.building.find(status.damage);
                   repair != rules_.building.end()) {
            Task task = make(TaskKind::RepairBuilding, 1, "building");
            task.days = whole_days(repair->second.days);
            task.cost = repair->second.cost * lookup(rules_.size_factor, type);
            push(std::move(task), down);
        }
        if (!needs.generator_ok && status.power_source.find("generator") != std::string::npos) {
            needs.generator_task = push(make(TaskKind::RestorePower, 1, "generator"), false);
        }
        gaps(status, make, push, down);
        if (down && needs.own.empty()) {
            list_.notes.push_back(fmt::format(
                "{}: not functioning, and nothing reported (building damage, equipment or staff "
                "gaps) gives a repair to plan",
                facility_label(facility)));
        }
        list_.facilities.push_back(std::move(needs));
    }

    template <typename Make, typename Push>
    void gaps(const model::FacilityStatus& status, Make& make, Push& push, bool down) {
        double units = 0;
        double cost = 0;
        for (const auto& [kind, count] : status.equipment) {
            const double gap = count.need && count.have ? double(*count.need - *count.have) : 0;
            units += std::max(0.0, gap);
            cost += std::max(0.0, gap) * lookup(rules_.equipment_cost, kind);
        }
        if (units > 0) {
            Task task = make(TaskKind::RepairEquipment, units, "units");
            task.cost = cost;
            push(std::move(task), down);
        }
        double staff = 0;
        double salaries = 0;
        const double months = options_.horizon / 30.4;
        for (const auto& [role, count] : status.staff) {
            const double gap = count.need && count.have ? double(*count.need - *count.have) : 0;
            staff += std::max(0.0, gap);
            salaries += std::max(0.0, gap) * lookup(rules_.salary_per_month, role) * months;
        }
        if (staff > 0) {
            Task task = make(TaskKind::Staff, staff, "staff");
            task.cost = salaries;
            push(std::move(task), down);
        }
    }

    // ---- common -----------------------------------------------------------------------------
    Task base_task(const std::string& object, geo::Coord at, const std::string& owner,
                   const std::string& funder) const {
        Task task;
        task.object = object;
        task.location = at;
        task.owner = owner;
        task.funder = funder;
        return task;
    }

    /// Duration and cost from the rules, the title, and what a 3W activity on the object says.
    std::uint32_t add(Task task) {
        const model::KindRule& rule = rules_.kind(task.kind);
        if (task.days == 0) {
            task.days = rule.rate > 0 ? whole_days(task.amount / rule.rate) : whole_days(rule.days);
        }
        task.days = std::max<Day>(task.days, 1);
        if (task.cost == 0) {
            task.cost = rule.cost + rule.cost_per_unit * (rule.rate > 0 ? task.amount : 0);
        }
        task.release = std::max(task.release, whole_days(rule.lead_days));
        task.title = fmt::format("{}: {}", model::task_title(task.kind), title_of(task));
        under_way(task);
        list_.tasks.push_back(std::move(task));
        return static_cast<std::uint32_t>(list_.tasks.size() - 1);
    }

    std::string title_of(const Task& task) const {
        if (task.facility) {
            return facility_label(snapshot_.town().facilities[*task.facility]);
        }
        return task.object;
    }

    void under_way(Task& task) {
        const auto found = activities_.find(task.object);
        if (found == activities_.end()) {
            return;
        }
        for (const model::Activity* a : found->second) {
            if (task.owner.empty()) {
                task.owner = a->org;
            }
            if (task.funder.empty()) {
                task.funder = a->funder;
            }
            if (a->status == "completed" || a->status == "ongoing") {
                task.activity = a->key;
                task.busy_until =
                    a->status == "completed" || a->end.empty()
                        ? 0
                        : std::max<Day>(0, days_between(options_.start, a->end,
                                                        "activity " + a->key + " end date"));
            }
        }
    }

    geo::Shape shape(const model::Hazard& hazard) const {
        return hazard.geometry.is_object() ? builder_.build(hazard.geometry) : geo::Shape{};
    }
    static bool is_empty(const geo::Shape& s) {
        return s.box.min_corner().x() > s.box.max_corner().x();
    }
    /// The middle of a shape's box; the shape is not empty.
    geo::Coord centre(const geo::Shape& s) const {
        return projection_.unproject((s.box.min_corner().x() + s.box.max_corner().x()) / 2,
                                     (s.box.min_corner().y() + s.box.max_corner().y()) / 2);
    }
    /// Where the work on a hazard is: the middle of its geometry; without one (a bridge or a road
    /// given by its OSM way), halfway along the road edges it acts on, else along its way's
    /// edges; nothing when the hazard has neither.
    std::optional<geo::Coord> place(const model::Hazard& hazard, const geo::Shape& where,
                                    const std::vector<EdgeId>& edges) const {
        if (!is_empty(where)) {
            return centre(where);
        }
        if (!edges.empty()) {
            return halfway(edges);
        }
        if (!hazard.osm_way) {
            return std::nullopt;
        }
        const graph::RoadNetwork& net = snapshot_.town().roads;
        std::vector<EdgeId> own;
        for (EdgeId e{0}; e.value < net.edge_count(); ++e.value) {
            if (net.edge_osm_way[e] == *hazard.osm_way) {
                own.push_back(e);
            }
        }
        return own.empty() ? std::nullopt : std::optional<geo::Coord>(halfway(own));
    }
    /// The point halfway along the edges' geometry, taken one edge after the other: on one of
    /// them, in the middle of a way whose edges are given in order.
    geo::Coord halfway(const std::vector<EdgeId>& edges) const {
        const graph::RoadNetwork& net = snapshot_.town().roads;
        const auto length = [this](geo::Coord a, geo::Coord b) {
            return std::hypot(projection_.x(b) - projection_.x(a),
                              projection_.y(b) - projection_.y(a));
        };
        double total_m = 0;
        for (const EdgeId e : edges) {
            const auto line = net.geometry(e);
            for (std::size_t p = 1; p < line.size(); ++p) {
                total_m += length(line[p - 1], line[p]);
            }
        }
        double left_m = total_m / 2;
        for (const EdgeId e : edges) {
            const auto line = net.geometry(e);
            for (std::size_t p = 1; p < line.size(); ++p) {
                const double step_m = length(line[p - 1], line[p]);
                if (step_m > 0 && left_m <= step_m) {
                    const double t = left_m / step_m;
                    return projection_.unproject(
                        projection_.x(line[p - 1]) +
                            t * (projection_.x(line[p]) - projection_.x(line[p - 1])),
                        projection_.y(line[p - 1]) +
                            t * (projection_.y(line[p]) - projection_.y(line[p - 1])));
                }
                left_m -= step_m;
            }
        }
        return net.geometry(edges.back()).back(); // no length at all, or rounding at the end
    }
    static double area_m2(const geo::Shape& s) {
        double area = 0;
        for (const geo::Polygon& p : s.polygons) {
            area += std::abs(geo::bg::area(p));
        }
        return area;
    }

    struct Mined {
        std::uint32_t task;
        geo::Shape shape;
        std::vector<EdgeId> edges;
    };

    const snapshot::Snapshot& snapshot_;
    const model::WorkRules& rules_;
    TaskOptions options_;
    geo::LocalProjection projection_;
    geo::ShapeBuilder builder_;
    std::map<std::string, std::vector<const model::Activity*>> activities_;
    std::vector<Mined> mined_;
    std::vector<std::pair<const model::Hazard*, geo::Shape>> insecure_;
    TaskList list_;
};

} // namespace

TaskList derive_tasks(const snapshot::Snapshot& snapshot, const TaskOptions& options) {
    return Deriver(snapshot, options).run();
}

} // namespace dayafter::plan
