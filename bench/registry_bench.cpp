// Opening a registry with a long history: the latest state from the store's cache against a
// replay of every version (--as-of). The project is written through the library, with the cache
// rows computed by the registry as `dayafter load` computes them.
//
//   dayafter-registry-bench create P.dayafter [--objects 100000] [--versions 10]
//   dayafter-registry-bench latest P.dayafter        # read_current + Registry::latest
//   dayafter-registry-bench as-of P.dayafter DATE    # read_history + Registry::at (replay)
//   dayafter-registry-bench check P.dayafter         # the cache equals a replay, every entry
//   dayafter-registry-bench snapshot P.dayafter      # Snapshot::open, every kind, and its people
//
// `create` writes one load per version round: every object gets one population point version
// per load, reported on a date of that round's month (a few back-dated into the month before),
// the first with every field, later ones with a new count and now and then a field cleared.
// Prints one JSON line per run; run it under /usr/bin/time -v for the peak RSS.
#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "dayafter/registry/load.hpp"
#include "dayafter/registry/registry.hpp"
#include "dayafter/snapshot/snapshot.hpp"
#include "dayafter/store/project_store.hpp"
#include "dayafter/store/registry_store.hpp"

namespace {

using namespace dayafter;
using Clock = std::chrono::steady_clock;

double since(Clock::time_point start) {
    return std::chrono::duration<double>(Clock::now() - start).count();
}

/// Version `round` of object `object`: all fields first, then partial rows as partners send them.
store::Record version(int object, int round) {
    nlohmann::json data;
    data["population"] = 50 + (object * 7 + round * 13) % 400;
    if (round == 0) {
        data["code"] = fmt::format("P{:06}", object);
        data["name"] = fmt::format("Block {} of quarter {}", object % 97, object / 97);
        data["lat"] = 43.72 + (object % 317) * 0.0001;
        data["lon"] = 7.40 + (object / 317) * 0.0001;
        data["group"] = object % 5 == 0 ? "displaced" : "residents";
        data["site"] = object % 5 == 0 ? "collective_centre" : "home";
        data["adm1"] = "MC";
        data["adm2"] = fmt::format("MC{:02}", object % 12);
    } else if ((object + round) % 9 == 0) {
        data["adm2"] = nullptr; // "unknown": cleared
    } else if ((object + round) % 4 == 0) {
        data["group"] = round % 2 == 0 ? "displaced" : "residents";
    }
    // Dates within the round's month; every 16th row is back-dated into the month before.
    const int month = round - (object % 16 == 0 && round > 0 ? 1 : 0); // months since 2017-01
    const std::string reported =
        fmt::format("{}-{:02}-{:02}", 2017 + month / 12, 1 + month % 12, 1 + object % 28);
    return {0, 0, "population", fmt::format("P{:06}", object), reported, object + 2, data.dump()};
}

void create(const std::filesystem::path& project, int objects, int versions) {
    const auto start = Clock::now();
    store::create_project(project, model::Town{}, {.overwrite = true, .log = {}});
    for (int round = 0; round < versions; ++round) {
        std::vector<store::Record> records;
        records.reserve(static_cast<std::size_t>(objects));
        for (int object = 0; object < objects; ++object) {
            records.push_back(version(object, round));
        }
        const auto round_start = Clock::now();
        const store::History history = store::read_history(project);
        const store::CurrentUpdate update = registry::current_update(history, records);
        const store::Load load{0,
                               "population",
                               fmt::format("round-{}.csv", round),
                               "2026-01-01T00:00:00Z",
                               "bench",
                               "dayafter-registry-bench"};
        store::append_load(project, load, records, update);
        fmt::print(stderr, "round {}: {} records in {:.2f} s\n", round, records.size(),
                   since(round_start));
    }
    fmt::print("{{\"mode\":\"create\",\"objects\":{},\"versions\":{},\"seconds\":{:.3f}}}\n",
               objects, versions, since(start));
}

void latest(const std::filesystem::path& project) {
    const auto start = Clock::now();
    const auto rows = store::read_current(project);
    const double read_s = since(start);
    if (!rows) {
        throw std::runtime_error(project.string() + ": no cache (schema 2)");
    }
    const auto build_start = Clock::now();
    const registry::Registry state = registry::Registry::latest(*rows);
    fmt::print("{{\"mode\":\"latest\",\"objects\":{},\"read_current_s\":{:.3f},\"build_s\":{:.3f},"
               "\"seconds\":{:.3f}}}\n",
               state.objects(registry::Kind::Population).size(), read_s, since(build_start),
               since(start));
}

void as_of(const std::filesystem::path& project, const std::string& date) {
    const auto start = Clock::now();
    const store::History history = store::read_history(project);
    const double read_s = since(start);
    const auto build_start = Clock::now();
    const registry::Registry state = registry::Registry::at(history, date);
    fmt::print("{{\"mode\":\"as-of\",\"date\":\"{}\",\"records\":{},\"objects\":{},"
               "\"read_history_s\":{:.3f},\"replay_s\":{:.3f},\"seconds\":{:.3f}}}\n",
               date, history.records.size(), state.objects(registry::Kind::Population).size(),
               read_s, since(build_start), since(start));
}

/// Exits non-zero unless the cached latest state equals a replay of the whole history.
int check(const std::filesystem::path& project) {
    const auto rows = store::read_current(project);
    if (!rows) {
        throw std::runtime_error(project.string() + ": no cache (schema 2)");
    }
    const registry::Registry cached = registry::Registry::latest(*rows);
    const registry::Registry replayed = registry::Registry::at(store::read_history(project), {});
    std::size_t objects = 0;
    std::size_t different = 0;
    for (const registry::Kind kind : registry::kKinds) {
        different += cached.objects(kind).size() != replayed.objects(kind).size() ? 1 : 0;
        for (const auto& [key, entry] : replayed.objects(kind)) {
            const registry::Entry* other = cached.find(kind, key);
            ++objects;
            different +=
                other == nullptr || other->data != entry.data ||
                        other->reported != entry.reported || other->record_id != entry.record_id ||
                        other->load_id != entry.load_id ||
                        other->source_file != entry.source_file || other->line != entry.line
                    ? 1
                    : 0;
        }
    }
    fmt::print("{{\"mode\":\"check\",\"objects\":{},\"different\":{}}}\n", objects, different);
    return different == 0 ? 0 : 1;
}

/// What every command pays: the snapshot (town, every registry kind decoded into types, hazards
/// on the roads) and its population places.
void open_snapshot(const std::filesystem::path& project) {
    const auto start = Clock::now();
    const snapshot::Snapshot snapshot = snapshot::Snapshot::open(project, {});
    const double opened = since(start);
    const std::size_t places = snapshot.population().places.size();
    fmt::print("{{\"mode\":\"snapshot\",\"places\":{},\"open_seconds\":{:.3f},"
               "\"with_population_seconds\":{:.3f}}}\n",
               places, opened, since(start));
}

} // namespace

