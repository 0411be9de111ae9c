#include "spooled_body.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <filesystem>
#include <stdexcept>

#include "contracting/kernel/errors.hpp"
#include "interfaces/iwmo/message_kinds.hpp"

namespace zc::http {
namespace {

[[noreturn]] void bodyTooLarge(std::size_t limit) {
    throw ValidationError("BODY_TOO_LARGE",
                          "The request body is larger than " + std::to_string(limit) + " bytes.",
                          "");
}

constexpr const char* kLeftoverPrefix = "zorgcontract-body-";

// A new file without a name: O_TMPFILE where the file system has it, else a named file that is
// unlinked at once.
int openUnnamedFile() {
    const auto dir = std::filesystem::temp_directory_path();
    int fd = ::open(dir.c_str(), O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
    if (fd >= 0) return fd;
    std::string path = (dir / (std::string(kLeftoverPrefix) + "XXXXXX")).string();
    fd = ::mkostemp(path.data(), O_CLOEXEC);
    if (fd < 0) throw std::runtime_error("cannot create a temporary file for the body");
    ::unlink(path.c_str());
    return fd;
}

void writeAll(int fd, const char* data, std::size_t n) {
    while (n > 0) {
        const auto w = ::write(fd, data, n);
        if (w < 0 && errno == EINTR) continue;
        if (w <= 0) throw std::runtime_error("cannot write the request body to a temporary file");
        data += w;
        n -= static_cast<std::size_t>(w);
    }
}

}  // namespace

SpooledBody::SpooledBody(Poco::Net::HTTPServerRequest& req, std::size_t message_limit,
                         std::size_t declaration_limit) {
    file_.fd = openUnnamedFile();
    file_.path = "/proc/self/fd/" + std::to_string(file_.fd);
    char buf[65536];
    std::size_t total = 0;
    std::string head;
    std::size_t limit = message_limit;
    auto& in = req.stream();
    while (in.read(buf, sizeof buf) || in.gcount() > 0) {
        const auto got = static_cast<std::size_t>(in.gcount());
        if (head.size() < iwmo::kSniffBytes) {
            head.append(buf, std::min(got, iwmo::kSniffBytes - head.size()));
            if (iwmo::looksLikeDeclaration(head)) {
                limit = std::max(message_limit, declaration_limit);
            }
        }
        total += got;
        if (total > limit) bodyTooLarge(limit);
        writeAll(file_.fd, buf, got);
    }
}

SpooledBody::File::~File() {
    if (fd >= 0) ::close(fd);
}

int sweepSpoolLeftovers(const std::string& dir, int idle_seconds) {
    namespace fs = std::filesystem;
    int removed = 0;
    std::error_code ec;
    const auto cutoff = fs::file_time_type::clock::now() - std::chrono::seconds(idle_seconds);
    for (const auto& entry : fs::directory_iterator(dir, ec)) {
        const auto name = entry.path().filename().string();
        if (name.rfind(kLeftoverPrefix, 0) != 0 || !entry.is_regular_file(ec)) continue;
        const auto written = entry.last_write_time(ec);
        if (ec || written > cutoff) continue;
        if (fs::remove(entry.path(), ec)) ++removed;
    }
    return removed;
}

}  // namespace zc::http
