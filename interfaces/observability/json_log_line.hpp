#pragma once
// One structured log line: a flat JSON object written by hand, keys in the order they were
// added, strings escaped per RFC 8259 (quote, backslash and every control character; other
// bytes, UTF-8 included, as they are). Used for the request and error lines of the service
// (docs/operations.md, "Logs"); callers decide what goes in and never add personal data.
#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

namespace zc::obs {

// `text` as the inside of a JSON string (without the quotes).
std::string jsonEscaped(std::string_view text);

// "2026-12-03T07:10:00.123Z": UTC with milliseconds.
std::string utcMillis(std::chrono::system_clock::time_point t);

// Micro-units as a decimal with three places: 12345 -> "12.345" (milliseconds from microseconds).
std::string thousandths(std::int64_t micro_units);

class JsonLogLine {
  public:
    JsonLogLine& add(std::string_view key, std::string_view value);
    JsonLogLine& add(std::string_view key, const char* value) {
        return add(key, std::string_view(value));
    }
    JsonLogLine& add(std::string_view key, std::int64_t value);
    JsonLogLine& add(std::string_view key, int value) {
        return add(key, static_cast<std::int64_t>(value));
    }
    // A number as it is written (e.g. thousandths()); the caller guarantees valid JSON.
    JsonLogLine& addNumber(std::string_view key, std::string_view number);
    // The object's text: {"key":value,...}.
    std::string str() const { return text_ + "}"; }

  private:
    void key(std::string_view k);
    std::string text_ = "{";
};

}  // namespace zc::obs
