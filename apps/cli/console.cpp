#include "console.hpp"

#include <array>
#include <cstdio>
#include <cstdlib>

#include <sys/ioctl.h>
#include <unistd.h>

#include <fmt/format.h>

#include "commands.hpp"

namespace dayafter::cli {
namespace {

using namespace std::chrono_literals;

/// How often the running time on the status line moves on.
constexpr auto kRefresh = 250ms;
constexpr std::array<char, 4> kSpinner = {'|', '/', '-', '\\'};

/// Results held back while a status line is shown. Past this size they are written anyway
/// (and may land after a status line): nobody reads a megabyte on a terminal.
std::array<char, std::size_t{1} << 20> held_output;

std::size_t terminal_columns() {
    winsize size{};
    if (ioctl(STDERR_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_col > 0) {
        return size.ws_col;
    }
    return 80;
}

/// The first `columns` characters of UTF-8 text: a status line that wrapped onto a second row
/// could not be taken back by a carriage return.
std::string_view first_columns(std::string_view text, std::size_t columns) {
    std::size_t characters = 0;
    for (std::size_t byte = 0; byte < text.size(); ++byte) {
        const bool starts_character = (static_cast<unsigned char>(text[byte]) & 0xC0) != 0x80;
        if (starts_character && characters++ == columns) {
            return text.substr(0, byte);
        }
    }
    return text;
}

} // namespace

Console::Style Console::style_for_stderr() {
    const char* term = std::getenv("TERM");
    const bool moves_cursor = term != nullptr && std::string_view(term) != "dumb";
    return isatty(STDERR_FILENO) == 1 && moves_cursor ? Style::StatusLine : Style::Lines;
}

Console::Console(Style style, bool show_progress)
    : style_(style), show_progress_(show_progress), start_(std::chrono::steady_clock::now()) {
    if (style_ == Style::StatusLine && isatty(STDOUT_FILENO) == 1) {
        std::setvbuf(stdout, held_output.data(), _IOFBF, held_output.size());
    }
}

Console::~Console() {
    finish();
}

void Console::write(LogLevel level, std::string_view text) {
    const std::scoped_lock lock(mutex_);
    if (level == LogLevel::Progress && !show_progress_) {
        return;
    }
    if (style_ == Style::Lines) {
        if (level == LogLevel::Warning) {
            fmt::print(stderr, "dayafter: warning: {}\n", text);
        } else if (level == LogLevel::Info) {
            fmt::print(stderr, "{}\n", text);
        } else {
            const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start_;
            fmt::print(stderr, "[{:6.2f} s] {}\n", elapsed.count(), text);
        }
        return;
    }
    if (level == LogLevel::Progress) {
        status_ = text;
        draw();
        if (!ticker_.joinable()) {
            ticker_ = std::thread([this] { tick(); });
        }
        return;
    }
    erase();
    std::fflush(stdout);
    fmt::print(stderr, "{}{}\n", level == LogLevel::Warning ? "dayafter: warning: " : "", text);
    // A note says a step is done; after a warning the same step goes on.
    if (level == LogLevel::Info) {
        status_.clear();
    } else if (!status_.empty()) {
        draw();
    }
}

void Console::finish() {
    {
        const std::scoped_lock lock(mutex_);
        erase();
        status_.clear();
        stopping_ = true;
        style_ = Style::Lines;
    }
    wake_.notify_all();
    if (ticker_.joinable()) {
        ticker_.join();
    }
    std::fflush(stdout);
}

void Console::draw() {
    const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start_;
    const std::string line =
        fmt::format("[{:6.1f} s] {} {}", elapsed.count(), status_, kSpinner[frame_ % 4]);
    // The last column stays free: writing into it makes some terminals wrap at once.
    fmt::print(stderr, "\r{}\x1b[K", first_columns(line, terminal_columns() - 1));
    std::fflush(stderr);
    drawn_ = true;
}

void Console::erase() {
    if (drawn_) {
        fmt::print(stderr, "\r\x1b[K");
        std::fflush(stderr);
        drawn_ = false;
    }
}

void Console::tick() {
    std::unique_lock lock(mutex_);
    while (!stopping_) {
        wake_.wait_for(lock, kRefresh);
        if (!stopping_ && !status_.empty()) {
            ++frame_;
            draw();
        }
    }
}

Logger Context::logger() const {
    return Logger([sink = console](LogLevel level, std::string_view text) {
        if (sink) {
            sink->write(level, text);
        }
    });
}

} // namespace dayafter::cli
