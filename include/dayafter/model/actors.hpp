// Who does what where (3W): organisations, the crews and machines they field, money from donors,
// activities, and the admin areas (P-codes) and population points they are counted in. Plain
// values decoded from the registry in one place (snapshot/decode.hpp); a field nobody reported is
// empty.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "dayafter/geo/coord.hpp"

namespace dayafter::model {

/// Admin codes by level (adm1 ... adm4); empty where not given.
using AdminCodes = std::array<std::string, 4>;

struct Org {
    std::string key; // its code, else its name
    std::string name;
    std::string type; // un, ngo, local_authority, government, ...
    std::vector<std::string> sectors;
};

struct Resource {
    std::string key;
    std::string org;
    std::string type; // demining_team, excavator, truck, ...
    std::string name;
    std::int64_t count = 0;
    std::string start;
    std::string end;
    AdminCodes adm;
    std::string entry_point; // the border crossing or aid hub it arrives through; empty: here
};

struct Funding {
    std::string key;
    std::string donor;
    std::string recipient;
    std::string window; // stabilization, reconstruction, humanitarian, development
    double amount = 0;
    std::string currency;
    std::string sector;
    std::string start;
    std::string end;
};

struct Activity {
    std::string key;
    std::string org;
    std::string funder;
    std::string sector;
    std::string name;
    std::string place;
    std::string object; // the facility or hazard it works on
    std::optional<geo::Coord> location;
    std::string status; // planned, ongoing, completed, suspended, cancelled
    std::string start;
    std::string end;
    std::optional<std::int64_t> targeted;
    std::optional<std::int64_t> reached;
    std::optional<double> budget;
    std::string currency;
    AdminCodes adm;
};

struct AdminArea {
    std::string key;
    std::string pcode;
    int level = 1;
    std::string name;
    std::string parent;
    nlohmann::json geometry; // GeoJSON geometry (RFC 7946)
};

/// People counted in an admin area (a row of an OCHA COD-PS table or an IOM DTM list), with no
/// position of their own: the snapshot spreads them over the area's buildings.
struct AreaCount {
    std::string key; // area:<pcode>:<group>
    std::string pcode;
    double population = 0;
    std::string group; // residents, displaced
    std::string name;
};

/// People counted at a point: a district, a camp, a raster cell.
struct PopulationPoint {
    std::string key;
    std::string name;
    geo::Coord location;
    double population = 0;
    std::string group; // residents, displaced
    std::string site;  // home, camp, collective_centre, informal_settlement
    AdminCodes adm;
};

} // namespace dayafter::model
