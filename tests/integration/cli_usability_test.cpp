// The command line as people expect it (issue #14): `help VERB`, the nearest verb to a typo,
// -q after the verb, one rewritten progress line on a terminal, and outputs never replaced
// without --force.
#include <fstream>
#include <regex>
#include <sstream>

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
std::string monaco() {
    return (test::data_dir() / "osm/monaco/monaco.osm.pbf").string();
}

/// Standard output only.
int run_stdout(const std::string& command, std::string* output) {
    return test::run("(" + command + " 2>/dev/null)", output);
}

std::string help_of(const std::string& verb) {
    std::string out;
    EXPECT_EQ(run_stdout(cli() + " " + verb + " --help", &out), 0) << verb;
    return out;
}

/// The lines of a section of CLI11's help ("Subcommands", "Options", ...) that start an entry.
std::vector<std::string> entries(const std::string& help, const std::string& section) {
    std::vector<std::string> lines;
    std::istringstream in(help);
    bool inside = false;
    for (std::string line; std::getline(in, line);) {
        if (line == section + ":") {
            inside = true;
        } else if (line.empty()) {
            inside = false;
        } else if (inside && line.starts_with("  ") && line[2] != ' ') {
            lines.push_back(line.substr(2, line.find(' ', 2) - 2));
        }
    }
    return lines;
}

/// Every verb path as the help lists them: "import", "import osm", "export", ...
std::vector<std::string> verb_paths(const std::string& prefix = "") {
    std::vector<std::string> paths;
    for (const std::string& verb : entries(help_of(prefix), "Subcommands")) {
        const std::string path = prefix.empty() ? verb : prefix + " " + verb;
        paths.push_back(path);
        for (const std::string& below : verb_paths(path)) {
            paths.push_back(below);
        }
    }
    return paths;
}

TEST(CliHelpVerb, PrintsWhatHelpOptionPrints) {
    for (const char* verb :
         {"", "access", "import", "import osm", "export facilities", "scenario displace", "help"}) {
        SCOPED_TRACE(verb);
        std::string out;
        EXPECT_EQ(run_stdout(cli() + " help " + verb, &out), 0);
        EXPECT_EQ(out, help_of(verb));
        EXPECT_THAT(out, HasSubstr("Usage: dayafter " + std::string(verb)));
    }
    EXPECT_THAT(help_of(""), HasSubstr("dayafter help VERB"));
}

TEST(CliHelpVerb, RefusesWhatIsNotAVerbWithTheNearestOne) {
    std::string out;
    EXPECT_EQ(test::run(cli() + " help acess", &out), 2);
    EXPECT_THAT(out, HasSubstr("'acess' is not a verb; did you mean 'access'?"));
    EXPECT_EQ(test::run(cli() + " help import osmm", &out), 2);
    EXPECT_THAT(out, HasSubstr("did you mean 'import osm'?"));
    EXPECT_EQ(test::run(cli() + " help access places", &out), 2);
    EXPECT_THAT(out, HasSubstr("'access' has no verbs under it"));
    EXPECT_EQ(test::run(cli() + " help frobnicate", &out), 2);
    EXPECT_THAT(out, HasSubstr("'frobnicate' is not a verb"));
    EXPECT_THAT(out, Not(HasSubstr("did you mean")));
}

TEST(CliUnknownVerb, GetsTheNearestVerbAndExitCode2) {
    struct Case {
        std::string arguments;
        std::string message;
    };
    const Case cases[] = {
        {"acess --project p.dayafter", "'acess' is not a verb; did you mean 'access'?"},
        {"-q stauts --project p.dayafter", "'stauts' is not a verb; did you mean 'status'?"},
        {"import osmm town.osm.pbf", "'import osmm' is not a verb; did you mean 'import osm'?"},
        {"export facilitis --project p.dayafter",
         "did you mean 'export facilities'? (see 'dayafter export --help')"},
        {"scenario bridges-ovr --waterway x", "did you mean 'scenario bridges-over'?"},
    };
    for (const Case& c : cases) {
        SCOPED_TRACE(c.arguments);
        std::string out;
        EXPECT_EQ(test::run(cli() + " " + c.arguments, &out), 2);
        EXPECT_THAT(out, HasSubstr(c.message));
    }
    std::string out;
    EXPECT_EQ(test::run(cli() + " frobnicate", &out), 2);
    EXPECT_THAT(out, HasSubstr("'frobnicate' is not a verb (see 'dayafter --help')"));
    EXPECT_THAT(out, Not(HasSubstr("did you mean")));
    // A word after a verb that takes words of its own is that verb's business.
    EXPECT_EQ(test::run(cli() + " load acess x.csv --project p.dayafter", &out), 2);
    EXPECT_THAT(out, Not(HasSubstr("did you mean")));
}

