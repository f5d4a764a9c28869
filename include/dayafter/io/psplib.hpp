// PSPLIB single-mode project files (.sm; Kolisch & Sprecher 1996): jobs with a duration, their
// successors and the units they take of each renewable resource, and each resource's capacity.
// Read into plain values; the scheduling core turns them into a problem (plan/makespan.hpp).
// Jobs are numbered from 0 here (PSPLIB numbers them from 1); the first and last jobs are
// PSPLIB's dummy source and sink of duration 0. Reading is linear in the file's size.
//
//     const io::PsplibInstance instance = io::read_psplib("j30.sm/j301_1.sm");
//     instance.jobs[1].duration;   // PSPLIB's job 2
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace dayafter::io {

struct PsplibJob {
    std::int32_t duration = 0;
    std::vector<std::uint32_t> successors; // 0-based job indices
    std::vector<std::int32_t> demands;     // units per renewable resource
};

struct PsplibInstance {
    std::string name; // the file name without its extension, e.g. "j301_1"
    std::vector<PsplibJob> jobs;
    std::vector<std::int32_t> capacities; // per renewable resource
    std::int32_t horizon = 0;             // PSPLIB's upper bound on the makespan
};

/// Reads a PSPLIB .sm file. Throws InputError naming the file and line ("x.sm:17: ...") for a
/// missing file or section, a number that does not read, a job count that does not match, a
/// successor that is not a job, more than one mode, or non-renewable resources.
[[nodiscard]] PsplibInstance read_psplib(const std::filesystem::path& file);

/// The same from text already in memory; `origin` names it in messages.
[[nodiscard]] PsplibInstance parse_psplib(std::string_view text, const std::string& origin);

} // namespace dayafter::io
