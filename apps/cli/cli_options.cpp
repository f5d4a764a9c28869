// What several verbs share: option parsing and the way numbers are printed.
#include <pwd.h>
#include <unistd.h>

#include <charconv>
#include <cmath>

#include <fmt/format.h>

#include "commands.hpp"
#include "dayafter/util/error.hpp"
#include "dayafter/util/text.hpp"

namespace dayafter::cli {

std::string login_name() {
    if (const char* user = std::getenv("USER"); user != nullptr && *user != '\0') {
        return user;
    }
    if (const passwd* entry = ::getpwuid(::getuid()); entry != nullptr) {
        return entry->pw_name;
    }
    return "unknown";
}

std::optional<std::string> date_option(const std::string& text, std::string_view option) {
    if (text.empty()) {
        return std::nullopt;
    }
    const auto date = registry::parse_iso_date(text);
    if (!date) {
        throw InputError(fmt::format("{} '{}' is not an ISO 8601 date (YYYY-MM-DD)", option, text));
    }
    return date;
}

std::optional<graph::TravelMode> mode_option(const std::string& text) {
    if (text.empty()) {
        return std::nullopt;
    }
    const auto mode = graph::parse_travel_mode(text);
    if (!mode) {
        throw InputError(fmt::format("unknown travel mode '{}' (use walk or drive)", text));
    }
    return mode;
}

registry::Kind kind_option(const std::string& text) {
    const auto kind = registry::parse_kind(text);
    if (!kind) {
        throw InputError(
            fmt::format("unknown kind '{}' (use one of: {})", text, registry::kind_list()));
    }
    return *kind;
}

std::string people(double count) {
    return util::grouped_count(count);
}

plan::Day horizon_days(const std::string& text) {
    int value = 0;
    const char* end = text.data() + text.size();
    const auto [rest, error] = std::from_chars(text.data(), end, value);
    const std::string_view unit(rest, static_cast<std::size_t>(end - rest));
    if (error != std::errc() || (unit != "" && unit != "d" && unit != "w") || value < 1) {
        throw InputError(fmt::format("--horizon '{}': give days such as 180d (or weeks: 26w), "
                                     "at least one day",
                                     text));
    }
    return unit == "w" ? value * 7 : value;
}

CLI::Validator finite_number(double low, bool low_allowed) {
    const std::string range = fmt::format("{} {}", low_allowed ? ">=" : ">", low);
    return CLI::Validator(
        [low, low_allowed, range](const std::string& text) -> std::string {
            double value = 0;
            const char* end = text.data() + text.size();
            const auto [rest, error] = std::from_chars(text.data(), end, value);
            // CLI11's own checks compare with < and >, which NaN passes; from_chars reads
            // "nan" and "inf" too, so test what they are.
            if (text.empty() || error != std::errc() || rest != end || !std::isfinite(value) ||
                value < low || (!low_allowed && value == low)) {
                return fmt::format("'{}' is not a number {}", text, range);
            }
            return {};
        },
        "NUMBER " + range);
}

std::string share(double part, double total) {
    return total > 0 ? fmt::format("{:.1f}%", 100 * part / total) : "-";
}

void refuse_to_replace(const std::vector<std::filesystem::path>& files, bool force) {
    if (force) {
        return;
    }
    for (const std::filesystem::path& file : files) {
        // An error other than "not found" is left for the writer to report.
        std::error_code error;
        if (std::filesystem::exists(std::filesystem::symlink_status(file, error))) {
            throw InputError(
                fmt::format("{}: already exists; use --force to replace it", file.string()));
        }
    }
}

void add_force_flag(CLI::App& verb, bool& force) {
    verb.add_flag("--force", force, "Replace output files that already exist");
}

} // namespace dayafter::cli
