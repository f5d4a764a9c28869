// The report page's template, built from web/report when dayafter is built and kept in the
// binary (GNU as's .incbin), so `dayafter report` needs no file at run time and cannot pick up a
// template of another version. DAYAFTER_REPORT_TEMPLATE_FILE is set by src/CMakeLists.txt.
#include "dayafter/report/report_page.hpp"

__asm__(".section .rodata\n"
        ".balign 16\n"
        "dayafter_report_template_begin:\n"
        ".incbin \"" DAYAFTER_REPORT_TEMPLATE_FILE "\"\n"
        "dayafter_report_template_end:\n"
        ".previous\n");

extern "C" const char dayafter_report_template_begin[];
extern "C" const char dayafter_report_template_end[];

namespace dayafter::report {

std::string_view report_page_template() {
    return {
        dayafter_report_template_begin,
        static_cast<std::size_t>(dayafter_report_template_end - dayafter_report_template_begin)};
}

} // namespace dayafter::report
