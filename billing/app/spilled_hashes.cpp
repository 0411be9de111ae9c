#include "spilled_hashes.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <queue>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace zc::billing {
namespace {

constexpr std::size_t kReadValues = 1024;  // 8 KiB read from each run at a time

[[noreturn]] void fail(const std::string& what) {
    throw std::runtime_error("spilled hashes: " + what + ": " + std::strerror(errno));
}

// A private file without a name in the temporary folder.
int anonymousFile() {
    const char* dir = std::getenv("TMPDIR");
    const std::string folder = dir && *dir ? dir : "/tmp";
    const int fd = ::open(folder.c_str(), O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
    if (fd < 0) fail("cannot create a temporary file in " + folder);
    return fd;
}

// One sorted run in the file, read back a slice at a time.
struct Run {
    std::uint64_t offset = 0;  // in values
    std::uint64_t count = 0;
    std::uint64_t read = 0;  // values taken into `slice` so far
    std::vector<std::uint64_t> slice;
    std::size_t at = 0;
};

class SpilledHashColumn final : public HashColumn {
  public:
    explicit SpilledHashColumn(std::size_t run_values) : run_values_(run_values) {}
    ~SpilledHashColumn() override {
        if (fd_ >= 0) ::close(fd_);
    }
    SpilledHashColumn(const SpilledHashColumn&) = delete;
    SpilledHashColumn& operator=(const SpilledHashColumn&) = delete;

    void add(std::uint64_t value) override {
        buffer_.push_back(value);
        if (buffer_.size() == run_values_) spill();
    }
    bool next(std::uint64_t& value) override;
    void rewind() override { started_ = false; }

  private:
    using Head = std::pair<std::uint64_t, std::size_t>;  // value, run
    void spill();
    void start();
    bool refill(Run& r);

    const std::size_t run_values_;
    std::vector<std::uint64_t> buffer_;
    int fd_ = -1;
    std::uint64_t written_ = 0;  // values in the file
    std::vector<Run> runs_;
    bool sealed_ = false;   // no more adds: the last run is written (or all is in memory)
    bool started_ = false;  // a read is under way
    std::size_t at_ = 0;    // the read position when everything is in memory
    std::priority_queue<Head, std::vector<Head>, std::greater<Head>> heads_;
};

void SpilledHashColumn::spill() {
    std::sort(buffer_.begin(), buffer_.end());
    if (fd_ < 0) fd_ = anonymousFile();
    const auto bytes = buffer_.size() * sizeof(std::uint64_t);
    const auto* data = reinterpret_cast<const char*>(buffer_.data());
    for (std::size_t done = 0; done < bytes;) {
        const auto n = ::pwrite(fd_, data + done, bytes - done,
                                static_cast<off_t>(written_ * sizeof(std::uint64_t) + done));
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) fail("cannot write");
        done += static_cast<std::size_t>(n);
    }
    runs_.push_back({written_, buffer_.size(), 0, {}, 0});
    written_ += buffer_.size();
    buffer_.clear();
}

bool SpilledHashColumn::refill(Run& r) {
    const auto n = std::min<std::uint64_t>(kReadValues, r.count - r.read);
    if (n == 0) return false;
    r.slice.resize(n);
    const auto bytes = n * sizeof(std::uint64_t);
    auto* data = reinterpret_cast<char*>(r.slice.data());
    const off_t at = static_cast<off_t>((r.offset + r.read) * sizeof(std::uint64_t));
    for (std::size_t done = 0; done < bytes;) {
        const auto got = ::pread(fd_, data + done, bytes - done, at + static_cast<off_t>(done));
        if (got < 0 && errno == EINTR) continue;
        if (got <= 0) fail("cannot read");
        done += static_cast<std::size_t>(got);
    }
    r.read += n;
    r.at = 0;
    return true;
}

void SpilledHashColumn::start() {
    if (!sealed_) {
        sealed_ = true;
        if (runs_.empty()) {
            std::sort(buffer_.begin(), buffer_.end());
        } else if (!buffer_.empty()) {
            spill();
        }
        buffer_.shrink_to_fit();
    }
    started_ = true;
    at_ = 0;
    heads_ = {};
    for (std::size_t i = 0; i < runs_.size(); ++i) {
        runs_[i].read = 0;
        if (refill(runs_[i])) heads_.push({runs_[i].slice[0], i});
    }
}

bool SpilledHashColumn::next(std::uint64_t& value) {
    if (!started_) start();
    if (runs_.empty()) {
        if (at_ == buffer_.size()) return false;
        value = buffer_[at_++];
        return true;
    }
    if (heads_.empty()) return false;
    const auto [v, i] = heads_.top();
    heads_.pop();
    value = v;
    Run& r = runs_[i];
    if (++r.at < r.slice.size() || refill(r)) heads_.push({r.slice[r.at], i});
    return true;
}

}  // namespace

std::unique_ptr<HashColumn> spilledHashColumn(std::size_t run_values) {
    if (run_values == 0) throw std::invalid_argument("a run holds at least one value");
    return std::make_unique<SpilledHashColumn>(run_values);
}

}  // namespace zc::billing
