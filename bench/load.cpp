// Read load against the real HTTPS server (bench/national.sh), two modes:
//
//   zc_bench_load --port P --ca CA.crt --requests FILE --sequential N
//       each request of FILE N times, one after the other on one keep-alive connection:
//       per request p50/p99/max in ms and the errors;
//   zc_bench_load --port P --ca CA.crt --requests FILE --rate R --seconds S [--connections C]
//       open loop at a fixed rate: request i is due at start + i / R, whatever the answers
//       before it did, cycling through FILE; C keep-alive connections (default 16) send what is
//       due; latency counts from the due time (a slow answer delays the ones behind it, and
//       that delay is measured, not hidden). Reports the achieved rate, p50/p99/max, errors.
//       Bounded: what is not sent by SECONDS + --grace (default 10) is counted as an error
//       (unsent), and --read-seconds (default 30) bounds each request of the sequential mode.
//
// FILE: one request a line, tab-separated: NAME, METHOD (GET or POST), PATH, TOKEN, and for a
// POST a JSON body. An answer other than 2xx, or a broken connection, is an error. Output:
// one line per request name "read NAME n=… p50_ms=… p99_ms=… max_ms=… errors=…", then
// "total n=… seconds=… achieved_rps=… p50_ms=… p99_ms=… max_ms=… errors=…".
#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/HTTPSClientSession.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/SSLManager.h>
#include <Poco/StreamCopier.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <mutex>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

struct Request {
    std::string name, method, path, token, body;
};

struct Sample {
    std::size_t request;
    double ms;
    bool error;
};

struct Options {
    int port = 0;
    std::string ca, file;
    int sequential = 0, connections = 16;
    double rate = 0, seconds = 0;
    double read_seconds = 30;  // sequential: at most this long per request
    double grace = 10;         // fixed rate: requests not sent by seconds + grace are errors
};

std::vector<Request> readRequests(const std::string& file) {
    std::ifstream in(file);
    if (!in) throw std::runtime_error("cannot read " + file);
    std::vector<Request> out;
    std::string line;
    while (std::getline(in, line)) {
        if (line.empty() || line[0] == '#') continue;
        std::vector<std::string> f;
        std::stringstream s(line);
        for (std::string x; std::getline(s, x, '\t');) f.push_back(x);
        if (f.size() < 4) throw std::runtime_error("bad request line: " + line);
        out.push_back({f[0], f[1], f[2], f[3], f.size() > 4 ? f[4] : ""});
    }
    if (out.empty()) throw std::runtime_error("no requests in " + file);
    return out;
}

class Connection {
  public:
    Connection(const Options& o, Poco::Net::Context::Ptr ctx) : o_(o), ctx_(std::move(ctx)) {
        open();
    }
    // Sends the request and reads the whole answer; false on a non-2xx answer or a broken
    // connection (then the connection is opened anew for the next request).
    bool send(const Request& r) {
        try {
            Poco::Net::HTTPRequest req(r.method, r.path, Poco::Net::HTTPMessage::HTTP_1_1);
            req.setKeepAlive(true);
            req.set("Authorization", "Bearer " + r.token);
            if (r.method == "POST") {
                req.setContentType("application/json");
                req.setContentLength(static_cast<std::streamsize>(r.body.size()));
                session_->sendRequest(req) << r.body;
            } else {
                session_->sendRequest(req);
            }
            Poco::Net::HTTPResponse res;
            auto& in = session_->receiveResponse(res);
            std::string body;
            Poco::StreamCopier::copyToString(in, body);
            const int status = static_cast<int>(res.getStatus());
            if (status < 200 || status > 299) {
                if (errors_printed_++ < 3) {
                    std::cerr << "zc_bench_load: " << r.name << " answered " << status << ": "
                              << body.substr(0, 300) << "\n";
                }
                return false;
            }
            return true;
        } catch (const std::exception& e) {
            if (errors_printed_++ < 3)
                std::cerr << "zc_bench_load: " << r.name << ": " << e.what() << "\n";
            open();
            return false;
        }
    }

  private:
    void open() {
        session_ = std::make_unique<Poco::Net::HTTPSClientSession>(
            "127.0.0.1", static_cast<Poco::UInt16>(o_.port), ctx_);
        session_->setKeepAlive(true);
        session_->setTimeout(Poco::Timespan(30, 0));
    }
    const Options& o_;
    Poco::Net::Context::Ptr ctx_;
    std::unique_ptr<Poco::Net::HTTPSClientSession> session_;
    int errors_printed_ = 0;
};

double ms(Clock::duration d) { return std::chrono::duration<double, std::milli>(d).count(); }

double percentile(std::vector<double>& v, double p) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    const auto i = static_cast<std::size_t>(p * static_cast<double>(v.size() - 1) + 0.5);
    return v[std::min(i, v.size() - 1)];
}

std::string figures(std::vector<double> v, std::size_t errors) {
    char buf[200];
    std::snprintf(buf, sizeof buf, "n=%zu p50_ms=%.1f p99_ms=%.1f max_ms=%.1f errors=%zu", v.size(),
                  percentile(v, 0.5), percentile(v, 0.99),
                  v.empty() ? 0.0 : *std::max_element(v.begin(), v.end()), errors);
    return buf;
}

