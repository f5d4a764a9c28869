#include "dayafter/registry/registry.hpp"

#include <charconv>
#include <chrono>

namespace dayafter::registry {
namespace {

constexpr std::array<std::string_view, kKindCount> kKindNames = {
    "facilities", "hazards", "population", "orgs", "resources", "funding", "activities"};

} // namespace

std::string_view to_string(Kind kind) noexcept {
    return kKindNames[static_cast<std::size_t>(kind)];
}

std::optional<Kind> parse_kind(std::string_view text) noexcept {
    for (const Kind kind : kKinds) {
        if (to_string(kind) == text) {
            return kind;
        }
    }
    return std::nullopt;
}

std::optional<std::string> parse_iso_date(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) {
        text.remove_prefix(1);
    }
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) {
        text.remove_suffix(1);
    }
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') {
        return std::nullopt;
    }
    auto number = [&](std::size_t at, std::size_t length) -> std::optional<int> {
        int value = 0;
        const char* first = text.data() + at;
        const auto [end, error] = std::from_chars(first, first + length, value);
        if (error != std::errc() || end != first + length) {
            return std::nullopt;
        }
        return value;
    };
    const auto year = number(0, 4);
    const auto month = number(5, 2);
    const auto day = number(8, 2);
    if (!year || !month || !day) {
        return std::nullopt;
    }
    const std::chrono::year_month_day date{std::chrono::year(*year),
                                           std::chrono::month(static_cast<unsigned>(*month)),
                                           std::chrono::day(static_cast<unsigned>(*day))};
    if (!date.ok()) {
        return std::nullopt;
    }
    return std::string(text);
}

Registry Registry::at(const store::History& history, const std::optional<std::string>& as_of) {
    std::map<std::int64_t, const store::Load*> loads;
    for (const store::Load& load : history.loads) {
        loads[load.id] = &load;
    }
    Registry registry;
    for (const store::Record& record : history.records) {
        if (as_of && record.reported > *as_of) {
            continue;
        }
        const std::optional<Kind> kind = parse_kind(record.kind);
        if (!kind) {
            continue; // a kind from a newer dayafter: not ours to read
        }
        auto& objects = registry.objects_[static_cast<std::size_t>(*kind)];
        const auto found = objects.find(record.key);
        // Records come in id order, so among equal dates the later one wins.
        if (found != objects.end() && found->second.reported > record.reported) {
            continue;
        }
        const auto load = loads.find(record.load_id);
        objects[record.key] = Entry{nlohmann::json::parse(record.data),
                                    record.reported,
                                    record.load_id,
                                    record.id,
                                    load != loads.end() ? load->second->source_file : "",
                                    record.line};
    }
    return registry;
}

const Entry* Registry::find(Kind kind, const std::string& key) const {
    const auto& objects = objects_[static_cast<std::size_t>(kind)];
    const auto found = objects.find(key);
    return found == objects.end() ? nullptr : &found->second;
}

bool Registry::empty() const noexcept {
    for (const auto& objects : objects_) {
        if (!objects.empty()) {
            return false;
        }
    }
    return true;
}

void Registry::put(Kind kind, const std::string& key, Entry entry) {
    objects_[static_cast<std::size_t>(kind)][key] = std::move(entry);
}

} // namespace dayafter::registry
