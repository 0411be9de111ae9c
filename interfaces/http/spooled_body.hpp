#pragma once
// A request body written to a private temporary file (mode 600) that has no name in any folder
// (O_TMPFILE, or unlinked right after it was created): a worker killed half-way leaves nothing
// readable behind (issue 14, #2: a WMO323 carries BSNs). path() is /proc/self/fd/N, which this
// process can open while the object lives; the data goes when it closes. Only
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
    // Closed (and so gone) also when the constructor throws (e.g. BODY_TOO_LARGE half-way).
    struct File {
        int fd = -1;
        std::string path;
        File() = default;
        File(const File&) = delete;
        File& operator=(const File&) = delete;
        ~File();
    } file_;
};

// What a spool of an older version left behind (a named "zorgcontract-body-*" file of a run
// killed mid-upload): removes those in `dir` not written to for `idle` seconds (a live upload
// of another process keeps writing). Called at start-up; returns how many it removed.
int sweepSpoolLeftovers(const std::string& dir, int idle_seconds);

}  // namespace zc::http
