#include "dayafter/registry/registry.hpp"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <vector>

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

std::string kind_list() {
    std::string out;
    for (const Kind kind : kKinds) {
        out += out.empty() ? "" : ", ";
        out += to_string(kind);
    }
    return out;
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

namespace {

/// Drops null fields and objects left empty (a cleared staff count leaves {"doctors": {}}).
void prune(nlohmann::json& value) {
    if (!value.is_object()) {
        return;
    }
    for (auto it = value.begin(); it != value.end();) {
        prune(*it);
        if (it->is_null() || (it->is_object() && it->empty())) {
            it = value.erase(it);
        } else {
            ++it;
        }
    }
}

} // namespace

void apply_version(Kind kind, nlohmann::json& state, nlohmann::json version) {
    if (kind == Kind::Hazards || !state.is_object() || state.empty()) {
        // A first version (or a hazard's whole feature) is the state, less what it clears.
        state = std::move(version);
    } else {
        state.merge_patch(version);
    }
    prune(state);
}

std::vector<std::string> changed_fields(const nlohmann::json& before, const nlohmann::json& after) {
    std::vector<std::string> fields;
    for (const auto& [key, value] : after.items()) {
        if (!before.contains(key) || before[key] != value) {
            fields.push_back(key);
        }
    }
    for (const auto& [key, value] : before.items()) {
        if (!after.contains(key)) {
            fields.push_back(key);
        }
    }
    std::sort(fields.begin(), fields.end());
    return fields;
}

Registry Registry::at(const store::History& history, const std::optional<std::string>& as_of) {
    std::map<std::int64_t, const store::Load*> loads;
    for (const store::Load& load : history.loads) {
        loads[load.id] = &load;
    }
    // Versions apply in the order of the dates they report on; records come in id order, so a
    // stable sort keeps one recorded later after an earlier one of the same date.
    std::vector<const store::Record*> order;
    order.reserve(history.records.size());
    for (const store::Record& record : history.records) {
        if (!as_of || record.reported <= *as_of) {
            order.push_back(&record);
        }
    }
    std::stable_sort(
        order.begin(), order.end(),
        [](const store::Record* a, const store::Record* b) { return a->reported < b->reported; });
    std::array<std::map<std::string, Entry>, kKindCount> replayed;
    for (const store::Record* record : order) {
        const std::optional<Kind> kind = parse_kind(record->kind);
        if (!kind) {
            continue; // a kind from a newer dayafter: not ours to read
        }
        Entry& entry = replayed[static_cast<std::size_t>(*kind)][record->key];
        apply_version(*kind, entry.data, nlohmann::json::parse(record->data));
        const auto load = loads.find(record->load_id);
        entry.reported = record->reported;
        entry.load_id = record->load_id;
        entry.record_id = record->id;
        entry.source_file = load != loads.end() ? load->second->source_file : "";
        entry.line = record->line;
    }
    Registry registry;
    for (const Kind kind : kKinds) {
        for (auto& [key, entry] : replayed[static_cast<std::size_t>(kind)]) {
            registry.place(kind, key, std::move(entry));
        }
    }
    return registry;
}

Registry Registry::latest(std::span<const store::CurrentRow> rows) {
    Registry registry;
    for (const store::CurrentRow& row : rows) {
        const std::optional<Kind> kind = parse_kind(row.kind);
        if (!kind) {
            continue; // a kind from a newer dayafter, as in at()
        }
        registry.place(*kind, row.key,
                       Entry{nlohmann::json::parse(row.data), row.reported, row.load_id,
                             row.record_id, row.source_file, row.line});
    }
    return registry;
}

Registry Registry::read(const std::filesystem::path& project,
                        const std::optional<std::string>& as_of, std::span<const Kind> kinds) {
    std::vector<std::string> names;
    for (const Kind kind : kinds) {
        names.emplace_back(to_string(kind));
    }
    if (!as_of) {
        if (const auto rows = store::read_current(project, names)) {
            return latest(*rows);
        }
    }
    return at(store::read_history(project, names), as_of);
}

const Entry* Registry::find(Kind kind, const std::string& key) const {
    const auto& objects = objects_[static_cast<std::size_t>(kind)];
    const auto found = objects.find(key);
    return found == objects.end() ? nullptr : &found->second;
}

bool Registry::empty() const noexcept {
    if (!replaced_.empty()) {
        return false;
    }
    for (const auto& objects : objects_) {
        if (!objects.empty()) {
            return false;
        }
    }
    return true;
}

void Registry::put(Kind kind, const std::string& key, Entry entry) {
    objects_[static_cast<std::size_t>(kind)].erase(key);
    replaced_.erase(key);
    place(kind, key, std::move(entry));
}

void Registry::place(Kind kind, const std::string& key, Entry entry) {
    auto& objects = objects_[static_cast<std::size_t>(kind)];
    const bool retired = kind == Kind::Facilities && entry.data.is_object() &&
                         entry.data.contains(kReplacedBy) && entry.data[kReplacedBy].is_string();
    // Keys come in order from both callers, so each goes at the end of its map without a search.
    auto& into = retired ? replaced_ : objects;
    into.insert_or_assign(into.end(), key, std::move(entry));
}

const std::string& Registry::successor(const std::string& key) const {
    // A facility re-matched twice (two updates) follows its chain; a cycle cannot be written
    // because a replacement is always a key with no history of its own.
    const std::string* at = &key;
    for (std::size_t hops = 0; hops <= replaced_.size(); ++hops) {
        const auto found = replaced_.find(*at);
        if (found == replaced_.end()) {
            return *at;
        }
        at = found->second.data.at(kReplacedBy).get_ptr<const std::string*>();
    }
    return *at;
}

} // namespace dayafter::registry
