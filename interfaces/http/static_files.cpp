#include "static_files.hpp"

#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/URI.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

namespace zc::http {
namespace {

namespace fs = std::filesystem;

const std::map<std::string, std::string>& contentTypes() {
    static const std::map<std::string, std::string> types = {
        {".html", "text/html; charset=utf-8"},
        {".js", "text/javascript; charset=utf-8"},
        {".css", "text/css; charset=utf-8"},
        {".json", "application/json; charset=utf-8"},
        {".svg", "image/svg+xml"},
        {".png", "image/png"},
        {".ico", "image/x-icon"},
        {".txt", "text/plain; charset=utf-8"},
    };
    return types;
}

// Letters, digits and . _ - / only; no empty, hidden or parent segments.
bool safeRelative(const std::string& path) {
    if (path.empty() || path.front() == '/') return false;
    std::stringstream ss(path);
    std::string segment;
    while (std::getline(ss, segment, '/')) {
        if (segment.empty() || segment.front() == '.') return false;
        for (const char c : segment) {
            const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                            (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
            if (!ok) return false;
        }
    }
    return true;
}

void secureHeaders(Poco::Net::HTTPServerResponse& res) {
    res.set("Content-Security-Policy",
            "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
            "frame-ancestors 'none'");
    res.set("X-Content-Type-Options", "nosniff");
    res.set("X-Frame-Options", "DENY");
    res.set("Referrer-Policy", "no-referrer");
    res.set("Strict-Transport-Security", "max-age=31536000");
    res.set("Cache-Control", "no-cache");
}

void plain(Poco::Net::HTTPServerResponse& res, Poco::Net::HTTPResponse::HTTPStatus status,
           const std::string& text) {
    res.setStatusAndReason(status);
    res.setContentType("text/plain; charset=utf-8");
    res.setContentLength(static_cast<std::streamsize>(text.size()));
    res.send() << text;
}

}  // namespace

std::string staticFilePath(const std::string& root, const std::string& uri_path) {
    std::string rel = uri_path;
    while (!rel.empty() && rel.front() == '/') rel.erase(0, 1);
    const auto last_slash = rel.rfind('/');
    const std::string last = last_slash == std::string::npos ? rel : rel.substr(last_slash + 1);
    // A screen of the application (no file extension): the page that shows it.
    if (rel.empty() || last.find('.') == std::string::npos) rel = "index.html";
    if (!safeRelative(rel)) return "";
    if (!contentTypes().count(fs::path(rel).extension().string())) return "";
    std::error_code ec;
    const fs::path base = fs::canonical(root, ec);
    if (ec) return "";
    const fs::path file = fs::weakly_canonical(base / rel, ec);
    if (ec || !fs::is_regular_file(file, ec)) return "";
    const auto [end, _] = std::mismatch(base.begin(), base.end(), file.begin(), file.end());
    if (end != base.end()) return "";  // a symbolic link out of the folder
    return file.string();
}

void StaticFileHandler::handleRequest(Poco::Net::HTTPServerRequest& req,
                                      Poco::Net::HTTPServerResponse& res) {
    secureHeaders(res);
    if (req.getMethod() != "GET" && req.getMethod() != "HEAD") {
        res.set("Allow", "GET, HEAD");
        plain(res, Poco::Net::HTTPResponse::HTTP_METHOD_NOT_ALLOWED, "Method not allowed.\n");
        return;
    }
    std::string path;
    try {
        path = staticFilePath(root_, Poco::URI(req.getURI()).getPath());
    } catch (const Poco::Exception&) {
        path.clear();
    }
    if (path.empty()) {
        plain(res, Poco::Net::HTTPResponse::HTTP_NOT_FOUND, "Not found.\n");
        return;
    }
    std::ifstream in(path, std::ios::binary);
    std::ostringstream body;
    body << in.rdbuf();
    const std::string text = body.str();
    res.setStatusAndReason(Poco::Net::HTTPResponse::HTTP_OK);
    res.setContentType(contentTypes().at(fs::path(path).extension().string()));
    res.setContentLength(static_cast<std::streamsize>(text.size()));
    if (req.getMethod() == "HEAD") {
        res.send();
    } else {
        res.send() << text;
    }
}

}  // namespace zc::http
