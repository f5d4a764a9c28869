// Scenario templates: the seed questions of the what-if issue (#12) as scenario documents to edit
// (the format of docs/scenarios.md): every bridge over a river destroyed, a share of the people
// displaced to camps, the power grid down, an entry point closed, a donor withdrawing. Each
// template checks its own parameters (a share from 0 to 1, a camp with coordinates) and throws
// InputError naming the option; whether what it names exists in a project is for the caller to
// check (app::new_scenario applies the document to the project's snapshot).
//
//     const nlohmann::ordered_json doc = io::scenario_from_template(io::BridgesOver{"Le Paillon"});
//     // {"name": "bridges over Le Paillon destroyed", "changes": [{"do": "destroy_bridges_over",
//     ...
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

namespace dayafter::io {

/// Every bridge over the waterway with this OSM name destroyed.
struct BridgesOver {
    std::string waterway;
};

/// A camp for displaced people, as the command line writes it: NAME@LAT,LON[:SHARE].
struct CampSpec {
    std::string name;
    double lat = 0;
    double lon = 0;
    std::optional<double> share; // nothing: an equal part of what the camps with a share leave
};

/// A share of the people of each admin area (P-code) displaced to the camps, or out of the
/// project when there is no camp.
struct Displace {
    double share = 0;
    std::vector<std::string> areas;
    std::vector<CampSpec> camps;
};

/// A power substation or power plant of a project.
struct Utility {
    std::string code;
    std::string name;
};

/// Every power utility down; the list comes from the project (app::new_scenario fills it).
struct GridDown {
    std::vector<Utility> utilities;
};

/// An entry point closed: what comes through it delayed by delay_days, or lost.
struct EntryClosed {
    std::string name;
    std::optional<double> delay_days;
};

/// A share of a donor's money withdrawn, in one funding window or all (window empty).
struct DonorWithdraws {
    std::string donor;
    double share = 1;
    std::string window;
};

using TemplateParams = std::variant<BridgesOver, Displace, GridDown, EntryClosed, DonorWithdraws>;

/// The scenario document the template writes, its keys in the order a person reads them.
/// Throws InputError for bad parameters.
[[nodiscard]] nlohmann::ordered_json scenario_from_template(const TemplateParams& params);

/// NAME@LAT,LON or NAME@LAT,LON:SHARE; throws InputError saying the form expected.
[[nodiscard]] CampSpec parse_camp(std::string_view text);

/// A template as the help lists it: its name, what it supposes, an example command.
struct TemplateInfo {
    std::string_view name;
    std::string_view summary;
    std::string_view example;
};

/// The templates, in the order the help lists them.
[[nodiscard]] std::span<const TemplateInfo> scenario_templates();

} // namespace dayafter::io
