#include "error_mapping.hpp"

#include <Poco/Exception.h>

#include <iostream>

#include "contracting/kernel/errors.hpp"
#include "interfaces/mysql/connection.hpp"
#include "request_trace.hpp"

namespace zc::http {
namespace {

bool isUnavailable(int code) {
    return code == 2002 || code == 2003 || code == 2006 || code == 2013 || code == 1045 ||
           code == 2055;
}

// An internal error's description: into the request's error log line (docs/operations.md),
// or on standard error outside a request.
void noteInternal(const std::string& text) {
    if (currentTrace().id.empty()) {
        std::cerr << text << std::endl;
    } else {
        currentTrace().detail = text;
    }
}

// The database's message with every quoted value replaced by '?' ("Incorrect value: '...'"
// could quote input such as a BSN; no value may reach the log).
std::string withoutQuotedValues(const std::string& text) {
    std::string out;
    bool quoted = false;
    for (const char c : text) {
        if (c == '\'') {
            out += quoted ? "?'" : "'";
            quoted = !quoted;
        } else if (!quoted) {
            out += c;
        }
    }
    return out;
}

// A reply for one of the boundary's own codes (registered like every other code).
ErrorReply reply(const char* code, const char* message) {
    return {statusOf(kindOf(code)), code, message, ""};
}

}  // namespace

int statusOf(ErrorKind kind) {
    switch (kind) {
        case ErrorKind::Invalid:
            return 400;
        case ErrorKind::Unauthorized:
            return 401;
        case ErrorKind::Forbidden:
            return 403;
        case ErrorKind::NotFound:
            return 404;
        case ErrorKind::Conflict:
            return 409;
        case ErrorKind::Unprocessable:
            return 422;
        case ErrorKind::TooManyRequests:
            return 429;
        case ErrorKind::Internal:
            return 500;
        case ErrorKind::Unavailable:
            return 503;
        case ErrorKind::Reason:
            return 0;
    }
    return 500;
}

ErrorReply classifyCurrentException() {
    try {
        throw;
    } catch (const ValidationError& e) {
        // A reason code is reported inside results, never thrown: a programmer error.
        const int status = statusOf(e.kind());
        return {status == 0 ? 500 : status, e.code(), e.what(), e.field()};
    } catch (const db::DbError& e) {
        if (e.isDuplicateKey()) {
            return reply("CONFLICT", "The record exists already (concurrent request).");
        }
        if (e.code() == 1205 || e.code() == 1213) {
            return reply("RETRY", "The database was busy; repeat the request.");
        }
        noteInternal("database error " + std::to_string(e.code()) + ": " +
                     withoutQuotedValues(e.what()));
        if (e.outcomeUnknown()) {
            return reply("DATABASE_UNAVAILABLE",
                         "The database connection was lost while saving: the change may or may not "
                         "have been saved. Check before repeating the request.");
        }
        if (isUnavailable(e.code())) {
            return reply("DATABASE_UNAVAILABLE", "The database does not answer; try again later.");
        }
        return reply("INTERNAL", "An internal error occurred; it has been logged.");
    } catch (const Poco::Exception& e) {
        noteInternal("internal error: " + e.displayText());
        return reply("INTERNAL", "An internal error occurred; it has been logged.");
    } catch (const std::exception& e) {
        noteInternal(std::string("internal error: ") + e.what());
        return reply("INTERNAL", "An internal error occurred; it has been logged.");
    } catch (...) {
        return reply("INTERNAL", "An internal error occurred.");
    }
}

Poco::JSON::Object::Ptr errorBody(const ErrorReply& e) {
    Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
    o->set("code", e.code);
    o->set("message", e.message);
    if (e.field.empty()) {
        o->set("field", Poco::Dynamic::Var());
    } else {
        o->set("field", e.field);
    }
    // The id the operator finds the request by in the log (also the X-Request-Id header).
    auto& trace = currentTrace();
    trace.reason = e.code;
    if (!trace.id.empty()) o->set("request_id", trace.id);
    return o;
}

}  // namespace zc::http
