// GDAL's errors as our exceptions' reasons: while a writer runs, GDAL's messages are kept (not
// printed) and the last one is what a StorageError says.
#pragma once

#include <string>

#include <cpl_error.h>

namespace dayafter::io {

/// GDAL's last error message, or a fallback when it left none.
inline std::string gdal_reason() {
    const std::string message = CPLGetLastErrorMsg();
    return message.empty() ? std::string("GDAL gave no reason") : message;
}

/// Keeps GDAL quiet for its lifetime.
struct QuietGdalErrors {
    QuietGdalErrors() { CPLPushErrorHandler(CPLQuietErrorHandler); }
    ~QuietGdalErrors() { CPLPopErrorHandler(); }
    QuietGdalErrors(const QuietGdalErrors&) = delete;
    QuietGdalErrors& operator=(const QuietGdalErrors&) = delete;
};

} // namespace dayafter::io
