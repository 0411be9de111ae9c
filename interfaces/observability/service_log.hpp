#pragma once
// The service's structured log through POCO's logging: one Poco::Logger ("zorgcontract") whose
// channel writes each message's text as one line to standard output and/or a file. The text is
// a JSON object made by JsonLogLine; nothing else is added (docs/operations.md, "Logs").
#include <Poco/Logger.h>

#include <string>

namespace zc::obs {

struct LogSettings {
    // none, fatal, critical, error, warning, notice, information (or info), debug, trace
    std::string level = "information";
    std::string file;       // "" = no log file
    bool to_stdout = true;  // lines on standard output
};

// POCO's priority of a level name; throws std::runtime_error naming log.level when unknown.
int logPriority(const std::string& level);

// Installs the channels and level (the server calls it once at start-up, before serving).
void configureLogging(const LogSettings& settings);

// The service's logger. Until configureLogging it writes nothing.
Poco::Logger& serviceLog();

}  // namespace zc::obs
