#include "outcome_texts.hpp"

#include <sstream>
#include <string_view>
#include <vector>

#include "error_mapping.hpp"

namespace zc::http {
namespace {

struct Section {
    ErrorKind kind;
    const char* title;
};

// In the order a reader looks for them.
constexpr Section kSections[] = {
    {ErrorKind::Invalid, "400 — the request or a field is wrong (`field` names it)"},
    {ErrorKind::Unauthorized, "401 — log in (again)"},
    {ErrorKind::Forbidden, "403 — not allowed for this caller"},
    {ErrorKind::NotFound, "404 — no such object"},
    {ErrorKind::Conflict, "409 — conflicts with what is recorded"},
    {ErrorKind::Unprocessable, "422 — refers to something that does not exist or does not fit"},
    {ErrorKind::TooManyRequests, "429 — too many attempts"},
    {ErrorKind::Internal, "500 — an internal error (logged)"},
    {ErrorKind::Unavailable, "503 — the database does not answer or was busy"},
    {ErrorKind::Reason, "Reason codes — reported inside results, never a refusal"},
};

// Markdown table cells: a "|" would end the cell.
std::string cell(std::string_view text) {
    std::string out;
    for (char c : text) {
        if (c == '|') out += '\\';
        out += c;
    }
    return out;
}

// A JavaScript string literal in single quotes.
std::string jsString(std::string_view text) {
    std::string out = "'";
    for (char c : text) {
        if (c == '\'' || c == '\\') out += '\\';
        out += c;
    }
    return out + "'";
}

void jsDictionary(std::ostringstream& out, const char* language,
                  std::string_view OutcomeCode::*text) {
    out << "  " << language << ": {\n";
    for (const OutcomeCode& o : outcomeCodes()) {
        if (o.kind == ErrorKind::Reason) continue;
        out << "    'error." << o.code << "': " << jsString(o.*text) << ",\n";
    }
    out << "  },\n";
}

}  // namespace

std::string outcomeCodesMarkdown() {
    std::ostringstream out;
    out << "# Error and reason codes\n\n"
           "<!-- Generated from the outcome registry (contracting/kernel/outcome_table.inc) by\n"
           "     scripts/generate-outcome-texts.sh: edit the registry, not this file. -->\n\n"
           "Every refusal is JSON `{\"code\": \"...\", \"message\": \"...\", \"field\": "
           "\"...\"|null}` "
           "and changes nothing. The code is stable; the message names the details. A code has "
           "one HTTP status. The web application shows the Dutch or English text below (or a "
           "screen's own wording of it).\n";
    for (const Section& s : kSections) {
        out << "\n## " << s.title
            << "\n\n| code | meaning | betekenis | explained in |\n|---|---|---|---|\n";
        for (const OutcomeCode& o : outcomeCodes()) {
            if (o.kind != s.kind) continue;
            const std::string page(o.documented_in.substr(o.documented_in.rfind('/') + 1));
            out << "| `" << o.code << "` | " << cell(o.english) << " | " << cell(o.dutch) << " | ["
                << page << "](" << page << ") |\n";
        }
    }
    return out.str();
}

std::string outcomeCodesJavaScript() {
    std::ostringstream out;
    out << "// Generated from the outcome registry (contracting/kernel/outcome_table.inc) by\n"
           "// scripts/generate-outcome-texts.sh: edit the registry, not this file. The generic "
           "text\n"
           "// of every code a refusal can carry; a screen may register its own wording\n"
           "// (PREFIX.error.CODE, see i18n.js localizer).\n"
           "import { addStrings } from './i18n.js';\n\n"
           "addStrings({\n";
    jsDictionary(out, "nl", &OutcomeCode::dutch);
    jsDictionary(out, "en", &OutcomeCode::english);
    out << "});\n";
    return out.str();
}

}  // namespace zc::http
