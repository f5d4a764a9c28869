// A what-if as its author wrote it: named changes to roads, facilities, utilities, people,
// resources, money and entry points, in file order, with `extends` already resolved (the base's
// changes first). Plain values; io/scenario_file.hpp reads them, the snapshot turns them into an
// overlay (checking that what they name exists). Work in progress for the what-if issue (#12).
//
//     {"name": "bridges", "changes": [{"do": "destroy_bridges_over", "waterway": "Gran Valira"}]}
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

#include "dayafter/geo/coord.hpp"

namespace dayafter::model {

/// Roads blocked or reopened: by OSM way, or every road touching a polygon.
struct RoadChange {
    bool block = true;
    std::optional<std::int64_t> way;
    nlohmann::json polygon; // GeoJSON Polygon or MultiPolygon; null when by way
};

/// A bridge destroyed (by its OSM way), or every bridge over a named waterway.
struct BridgeChange {
    std::optional<std::int64_t> way;
    std::string waterway;
};

/// destroy, damage (to a HeRAMS class), close or reopen a facility by its code.
struct FacilityChange {
    enum class Action : std::uint8_t { Destroy, Damage, Close, Reopen } action = Action::Close;
    std::string code;
    std::string damage; // A2..A4 for Damage
};

/// A facility added at a place: a field hospital, a mobile clinic, a water-trucking point.
struct FacilityAdded {
    std::string code;
    std::string name;
    std::string type; // a facility type (hospital, clinic, water_point, ...)
    geo::Coord location;
    std::optional<double> capacity_people;
};

/// A substation or water works down: it, and every facility depending on it.
struct UtilityDown {
    std::string code;
};

/// Where moved people go: a camp at a point (a share of those moved), or out of the project.
struct Camp {
    std::string name;
    geo::Coord location;
    double share = 1;
};

/// People leaving an admin area (a count or a share) for camps, or out of the project.
struct PeopleMoved {
    std::string area; // P-code
    std::optional<double> count;
    std::optional<double> share;
    std::vector<Camp> camps; // empty: they leave the project
};

/// People arriving at a point (a new place).
struct PeopleArrive {
    std::string name;
    geo::Coord location;
    double count = 0;
};

/// Crews or machines of one type an organisation loses (negative) or gains.
struct ResourcesChange {
    std::string org;
    std::string type;
    std::int64_t count = 0;
};

/// A donor's money cut (a share of each line, or all) or added.
struct FundingChange {
    std::string donor;
    std::string window; // empty: every window
    std::optional<double> share_cut;
    std::optional<double> amount_added;
    std::string currency;
};

/// A border crossing or aid hub closed: what arrives through it is delayed or lost.
struct EntryClosed {
    std::string name;
    std::optional<double> delay_days; // nothing: lost
};

using Change = std::variant<RoadChange, BridgeChange, FacilityChange, FacilityAdded, UtilityDown,
                            PeopleMoved, PeopleArrive, ResourcesChange, FundingChange, EntryClosed>;

/// A change and where it was written, for messages: "scenarios/b.json: changes[3]".
struct PlacedChange {
    Change change;
    std::string origin;
};

struct Scenario {
    std::string name;
    std::string description;
    std::vector<std::string> chain; // the files read, the most basic first
    std::vector<PlacedChange> changes;
};

} // namespace dayafter::model
