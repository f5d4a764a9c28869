#include "dayafter/io/project_config.hpp"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <sstream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "dayafter/util/error.hpp"

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
        bool has_threshold = false;
        for (const auto& [field, value] : entry.items()) {
            const std::string at = key + "." + field;
            if (field == "types") {
                if (!value.is_array() || value.empty()) {
                    fail(at, "expected a non-empty list of facility types");
                }
                service.types.clear();
                for (const json& type_name : value) {
                    const auto type = type_name.is_string()
                                          ? model::parse_facility_type(type_name.get<std::string>())
                                          : std::nullopt;
                    if (!type) {
                        fail(at, fmt::format("unknown facility type {}", type_name.dump()));
                    }
                    service.types.push_back(*type);
                }
            } else if (field == "mode") {
                const auto mode = graph::parse_travel_mode(text(value, at));
                if (!mode) {
                    fail(at, "unknown travel mode (use walk or drive)");
                }
                service.mode = *mode;
            } else if (field == "threshold_min") {
                service.measure = model::Measure::Time;
                service.threshold = number(value, at, false) * 60;
                has_threshold = true;
            } else if (field == "threshold_m") {
                service.measure = model::Measure::Distance;
                service.threshold = number(value, at, false);
                has_threshold = true;
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
        if (entry.contains("threshold_min") && entry.contains("threshold_m")) {
            fail(key, "give threshold_min or threshold_m, not both");
        }
        if (is_new) {
            const bool good_name =
                !name.empty() && name[0] >= 'a' && name[0] <= 'z' &&
                std::all_of(name.begin(), name.end(), [](char c) {
                    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
                });
            if (!good_name) {
                fail(key, "a service name is lower-case letters, digits and _ (it becomes an HXL "
                          "attribute)");
            }
            if (service.types.empty() || !entry.contains("mode") || !has_threshold) {
                fail(key, "a new service needs types, mode and threshold_min or threshold_m");
            }
            if (service.threshold_source.empty()) {
                service.threshold_source = "project configuration";
            }
            services.push_back(std::move(service));
        } else {
            if (has_threshold && !entry.contains("source")) {
                service.threshold_source = "project configuration";
            }
            if (entry.contains("capacity_people") && !entry.contains("capacity_source")) {
                service.capacity_source = "project configuration";
            }
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

private:
    std::string origin_;
};

} // namespace

void apply_config(std::string_view json_text, std::string_view origin, ProjectConfig& config) {
    json document;
    try {
        document = json::parse(json_text);
    } catch (const json::parse_error& e) {
        throw InputError(fmt::format("{}: not valid JSON: {}", origin, e.what()));
    }
    const ConfigReader reader(origin);
    if (!document.is_object()) {
        reader.fail("(top)", "expected an object with speeds_kmh, services or population");
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
        } else {
            reader.fail(section, "unknown section (use speeds_kmh, services, population)");
        }
    }
    config = std::move(result);
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
