// What `dayafter status` and `dayafter owners` print, as data, from a snapshot.
//
//     const StatusReport status = status_report(snapshot);
//     const OwnersReport owners = owners_report(snapshot);
//     const AreaReport by_governorate = area_report(snapshot, 1);
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <span>
#include <string>
#include <vector>

#include "dayafter/snapshot/snapshot.hpp"

namespace dayafter::report {

struct ServiceStatus {
    std::string service;
    // Exclusive: the five counts add up to the service's facilities. `area_report`'s
    // not_functioning is not_functioning + down_by_dependency here.
    std::uint32_t fully = 0;                     // A1 with power and water
    std::uint32_t partially = 0;                 // A2 with power and water
    std::uint32_t not_functioning = 0;           // A3
    std::uint32_t down_by_dependency = 0;        // A1/A2 but without power or water
    std::uint32_t unknown = 0;                   // no status loaded
    std::map<std::string, std::uint32_t> causes; // cause -> facilities naming it (any rank)
};

struct Gap {
    std::string facility;
    std::string what;      // "doctors" or "dialysis"
    std::int64_t have = 0; // present / working
    std::int64_t need = 0; // needed / total
};

struct SinglePoint {
    std::string facility;
    std::string reason; // "power hangs on one generator", "one road: OSM way 123 (bridge)"
};

struct StatusReport {
    std::vector<ServiceStatus> services;
    std::vector<std::pair<std::string, std::string>> down; // facility, why
    std::vector<Gap> staff;
    std::vector<Gap> equipment;
    std::vector<SinglePoint> single_points;
};

/// Facilities by service (those of the snapshot's configuration) and functionality, causes, gaps
/// and single points of failure.
[[nodiscard]] StatusReport status_report(const snapshot::Snapshot& snapshot);

struct OrgHoldings {
    std::string org;
    bool registered = false;           // listed by `load orgs`
    std::vector<std::string> operates; // facilities
    std::vector<std::string> owns;     // hazards and activity objects
    std::vector<std::string> funds;    // facilities, hazards, activities
    std::uint32_t activities = 0;
    std::map<std::string, std::int64_t> resources; // type -> count
    std::map<std::string, double> funding_given;   // currency -> amount
    std::map<std::string, double> funding_received;
};

struct OwnersReport {
    std::vector<std::string> facilities_without_owner; // with a status, no operator, no activity
    std::vector<std::string> facilities_without_funder;
    std::vector<std::string> hazards_without_owner;
    std::vector<std::string> hazards_without_funder;
    std::vector<OrgHoldings> orgs;
};

[[nodiscard]] OwnersReport owners_report(const snapshot::Snapshot& snapshot);

/// One admin area's share of the picture.
struct AreaStatus {
    std::string pcode;
    std::string name;
    // Exclusive, as in ServiceStatus, with its not_functioning and down_by_dependency together.
    std::uint32_t fully = 0;           // facilities A1 with power and water
    std::uint32_t partially = 0;       // A2 with power and water
    std::uint32_t not_functioning = 0; // A3, or down for want of power or water
    std::uint32_t no_status = 0;       // mapped facilities with no status loaded
    double people = 0;                 // loaded population points (residents and displaced)
    double displaced = 0;
    std::uint32_t activities = 0;  // 3W activities
    std::vector<std::string> orgs; // operating a facility or running an activity here, sorted
};

struct AreaReport {
    int level = 1;
    std::vector<AreaStatus> areas; // by P-code
    AreaStatus outside;            // what lies in no area of that level
};

/// Facilities, people and 3W activities per loaded admin area of `level` (1 to 4). An object is
/// in the area its own `adm1`/`adm2` code names (levels 1 and 2), else in the area its position
/// falls in. No areas of that level loaded: `areas` is empty and everything is `outside`.
[[nodiscard]] AreaReport area_report(const snapshot::Snapshot& snapshot, int level);

} // namespace dayafter::report
