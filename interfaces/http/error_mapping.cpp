#include "error_mapping.hpp"

#include <Poco/Exception.h>

#include <iostream>

#include "contracting/kernel/errors.hpp"
#include "interfaces/mysql/connection.hpp"

namespace zc::http {
namespace {

int statusOf(ErrorKind k) {
    switch (k) {
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
    }
    return 400;
}

bool isUnavailable(int code) {
    return code == 2002 || code == 2003 || code == 2006 || code == 2013 || code == 1045 ||
           code == 2055;
}

}  // namespace

ErrorReply classifyCurrentException() {
    try {
        throw;
    } catch (const ValidationError& e) {
        return {statusOf(e.kind()), e.code(), e.what(), e.field()};
    } catch (const db::DbError& e) {
        if (e.isDuplicateKey()) {
            return {409, "CONFLICT", "The record exists already (concurrent request).", ""};
        }
        if (e.code() == 1205 || e.code() == 1213) {
            return {503, "RETRY", "The database was busy; repeat the request.", ""};
        }
        std::cerr << "database error: " << e.what() << std::endl;
        if (isUnavailable(e.code())) {
            return {503, "DATABASE_UNAVAILABLE", "The database does not answer; try again later.",
                    ""};
        }
        return {500, "INTERNAL", "An internal error occurred; it has been logged.", ""};
    } catch (const Poco::Exception& e) {
        std::cerr << "internal error: " << e.displayText() << std::endl;
        return {500, "INTERNAL", "An internal error occurred; it has been logged.", ""};
    } catch (const std::exception& e) {
        std::cerr << "internal error: " << e.what() << std::endl;
        return {500, "INTERNAL", "An internal error occurred; it has been logged.", ""};
    } catch (...) {
        return {500, "INTERNAL", "An internal error occurred.", ""};
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
