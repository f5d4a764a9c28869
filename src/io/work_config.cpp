#include "work_config.hpp"

#include <cmath>

#include <fmt/format.h>

#include "dayafter/util/error.hpp"

namespace dayafter::io {
namespace {

using nlohmann::json;

class WorkReader {
public:
    explicit WorkReader(std::string_view origin) : origin_(origin) {}

    [[noreturn]] void fail(const std::string& key, std::string_view message) const {
        throw InputError(fmt::format("{}: {}: {}", origin_, key, message));
    }
    double number(const json& value, const std::string& key) const {
        if (!value.is_number() || !std::isfinite(value.get<double>()) || value.get<double>() < 0) {
            fail(key, "must be a number >= 0");
        }
        return value.get<double>();
    }
    std::string text(const json& value, const std::string& key) const {
        if (!value.is_string()) {
            fail(key, "must be a string");
        }
        return value.get<std::string>();
    }
    const json& object(const json& value, const std::string& key) const {
        if (!value.is_object()) {
            fail(key, "expected an object");
        }
        return value;
    }
    void numbers(const json& section, const std::string& key,
                 std::map<std::string, double>& into) const {
        for (const auto& [name, value] : object(section, key).items()) {
            into[name] = number(value, key + "." + name);
        }
    }

    void kind(const json& entry, const std::string& key, model::KindRule& rule) const {
        for (const auto& [field, value] : object(entry, key).items()) {
            const std::string at = key + "." + field;
            if (field == "crew") {
                rule.crew.clear();
                for (const auto& [type, units] : object(value, at).items()) {
                    const double n = number(units, at + "." + type);
                    if (n < 1 || n != std::floor(n) || n > 1000) {
                        fail(at + "." + type, "must be a whole number of units from 1 to 1000");
                    }
                    rule.crew[type] = static_cast<std::int32_t>(n);
                }
            } else if (field == "rate") {
                rule.rate = number(value, at);
            } else if (field == "days") {
                rule.days = number(value, at);
            } else if (field == "cost_per_unit") {
                rule.cost_per_unit = number(value, at);
            } else if (field == "cost") {
                rule.cost = number(value, at);
            } else if (field == "lead_days") {
                rule.lead_days = number(value, at);
            } else if (field == "spread") {
                spread(value, at, rule.spread);
            } else if (field == "windows") {
                rule.windows.clear();
                if (!value.is_array()) {
                    fail(at, "expected a list of funding windows");
                }
                for (const json& w : value) {
                    rule.windows.push_back(text(w, at));
                }
            } else if (field == "source") {
                rule.source = text(value, at);
            } else {
                fail(at, "unknown key (use crew, rate, days, cost_per_unit, cost, lead_days, "
                         "spread, windows, source)");
            }
        }
        if (rule.rate == 0 && rule.days == 0 && key != "work.kinds.repair_building") {
            fail(key, "needs a rate > 0 or days > 0");
        }
    }

    void spread(const json& value, const std::string& at, model::Spread& s) const {
        if (!value.is_array() || value.size() != 3) {
            fail(at, "expected [low, most likely, high] factors, such as [0.8, 1, 2]");
        }
        s = {number(value[0], at + "[0]"), number(value[1], at + "[1]"),
             number(value[2], at + "[2]")};
        if (!(s.low > 0 && s.low <= s.mode && s.mode <= s.high)) {
            fail(at, "needs 0 < low <= most likely <= high");
        }
    }

    void rates(const json& section, const std::string& key, model::WorkRules& rules) const {
        for (const auto& [code, entry] : object(section, key).items()) {
            const std::string at = key + "." + code;
            model::CurrencyRate rate;
            for (const auto& [field, value] : object(entry, at).items()) {
                if (field == "rate") {
                    rate.rate = number(value, at + ".rate");
                } else if (field == "date") {
                    rate.date = text(value, at + ".date");
                } else if (field == "source") {
                    rate.source = text(value, at + ".source");
                } else {
                    fail(at + "." + field, "unknown key (use rate, date, source)");
                }
            }
            if (rate.rate <= 0 || rate.date.empty() || rate.source.empty()) {
                fail(at, "needs a rate > 0, its date and its source");
            }
            rules.exchange_rates[code] = rate;
        }
    }

    void building(const json& section, const std::string& key, model::WorkRules& rules) const {
        for (const auto& [code, entry] : object(section, key).items()) {
            const std::string at = key + "." + code;
            if (code != "A2" && code != "A3" && code != "A4") {
                fail(at, "unknown condition (use A2, A3 or A4)");
            }
            model::BuildingRepair& repair = rules.building[code];
            for (const auto& [field, value] : object(entry, at).items()) {
                if (field == "days") {
                    repair.days = number(value, at + ".days");
                } else if (field == "cost") {
                    repair.cost = number(value, at + ".cost");
                } else {
                    fail(at + "." + field, "unknown key (use days, cost)");
                }
            }
        }
    }

private:
    std::string origin_;
};

} // namespace

void apply_work_section(const json& section, std::string_view origin, model::WorkRules& rules) {
    const WorkReader reader(origin);
    for (const auto& [field, value] : reader.object(section, "work").items()) {
        const std::string at = "work." + field;
        if (field == "kinds") {
            for (const auto& [name, entry] : reader.object(value, at).items()) {
                const auto kind = model::parse_task_kind(name);
                if (!kind) {
                    reader.fail(at + "." + name,
                                "unknown kind of task (use demine, clear_rubble, "
                                "temporary_crossing, repair_bridge, repair_building, "
                                "restore_power, restore_water, repair_equipment, staff)");
                }
                reader.kind(entry, at + "." + name, rules.kind(*kind));
            }
        } else if (field == "currency") {
            rules.currency = reader.text(value, at);
        } else if (field == "exchange_rates") {
            reader.rates(value, at, rules);
        } else if (field == "rubble_point_m3") {
            reader.numbers(value, at, rules.rubble_point_m3);
        } else if (field == "rubble_depth_m") {
            reader.numbers(value, at, rules.rubble_depth_m);
        } else if (field == "building") {
            reader.building(value, at, rules);
        } else if (field == "size_factor") {
            reader.numbers(value, at, rules.size_factor);
        } else if (field == "salary_per_month") {
            reader.numbers(value, at, rules.salary_per_month);
        } else if (field == "equipment_cost") {
            reader.numbers(value, at, rules.equipment_cost);
        } else if (field == "service_weights") {
            reader.numbers(value, at, rules.service_weights);
        } else if (field == "insecure_until") {
            for (const auto& [hazard, date] : reader.object(value, at).items()) {
                rules.insecure_until[hazard] = reader.text(date, at + "." + hazard);
            }
        } else {
            reader.fail(at, "unknown key (use kinds, currency, exchange_rates, rubble_point_m3, "
                            "rubble_depth_m, building, size_factor, salary_per_month, "
                            "equipment_cost, service_weights, insecure_until)");
        }
    }
}

} // namespace dayafter::io
