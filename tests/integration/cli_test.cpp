// The real binary: exit codes, messages, and what is (not) left on disk.
#include <fstream>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "test_support.hpp"

namespace dayafter {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

std::string cli() {
    return test::cli_binary().string();
}
std::string zabadani() {
    return (test::data_dir() / "osm/zabadani/zabadani_roads.osm.pbf").string();
}

std::vector<std::string> files_in(const std::filesystem::path& dir) {
    std::vector<std::string> names;
    for (const auto& entry : std::filesystem::directory_iterator(dir)) {
        names.push_back(entry.path().filename().string());
    }
    std::sort(names.begin(), names.end());
    return names;
}

TEST(Cli, HelpTeachesEveryVerb) {
    std::string out;
    EXPECT_EQ(test::run(cli() + " --help", &out), 0);
    for (const char* verb : {"import", "export", "info", "Exit codes"}) {
        EXPECT_THAT(out, HasSubstr(verb));
    }
    EXPECT_EQ(test::run(cli() + " import osm --help", &out), 0);
    EXPECT_THAT(out, HasSubstr("Example"));
    EXPECT_THAT(out, HasSubstr("--project"));
    EXPECT_EQ(test::run(cli() + " export graph --help", &out), 0);
    EXPECT_THAT(out, HasSubstr("sources.csv"));
    EXPECT_EQ(test::run(cli(), &out), 2);
    EXPECT_EQ(test::run(cli() + " import osm", &out), 2);
    EXPECT_EQ(test::run(cli() + " frobnicate", &out), 2);
}

TEST(Cli, ImportInfoAndExport) {
    test::TempDir dir;
    const std::string project = (dir / "z.dayafter").string();
    std::string out;
    ASSERT_EQ(test::run(cli() + " import osm " + zabadani() + " --project " + project, &out), 0)
        << out;
    EXPECT_THAT(out, HasSubstr("433 road ways"));
    ASSERT_EQ(test::run(cli() + " info --project " + project, &out), 0) << out;
    EXPECT_THAT(out, HasSubstr("745 nodes, 935 edges"));
    EXPECT_THAT(out, HasSubstr("OpenStreetMap contributors"));
    ASSERT_EQ(test::run(cli() + " info --json --project " + project, &out), 0) << out;
    EXPECT_THAT(out, HasSubstr("\"edges\": 935"));
    ASSERT_EQ(test::run(cli() + " export graph --project " + project + " --mode drive --dir " +
                            (dir / "g").string(),
                        &out),
              0)
        << out;
    EXPECT_TRUE(std::filesystem::exists(dir / "g/edges.csv"));
    EXPECT_EQ(test::run(cli() + " export graph --project " + project + " --mode fly --dir " +
                            (dir / "g").string(),
                        &out),
              2);
    EXPECT_THAT(out, HasSubstr("unknown travel mode 'fly'"));
    EXPECT_EQ(test::run(cli() + " export graph --project " + project + " --service pizza --dir " +
                            (dir / "g").string(),
                        &out),
              2);
    EXPECT_THAT(out, HasSubstr("unknown service 'pizza'"));
}

TEST(CliBadInput, ExistingProjectIsKeptUnlessForced) {
    test::TempDir dir;
    const std::string project = (dir / "z.dayafter").string();
    std::string out;
    ASSERT_EQ(test::run(cli() + " -q import osm " + zabadani() + " --project " + project, &out), 0);
    const std::string before = test::read_text(project);
    const std::string monaco = (test::data_dir() / "osm/monaco/monaco.osm.pbf").string();
    EXPECT_EQ(test::run(cli() + " import osm " + monaco + " --project " + project, &out), 2);
    EXPECT_THAT(out, HasSubstr(project + ": the project already exists; use --force"));
    EXPECT_EQ(test::read_text(project), before);
    EXPECT_EQ(
        test::run(cli() + " -q import osm " + monaco + " --project " + project + " --force", &out),
        0)
        << out;
    EXPECT_NE(test::read_text(project), before);
}

TEST(CliBadInput, BrokenInputLeavesNoProject) {
    test::TempDir dir;
    const std::string pbf = test::read_text(zabadani());
    std::ofstream(dir / "truncated.osm.pbf", std::ios::binary)
        .write(pbf.data(), static_cast<std::streamsize>(pbf.size() * 2 / 3));
    std::ofstream(dir / "empty.osm") << "<osm version=\"0.6\"></osm>\n";
    std::ofstream(dir / "bad.json") << "{\"speeds_kmh\": {\"drive\": {\"track\": \"x\"}}}";
    const std::string project = (dir / "p.dayafter").string();
    const auto before = files_in(dir.path());
    struct Case {
        std::string args;
        std::string message;
    };
    const Case cases[] = {
        {(dir / "truncated.osm.pbf").string(), "truncated.osm.pbf"},
        {(dir / "empty.osm").string(), "empty.osm: no roads"},
        {(dir / "nothing.osm.pbf").string(), "nothing.osm.pbf: no such file"},
        {zabadani() + " --config " + (dir / "bad.json").string(), "speeds_kmh.drive.track"},
    };
    for (const Case& c : cases) {
        SCOPED_TRACE(c.args);
        std::string out;
        EXPECT_EQ(test::run(cli() + " -q import osm " + c.args + " --project " + project, &out), 2);
        EXPECT_THAT(out, HasSubstr(c.message));
        EXPECT_THAT(out, HasSubstr("dayafter: error:"));
        EXPECT_EQ(files_in(dir.path()), before);
    }
}

TEST(CliBadInput, UnwritablePlacesAreNamed) {
    test::TempDir dir;
    std::string out;
    const std::string under_a_file = (dir / "notes.txt/p.dayafter").string();
    std::ofstream(dir / "notes.txt") << "x";
    EXPECT_EQ(
        test::run(cli() + " -q import osm " + zabadani() + " --project " + under_a_file, &out), 2);
    EXPECT_THAT(out, HasSubstr(under_a_file));
    EXPECT_THAT(out, HasSubstr("does not exist"));
    // /proc refuses new files even to root.
    EXPECT_NE(
        test::run(cli() + " -q import osm " + zabadani() + " --project /proc/p.dayafter", &out), 0);
    EXPECT_THAT(out, HasSubstr("/proc/p.dayafter"));
    EXPECT_THAT(out, Not(HasSubstr("unexpected")));
}

TEST(CliBadInput, ReadingCommandsNeedAProject) {
    test::TempDir dir;
    std::string out;
    EXPECT_EQ(test::run(cli() + " info --project " + (dir / "none.dayafter").string(), &out), 2);
    EXPECT_THAT(out, HasSubstr("none.dayafter: no such project"));
}

} // namespace
} // namespace dayafter
