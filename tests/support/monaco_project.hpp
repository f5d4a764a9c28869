// The bundled Monaco extract imported once per test binary through the real binary, with no
// registry: tests copy it before loading into it.
#pragma once

#include <filesystem>
#include <string>

#include <gtest/gtest.h>

#include "test_support.hpp"

namespace dayafter::test {

inline const std::filesystem::path& imported_monaco_project() {
    static TempDir dir;
    static const std::filesystem::path project = [] {
        const std::filesystem::path p = dir / "monaco.dayafter";
        std::string out;
        const std::string pbf = (data_dir() / "osm/monaco/monaco.osm.pbf").string();
        EXPECT_EQ(
            run(cli_binary().string() + " -q import osm " + pbf + " --project " + p.string(), &out),
            0)
            << out;
        return p;
    }();
    return project;
}

} // namespace dayafter::test
