#pragma once
// The web application's files, served by the same HTTPS server: GET and HEAD of files under one
// folder (no listing, no path outside it, no hidden files), with a strict Content Security
// Policy. Paths without a file extension get index.html, so that every screen can be reloaded.
#include <Poco/Net/HTTPRequestHandler.h>

#include <string>

namespace zc::http {

class StaticFileHandler : public Poco::Net::HTTPRequestHandler {
  public:
    explicit StaticFileHandler(std::string root) : root_(std::move(root)) {}
    void handleRequest(Poco::Net::HTTPServerRequest& req,
                       Poco::Net::HTTPServerResponse& res) override;

  private:
    std::string root_;
};

// The file under `root` that `uri_path` names, or "" when it names none that may be served.
std::string staticFilePath(const std::string& root, const std::string& uri_path);

}  // namespace zc::http
