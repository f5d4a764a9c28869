// A project's configuration: travel speeds, services and the population estimate, over the
// defaults. One JSON file, every part optional; given to `dayafter import osm --config` it is kept
// in the project, and `dayafter access --config` applies another one on top for a single run.
//
//     {
//       "speeds_kmh": {"drive": {"track": 15}, "walk": {"steps": 2.5}},
//       "services": {
//         "water":  {"threshold_m": 200, "source": "UNHCR camp standard (our cluster's choice)"},
//         "health": {"threshold_min": 30, "capacity_people": 10000},
//         "dialysis": {"types": ["hospital"], "mode": "drive", "threshold_min": 120}
//       },
//       "population": {"total": 38000, "persons_per_floor_m2": 0.05},
//       "rubble": {"classes": {"destroyed": {"within_m": 15, "walk": "block", "drive": "block"}},
//                  "point_radius_m": 8, "walk_slow_factor": 0.6, "drive_slow_kmh": 20}
//     }
//
// A service entry changes the named keys of a default service, or defines a new service (which
// then needs types, mode and a threshold). Keys: types, mode (walk|drive), threshold_min or
// threshold_m, capacity_people (null: unknown), source, capacity_source. The rubble section changes
// the rule by which damaged buildings block or slow roads (model/hazard.hpp): per damage class
// (destroyed, severe, moderate, possible, none) the distance and the effect on foot and by car
// (none, slow, block), and the point radius and slow speeds. The work section sets how repairs
// are done and paid for (model/work.hpp, docs/cli/plan.md). Anything unknown or out of range is
// refused with the file and the key named.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "dayafter/graph/road_class.hpp"
#include "dayafter/model/hazard.hpp"
#include "dayafter/model/population.hpp"
#include "dayafter/model/service.hpp"
#include "dayafter/model/work.hpp"

namespace dayafter::io {

struct ProjectConfig {
    graph::SpeedTable speeds = graph::SpeedTable::defaults();
    std::vector<model::Service> services = model::default_services();
    model::PopulationSettings population;
    model::RubbleRule rubble = model::RubbleRule::defaults();
    model::WorkRules work = model::WorkRules::defaults();
};

/// Applies a configuration (JSON text) over `config`. `origin` names it in errors (a file name,
/// or "the project's configuration"). Throws InputError; `config` is unchanged then.
void apply_config(std::string_view json_text, std::string_view origin, ProjectConfig& config);

/// The configuration a run uses: the defaults, then the project's own (`project_json`, kept at
/// import; `project` names it in errors), then `run_file` given for this run (empty: none).
[[nodiscard]] ProjectConfig run_config(std::string_view project_json, std::string_view project,
                                       const std::filesystem::path& run_file);

/// Reads a configuration file's text (apply_config checks it). Throws InputError naming the
/// file when it cannot be read.
[[nodiscard]] std::string read_config_file(const std::filesystem::path& file);

} // namespace dayafter::io
