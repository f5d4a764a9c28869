// The command line as people expect it (issue #14): `help VERB`, the nearest verb to a typo,
// -q after the verb, one rewritten progress line on a terminal, manual pages and bash completion
// made from the same definitions as --help, the install tree, and outputs never replaced
// without --force.
#include <fstream>
// GCC 12 warns of an uninitialized std::function inside libstdc++'s regex compiler when it is
// inlined under the sanitizers (a false positive, GCC bug 105562); -Werror would stop the build.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#include <regex>
#pragma GCC diagnostic pop
#include <set>
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

/// The option names a verb's help lists ("--project", "-o", "--output", ...).
std::vector<std::string> options_of(const std::string& path) {
    const std::string help = help_of(path);
    std::vector<std::string> names;
    for (const char* section : {"Options", "Global options"}) {
        for (const std::string& entry : entries(help, section)) {
            std::istringstream parts(entry);
            for (std::string name; std::getline(parts, name, ',');) {
                names.push_back(name);
            }
        }
    }
    return names;
}

std::string dashed(std::string path) {
    std::replace(path.begin(), path.end(), ' ', '-');
    return path.empty() ? "dayafter" : "dayafter-" + path;
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

TEST(CliCompletion, CompletesEveryVerbAndEveryOptionOfEachVerb) {
    const std::filesystem::path script = DAYAFTER_COMPLETION;
    ASSERT_TRUE(std::filesystem::exists(script));
    std::string printed;
    ASSERT_EQ(run_stdout(cli() + " --completion bash", &printed), 0);
    EXPECT_EQ(test::read_text(script), printed) << "the built completion is out of date";
    // What bash offers after `dayafter WORDS... CURRENT<TAB>`.
    const auto offered = [&script](const std::string& words, const std::string& current) {
        std::ofstream(script.string() + ".probe")
            << "source '" << script.string() << "'\nCOMP_WORDS=(dayafter " << words << " '"
            << current << "')\nCOMP_CWORD=$((${#COMP_WORDS[@]} - 1))\n_dayafter\n"
            << "printf '%s\\n' \"${COMPREPLY[@]}\"\n";
        std::string out;
        EXPECT_EQ(test::run("bash " + script.string() + ".probe", &out), 0) << out;
        std::set<std::string> set;
        std::istringstream in(out);
        for (std::string line; std::getline(in, line);) {
            if (!line.empty()) {
                set.insert(line);
            }
        }
        return set;
    };
    const std::vector<std::string> paths = verb_paths();
    ASSERT_GT(paths.size(), 20U);
    for (const std::string& verb : entries(help_of(""), "Subcommands")) {
        EXPECT_TRUE(offered("", "").contains(verb)) << verb;
        EXPECT_TRUE(offered("help", "").contains(verb)) << verb;
    }
    for (const std::string& path : paths) {
        SCOPED_TRACE(path);
        const std::set<std::string> options = offered(path, "-");
        for (const std::string& option : options_of(path)) {
            EXPECT_TRUE(options.contains(option)) << option;
        }
        const std::set<std::string> verbs = offered(path, "");
        for (const std::string& verb : entries(help_of(path), "Subcommands")) {
            EXPECT_TRUE(verbs.contains(verb)) << verb;
        }
    }
    EXPECT_EQ(offered("acc", ""), std::set<std::string>());
    EXPECT_EQ(offered("", "acc"), std::set<std::string>{"access"});
    EXPECT_EQ(offered("export", "fa"), std::set<std::string>{"facilities"});
    // After an option that takes a value, bash completes file names (nothing offered here).
    EXPECT_EQ(offered("access --project", ""), std::set<std::string>());
    EXPECT_TRUE(offered("access --project p.dayafter", "--se").contains("--service"));
}

/// A page's text as written: roff escapes for dashes and fonts undone, so that an option reads
/// as in --help (a rendered page may hyphenate it across two lines).
std::string page_text(const std::filesystem::path& page) {
    std::string text = test::read_text(page);
    text = std::regex_replace(text, std::regex(R"(\\f[BIRP])"), "");
    return std::regex_replace(text, std::regex(R"(\\-)"), "-");
}

TEST(CliManPages, OnePerVerbFromItsHelpAndGroffReadsThemCleanly) {
    const std::filesystem::path man = DAYAFTER_MAN_DIR;
    if (!std::filesystem::exists(man)) {
        GTEST_SKIP() << "no manual pages: help2man was not found when the build was configured";
    }
    std::vector<std::string> paths = verb_paths();
    paths.insert(paths.begin(), "");
    for (const std::string& path : paths) {
        SCOPED_TRACE(path);
        const std::filesystem::path page = man / (dashed(path) + ".1");
        ASSERT_TRUE(std::filesystem::exists(page)) << page;
        std::string warnings;
        EXPECT_EQ(test::run("groff -man -Tutf8 -ww -z " + page.string(), &warnings), 0);
        EXPECT_EQ(warnings, "");
        const std::string text = page_text(page);
        EXPECT_THAT(text, HasSubstr(dashed(path) + " - "));
        for (const std::string& option : options_of(path)) {
            EXPECT_THAT(text, HasSubstr(option));
        }
        for (const std::string& verb : entries(help_of(path), "Subcommands")) {
            EXPECT_THAT(text, HasSubstr("\n" + verb + "\n"));
            EXPECT_THAT(page_text(man / "dayafter.1"),
                        HasSubstr(dashed(path.empty() ? verb : path + " " + verb) + " (1)"));
        }
    }
    const std::string access = page_text(man / "dayafter-access.1");
    EXPECT_THAT(access, HasSubstr("--service"));
    EXPECT_THAT(access, HasSubstr("Who can reach a functioning service"));
    // The examples keep one command a line.
    EXPECT_THAT(access, HasSubstr("38000\n.br\ndayafter access"));
    std::string rendered;
    ASSERT_EQ(run_stdout("LC_ALL=C MANWIDTH=100 man -l " + (man / "dayafter-access.1").string(),
                         &rendered),
              0);
    EXPECT_THAT(rendered, HasSubstr("dayafter-access - Who can reach a functioning service"));
}

TEST(CliInstall, InstallsTheBinaryPagesCompletionAndDocumentation) {
    test::TempDir prefix;
    std::string out;
    ASSERT_EQ(test::run(std::string(DAYAFTER_CMAKE) + " --install " + DAYAFTER_BUILD_DIR +
                            " --prefix " + prefix.path().string(),
                        &out),
              0)
        << out;
    for (const char* file :
         {"bin/dayafter", "share/bash-completion/completions/dayafter",
          "share/doc/dayafter/README.md", "share/doc/dayafter/docs/architecture.md",
          "share/doc/dayafter/docs/cli/access.md"}) {
        EXPECT_TRUE(std::filesystem::exists(prefix / file)) << file;
    }
    if (std::filesystem::exists(DAYAFTER_MAN_DIR)) {
        for (const char* page : {"dayafter.1", "dayafter-access.1", "dayafter-import-osm.1"}) {
            EXPECT_TRUE(std::filesystem::exists(prefix / "share/man/man1" / page)) << page;
        }
    }
    ASSERT_EQ(run_stdout((prefix / "bin/dayafter").string() + " --version", &out), 0);
    EXPECT_THAT(out, ::testing::StartsWith("dayafter "));
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