void report(const std::vector<Request>& requests, const std::vector<Sample>& samples,
            double seconds, std::size_t unsent = 0) {
    std::map<std::string, std::vector<double>> per;
    std::map<std::string, std::size_t> errors;
    std::vector<double> all;
    std::size_t all_errors = unsent;
    for (const auto& s : samples) {
        const auto& name = requests[s.request].name;
        per[name].push_back(s.ms);
        all.push_back(s.ms);
        if (s.error) ++errors[name], ++all_errors;
    }
    for (const auto& r : requests) {
        if (auto it = per.find(r.name); it != per.end()) {
            std::cout << "read " << r.name << " " << figures(it->second, errors[r.name]) << "\n";
            per.erase(it);
        }
    }
    char buf[160];
    std::snprintf(buf, sizeof buf, " seconds=%.1f achieved_rps=%.1f unsent=%zu", seconds,
                  static_cast<double>(samples.size()) / seconds, unsent);
    std::cout << "total " << figures(all, all_errors) << buf << std::endl;
}

void sequential(const Options& o, Poco::Net::Context::Ptr ctx, const std::vector<Request>& rs) {
    Connection c(o, ctx);
    std::vector<Sample> samples;
    const auto start = Clock::now();
    for (std::size_t r = 0; r < rs.size(); ++r) {
        c.send(rs[r]);  // one unmeasured call: the connection and the server's caches warm up
        const auto until = Clock::now() + std::chrono::duration_cast<Clock::duration>(
                                              std::chrono::duration<double>(o.read_seconds));
        for (int i = 0; i < o.sequential && Clock::now() < until; ++i) {
            const auto t0 = Clock::now();
            const bool ok = c.send(rs[r]);
            samples.push_back({r, ms(Clock::now() - t0), !ok});
        }
    }
    report(rs, samples, std::chrono::duration<double>(Clock::now() - start).count());
}

void fixedRate(const Options& o, Poco::Net::Context::Ptr ctx, const std::vector<Request>& rs) {
    const auto total = static_cast<std::size_t>(o.rate * o.seconds);
    const auto interval = std::chrono::duration<double>(1.0 / o.rate);
    std::atomic<std::size_t> next{0};
    std::vector<std::vector<Sample>> per_thread(static_cast<std::size_t>(o.connections));
    const auto start = Clock::now() + std::chrono::milliseconds(200);
    const auto deadline = start + std::chrono::duration_cast<Clock::duration>(
                                      std::chrono::duration<double>(o.seconds + o.grace));
    std::atomic<std::size_t> unsent{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < o.connections; ++t) {
        threads.emplace_back([&, t] {
            Connection c(o, ctx);
            auto& mine = per_thread[static_cast<std::size_t>(t)];
            for (std::size_t i = next++; i < total; i = next++) {
                const auto due = start + std::chrono::duration_cast<Clock::duration>(
                                             interval * static_cast<double>(i));
                std::this_thread::sleep_until(due);
                if (Clock::now() > deadline) {
                    ++unsent;  // the server fell too far behind: counted as errors
                    continue;
                }
                const bool ok = c.send(rs[i % rs.size()]);
                mine.push_back({i % rs.size(), ms(Clock::now() - due), !ok});
            }
        });
    }
    for (auto& t : threads) t.join();
    const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
    std::vector<Sample> all;
    for (auto& v : per_thread) all.insert(all.end(), v.begin(), v.end());
    report(rs, all, seconds, unsent);
}

Options parse(int argc, char** argv) {
    Options o;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string a = argv[i], v = argv[i + 1];
        if (a == "--port")
            o.port = std::stoi(v);
        else if (a == "--ca")
            o.ca = v;
        else if (a == "--requests")
            o.file = v;
        else if (a == "--sequential")
            o.sequential = std::stoi(v);
        else if (a == "--rate")
            o.rate = std::stod(v);
        else if (a == "--seconds")
            o.seconds = std::stod(v);
        else if (a == "--connections")
            o.connections = std::stoi(v);
        else if (a == "--read-seconds")
            o.read_seconds = std::stod(v);
        else if (a == "--grace")
            o.grace = std::stod(v);
        else
            throw std::runtime_error("unknown option " + a);
    }
    if (o.port <= 0 || o.ca.empty() || o.file.empty() ||
        (o.sequential <= 0 && (o.rate <= 0 || o.seconds <= 0)) || o.connections < 1) {
        throw std::runtime_error(
            "usage: zc_bench_load --port P --ca CA --requests FILE (--sequential N | --rate R"
            " --seconds S [--connections C])");
    }
    return o;
}

}  // namespace

int main(int argc, char** argv) {
    try {
        const Options o = parse(argc, argv);
        Poco::Net::initializeSSL();
        const auto requests = readRequests(o.file);
        Poco::Net::Context::Ptr ctx = new Poco::Net::Context(
            Poco::Net::Context::TLS_CLIENT_USE, "", "", o.ca, Poco::Net::Context::VERIFY_RELAXED);
        if (o.sequential > 0) {
            sequential(o, ctx, requests);
        } else {
            fixedRate(o, ctx, requests);
        }
        return 0;
    } catch (const std::exception& e) {
        std::cerr << "zc_bench_load: " << e.what() << std::endl;
        return 2;
    }
}
