// The repair work a snapshot calls for, derived from what the registry reports: mined areas to
// clear, rubble on the roads, destroyed bridges to cross and repair, facilities to repair, to
// power, to supply with water, to equip and to staff. Each task has a place, an amount of work,
// a duration for one crew (model/work.hpp rates), a cost in the planning currency, the owner and
// funder the registry names (or none), the tasks that must come first, and what it restores:
// road edges that open once every task on them is done, a facility that functions again.
//
// Order on a site: demine -> clear -> repair -> power/water -> equipment -> staff. A site must be
// reachable by road from the crews' base over the network as it is then: the base is the largest
// part of the road network still connected by car (resources have no positions yet: an
// ASSUMPTION stated in the plan), and the blocked edges on the way to a site (the fewest to
// clear) make their tasks predecessors. Work in an insecure area waits for the date
// `work.insecure_until` gives, or cannot be done.
//
//     const TaskList tasks = derive_tasks(snapshot, {.start = "2018-01-01", .horizon = 180});
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "dayafter/geo/coord.hpp"
#include "dayafter/model/work.hpp"
#include "dayafter/plan/schedule.hpp"
#include "dayafter/snapshot/snapshot.hpp"

namespace dayafter::plan {

struct Task {
    model::TaskKind kind = model::TaskKind::ClearRubble;
    std::string object; // the hazard's key or the facility's code
    std::string
        title; // for people: "Clear rubble: RB-001", "Repair building: La Palmosa (MC-H-005)"
    geo::Coord location;
    double amount = 0;
    std::string unit;   // m², m³, bridge, building, units, staff
    Day days = 0;       // with one crew
    double cost = 0;    // in the planning currency
    Day release = 0;    // days after the start: procurement, an insecure area's date
    std::string owner;  // from the registry; empty: nobody
    std::string funder; // from the registry; empty: nobody named
    /// Not empty: it cannot be done at all (an insecure area without a date, no road to it).
    std::string impossible;
    std::vector<std::uint32_t> after; // tasks that must be done first
    std::optional<FacilityId> facility;
    /// A 3W activity under way on the object: its organisation keeps a crew until `busy_until`.
    std::string activity;
    Day busy_until = 0;
};

/// What a facility needs to function again (mirrors the snapshot's rule: own functionality,
/// then power and water through the facilities it depends on).
struct FacilityNeeds {
    FacilityId facility;
    std::string code;
    bool own_ok = true;             // functions in itself now (A1/A2)
    std::vector<std::uint32_t> own; // tasks that make it function in itself; empty: none known
    std::string power_source;       // grid, generator, grid+generator, ...
    std::string substation;         // code
    bool generator_ok = true;
    std::optional<std::uint32_t> generator_task;
    std::string water_source;
    std::string water_facility; // code
};

struct TaskList {
    std::vector<Task> tasks;
    /// Per edge a hazard blocks or slows, the tasks that must all be done for it to open; an
    /// edge no task can open (insecure) is absent.
    std::vector<std::pair<EdgeId, std::vector<std::uint32_t>>> edge_tasks;
    std::vector<FacilityNeeds> facilities; // every facility with a status
    std::vector<std::string> notes;        // what could not be turned into a task, and why
    std::string currency;
};

struct TaskOptions {
    std::string start; // ISO date of day 0: the snapshot's date, else today's
    Day horizon = 180;
};

/// Throws InputError when money or a rate is in a currency without an exchange rate, or an
/// insecure area's date is not a date.
[[nodiscard]] TaskList derive_tasks(const snapshot::Snapshot& snapshot, const TaskOptions& options);

} // namespace dayafter::plan
