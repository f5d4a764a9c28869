#include "dayafter/io/psplib.hpp"

#include <algorithm>
#include <charconv>
#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "dayafter/util/error.hpp"

namespace dayafter::io {
namespace {

std::string_view trimmed(std::string_view s) {
    const auto first = s.find_first_not_of(" \t\r");
    if (first == std::string_view::npos) {
        return {};
    }
    return s.substr(first, s.find_last_not_of(" \t\r") - first + 1);
}

/// The file as numbered lines, and the lookups the format needs, each failing with file:line.
class Lines {
public:
    Lines(std::string_view text, std::string origin) : origin_(std::move(origin)) {
        std::size_t begin = 0;
        while (begin <= text.size()) {
            const std::size_t end = std::min(text.find('\n', begin), text.size());
            lines_.push_back(trimmed(text.substr(begin, end - begin)));
            begin = end + 1;
        }
    }

    [[noreturn]] void fail(std::size_t line, std::string_view what) const {
        throw InputError(fmt::format("{}:{}: {}", origin_, line + 1, what));
    }

    /// The first line starting with `key`; InputError naming the section when there is none.
    [[nodiscard]] std::size_t find(std::string_view key) const {
        for (std::size_t line = 0; line < lines_.size(); ++line) {
            if (lines_[line].starts_with(key)) {
                return line;
            }
        }
        fail(lines_.size() - 1, fmt::format("no '{}' line: not a PSPLIB .sm file", key));
    }

    /// The whole number after the colon of a "key : value [unit]" line.
    [[nodiscard]] std::int32_t value_of(std::string_view key) const {
        const std::size_t line = find(key);
        const std::string_view text = lines_[line];
        const auto colon = text.find(':');
        if (colon == std::string_view::npos) {
            fail(line, fmt::format("'{}' has no ':'", key));
        }
        const std::string_view value = trimmed(text.substr(colon + 1));
        return numbers(line, value.substr(0, value.find_first_of(" \t")), 1).front();
    }

    /// The first line after `from` that starts with a digit: a section's first data row.
    [[nodiscard]] std::size_t first_row_after(std::size_t from) const {
        for (std::size_t line = from + 1; line < lines_.size(); ++line) {
            if (!lines_[line].empty() && lines_[line].front() >= '0' &&
                lines_[line].front() <= '9') {
                return line;
            }
            if (lines_[line].starts_with("***")) {
                fail(line, "a section with no rows");
            }
        }
        fail(lines_.size() - 1, "a section with no rows");
    }

    /// The whole numbers of a line (at least `at_least` of them).
    [[nodiscard]] std::vector<std::int32_t> row(std::size_t line, std::size_t at_least) const {
        if (line >= lines_.size() || lines_[line].empty() || lines_[line].starts_with("***")) {
            fail(std::min(line, lines_.size() - 1), "fewer job rows than the job count says");
        }
        return numbers(line, lines_[line], at_least);
    }

private:
    [[nodiscard]] std::vector<std::int32_t> numbers(std::size_t line, std::string_view text,
                                                    std::size_t at_least) const {
        std::vector<std::int32_t> values;
        std::size_t i = 0;
        while (true) {
            i = text.find_first_not_of(" \t", i);
            if (i == std::string_view::npos) {
                break;
            }
            const std::size_t end = std::min(text.find_first_of(" \t", i), text.size());
            std::int32_t value = 0;
            const auto [ptr, ec] = std::from_chars(text.data() + i, text.data() + end, value);
            if (ec != std::errc{} || ptr != text.data() + end || value < 0) {
                fail(line, fmt::format("'{}' is not a whole number >= 0", text.substr(i, end - i)));
            }
            values.push_back(value);
            i = end;
        }
        if (values.size() < at_least) {
            fail(line, fmt::format("{} numbers where {} are needed", values.size(), at_least));
        }
        return values;
    }

