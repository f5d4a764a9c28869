#include "dayafter/io/project_config.hpp"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <sstream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "dayafter/io/geojson.hpp"
#include "dayafter/util/error.hpp"
#include "work_config.hpp"

namespace dayafter::io {
namespace {

using nlohmann::json;

class ConfigReader {
public:
    explicit ConfigReader(std::string_view origin) : origin_(origin) {}

    [[noreturn]] void fail(std::string_view key, std::string_view message) const {
        throw InputError(fmt::format("{}: {}: {}", origin_, key, message));
    }

    double number(const json& value, std::string_view key, bool allow_zero) const {
        if (!value.is_number() || !std::isfinite(value.get<double>()) || value.get<double>() < 0 ||
            (!allow_zero && value.get<double>() == 0)) {
            fail(key, allow_zero ? "must be a number >= 0" : "must be a number > 0");
        }
        return value.get<double>();
    }

    std::string text(const json& value, std::string_view key) const {
        if (!value.is_string()) {
            fail(key, "must be a string");
        }
        return value.get<std::string>();
    }

    void speeds(const json& section, graph::SpeedTable& table) const {
        if (!section.is_object()) {
            fail("speeds_kmh", R"(expected an object such as {"drive": {"track": 15}})");
        }
        for (const auto& [mode_name, classes] : section.items()) {
            const std::string key = "speeds_kmh." + mode_name;
            const auto mode = graph::parse_travel_mode(mode_name);
            if (!mode || !classes.is_object()) {
                fail(key, "unknown travel mode (use walk or drive)");
            }
            for (const auto& [class_name, speed] : classes.items()) {
                const auto road_class = graph::parse_road_class(class_name);
                if (!road_class) {
                    fail(key + "." + class_name, "unknown road class");
                }
                table.set(*mode, *road_class,
                          number(speed, key + "." + class_name + " (speed)", true));
            }
        }
    }

    void service(const std::string& name, const json& entry,
                 std::vector<model::Service>& services) const {
        const std::string key = "services." + name;
        if (!entry.is_object()) {
            fail(key, "expected an object");
        }
        auto it = std::find_if(services.begin(), services.end(),
                               [&](const model::Service& s) { return s.name == name; });
        const bool is_new = it == services.end();
        model::Service service = is_new ? model::Service{.name = name} : *it;
        for (const auto& [field, value] : entry.items()) {
            service_field(key + "." + field, field, value, service);
        }
        if (entry.contains("threshold_min") && entry.contains("threshold_m")) {
            fail(key, "give threshold_min or threshold_m, not both");
        }
        if (is_new) {
            new_service(key, entry, service);
            services.push_back(std::move(service));
        } else {
            changed_service(entry, service);
            *it = std::move(service);
        }
    }

    void population(const json& section, model::PopulationSettings& settings) const {
        if (!section.is_object()) {
            fail("population", "expected an object");
        }
        for (const auto& [field, value] : section.items()) {
            const std::string at = "population." + field;
            if (field == "total") {
                settings.total =
                    value.is_null() ? std::nullopt : std::optional(number(value, at, false));
            } else if (field == "persons_per_floor_m2") {
                settings.persons_per_floor_m2 = number(value, at, false);
            } else if (field == "persons_per_street_m") {
                settings.persons_per_street_m = number(value, at, false);
            } else if (field == "levels_when_untagged") {
                settings.levels_when_untagged = number(value, at, false);
            } else {
                fail(at, "unknown key (use total, persons_per_floor_m2, persons_per_street_m, "
                         "levels_when_untagged)");
            }
        }
    }

    void rubble(const json& section, model::RubbleRule& rule) const {
        if (!section.is_object()) {
            fail("rubble",
                 R"(expected an object such as {"classes": {"destroyed": {"within_m": 15}}})");
        }
        for (const auto& [field, value] : section.items()) {
            const std::string at = "rubble." + field;
            if (field == "classes") {
                if (!value.is_object()) {
                    fail(at, "expected an object of damage classes");
                }
                for (const auto& [name, entry] : value.items()) {
                    rubble_class(at + "." + name, name, entry, rule);
                }
            } else if (field == "point_radius_m") {
                rule.point_radius_m = number(value, at, true);
            } else if (field == "walk_slow_factor") {
                rule.walk_slow_factor = number(value, at, false);
                if (rule.walk_slow_factor > 1) {
                    fail(at, "a factor of the walking speed: more than 0, at most 1");
                }
            } else if (field == "drive_slow_kmh") {
                rule.drive_slow_kmh = number(value, at, false);
            } else {
                fail(at, "unknown key (use classes, point_radius_m, walk_slow_factor, "
                         "drive_slow_kmh)");
            }
        }
    }

private:
    void service_field(const std::string& at, const std::string& field, const json& value,
                       model::Service& service) const {
        if (field == "types") {
            service.types = facility_types(value, at);
        } else if (field == "mode") {
            const auto mode = graph::parse_travel_mode(text(value, at));
            if (!mode) {
                fail(at, "unknown travel mode (use walk or drive)");
            }
            service.mode = *mode;
        } else if (field == "threshold_min") {
            service.measure = model::Measure::Time;
            service.threshold = number(value, at, false) * 60;
        } else if (field == "threshold_m") {
            service.measure = model::Measure::Distance;
            service.threshold = number(value, at, false);
        } else if (field == "capacity_people") {
            service.capacity_people =
                value.is_null() ? std::nullopt : std::optional(number(value, at, false));
        } else if (field == "source") {
            service.threshold_source = text(value, at);
        } else if (field == "capacity_source") {
            service.capacity_source = text(value, at);
        } else {
            fail(at, "unknown key (use types, mode, threshold_min, threshold_m, "
                     "capacity_people, source, capacity_source)");
        }
    }

