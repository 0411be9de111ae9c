#pragma once
// A request body written to a private temporary file (mode 600), removed with this object. Only
// a WMO323 (recognised by its namespace in the first 4 KiB) may use `declaration_limit`; any
// other message is refused at `message_limit` (BODY_TOO_LARGE), so nobody fills the disk with
// something else. Used by the message endpoints for large bodies.
#include <Poco/Net/HTTPServerRequest.h>

#include <cstddef>
#include <string>

namespace zc::http {

class SpooledBody {
  public:
    SpooledBody(Poco::Net::HTTPServerRequest& req, std::size_t message_limit,
                std::size_t declaration_limit);
    const std::string& path() const { return file_.path; }

  private:
    // Removed also when the constructor throws (e.g. BODY_TOO_LARGE half-way).
    struct File {
        std::string path;
        File() = default;
        File(const File&) = delete;
        File& operator=(const File&) = delete;
        ~File();
    } file_;
};

}  // namespace zc::http
