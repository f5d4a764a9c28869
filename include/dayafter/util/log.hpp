// How the library reports progress and warnings without writing to stdout or stderr.
//
// Long operations take a Logger; the application decides where messages go. An empty Logger
// drops them:
//
//     Logger log{[](LogLevel level, std::string_view text) { std::cerr << text << '\n'; }};
//     log.info("reading nodes and ways");
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <utility>

namespace dayafter {

enum class LogLevel { Progress, Info, Warning };

class Logger {
public:
    using Sink = std::function<void(LogLevel, std::string_view)>;

    Logger() = default;
    explicit Logger(Sink sink) : sink_(std::move(sink)) {}

    void progress(std::string_view text) const { emit(LogLevel::Progress, text); }
    void info(std::string_view text) const { emit(LogLevel::Info, text); }
    void warning(std::string_view text) const { emit(LogLevel::Warning, text); }

private:
    void emit(LogLevel level, std::string_view text) const {
        if (sink_) {
            sink_(level, text);
        }
    }
    Sink sink_;
};

} // namespace dayafter
