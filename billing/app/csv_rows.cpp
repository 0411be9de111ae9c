// The rows of a CSV declaration upload (csv_rows.hpp): kept apart from the use case so that the
// reader builds without the database (fuzz/csv_declaration).
#include "billing/app/csv_rows.hpp"

#include <algorithm>
#include <cctype>
#include <optional>
#include <string_view>

namespace zc::billing {
namespace {

constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";
const char* const kColumns[] = {"reference",    "allocation_number", "bsn",
                                "period_start", "period_end",        "volume"};

std::string trimmed(std::string_view s) {
    const auto first = s.find_first_not_of(" \t\r");
    if (first == std::string_view::npos) return {};
    const auto last = s.find_last_not_of(" \t\r");
    return std::string(s.substr(first, last - first + 1));
}

// The separator the line uses most outside quotes: ';' (Dutch Excel) or ','.
char separatorOf(std::string_view line) {
    std::size_t commas = 0, semicolons = 0;
    bool quoted = false;
    for (char c : line) {
        if (c == '"') quoted = !quoted;
        if (!quoted && c == ',') ++commas;
        if (!quoted && c == ';') ++semicolons;
    }
    return semicolons > commas ? ';' : ',';
}

// RFC 4180 fields of one line: "a;b" quoted with "" for a quote, each trimmed.
std::vector<std::string> fieldsOf(std::string_view line, char sep) {
    std::vector<std::string> out;
    std::string field;
    bool quoted = false;
    for (std::size_t i = 0; i < line.size(); ++i) {
        const char c = line[i];
        if (quoted && c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
            field += '"';
            ++i;
        } else if (c == '"') {
            quoted = !quoted;
        } else if (c == sep && !quoted) {
            out.push_back(trimmed(field));
            field.clear();
        } else {
            field += c;
        }
    }
    out.push_back(trimmed(field));
    return out;
}

// "12", "12,0", "12.00" -> 12; null for anything else (a fraction, a sign, too long).
std::optional<std::int64_t> wholeNumber(std::string_view s) {
    const auto mark = s.find_first_of(",.");
    const auto digits = s.substr(0, mark);
    if (digits.empty() || digits.size() > 12 ||
        digits.find_first_not_of("0123456789") != std::string_view::npos) {
        return std::nullopt;
    }
    if (mark != std::string_view::npos) {
        const auto fraction = s.substr(mark + 1);
        if (fraction.empty() || fraction.find_first_not_of('0') != std::string_view::npos) {
            return std::nullopt;
        }
    }
    return std::stoll(std::string(digits));
}

// YYYY-MM-DD, or D-M-YYYY / DD-MM-YYYY as Dutch Excel writes it.
std::optional<Date> csvDate(const std::string& s) {
    if (auto iso = tryParseDate(s)) return iso;
    const auto a = s.find('-');
    const auto b = a == std::string::npos ? a : s.find('-', a + 1);
    if (b == std::string::npos || a == 0 || a > 2 || b - a - 1 == 0 || b - a - 1 > 2 ||
        s.size() - b - 1 != 4) {
        return std::nullopt;
    }
    auto two = [](std::string_view d) {
        return d.size() == 1 ? "0" + std::string(d) : std::string(d);
    };
    return tryParseDate(s.substr(b + 1) + "-" + two(std::string_view(s).substr(a + 1, b - a - 1)) +
                        "-" + two(std::string_view(s).substr(0, a)));
}

class RowReader {
  public:
    std::vector<CsvProblem> problems;
    std::size_t total = 0;

    void problem(std::size_t row, std::string column, std::string code, std::string message) {
        ++total;
        if (problems.size() < kMaxCsvProblems) {
            problems.push_back({row, std::move(column), std::move(code), std::move(message)});
        }
    }

    std::optional<CsvRow> read(std::size_t row, const std::vector<std::string>& f) {
        if (f.size() != 6) {
            problem(row, "", "CSV_COLUMNS",
                    "Expected 6 columns, found " + std::to_string(f.size()) + ".");
            return std::nullopt;
        }
        const std::size_t before = total;
        CsvRow r;
        r.row = row;
        r.reference = f[0];
        if (r.reference.empty() || r.reference.size() > 20) {
            problem(row, kColumns[0], "CSV_REFERENCE", "The reference is 1-20 characters.");
        }
        r.allocation_number = number(row, 1, f[1]);
        r.bsn = f[2];
        r.begin = date(row, 3, f[3]);
        r.end = date(row, 4, f[4]);
        r.volume = number(row, 5, f[5]);
        if (total != before) return std::nullopt;
        return r;
    }

  private:
    std::int64_t number(std::size_t row, int column, const std::string& text) {
        if (const auto n = wholeNumber(text)) return *n;
        problem(row, kColumns[column], "CSV_WHOLE_NUMBER",
                std::string(kColumns[column]) + " must be a whole number, not '" +
                    text.substr(0, 20) + "'.");
        return 0;
    }

    Date date(std::size_t row, int column, const std::string& text) {
        if (const auto d = csvDate(text)) return *d;
        problem(row, kColumns[column], "CSV_DATE",
                std::string(kColumns[column]) + " must be a date YYYY-MM-DD or DD-MM-YYYY, not '" +
                    text.substr(0, 20) + "'.");
        return {};
    }
};

bool isHeader(const std::vector<std::string>& f) {
    std::string first = f[0];
    std::transform(first.begin(), first.end(), first.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return first == "reference" || first == "referentie";
}

}  // namespace

CsvRowsError::CsvRowsError(std::vector<CsvProblem> problems, std::size_t total)
    : ValidationError(
          "INVALID_CSV",
          std::to_string(total) + (total == 1 ? " problem" : " problems") +
              " in the upload; the first: " +
              (problems.front().row ? "row " + std::to_string(problems.front().row) + ": "
                                    : std::string()) +
              problems.front().message,
          "csv"),
      problems_(std::move(problems)) {}

std::vector<CsvRow> parseCsvRows(const std::string& input) {
    std::string_view text = input;
    if (text.substr(0, kByteOrderMark.size()) == kByteOrderMark) text.remove_prefix(3);
    RowReader reader;
    std::vector<CsvRow> rows;
    std::optional<char> sep;  // from the first line that is not blank
    std::size_t row = 0, data_rows = 0;
    for (std::size_t at = 0; at < text.size();) {
        const auto end = std::min(text.find('\n', at), text.size());
        const auto line = text.substr(at, end - at);
        at = end + 1;
        ++row;
        if (line.find_first_not_of(" \t\r") == std::string_view::npos) continue;
        const bool first = !sep;
        if (first) sep = separatorOf(line);
        const auto fields = fieldsOf(line, *sep);
        if (first && isHeader(fields)) continue;
        if (++data_rows > kMaxCsvRows) {
            reader.problem(row, "", "CSV_TOO_MANY_ROWS", "At most 10,000 rows per upload.");
            break;
        }
        if (auto r = reader.read(row, fields)) rows.push_back(std::move(*r));
    }
    if (rows.empty() && reader.total == 0) {
        reader.problem(0, "", "CSV_NO_ROWS", "The upload has no rows.");
    }
    if (reader.total > 0) throw CsvRowsError(std::move(reader.problems), reader.total);
    return rows;
}

}  // namespace zc::billing
