// The project file under accident and attack (#13), through the real binary: SIGKILL at random
// moments, loads that run at once, links planted where we write, damaged files, --force aimed
// at the wrong file, and spreadsheet formulas in partners' data.
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/file.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <iostream>
#include <random>
#include <thread>

#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sqlite3.h>

#include "dayafter/io/hxl.hpp"
#include "test_support.hpp"

extern char** environ;

namespace dayafter {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
namespace fs = std::filesystem;

std::string cli() {
    return test::cli_binary().string();
}
fs::path bundle() {
    return test::data_dir() / "registry/monaco";
}
std::string monaco() {
    return (test::data_dir() / "osm/monaco/monaco.osm.pbf").string();
}

/// Starts the binary with these arguments, its output thrown away; returns the process id.
pid_t spawn(const std::vector<std::string>& args) {
    std::vector<std::string> all = {cli(), "-q"};
    all.insert(all.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (std::string& arg : all) {
        argv.push_back(arg.data());
    }
    argv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
    pid_t pid = -1;
    const int rc = posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    EXPECT_EQ(rc, 0);
    return pid;
}

/// Waits for the process; its exit code, or -signal when a signal ended it.
int wait_for(pid_t pid) {
    int status = 0;
    ::waitpid(pid, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -WTERMSIG(status);
}

/// Runs to the end; returns the wall time taken.
std::chrono::microseconds time_run(const std::vector<std::string>& args) {
    const auto start = std::chrono::steady_clock::now();
    EXPECT_EQ(wait_for(spawn(args)), 0) << args.front();
    return std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() -
                                                                 start);
}

/// Starts the command and SIGKILLs it after `delay` (or lets it finish if it is quicker).
void kill_after(const std::vector<std::string>& args, std::chrono::microseconds delay) {
    const pid_t pid = spawn(args);
    std::this_thread::sleep_for(delay);
    ::kill(pid, SIGKILL);
    wait_for(pid);
}

/// One integer from SQL on the file (read-only: the test must not roll anything back itself).
std::int64_t sql_int(const fs::path& file, const std::string& sql) {
    sqlite3* db = nullptr;
    EXPECT_EQ(sqlite3_open_v2(file.c_str(), &db, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
    sqlite3_stmt* statement = nullptr;
    std::int64_t value = -1;
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &statement, nullptr) == SQLITE_OK &&
        sqlite3_step(statement) == SQLITE_ROW) {
        value = sqlite3_column_int64(statement, 0);
    }
    sqlite3_finalize(statement);
    sqlite3_close(db);
    return value;
}

std::string integrity(const fs::path& file) {
    sqlite3* db = nullptr;
    sqlite3_open_v2(file.c_str(), &db, SQLITE_OPEN_READONLY, nullptr);
    sqlite3_stmt* statement = nullptr;
    std::string verdict = "no answer";
    if (sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &statement, nullptr) == SQLITE_OK &&
        sqlite3_step(statement) == SQLITE_ROW) {
        verdict = reinterpret_cast<const char*>(sqlite3_column_text(statement, 0));
    }
    sqlite3_finalize(statement);
    sqlite3_close(db);
    return verdict;
}

std::int64_t load_count(const fs::path& project) {
    return sql_int(project, "SELECT count(*) FROM loads");
}
std::int64_t records_of_last_load(const fs::path& project) {
    return sql_int(project, "SELECT count(*) FROM records WHERE load_id = (SELECT max(id) FROM "
                            "loads)");
}

struct LoadStep {
    std::string kind;
    fs::path file;
};

std::vector<LoadStep> bundle_loads() {
    return {{"orgs", bundle() / "orgs.csv"},
            {"facilities", bundle() / "facilities.csv"},
            {"hazards", bundle() / "hazards.geojson"},
            {"population", bundle() / "population.csv"},
            {"resources", bundle() / "resources.csv"},
            {"funding", bundle() / "funding.csv"},
            {"activities", bundle() / "activities.csv"},
            {"population", bundle() / "areas.geojson"}};
}

std::vector<std::string> load_args(const LoadStep& step, const fs::path& project) {
    return {"load", step.kind, step.file.string(), "--project", project.string(),
            "--by", "test",    "--reported",       "2017-12-15"};
}

/// Delays spread over [0, duration), with a seeded jitter, so kills land in every phase: start,
/// reading, planning, the transaction, the commit.
std::vector<std::chrono::microseconds> spread(std::chrono::microseconds duration, int count,
                                              std::mt19937& random) {
    std::uniform_real_distribution<double> jitter(0.0, 1.0);
    std::vector<std::chrono::microseconds> delays;
    for (int k = 0; k < count; ++k) {
        const double at = (k + jitter(random)) / count;
        delays.emplace_back(static_cast<std::int64_t>(at * static_cast<double>(duration.count())));
    }
    return delays;
}

/// After a kill, with no manual step: a reader works first (it rolls back a hot journal), and
/// the file passes SQLite's integrity check.
void expect_usable(const fs::path& project, const std::string& context) {
    std::string out;
    EXPECT_EQ(test::run(cli() + " status --project " + project.string(), &out), 0)
        << context << ": " << out;
    EXPECT_THAT(out, Not(HasSubstr("not a dayafter project"))) << context;
    // A read-only connection fails on a hot journal, so "ok" here also says none is left (a
    // journal killed before its header was synced may stay: SQLite knows it is not hot).
    EXPECT_EQ(integrity(project), "ok") << context;
}

TEST(Reliability, SigkillAtRandomMomentsLeavesAUsableAllOrNothingProject) {
    test::TempDir dir;
    std::mt19937 random(13);
    int kills = 0;
    int journals_left = 0; // kills that left a journal for the next command to deal with
    // Stages: stage[k] holds the map and the first k loads of the bundle.
    const std::vector<LoadStep> loads = bundle_loads();
    std::vector<fs::path> stage = {dir / "stage0.dayafter"};
    const auto import_time = time_run({"import", "osm", monaco(), "--project", stage[0].string()});
    std::vector<std::int64_t> full_records;
    std::vector<std::chrono::microseconds> load_time;
    for (std::size_t k = 0; k < loads.size(); ++k) {
        stage.push_back(dir / fmt::format("stage{}.dayafter", k + 1));
        fs::copy_file(stage[k], stage[k + 1]);
        load_time.push_back(time_run(load_args(loads[k], stage[k + 1])));
        full_records.push_back(records_of_last_load(stage[k + 1]));
        ASSERT_EQ(load_count(stage[k + 1]), static_cast<std::int64_t>(k + 1));
    }

    // import into a new file: afterwards no project, or a whole one.
    for (const auto delay : spread(import_time, 6, random)) {
        const fs::path fresh = dir / fmt::format("fresh{}.dayafter", kills);
        kill_after({"import", "osm", monaco(), "--project", fresh.string()}, delay);
        ++kills;
        if (fs::exists(fresh)) {
            expect_usable(fresh, fmt::format("import killed after {} us", delay.count()));
        }
    }
    // each load kind, on a copy of the stage before it: all of the load or none of it.
    for (std::size_t k = 0; k < loads.size(); ++k) {
        for (const auto delay : spread(load_time[k], 5, random)) {
            const fs::path project = dir / "killed.dayafter";
            fs::copy_file(stage[k], project, fs::copy_options::overwrite_existing);
            kill_after(load_args(loads[k], project), delay);
            ++kills;
            journals_left += fs::exists(project.string() + "-journal") ? 1 : 0;
            const std::string context = fmt::format(
                "load {} killed after {} us", loads[k].file.filename().string(), delay.count());
            expect_usable(project, context);
            const std::int64_t count = load_count(project);
            ASSERT_TRUE(count == static_cast<std::int64_t>(k) ||
                        count == static_cast<std::int64_t>(k + 1))
                << context << ": " << count << " loads";
            if (count == static_cast<std::int64_t>(k + 1)) {
                EXPECT_EQ(records_of_last_load(project), full_records[k]) << context;
            }
            // The next load of the same file works with no manual step.
            std::string out;
            EXPECT_EQ(
                test::run(cli() + " -q " +
                              fmt::format("load {} {} --project {} --by test "
                                          "--reported 2017-12-15",
                                          loads[k].kind, loads[k].file.string(), project.string()),
                          &out),
                0)
                << context << ": " << out;
        }
    }
    // access reads the project and writes its output folder: the project is untouched.
    const fs::path full = stage.back();
    const std::vector<std::string> access = {"access", "--project", full.string(), "--out",
                                             (dir / "acc").string()};
    for (const auto delay : spread(time_run(access), 4, random)) {
        kill_after(access, delay);
        ++kills;
        expect_usable(full, fmt::format("access killed after {} us", delay.count()));
    }
    EXPECT_EQ(load_count(full), static_cast<std::int64_t>(loads.size()));
    EXPECT_GE(kills, 50);
    RecordProperty("kills", kills);
    RecordProperty("journals_left", journals_left);
    std::cout << kills << " kills, " << journals_left << " left a journal\n";
}

/// A tiny town with eight clinics (codes n1..n8): loads on it take milliseconds, so the
/// concurrency rounds test the locking, not the planner.
fs::path tiny_project(const test::TempDir& dir) {
    test::AsciiTown(R"(
        a---b---c---d
        |           |
        e---f---g---h )")
        .way("abcd", {{"highway", "residential"}})
        .way("efgh", {{"highway", "residential"}})
        .way("ae", {{"highway", "residential"}})
        .way("dh", {{"highway", "residential"}})
        .node("a", {{"amenity", "clinic"}})
        .node("b", {{"amenity", "clinic"}})
        .node("c", {{"amenity", "clinic"}})
        .node("d", {{"amenity", "clinic"}})
        .node("e", {{"amenity", "clinic"}})
        .node("f", {{"amenity", "clinic"}})
        .node("g", {{"amenity", "clinic"}})
        .node("h", {{"amenity", "clinic"}})
        .write(dir / "tiny.osm");
    const fs::path project = dir / "tiny.dayafter";
    std::string out;
    EXPECT_EQ(test::run(fmt::format("{} -q import osm {} --project {}", cli(),
                                    (dir / "tiny.osm").string(), project.string()),
                        &out),
              0)
        << out;
    return project;
}

/// One facility's status on one day: a change every time, so every load writes a record.
fs::path status_file(const test::TempDir& dir, int round, int loader) {
    const fs::path file = dir / fmt::format("r{}-l{}.csv", round, loader);
    std::ofstream(file) << "code,functionality,reported\n"
                        << "#loc+facility+code,#status+functionality,#date+reported\n"
                        << fmt::format("n{},{},2018-{:02}-{:02}\n", loader + 1,
                                       round % 2 == 0 ? "A1" : "A3", 1 + round / 28,
                                       1 + round % 28);
    return file;
}

TEST(Reliability, ConcurrentLoadsAllLandInEveryRound) {
    test::TempDir dir;
    const fs::path project = tiny_project(dir);
    std::int64_t expected = 0;
    for (const int loaders : {2, 8}) {
        for (int round = 0; round < 20; ++round) {
            std::vector<pid_t> running;
            for (int l = 0; l < loaders; ++l) {
                const fs::path file = status_file(dir, round + (loaders == 8 ? 20 : 0), l);
                running.push_back(spawn({"load", "facilities", file.string(), "--project",
                                         project.string(), "--by", fmt::format("l{}", l)}));
            }
            for (const pid_t pid : running) {
                EXPECT_EQ(wait_for(pid), 0) << loaders << " loaders, round " << round;
            }
            expected += loaders;
            ASSERT_EQ(load_count(project), expected) << loaders << " loaders, round " << round;
        }
    }
    EXPECT_EQ(integrity(project), "ok");
}

TEST(Reliability, PlantedLinksNeverGetTheirTargetWritten) {
    test::TempDir dir;
    const fs::path project = tiny_project(dir);
    const fs::path victim = dir / "victim.txt";
    std::ofstream(victim) << "precious\n";
    const auto planted = [&](const fs::path& at) {
        fs::remove(at);
        fs::create_symlink(victim, at);
    };
    std::string out;
    // The project's journal, opened by a predictable name on every load.
    planted(project.string() + "-journal");
    EXPECT_EQ(test::run(fmt::format("{} -q load facilities {} --project {} --by t", cli(),
                                    status_file(dir, 0, 0).string(), project.string()),
                        &out),
              2)
        << out;
    EXPECT_THAT(out, HasSubstr("symbolic link"));
    fs::remove(project.string() + "-journal");
    // The project itself, with --force.
    const fs::path linked = dir / "linked.dayafter";
    planted(linked);
    EXPECT_EQ(test::run(fmt::format("{} -q import osm {} --project {} --force", cli(),
                                    (dir / "tiny.osm").string(), linked.string()),
                        &out),
              2)
        << out;
    // Every output name of export and access, and the old predictable temporary names (--force:
    // replacing the names is allowed, writing through them is not).
    const fs::path out_csv = dir / "facilities.csv";
    planted(out_csv);
    planted(out_csv.string() + ".partial");
    EXPECT_EQ(test::run(fmt::format("{} -q export facilities --project {} --force --output {}",
                                    cli(), project.string(), out_csv.string()),
                        &out),
              0)
        << out;
    EXPECT_FALSE(fs::is_symlink(out_csv)); // the rename replaced the link, not its target
    fs::create_directory(dir / "acc");
    for (const char* name : {"places.csv", "places.geojson", "facilities.geojson",
                             "catchments.geojson", "places.csv.partial"}) {
        planted(dir / "acc" / name);
    }
    EXPECT_EQ(test::run(fmt::format("{} -q access --project {} --force --out {}", cli(),
                                    project.string(), (dir / "acc").string()),
                        &out),
              0)
        << out;
    EXPECT_EQ(test::read_text(victim), "precious\n");
}

TEST(Reliability, TemporaryFilesAreCreatedExclusivelyWithoutFollowingLinks) {
    if (test::run("strace -V") != 0) {
        GTEST_SKIP() << "strace is not installed";
    }
    test::TempDir dir;
    const fs::path project = tiny_project(dir);
    std::string out;
    const int code = test::run(
        fmt::format("strace -f -e trace=openat -o {} {} -q import osm {} --project {} --force",
                    (dir / "trace").string(), cli(), (dir / "tiny.osm").string(), project.string()),
        &out);
    if (code != 0 && out.find("ptrace") != std::string::npos) {
        GTEST_SKIP() << "ptrace is not allowed here: " << out;
    }
    ASSERT_EQ(code, 0) << out;
    const std::string trace = test::read_text(dir / "trace");
    // The first open of the temporary name creates it exclusively; every later open that may
    // write refuses a link (SQLite's, with SQLITE_OPEN_NOFOLLOW).
    std::size_t partial_opens = 0;
    for (std::size_t at = trace.find(".partial-"); at != std::string::npos;
         at = trace.find(".partial-", at + 1)) {
        const std::size_t begin = trace.rfind('\n', at) + 1;
        const std::string line = trace.substr(begin, trace.find('\n', at) - begin);
        if (line.find("openat") == std::string::npos ||
            line.find("-journal") != std::string::npos) {
            continue;
        }
        if (partial_opens++ == 0) {
            EXPECT_THAT(line, HasSubstr("O_CREAT|O_EXCL")) << line;
        } else if (line.find("O_RDONLY") == std::string::npos) {
            EXPECT_THAT(line, HasSubstr("O_NOFOLLOW")) << line;
        }
    }
    EXPECT_GE(partial_opens, 1U);
}

TEST(Reliability, ADamagedProjectIsRefusedWithExitTwo) {
    test::TempDir dir;
    const fs::path project = tiny_project(dir);
    test::exec_sql(project, "UPDATE edges SET to_node = 999 WHERE id = 0");
    for (const std::string& verb : std::vector<std::string>{
             "info", "status", fmt::format("export graph --dir {}", (dir / "graph").string())}) {
        std::string out;
        EXPECT_EQ(
            test::run(fmt::format("{} -q {} --project {}", cli(), verb, project.string()), &out), 2)
            << verb << ": " << out;
        EXPECT_THAT(out, HasSubstr("the project file is damaged: edge 0 points at node 999"))
            << verb;
    }
    EXPECT_FALSE(fs::exists(dir / "graph" / "edges.csv"));
}

TEST(Reliability, ForceReplacesOnlyAProjectAndNeverSilentlyItsRegistry) {
    test::TempDir dir;
    const fs::path project = tiny_project(dir);
    const std::string osm = (dir / "tiny.osm").string();
    std::string out;
    // Not a project: a CSV given by mistake, a device.
    const fs::path csv = dir / "partners.csv";
    std::ofstream(csv) << "code,name\nH1,clinic\n";
    for (const std::string& target : {csv.string(), std::string("/dev/null")}) {
        EXPECT_EQ(
            test::run(fmt::format("{} -q import osm {} --project {} --force", cli(), osm, target),
                      &out),
            2)
            << target << ": " << out;
        EXPECT_THAT(out, HasSubstr("--force replaces only a dayafter project")) << target;
    }
    EXPECT_EQ(test::read_text(csv), "code,name\nH1,clinic\n");
    // A project with a registry: refused, naming the choices, unless the registry is let go.
    ASSERT_EQ(test::run(fmt::format("{} -q load facilities {} --project {} --by t", cli(),
                                    status_file(dir, 0, 0).string(), project.string()),
                        &out),
              0)
        << out;
    const std::string before = test::read_text(project);
    EXPECT_EQ(test::run(fmt::format("{} -q import osm {} --project {} --force", cli(), osm,
                                    project.string()),
                        &out),
              2)
        << out;
    EXPECT_THAT(out, HasSubstr("holds a registry of 1 load(s)"));
    EXPECT_THAT(out, HasSubstr("--discard-registry"));
    EXPECT_EQ(test::read_text(project), before);
    EXPECT_EQ(test::run(fmt::format("{} -q import osm {} --project {} --force --discard-registry",
                                    cli(), osm, project.string()),
                        &out),
              0)
        << out;
    EXPECT_EQ(load_count(project), 0);
}

TEST(Reliability, UpdateReplacesTheMapAndKeepsTheRegistry) {
    test::TempDir dir;
    const fs::path project = tiny_project(dir);
    std::string out;
    ASSERT_EQ(test::run(fmt::format("{} -q load facilities {} --project {} --by t", cli(),
                                    status_file(dir, 0, 0).string(), project.string()),
                        &out),
              0)
        << out;
    // The new map lost clinic a (n1), the one the registry reports on.
    test::AsciiTown(R"(
        a---b )")
        .way("ab", {{"highway", "residential"}})
        .node("b", {{"amenity", "clinic"}})
        .write(dir / "smaller.osm");
    EXPECT_EQ(test::run(fmt::format("{} -q import osm {} --project {} --update", cli(),
                                    (dir / "smaller.osm").string(), project.string()),
                        &out),
              0)
        << out;
    EXPECT_THAT(out, HasSubstr("1 facility(ies) of the registry match nothing on the new map"));
    EXPECT_EQ(load_count(project), 1);
    EXPECT_EQ(sql_int(project, "SELECT count(*) FROM facilities"), 1);
    EXPECT_EQ(test::run(fmt::format("{} -q history --project {}", cli(), project.string()), &out),
              0)
        << out;
    EXPECT_EQ(integrity(project), "ok");
    // --update needs a project to update.
    EXPECT_EQ(
        test::run(fmt::format("{} -q import osm {} --project {} --update", cli(),
                              (dir / "smaller.osm").string(), (dir / "none.dayafter").string()),
                  &out),
        2)
        << out;
}

// A write killed with SIGKILL leaves its unfinished copy (NAME.partial-XXXXXX) behind; the next
// write to that name removes it, and only it: not one another process is writing (locked), not
// a link planted at such a name.
TEST(Reliability, UnfinishedCopiesOfKilledWritesAreRemovedByTheNextWrite) {
    test::TempDir dir;
    const fs::path project = tiny_project(dir);
    const fs::path abandoned = project.string() + ".partial-AAAAAA";
    const fs::path live = project.string() + ".partial-BBBBBB";
    const fs::path link = project.string() + ".partial-CCCCCC";
    const fs::path target = dir / "target.txt";
    std::ofstream(abandoned) << "half a project";
    std::ofstream(live) << "being written";
    std::ofstream(target) << "keep me";
    fs::create_symlink(target, link);
    const int held = ::open(live.c_str(), O_RDONLY | O_CLOEXEC);
    ASSERT_GE(held, 0);
    ASSERT_EQ(::flock(held, LOCK_EX), 0);
    std::string out;
    EXPECT_EQ(test::run(fmt::format("{} import osm {} --project {} --force", cli(),
                                    (dir / "tiny.osm").string(), project.string()),
                        &out),
              0)
        << out;
    EXPECT_THAT(out, HasSubstr("removed 1 unfinished copy(ies)"));
    EXPECT_FALSE(fs::exists(abandoned));
    EXPECT_TRUE(fs::exists(live));
    EXPECT_TRUE(fs::is_symlink(link));
    EXPECT_EQ(test::read_text(target), "keep me");
    ::close(held);
    // Output folders too: access writes its files the same way.
    const fs::path folder = dir / "access";
    fs::create_directory(folder);
    std::ofstream(folder / "places.csv.partial-DDDDDD") << "half a table";
    EXPECT_EQ(test::run(fmt::format("{} -q access --project {} --out {}", cli(), project.string(),
                                    folder.string()),
                        &out),
              0)
        << out;
    EXPECT_FALSE(fs::exists(folder / "places.csv.partial-DDDDDD"));
    for (const auto& entry : fs::directory_iterator(folder)) {
        EXPECT_THAT(entry.path().filename().string(), Not(HasSubstr(".partial-")));
    }
}

TEST(Reliability, SpreadsheetFormulasAreDefusedInCsvExports) {
    test::TempDir dir;
    const fs::path project = tiny_project(dir);
    const fs::path names = dir / "names.csv";
    std::ofstream(names)
        << "code,name,functionality,reported\n"
        << "#loc+facility+code,#loc+facility+name,#status+functionality,#date+reported\n"
        << "n1,\"=HYPERLINK(\"\"http://x\"\")\",A1,2018-01-01\n"
        << "n2,@SUM(A1),A1,2018-01-01\n";
    std::string out;
    ASSERT_EQ(test::run(fmt::format("{} -q load facilities {} --project {} --by t", cli(),
                                    names.string(), project.string()),
                        &out),
              0)
        << out;
    ASSERT_EQ(
        test::run(fmt::format("{} -q export facilities --project {}", cli(), project.string()),
                  &out),
        0);
    EXPECT_THAT(out, HasSubstr("\"'=HYPERLINK(\"\"http://x\"\")\""));
    EXPECT_THAT(out, HasSubstr(",'@SUM(A1),"));
    EXPECT_THAT(out, Not(HasSubstr(",=HYPERLINK")));
    // Loading the export back gives the names as the partner wrote them, apostrophe undone.
    const fs::path exported = dir / "exported.csv";
    std::ofstream(exported) << out;
    const std::int64_t loads = load_count(project);
    ASSERT_EQ(test::run(fmt::format("{} -q load facilities {} --project {} --by t", cli(),
                                    exported.string(), project.string()),
                        &out),
              0)
        << out;
    EXPECT_EQ(load_count(project), loads) << "the export read back changed something:\n" << out;
    const io::HxlTable table = io::parse_hxl_csv(
        io::csv_row({"name"}) + "\n#loc+name\n" + io::csv_row({"=1+2"}) + "\n'-12\n", "t.csv");
    ASSERT_EQ(table.rows.size(), 2U);
    EXPECT_EQ(table.rows[0].cells[0], "=1+2");
    EXPECT_EQ(table.rows[1].cells[0], "'-12"); // not one we escaped: kept as written
    // Numbers stay numbers; everything a spreadsheet would run gets the apostrophe.
    EXPECT_EQ(io::csv_row({"-12.5", "+3", "=1+2", "-x", "@x", "\tx", "\rx", "a=b", "1e5"}),
              "-12.5,+3,'=1+2,'-x,'@x,'\tx,\"'\rx\",a=b,1e5");
}

} // namespace
} // namespace dayafter
