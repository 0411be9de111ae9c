#include "spooled_body.hpp"

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
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

}  // namespace

SpooledBody::SpooledBody(Poco::Net::HTTPServerRequest& req, std::size_t message_limit,
                         std::size_t declaration_limit) {
    std::string path =
        (std::filesystem::temp_directory_path() / "zorgcontract-body-XXXXXX").string();
    const int fd = ::mkstemp(path.data());
    if (fd < 0) throw std::runtime_error("cannot create a temporary file for the body");
    file_.path = path;
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    ::close(fd);
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
        out.write(buf, in.gcount());
    }
    out.close();
    if (!out) throw std::runtime_error("cannot write the request body to " + path);
}

SpooledBody::File::~File() {
    if (!path.empty()) ::unlink(path.c_str());
}

}  // namespace zc::http
