// The illustrative Monaco bundle as a project, built once per test binary through the library:
// app::import_osm of the bundled extract, then app::load of every file of
// tests/data/registry/monaco (reported 2017-12-15). Tests read it and never write to it.
#pragma once

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "dayafter/app/app.hpp"
#include "test_support.hpp"

namespace dayafter::test {

/// Loads the bundle's files from `folder` (the bundle's own, or an edited copy) into `project`, in
/// the bundle's order, reported 2017-12-15; every problem is a test failure.
inline void load_monaco_bundle(const std::filesystem::path& project,
                               const std::filesystem::path& folder) {
    const std::vector<std::pair<registry::Kind, std::string>> files = {
        {registry::Kind::Orgs, "orgs.csv"},
        {registry::Kind::Facilities, "facilities.csv"},
        {registry::Kind::Hazards, "hazards.geojson"},
        {registry::Kind::Population, "population.csv"},
        {registry::Kind::Resources, "resources.csv"},
        {registry::Kind::Funding, "funding.csv"},
        {registry::Kind::Activities, "activities.csv"},
        {registry::Kind::Population, "areas.geojson"}};
    for (const auto& [kind, file] : files) {
        app::LoadRequest request;
        request.kind = kind;
        request.file = folder / file;
        request.project = project;
        request.options.reported = "2017-12-15";
        request.by = "tester";
        const app::LoadAnswer answer = app::load(request, {});
        for (const auto& problem : answer.plan.problems) {
            ADD_FAILURE() << file << ": " << problem;
        }
        EXPECT_TRUE(answer.written) << file;
    }
}

inline const std::filesystem::path& monaco_bundle_project() {
    static TempDir dir;
    static const std::filesystem::path project = [] {
        const std::filesystem::path p = dir / "bundle.dayafter";
        (void)app::import_osm({data_dir() / "osm/monaco/monaco.osm.pbf", p, {}, false}, {});
        load_monaco_bundle(p, data_dir() / "registry/monaco");
        return p;
    }();
    return project;
}

} // namespace dayafter::test
