// A facility's status as partners report it (HeRAMS): functionality, damage, the causes of a
// shortfall, staff and equipment counts, what it depends on for power and water, and who runs
// and pays for it. Decoded from the registry's stored versions in one place
// (snapshot/decode.hpp); a field nobody reported is empty.
//
//     if (status.functionality == Functionality::Partially) { status.causes; status.staff; }
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "dayafter/geo/coord.hpp"
#include "dayafter/model/facility.hpp"

namespace dayafter::model {

/// HeRAMS functionality: A1 fully, A2 partially, A3 not functioning.
enum class Functionality : std::uint8_t { Fully, Partially, Not };
[[nodiscard]] std::string_view herams_code(Functionality functionality) noexcept;

/// Present (working) of needed (in total); each may be unknown.
struct Count {
    std::optional<std::int64_t> have;
    std::optional<std::int64_t> need;
};

struct FacilityStatus {
    std::string key;      // the facility's code in the project
    std::string ext_code; // the partner's own code
    std::string name;
    std::optional<FacilityType> type;
    std::optional<geo::Coord> location;    // when the row gave one
    bool added = false;                    // reported but not on the map: added to the town
    std::optional<double> capacity_people; // people it can serve; none: the service's figure
    Functionality functionality = Functionality::Not;
    std::string damage;              // HeRAMS building condition A1..A5
    std::string equipment_condition; // HeRAMS equipment condition A1..A5
    std::string access;              // HeRAMS accessibility A1..A3
    std::vector<std::string> causes; // staff, finances, physical_access, equipment, supplies
    std::string operator_org;
    std::vector<std::string> funders;
    std::string adm1;
    std::string adm2;
    std::string power_source;               // grid, generator, grid+generator, solar, none
    std::string power_substation;           // the substation's code, for grid power
    std::string generator;                  // working, broken, no_fuel, none
    std::string water_source;               // network, trucked, well, none
    std::string water_facility;             // the works' code, for network water
    std::map<std::string, Count> staff;     // per role: present of needed
    std::map<std::string, Count> equipment; // per kind: working of total
    std::string reported;                   // ISO date of the latest version
    std::string source;
};

} // namespace dayafter::model