    std::vector<model::FacilityType> facility_types(const json& value,
                                                    const std::string& at) const {
        if (!value.is_array() || value.empty()) {
            fail(at, "expected a non-empty list of facility types");
        }
        std::vector<model::FacilityType> types;
        for (const json& type_name : value) {
            const auto type = type_name.is_string()
                                  ? model::parse_facility_type(type_name.get<std::string>())
                                  : std::nullopt;
            if (!type) {
                fail(at, fmt::format("unknown facility type {}", type_name.dump()));
            }
            types.push_back(*type);
        }
        return types;
    }

    static bool has_threshold(const json& entry) {
        return entry.contains("threshold_min") || entry.contains("threshold_m");
    }

    /// Checks a service the entry adds; its threshold source defaults to the configuration.
    void new_service(const std::string& key, const json& entry, model::Service& service) const {
        const std::string& name = service.name;
        const bool good_name =
            !name.empty() && name[0] >= 'a' && name[0] <= 'z' &&
            std::all_of(name.begin(), name.end(), [](char c) {
                return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
            });
        if (!good_name) {
            fail(key, "a service name is lower-case letters, digits and _ (it becomes an HXL "
                      "attribute)");
        }
        if (service.types.empty() || !entry.contains("mode") || !has_threshold(entry)) {
            fail(key, "a new service needs types, mode and threshold_min or threshold_m");
        }
        if (service.threshold_source.empty()) {
            service.threshold_source = "project configuration";
        }
    }

    /// A value the entry changes without naming its source no longer comes from the default's
    /// source, so it is credited to the configuration.
    static void changed_service(const json& entry, model::Service& service) {
        if (has_threshold(entry) && !entry.contains("source")) {
            service.threshold_source = "project configuration";
        }
        if (entry.contains("capacity_people") && !entry.contains("capacity_source")) {
            service.capacity_source = "project configuration";
        }
    }

    void rubble_class(const std::string& at, const std::string& name, const json& entry,
                      model::RubbleRule& rule) const {
        const auto found = rule.classes.find(name);
        if (found == rule.classes.end()) {
            std::string known;
            for (const auto& [class_name, unused] : rule.classes) {
                known += (known.empty() ? "" : ", ") + class_name;
            }
            fail(at, fmt::format("unknown damage class (use {})", known));
        }
        if (!entry.is_object()) {
            fail(
                at,
                R"(expected an object such as {"within_m": 10, "walk": "slow", "drive": "block"})");
        }
        model::RubbleRule::ForClass for_class = found->second;
        for (const auto& [field, value] : entry.items()) {
            const std::string key = at + "." + field;
            if (field == "within_m") {
                for_class.within_m = number(value, key, true);
            } else if (field == "walk" || field == "drive") {
                const auto effect = model::parse_effect(text(value, key));
                if (!effect) {
                    fail(key, "unknown effect (use none, slow or block)");
                }
                (field == "walk" ? for_class.walk : for_class.drive) = *effect;
            } else {
                fail(key, "unknown key (use within_m, walk, drive)");
            }
        }
        found->second = for_class;
    }

    std::string origin_;
};

} // namespace

void apply_config(std::string_view json_text, std::string_view origin, ProjectConfig& config) {
    const json document = parse_json_text(json_text, origin);
    const ConfigReader reader(origin);
    if (!document.is_object()) {
        reader.fail("(top)", "expected an object with speeds_kmh, services, population or rubble");
    }
    ProjectConfig result = config;
    for (const auto& [section, value] : document.items()) {
        if (section == "speeds_kmh") {
            reader.speeds(value, result.speeds);
        } else if (section == "services") {
            if (!value.is_object()) {
                reader.fail("services", "expected an object of services by name");
            }
            for (const auto& [name, entry] : value.items()) {
                reader.service(name, entry, result.services);
            }
        } else if (section == "population") {
            reader.population(value, result.population);
        } else if (section == "rubble") {
            reader.rubble(value, result.rubble);
        } else if (section == "work") {
            apply_work_section(value, origin, result.work);
        } else {
            reader.fail(section,
                        "unknown section (use speeds_kmh, services, population, rubble, work)");
        }
    }
    config = std::move(result);
}

ProjectConfig run_config(std::string_view project_json, std::string_view project,
                         const std::filesystem::path& run_file) {
    ProjectConfig config;
    if (!project_json.empty()) {
        apply_config(project_json, fmt::format("{} (its configuration)", project), config);
    }
    if (!run_file.empty()) {
        apply_config(read_config_file(run_file), run_file.string(), config);
    }
    return config;
}

std::string read_config_file(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) {
        throw InputError(fmt::format("{}: cannot open the configuration file", file.string()));
    }
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

} // namespace dayafter::io