    std::string origin_;
    std::vector<std::string_view> lines_;
};

void read_resource_counts(const Lines& lines, PsplibInstance& instance) {
    const std::int32_t renewable = lines.value_of("- renewable");
    for (const char* key : {"- nonrenewable", "- doubly constrained"}) {
        if (lines.value_of(key) != 0) {
            lines.fail(lines.find(key), "non-renewable resources are not supported (only .sm)");
        }
    }
    instance.capacities.resize(static_cast<std::size_t>(renewable));
}

void read_precedence(const Lines& lines, PsplibInstance& instance) {
    const std::size_t first = lines.first_row_after(lines.find("PRECEDENCE RELATIONS:"));
    const std::size_t n = instance.jobs.size();
    for (std::size_t job = 0; job < n; ++job) {
        const std::size_t line = first + job;
        const std::vector<std::int32_t> row = lines.row(line, 3);
        if (static_cast<std::size_t>(row[0]) != job + 1) {
            lines.fail(line, fmt::format("job {} where job {} is expected", row[0], job + 1));
        }
        if (row[1] != 1) {
            lines.fail(line,
                       fmt::format("{} modes: only single-mode files (.sm) are supported", row[1]));
        }
        if (row.size() != 3 + static_cast<std::size_t>(row[2])) {
            lines.fail(line,
                       fmt::format("{} successors announced, {} listed", row[2], row.size() - 3));
        }
        for (std::size_t k = 3; k < row.size(); ++k) {
            if (row[k] < 1 || static_cast<std::size_t>(row[k]) > n || row[k] == row[0]) {
                lines.fail(line,
                           fmt::format("successor {} is not another of the {} jobs", row[k], n));
            }
            instance.jobs[job].successors.push_back(static_cast<std::uint32_t>(row[k] - 1));
        }
    }
}

void read_requests(const Lines& lines, PsplibInstance& instance) {
    const std::size_t first = lines.first_row_after(lines.find("REQUESTS/DURATIONS:"));
    const std::size_t resources = instance.capacities.size();
    for (std::size_t job = 0; job < instance.jobs.size(); ++job) {
        const std::size_t line = first + job;
        const std::vector<std::int32_t> row = lines.row(line, 3 + resources);
        if (static_cast<std::size_t>(row[0]) != job + 1 || row[1] != 1) {
            lines.fail(line, fmt::format("job {} mode {} where job {} mode 1 is expected", row[0],
                                         row[1], job + 1));
        }
        if (row.size() != 3 + resources) {
            lines.fail(line,
                       fmt::format("{} requests for {} resources", row.size() - 3, resources));
        }
        instance.jobs[job].duration = row[2];
        instance.jobs[job].demands.assign(row.begin() + 3, row.end());
    }
}

void read_capacities(const Lines& lines, PsplibInstance& instance) {
    const std::size_t line = lines.first_row_after(lines.find("RESOURCEAVAILABILITIES:"));
    const std::vector<std::int32_t> row = lines.row(line, instance.capacities.size());
    if (row.size() != instance.capacities.size()) {
        lines.fail(line, fmt::format("{} capacities for {} resources", row.size(),
                                     instance.capacities.size()));
    }
    instance.capacities = row;
}

} // namespace

PsplibInstance parse_psplib(std::string_view text, const std::string& origin) {
    const Lines lines(text, origin);
    PsplibInstance instance;
    instance.name = std::filesystem::path(origin).stem().string();
    const std::int32_t job_count = lines.value_of("jobs (incl. supersource/sink )");
    if (job_count < 2) {
        lines.fail(lines.find("jobs (incl."), "fewer than the two dummy jobs");
    }
    instance.jobs.resize(static_cast<std::size_t>(job_count));
    instance.horizon = lines.value_of("horizon");
    read_resource_counts(lines, instance);
    read_precedence(lines, instance);
    read_requests(lines, instance);
    read_capacities(lines, instance);
    return instance;
}

PsplibInstance read_psplib(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) {
        throw InputError(fmt::format("{}: cannot open the PSPLIB file", file.string()));
    }
    std::ostringstream text;
    text << in.rdbuf();
    return parse_psplib(text.str(), file.string());
}

} // namespace dayafter::io
