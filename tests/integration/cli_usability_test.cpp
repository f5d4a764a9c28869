// The command line as people expect it (issue #14): outputs never replaced without --force.
#include <fstream>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "test_support.hpp"

namespace dayafter {
namespace {

using ::testing::HasSubstr;

std::string cli() {
    return test::cli_binary().string();
}
std::string monaco() {
    return (test::data_dir() / "osm/monaco/monaco.osm.pbf").string();
}

/// Standard output only.
int run_stdout(const std::string& command, std::string* output) {
    return test::run("(" + command + " 2>/dev/null)", output);
}

/// Outputs are never replaced silently: every verb that writes files refuses an existing one
/// (exit 2, naming it) unless --force is given, and refuses before the work.
class CliOutputs : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        dir_ = new test::TempDir();
        std::string out;
        ASSERT_EQ(test::run(cli() + " -q import osm " + monaco() + " --project " + project(), &out),
                  0)
            << out;
    }
    static void TearDownTestSuite() {
        delete dir_;
        dir_ = nullptr;
    }
    static std::string project() { return (*dir_ / "monaco.dayafter").string(); }
    static std::filesystem::path path(const std::string& name) { return *dir_ / name; }

    /// Runs `verb` (with `{}` standing for the output folder) into a new folder, then, for each
    /// file it wrote, into a folder holding only that file: each must be refused and kept.
    static void expect_every_file_kept(const std::string& name, const std::string& verb) {
        const auto with_folder = [&verb](const std::filesystem::path& folder) {
            std::string command = verb;
            command.replace(command.find("{}"), 2, folder.string());
            return cli() + " -q " + command;
        };
        std::string out;
        ASSERT_EQ(test::run(with_folder(path(name)), &out), 0) << out;
        std::size_t files = 0;
        for (const auto& entry : std::filesystem::directory_iterator(path(name))) {
            SCOPED_TRACE(entry.path());
            const std::filesystem::path alone = path(name + "-" + entry.path().filename().string());
            std::filesystem::create_directories(alone);
            std::ofstream(alone / entry.path().filename()) << "mine";
            EXPECT_EQ(test::run(with_folder(alone), &out), 2);
            EXPECT_THAT(out, HasSubstr((alone / entry.path().filename()).string() +
                                       ": already exists; use --force to replace it"));
            EXPECT_EQ(test::read_text(alone / entry.path().filename()), "mine");
            ++files;
        }
        EXPECT_GE(files, 3U);
        ASSERT_EQ(test::run(with_folder(path(name)) + " --force", &out), 0) << out;
    }
    static test::TempDir* dir_;
};
test::TempDir* CliOutputs::dir_ = nullptr;

TEST_F(CliOutputs, AccessPlanAndGraphKeepEveryFileTheyWouldReplace) {
    expect_every_file_kept("access", "access --project " + project() + " --out {}");
    expect_every_file_kept("graph", "export graph --project " + project() + " --dir {}");
    expect_every_file_kept("plan",
                           "plan --project " + project() + " --evaluations 20 --no-store --out {}");
}

TEST_F(CliOutputs, SingleFilesAreKeptUnlessForced) {
    const std::string file = path("mine.txt").string();
    const std::string scenarios = (test::data_dir() / "../../docs/scenarios").string();
    const std::string commands[] = {
        "access --project " + project() + " --service health --out " + path("a").string() +
            " --per-node " + file,
        "export facilities --project " + project() + " -o " + file,
        "scenario entry-closed --name Menton --out " + file,
        "compare --project " + project() + " " + scenarios + "/baseline.json " + scenarios +
            "/bridges.json --csv " + file,
    };
    for (const std::string& command : commands) {
        SCOPED_TRACE(command);
        std::ofstream(file) << "mine";
        std::string out;
        EXPECT_EQ(test::run(cli() + " -q " + command, &out), 2);
        EXPECT_THAT(out, HasSubstr(file + ": already exists; use --force to replace it"));
        EXPECT_EQ(test::read_text(file), "mine");
        EXPECT_EQ(test::run(cli() + " -q " + command + " --force", &out), 0) << out;
        EXPECT_NE(test::read_text(file), "mine");
        std::filesystem::remove_all(path("a"));
    }
    // Standard output is never "replaced".
    std::string out;
    EXPECT_EQ(run_stdout(cli() + " export facilities --project " + project() + " -o -", &out), 0);
}

} // namespace
} // namespace dayafter