int main(int argc, char** argv) {
    CLI::App app("Registry: the latest state from the cache against a replay of the history");
    app.require_subcommand(1);
    std::string project;
    int objects = 100000;
    int versions = 10;
    std::string date;
    auto* create_command = app.add_subcommand("create", "Write a project with a long history");
    create_command->add_option("project", project)->required();
    create_command->add_option("--objects", objects)->check(CLI::PositiveNumber);
    create_command->add_option("--versions", versions)->check(CLI::Range(1, 120));
    auto* latest_command = app.add_subcommand("latest", "Open the latest state (cache)");
    latest_command->add_option("project", project)->required();
    auto* as_of_command = app.add_subcommand("as-of", "Replay the history up to a date");
    as_of_command->add_option("project", project)->required();
    as_of_command->add_option("date", date)->required();
    auto* check_command = app.add_subcommand("check", "Compare the cache with a replay");
    check_command->add_option("project", project)->required();
    auto* snapshot_command = app.add_subcommand("snapshot", "Open the snapshot, every kind");
    snapshot_command->add_option("project", project)->required();
    CLI11_PARSE(app, argc, argv);
    try {
        if (create_command->parsed()) {
            create(project, objects, versions);
        } else if (latest_command->parsed()) {
            latest(project);
        } else if (check_command->parsed()) {
            return check(project);
        } else if (snapshot_command->parsed()) {
            open_snapshot(project);
        } else {
            as_of(project, date);
        }
    } catch (const std::exception& error) {
        fmt::print(stderr, "dayafter-registry-bench: {}\n", error.what());
        return 1;
    }
    return 0;
}
