// Where the CLI's messages go. Progress, warnings and notes go to standard error; standard
// output holds only results. When standard error is a terminal, progress is one status line
// rewritten in place, with the time since the start kept running while the library works
// between two messages; anywhere else (a pipe, a log file, the golden tests) every message is a
// line of its own, so a log keeps each step.
//
//     Console console(Console::style_for_stderr(), /*show_progress=*/!quiet);
//     console.write(LogLevel::Progress, "reading nodes and ways");
//     console.finish(); // before writing to standard error directly
#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>

#include "dayafter/util/log.hpp"

namespace dayafter::cli {

class Console {
public:
    enum class Style { Lines, StatusLine };
    /// StatusLine when standard error is a terminal that can move its cursor, else Lines.
    [[nodiscard]] static Style style_for_stderr();

    /// With StatusLine, standard output is held back while the status line is shown (when it is
    /// a terminal too) and written out before any other message, so results never land on the
    /// end of a status line.
    Console(Style style, bool show_progress);
    ~Console();
    Console(const Console&) = delete;
    Console& operator=(const Console&) = delete;

    /// Writes one message; callable from any thread.
    void write(LogLevel level, std::string_view text);
    /// Erases the status line, stops refreshing it and writes out standard output; later
    /// messages are plain lines.
    void finish();

private:
    void draw();  // with mutex_ held
    void erase(); // with mutex_ held
    void tick();

    Style style_;
    bool show_progress_;
    std::chrono::steady_clock::time_point start_;
    std::mutex mutex_;
    std::condition_variable wake_;
    std::string status_; // the progress message on the status line; empty when none
    bool drawn_ = false;
    bool stopping_ = false;
    unsigned frame_ = 0;
    std::thread ticker_;
};

} // namespace dayafter::cli
