#pragma once
// The GGk double's state, shared by its server half (ggk_double.cpp) and its client half
// (ggk_peer.cpp). Internal to tests/ggk/support.
#include <Poco/Net/HTTPServer.h>
#include <Poco/ThreadPool.h>

#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>

#include "interfaces/iwmo/stuf_answers.hpp"
#include "interfaces/xml/xml_document.hpp"
#include "tests/ggk/support/ggk_double.hpp"
#include "tests/ggk/support/ggk_inspect.hpp"
#include "tests/support/test_pki.hpp"

namespace zc::test {

struct GgkDouble::Impl {
    explicit Impl(GgkDoubleOptions o);

    GgkDoubleOptions options;
    xml::SchemaSet schemas;  // ours: interfaces/xml/schemas/ggk-2.1
    ArtifactFolder artifacts;

    mutable std::mutex mutex;
    mutable std::condition_variable changed;  // a post recorded, or stopping
    std::deque<Behaviour> behaviours;
    int hang_millis = 5000;
    iwmo::StufFault fo03;
    std::vector<ReceivedEnvelope> received;
    bool stopping = false;

    std::mutex certificate_mutex;
    std::optional<IssuedCertificate> certificate;  // the GGk's, issued at the first post

    // The pool outlives the server: the destructor stops the server, then joins the pool.
    Poco::ThreadPool pool;
    std::unique_ptr<Poco::Net::HTTPServer> server;

    // The StUF header of an answer from the GGk to the sender of `r` about `cross`.
    iwmo::StufAnswerHeader answerHeader(const std::optional<iwmo::GgkSystem>& to,
                                        const std::string& cross) const;
};

}  // namespace zc::test