TEST(CliGlobalFlags, QuietWorksAfterTheVerbToo) {
    test::TempDir dir;
    const std::string project = (dir / "z.dayafter").string();
    std::string out;
    ASSERT_EQ(test::run(cli() + " import osm " + zabadani() + " --project " + project, &out), 0)
        << out;
    EXPECT_THAT(out, HasSubstr(" s] reading nodes and ways"));
    ASSERT_EQ(
        test::run(cli() + " import osm " + zabadani() + " --project " + project + " --force -q",
                  &out),
        0)
        << out;
    EXPECT_THAT(out, Not(HasSubstr(" s] ")));
    EXPECT_THAT(out, HasSubstr("433 road ways"));
    ASSERT_EQ(test::run(cli() + " info --project " + project + " -q --json", &out), 0) << out;
    EXPECT_THAT(out, HasSubstr("\"edges\": 935"));
    ASSERT_EQ(test::run(cli() + " export -q graph --project " + project + " --dir " +
                            (dir / "g").string() + " --quiet",
                        &out),
              0)
        << out;
    for (const std::string& verb : verb_paths()) {
        EXPECT_THAT(help_of(verb), HasSubstr("-q,--quiet")) << verb;
    }
}

/// Runs a command on a pseudo-terminal (util-linux `script`); stdout and stderr both reach it.
int run_on_terminal(const std::string& command, std::string* output) {
    return test::run("TERM=xterm script -qec '" + command + "' /dev/null", output);
}

TEST(CliProgress, OneRewrittenLineOnATerminalAndPlainLinesElsewhere) {
    if (test::run("command -v script") != 0) {
        GTEST_SKIP() << "no script(1) to make a terminal";
    }
    // A status line ends with its spinner and "erase to the end of the line"; whatever follows
    // must start by going back to the start of the line (to redraw or erase it).
    const std::regex left_on_a_status_line(R"([-|/\\]\x1b\[K([^\r]|$))");
    test::TempDir dir;
    const std::string project = (dir / "z.dayafter").string();
    std::string out;
    ASSERT_EQ(run_on_terminal(cli() + " import osm " + zabadani() + " --project " + project, &out),
              0)
        << out;
    // Each step rewrites the status line; none is left behind as a line of its own.
    EXPECT_THAT(out, HasSubstr("\r["));
    EXPECT_THAT(out, HasSubstr(" s] reading nodes and ways"));
    EXPECT_THAT(out, Not(HasSubstr("\n[")));
    // The line is erased before the summary, which starts a clean line.
    EXPECT_THAT(out, HasSubstr("\r\x1b[Kimported "));
    EXPECT_FALSE(std::regex_search(out, left_on_a_status_line)) << out;
    // Results on standard output never land on the end of a status line.
    ASSERT_EQ(run_on_terminal(cli() + " export graph --project " + project + " --dir " +
                                  (dir / "g").string() + " && " + cli() + " status --project " +
                                  project,
                              &out),
              0)
        << out;
    EXPECT_FALSE(std::regex_search(out, left_on_a_status_line)) << out;

    // Not a terminal: one plain line per step, as the golden tests and logs expect.
    ASSERT_EQ(
        test::run(cli() + " import osm " + zabadani() + " --project " + project + " --force", &out),
        0);
    EXPECT_THAT(out, Not(HasSubstr("\x1b[")));
    EXPECT_TRUE(std::regex_search(out, std::regex(R"(\n\[ *[0-9.]+ s\] reading nodes and ways\n)")))
        << out;
    // -q on a terminal: no status line at all.
    ASSERT_EQ(run_on_terminal(cli() + " -q import osm " + zabadani() + " --project " + project +
                                  " --force",
                              &out),
              0);
    EXPECT_THAT(out, Not(HasSubstr("\x1b[")));
    EXPECT_THAT(out, Not(HasSubstr(" s] ")));
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
