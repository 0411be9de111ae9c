// zc_ggk_double: the GGk test double as a process, for shell scripts (issue 16).
//   zc_ggk_double --port P --tls-dir DIR --oin OIN --log FILE [--hang-first N] [--hang-ms MS]
//                 [--artifacts DIR]
// Serves until SIGTERM or SIGINT. For every post it appends one line to FILE, flushed at once:
//   <seq> <kind> <referentienummer> <functie> <answered> <ok|fail>
// kind Di01/Du01/Fo01 ("invalid" with referentienummer "invalid" when our schemas refuse it),
// functie "-" for a Fo01, answered Bv03/Fo03/hang/drop, and whether the body's element
// validates against the official XSD. --hang-first N: the first N posts hang (--hang-ms,
// default 5000) before their Bv03. Artifacts go to --artifacts, else $ZC_ARTIFACTS/ggk.
#include <Poco/Exception.h>
#include <pthread.h>

#include <atomic>
#include <csignal>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <map>
#include <thread>

#include "tests/ggk/support/ggk_double.hpp"
#include "tests/ggk/support/ggk_inspect.hpp"

namespace {

using zc::test::ReceivedEnvelope;

std::map<std::string, std::string> arguments(int argc, char** argv) {
    std::map<std::string, std::string> out;
    for (int i = 1; i + 1 < argc; i += 2) out[argv[i]] = argv[i + 1];
    return out;
}

std::string logLine(const ReceivedEnvelope& r) {
    const std::string kind = r.message ? zc::test::ggkKindName(r.message->kind) : "invalid";
    const std::string reference = r.message ? zc::test::referenceOf(*r.message) : "invalid";
    const std::string functie = r.message ? zc::test::functieOf(*r.message) : "-";
    return std::to_string(r.seq) + " " + kind + " " + reference + " " + functie + " " + r.answered +
           " " + (r.official_problems.empty() ? "ok" : "fail");
}

// Appends a line per post as it is recorded, until `stop`.
void logPosts(const zc::test::GgkDouble& ggk, const std::string& file,
              const std::atomic<bool>& stop) {
    std::ofstream log(file, std::ios::app);
    std::size_t written = 0;
    const auto more = [&](const std::vector<ReceivedEnvelope>& all) {
        return all.size() > written;
    };
    for (bool last = false; !last;) {
        last = stop;
        ggk.waitFor(more, std::chrono::milliseconds(200));
        const auto all = ggk.received();
        for (; written < all.size(); ++written) log << logLine(all[written]) << std::endl;
    }
}

int usage() {
    std::cerr << "usage: zc_ggk_double --port P --tls-dir DIR --oin OIN --log FILE"
                 " [--hang-first N] [--hang-ms MS] [--artifacts DIR]\n";
    return 2;
}

}  // namespace

int main(int argc, char** argv) {
    auto args = arguments(argc, argv);
    for (const char* required : {"--port", "--tls-dir", "--oin", "--log"}) {
        if (!args.count(required)) return usage();
    }
    // The signals are taken by sigwait below, not by any of the server's threads.
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGTERM);
    sigaddset(&signals, SIGINT);
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);

    zc::test::GgkDoubleOptions options;
    options.port = std::stoi(args["--port"]);
    options.tls_dir = args["--tls-dir"];
    options.oin = args["--oin"];
    if (args.count("--artifacts")) {
        options.artifacts_dir = args["--artifacts"];
    } else if (const char* dir = std::getenv("ZC_ARTIFACTS"); dir && *dir) {
        options.artifacts_dir = std::string(dir) + "/ggk";
    }
    try {
        zc::test::GgkDouble ggk(options);
        if (args.count("--hang-ms")) ggk.setHangMillis(std::stoi(args["--hang-ms"]));
        if (args.count("--hang-first"))
            ggk.queue(zc::test::Behaviour::Hang, std::stoi(args["--hang-first"]));
        std::atomic<bool> stop = false;
        std::thread logger(logPosts, std::cref(ggk), args["--log"], std::cref(stop));
        std::cout << "zc_ggk_double listening on 127.0.0.1:" << options.port << std::endl;
        int signal = 0;
        sigwait(&signals, &signal);
        stop = true;
        logger.join();
    } catch (const Poco::Exception& e) {
        std::cerr << "zc_ggk_double: " << e.displayText() << "\n";
        return 1;
    } catch (const std::exception& e) {
        std::cerr << "zc_ggk_double: " << e.what() << "\n";
        return 1;
    }
    return 0;
}
