#include "error_mapping.hpp"

#include <Poco/Exception.h>

#include <iostream>

#include "contracting/kernel/errors.hpp"
#include "interfaces/mysql/connection.hpp"

namespace zc::http {
namespace {

bool isUnavailable(int code) {
    return code == 2002 || code == 2003 || code == 2006 || code == 2013 || code == 1045 ||
           code == 2055;
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
        std::cerr << "database error: " << e.what() << std::endl;
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
        std::cerr << "internal error: " << e.displayText() << std::endl;
        return reply("INTERNAL", "An internal error occurred; it has been logged.");
    } catch (const std::exception& e) {
        std::cerr << "internal error: " << e.what() << std::endl;
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
    return o;
}

}  // namespace zc::http
