#include "service_log.hpp"

#include <Poco/AutoPtr.h>
#include <Poco/ConsoleChannel.h>
#include <Poco/FileChannel.h>
#include <Poco/NullChannel.h>
#include <Poco/SplitterChannel.h>

#include <iostream>
#include <stdexcept>

namespace zc::obs {
namespace {

Poco::Logger& logger() {
    static Poco::Logger& log = []() -> Poco::Logger& {
        Poco::Logger& l = Poco::Logger::get("zorgcontract");
        l.setChannel(Poco::AutoPtr<Poco::Channel>(new Poco::NullChannel));
        return l;
    }();
    return log;
}

}  // namespace

int logPriority(const std::string& level) {
    if (level == "info") return Poco::Message::PRIO_INFORMATION;
    if (level == "warn") return Poco::Message::PRIO_WARNING;
    if (level == "none") return 0;
    try {
        return Poco::Logger::parseLevel(level);
    } catch (const Poco::Exception&) {
        throw std::runtime_error(
            "configuration key log.level must be one of none, fatal, critical, error, warning, "
            "notice, information, debug, trace (was '" +
            level + "')");
    }
}

void configureLogging(const LogSettings& settings) {
    const int priority = logPriority(settings.level);
    Poco::AutoPtr<Poco::SplitterChannel> splitter(new Poco::SplitterChannel);
    if (settings.to_stdout) {
        splitter->addChannel(Poco::AutoPtr<Poco::Channel>(new Poco::ConsoleChannel(std::cout)));
    }
    if (!settings.file.empty()) {
        Poco::AutoPtr<Poco::FileChannel> file(new Poco::FileChannel(settings.file));
        file->open();  // fails now (a missing folder, no permission), not at the first request
        splitter->addChannel(file);
    }
    logger().setChannel(splitter);
    logger().setLevel(priority);
}

Poco::Logger& serviceLog() { return logger(); }

}  // namespace zc::obs
