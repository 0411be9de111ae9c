#pragma once
// Maps every failure to an HTTP status and the JSON error body {"code","message","field"} (plus
// "request_id" inside a request, request_trace.hpp). The one place where exceptions become
// statuses.
#include <Poco/JSON/Object.h>

#include <exception>
#include <string>

#include "contracting/kernel/outcome_codes.hpp"

namespace zc::http {

// The HTTP status of a kind of outcome (0 for a Reason: never a refusal).
int statusOf(ErrorKind kind);

struct ErrorReply {
    int status;
    std::string code;
    std::string message;
    std::string field;
};

// Classifies the exception currently being handled (call inside a catch block).
ErrorReply classifyCurrentException();

Poco::JSON::Object::Ptr errorBody(const ErrorReply& e);

}  // namespace zc::http
