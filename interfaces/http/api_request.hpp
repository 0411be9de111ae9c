#pragma once
// The request and answer of the JSON handlers: plain functions of (RequestContext&, const
// ApiRequest&) returning ApiResponse, so that the HTTP layer, the CLI and the demo loader call the
// same code. RequestContext itself is the kernel's (contracting/kernel/request_context.hpp).
#include <Poco/JSON/Object.h>

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "contracting/kernel/civil_date.hpp"
#include "contracting/kernel/request_context.hpp"
#include "interfaces/security/scratch_file.hpp"

namespace zc::http {

using app::Actor;
using app::RequestContext;
using app::Role;

struct ApiRequest {
    std::map<std::string, std::string> path;   // {id} placeholders
    std::map<std::string, std::string> query;  // query string
    Poco::JSON::Object::Ptr body;              // never null (empty object when absent)
    std::string bearer_token;  // raw session token (header or web cookie), for logout
    std::string raw_body;      // for XML endpoints (body is then empty)
    // For XML endpoints with a large body: the file it was spooled to (raw_body is then empty),
    // so that a declaration of 100 MB is streamed from disk, not held in memory.
    std::string body_file;
    std::string client_agb;  // AGB from the client certificate (mutual TLS), "" when none

    const std::string& pathParam(const std::string& name) const { return path.at(name); }
    std::int64_t pathId(const std::string& name) const;  // NOT_FOUND for non-numeric
    // The query parameter's value, or "" when absent.
    std::string queryValue(const std::string& name) const;
    // The first `n` bytes of the raw body (from body_file when it was spooled).
    std::string rawHead(std::size_t n) const;
    // The whole raw body as text (reads body_file when it was spooled).
    std::string rawText() const;
};

// A use case's answer: HTTP status (200/201) and a JSON value.
struct ApiResponse {
    ApiResponse() = default;
    ApiResponse(int s, Poco::Dynamic::Var b) : status(s), body(std::move(b)) {}

    int status = 200;
    Poco::Dynamic::Var body;
    std::string content_type;  // when set, `raw` is sent as is instead of `body` as JSON
    std::string raw;
    // Instead of `raw`: a raw answer sent from this private temporary file (a large WMO325).
    std::shared_ptr<security::ScratchFile> raw_file;
    std::string cache_control;  // for a raw answer; "" = no-store
    // For a raw answer: a download, sent with Content-Disposition: attachment and this file
    // name (plain ASCII, no quotes); "" = shown inline.
    std::string attachment;
    // The web application's session (log-in and log-out): the server sets this token as an
    // HttpOnly cookie; "" clears the cookie.
    std::optional<std::string> session_cookie;
    // A paged list's total before limit and offset: sent as the header X-Total-Count.
    std::optional<std::int64_t> total_count;
};

// An answer whose JSON text is written already (JsonObjectWriter): sent as is, with the headers
// of every JSON answer.
inline ApiResponse jsonTextAnswer(int status, std::string text) {
    ApiResponse answer;
    answer.status = status;
    answer.content_type = "application/json; charset=utf-8";
    answer.raw = std::move(text);
    return answer;
}

// A page of a list (a JSON array) with its total (X-Total-Count).
inline ApiResponse pagedAnswer(Poco::Dynamic::Var items, std::int64_t total) {
    ApiResponse answer(200, std::move(items));
    answer.total_count = total;
    return answer;
}

}  // namespace zc::http
