// The registry: what partners report about a town, kept with its whole history.
//
// Seven kinds of object arrive by `dayafter load KIND FILE`: facility statuses (HeRAMS codes),
// hazards, population, organisations, resources (crews and machines), funding and activities
// (3W). Each object has a key (a facility code, a hazard id, an organisation code...) and, per
// load that changed it, one version: a JSON object plus the date it reports on. A version holds
// only what its row said: a field the row leaves out (no column, or an empty cell) keeps its
// earlier value, and a field the row reports as "unknown" is stored as null and cleared. The state
// at a date is, per key, every version reported on or before that date applied in date order
// (among equal dates in the order recorded) as JSON merge patches (RFC 7386), so a correction is
// just a newer record and nothing is ever overwritten. Hazards are the exception: a feature
// describes the whole hazard, so a newer one replaces it.
//
// Replaying costs one JSON parse and merge per version ever recorded. The store also keeps the
// latest state (one row per object, rewritten by every load), so the latest state costs one parse
// per object: Registry::latest() builds it from those rows, and Registry::read() takes them when
// it can and replays otherwise (a date, or a project not loaded since it was upgraded).
//
//     const Registry now = Registry::read(project, std::nullopt);    // no replay
//     const store::History history = store::read_history(project);
//     const Registry then = Registry::at(history, "2017-12-31");     // replay up to that date
//     for (const auto& [key, entry] : now.objects(Kind::Facilities)) { entry.data["functionality"];
//     }
#pragma once

#include <array>
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "dayafter/store/registry_store.hpp"

namespace dayafter::registry {

enum class Kind : std::uint8_t {
    Facilities,
    Hazards,
    Population,
    Orgs,
    Resources,
    Funding,
    Activities,
};
inline constexpr std::size_t kKindCount = 7;
inline constexpr std::array<Kind, kKindCount> kKinds = {
    Kind::Facilities, Kind::Hazards, Kind::Population, Kind::Orgs,
    Kind::Resources,  Kind::Funding, Kind::Activities};

[[nodiscard]] std::string_view to_string(Kind kind) noexcept;
[[nodiscard]] std::optional<Kind> parse_kind(std::string_view text) noexcept;
/// "facilities, hazards, population, orgs, resources, funding, activities"
[[nodiscard]] std::string kind_list();

/// One object's current version.
struct Entry {
    nlohmann::json data;  // the object (an empty object when absent)
    std::string reported; // ISO date it reports on
    std::int64_t load_id = 0;
    std::int64_t record_id = 0;
    std::string source_file; // of the load that brought it
    std::int64_t line = 0;   // row or feature in that file
};

class Registry {
public:
    /// The state at the end of `as_of` (an ISO date, inclusive), or the latest state.
    [[nodiscard]] static Registry at(const store::History& history,
                                     const std::optional<std::string>& as_of);
    /// The latest state from the store's cached rows (store::read_current), without replaying:
    /// the same as at(history, nullopt) for the history the rows were written with.
    [[nodiscard]] static Registry latest(std::span<const store::CurrentRow> rows);
    /// A project's state at `as_of`, or its latest state: from the cached rows when there is no
    /// date and the project has them, else replayed from its history. With `kinds`, only those
    /// kinds are read (the others are empty). Throws as the store does.
    [[nodiscard]] static Registry read(const std::filesystem::path& project,
                                       const std::optional<std::string>& as_of,
                                       std::span<const Kind> kinds = {});

    [[nodiscard]] const std::map<std::string, Entry>& objects(Kind kind) const {
        return objects_[static_cast<std::size_t>(kind)];
    }
    /// Facilities retired by `import osm --update` when it re-matched them to a facility of the
    /// new map: their last version holds `replaced_by`, the key their history was copied to. They
    /// are not among objects(); a code that names one means its replacement.
    [[nodiscard]] const std::map<std::string, Entry>& replaced() const { return replaced_; }
    /// The key `key` was replaced by, or `key` itself.
    [[nodiscard]] const std::string& successor(const std::string& key) const;
    [[nodiscard]] const Entry* find(Kind kind, const std::string& key) const;
    [[nodiscard]] bool empty() const noexcept;
    /// True when facility statuses have been loaded (access then uses them).
    [[nodiscard]] bool has_facility_status() const noexcept {
        return !objects(Kind::Facilities).empty();
    }

    /// Adds or replaces an entry (used while planning a load, never written back).
    void put(Kind kind, const std::string& key, Entry entry);

private:
    /// Files the entry as live or, when it names its replacement, as retired.
    void place(Kind kind, const std::string& key, Entry entry);

    std::array<std::map<std::string, Entry>, kKindCount> objects_;
    std::map<std::string, Entry> replaced_;
};

/// The field of a facility's version that retires it in favour of another key.
inline constexpr const char* kReplacedBy = "replaced_by";

/// Applies one version to an object's state: a JSON merge patch (RFC 7386: null clears a field,
/// objects merge field by field, anything else replaces), then objects left empty are dropped.
/// A hazard's version is its whole GeoJSON feature, so it replaces the state instead.
void apply_version(Kind kind, nlohmann::json& state, nlohmann::json version);

/// The top-level fields set, changed or cleared between two states of an object, sorted.
[[nodiscard]] std::vector<std::string> changed_fields(const nlohmann::json& before,
                                                      const nlohmann::json& after);

/// Checks an ISO 8601 calendar date (YYYY-MM-DD, a real day); returns it or nothing.
[[nodiscard]] std::optional<std::string> parse_iso_date(std::string_view text);

} // namespace dayafter::registry
