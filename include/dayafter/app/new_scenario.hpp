// The use case behind `dayafter scenario TEMPLATE`: a scenario file from a template
// (io/scenario_templates.hpp), with what it names checked against a project when one is given,
// written pretty-printed for the user to edit. grid-down needs the project: its power
// substations and power plants are what goes down. Nothing here prints.
//
//     app::NewScenarioRequest request{.params = io::BridgesOver{"Le Paillon"}};
//     request.read.project = "m.dayafter";
//     request.out = "bridges.json";
//     const app::NewScenarioAnswer answer = app::new_scenario(request);
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "dayafter/app/app.hpp"
#include "dayafter/io/scenario_templates.hpp"

namespace dayafter::app {

struct NewScenarioRequest {
    io::TemplateParams params;
    ReadRequest read;          // read.project empty: nothing is checked (grid-down refuses)
    std::filesystem::path out; // empty: not written
};

struct NewScenarioAnswer {
    nlohmann::ordered_json document;
    std::size_t change_count = 0;
};

/// The template's scenario. With a project, every change is applied to its snapshot as
/// `dayafter compare` would, so a name the project does not have is refused here (InputError;
/// bridges-over lists the waterways the project's bridges cross, donor-withdraws the donors).
/// Writes request.out when given, atomically.
[[nodiscard]] NewScenarioAnswer new_scenario(const NewScenarioRequest& request);

/// The power substations and power plants of the snapshot's town, in facility order.
[[nodiscard]] std::vector<io::Utility> power_utilities(const snapshot::Snapshot& snapshot);

} // namespace dayafter::app
